import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The corpus of bad inputs: one JSON file per class of input (scenario files, move files, result
 * codes, saves, links, game options, command lines), each a list of cases. A case names what is
 * wrong with its input, gives the input (literally, or as a recipe for inputs too large or too
 * binary to keep in git), and lists the words the answer must contain: the problem, the place, and
 * what was expected. To add a case, add an entry; to add a class (the class server's messages),
 * add a file with a new `kind` and a runner for it in corpus.test.ts.
 */

export type Kind =
  'scenario-file' | 'move-file' | 'result-code' | 'save' | 'link' | 'options' | 'command-line' | 'server-message';

/** A part of a text: literal, or a string repeated (a megabyte of "[" is a recipe, not a file). */
export type Part =
  | string
  | { repeat: string; times: number }
  /** Issues for a scenario's list, each with `positions` plain positions. */
  | { issueBlocks: { count: number; positions: number } }
  /** A YAML mapping nested this deep in block style ("a:" on each line, one more space each time). */
  | { blockDepth: number };

/**
 * How to build an input's text: literal `text`; or a `base` file (tests/fixtures or scenarios/) with
 * `patch`es, each [text to find, replacement]; or `parts`. `base` is a path from the repository's root. Then optionally saved in another
 * `encoding`, with or without a byte-order mark.
 */
export interface TextRecipe {
  text?: string;
  base?: string;
  patch?: [string, string | Part[]][];
  parts?: Part[];
  encoding?: 'utf8' | 'utf16le' | 'utf16be' | 'latin1';
  bom?: boolean;
  /** Raw bytes in hexadecimal, spliced in place of the marker "{{bytes}}" in the text. */
  bytes?: string;
}

export interface Case {
  /** What is wrong, in a few words. */
  name: string;
  /** Kind-specific: a text recipe, a string, an argv list, an object, or an edit of a reference value. */
  input: unknown;
  /** Words the answer must contain. */
  expect: string[];
  /** For result codes: the ResultCodeError problem it must be classified as. */
  problem?: string;
}

export interface CorpusFile {
  about: string;
  kind: Kind;
  cases: Case[];
}

const here = fileURLToPath(new URL('.', import.meta.url));

export function corpus(): CorpusFile[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.json') && f !== 'formula-payloads.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(`${here}/${f}`, 'utf8')) as CorpusFile);
}

function issueBlocks(count: number, positions: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    out += `  - id: extra${i}\n    label: Extra ${i}\n    holder: us\n    category: economic\n    statusQuo: p0\n    positions:\n`;
    for (let j = 0; j < positions; j++) out += `      - { id: p${j}, label: Position ${j} }\n`;
  }
  return out;
}

function partsText(parts: Part[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('repeat' in p) return p.repeat.repeat(p.times);
      if ('issueBlocks' in p) return issueBlocks(p.issueBlocks.count, p.issueBlocks.positions);
      return `${Array.from({ length: p.blockDepth }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`;
    })
    .join('');
}

/** A file of the repository, by its path from the root (e.g. "tests/fixtures/mini.yaml"). */
function baseText(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
}

/** The bytes a recipe describes. */
export function recipeBytes(recipe: TextRecipe | string): Buffer {
  const r: TextRecipe = typeof recipe === 'string' ? { text: recipe } : recipe;
  let text = r.text ?? (r.parts ? partsText(r.parts) : r.base ? baseText(r.base) : '');
  for (const [from, to] of r.patch ?? []) {
    if (!text.includes(from))
      throw new Error(`the corpus patch does not apply: ${JSON.stringify(from)} is not in ${r.base}`);
    text = text.replace(from, typeof to === 'string' ? to : partsText(to));
  }
  if (r.bom) text = `\ufeff${text}`;
  let bytes: Buffer;
  if (r.encoding === 'utf16be') bytes = Buffer.from(text, 'utf16le').swap16();
  else bytes = Buffer.from(text, r.encoding ?? 'utf8');
  if (r.bytes !== undefined) {
    const marker = Buffer.from('{{bytes}}');
    const at = bytes.indexOf(marker);
    if (at < 0) throw new Error('the corpus recipe has bytes but no {{bytes}} marker');
    bytes = Buffer.concat([
      bytes.subarray(0, at),
      Buffer.from(r.bytes, 'hex'),
      bytes.subarray(at + marker.length),
    ]);
  }
  return bytes;
}

/** A recipe's text as a reader of files sees it: the bytes decoded as UTF-8, as Node's readFileSync(file, 'utf8') and the browser's File.text() do. */
export function recipeText(recipe: TextRecipe | string): string {
  return recipeBytes(recipe).toString('utf8');
}

/** Set (or with `undefined`, delete) the value at a path inside a JSON value. */
export function edited(value: unknown, edits: [(string | number)[], unknown][]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  for (const [path, to] of edits) {
    let at = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (to === undefined) delete at[last];
    else at[last] = to;
  }
  return copy;
}

/** A stack trace, or the "at file:line:column" lines of one, anywhere in a process's output. */
export const STACK_TRACE = /^\s+at .*(:\d+:\d+\)?|<anonymous>|native)$|node:internal|^\w*Error: .*\n\s+at /m;
