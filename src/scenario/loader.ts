import { isNode, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { LIMITS } from '../core/schema/limits';
import { quote } from '../core/schema/primitives';
import { formatPath, schemaProblems, type InputProblem } from '../core/schema/problems';
import { scenarioSchema } from '../core/schema/scenario';
import { checkTextInput, sizeProblems } from '../core/schema/text-input';
import type { Scenario } from '../core/types';
import { checkReferences } from './references';

export { formatPath };

/** One problem in a scenario file, located as precisely as the file allows. */
export interface ScenarioProblem {
  file: string;
  /** Dotted path into the scenario, e.g. "issues[2].positions[0].effects[1].indicator". */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

export function formatProblem(p: ScenarioProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path}: ${p.message}`;
}

/** The tags of plain YAML: a scenario file needs no other (the parser would ignore an unknown one). */
const PLAIN_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/** The line and column of the nearest node at or above `path` in the parsed YAML. */
function locate(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): { line: number; column: number } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      return { line, column: col };
    }
    if (n === 0 && doc.contents && isNode(doc.contents) && doc.contents.range) {
      const { line, col } = counter.linePos(doc.contents.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

/** A parser message's first line, without the position the problem carries anyway, and cut short. */
function parserMessage(message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (/Maximum call stack size exceeded/.test(first)) return `the file nests too deeply to read; a scenario nests at most ${LIMITS.depth} levels`;
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}

/**
 * Parse and validate one scenario file (YAML or JSON: JSON is read as YAML, which keeps line
 * numbers). Reports every problem it finds (the first LIMITS.problemsShown of them, then how
 * many more), each with its line. Never throws: whatever the text, the answer is a scenario or
 * the problems that stop it.
 */
export function loadScenario(file: string, text: string): LoadResult {
  try {
    return load(file, text);
  } catch (error) {
    // Every parser failure met so far is caught above; this is the guard for the ones not yet met.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file, path: '(file)', message: `the file could not be read (${message.slice(0, 200)})` }] };
  }
}

function load(file: string, raw: string): LoadResult {
  const checked = checkTextInput(raw, LIMITS.scenarioFileChars, 'a scenario file');
  if (!checked.ok) return { ok: false, problems: [{ file, path: '(file)', ...(checked.line !== undefined ? { line: checked.line, column: checked.column } : {}), message: checked.message }] };
  const text = checked.text;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  };
  const syntax: ScenarioProblem[] = doc.errors.map((e) => ({ file, path: '(syntax)', line: e.linePos?.[0].line, column: e.linePos?.[0].col, message: parserMessage(e.message) }));
  visit(doc, {
    Node(_, node) {
      if (node.tag !== undefined && !PLAIN_TAGS.has(node.tag)) {
        syntax.push({ file, path: '(syntax)', ...at(node.range?.[0]), message: `unknown tag ${quote(node.tag.replace(/^tag:yaml\.org,2002:/, '!!'))}: a scenario file is plain YAML (or JSON), without tags` });
      }
    },
  });
  if (syntax.length > 0) return { ok: false, problems: capped(syntax, file) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return { ok: false, problems: [{ file, path: '(syntax)', message: 'the file repeats itself through aliases (*name) more than a scenario ever needs: it would expand to an enormous document' }] };
    }
    throw error;
  }
  if (doc.contents === null) return { ok: false, problems: [{ file, path: '(file)', message: 'the file holds no data (it is empty, or only comments); a scenario file starts with its id, version and title' }] };
  const sized = sizeProblems(data);
  if (sized.length > 0) return { ok: false, problems: located(sized, file, doc, counter) };
  const found: InputProblem[] = [];
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) found.push(...schemaProblems(parsed.error, data));
  found.push(...checkReferences(data));
  if (found.length > 0 || !parsed.success) return { ok: false, problems: located(found, file, doc, counter) };
  const { $schema: _schema, ...scenario } = parsed.data;
  return { ok: true, scenario };
}

/** Each problem once, with its line, in file order; at most LIMITS.problemsShown, then a count of the rest. */
function located(found: InputProblem[], file: string, doc: Document, counter: LineCounter): ScenarioProblem[] {
  const seen = new Set<string>();
  const unique: InputProblem[] = [];
  for (const f of found) {
    const key = `${formatPath(f.path)}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(f);
  }
  const problems = unique.slice(0, LIMITS.problemsShown).map((f) => ({ file, path: formatPath(f.path), ...(locate(doc, counter, f.path) ?? {}), message: f.message }));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return capped(problems, file, unique.length);
}

function capped(problems: ScenarioProblem[], file: string, total = problems.length): ScenarioProblem[] {
  const shown = problems.slice(0, LIMITS.problemsShown);
  if (total > shown.length) shown.push({ file, path: '(file)', message: `and ${total - shown.length} more problems` });
  return shown;
}

export interface ScenarioSet {
  scenarios: Scenario[];
  /** Files that failed, with every problem each one had. The others still load. */
  failures: { file: string; problems: ScenarioProblem[] }[];
}

/** Load several files; a bad file is reported and skipped, and two files with one id are both refused. */
export function loadScenarioSet(files: { file: string; text: string }[]): ScenarioSet {
  const scenarios: Scenario[] = [];
  const failures: ScenarioSet['failures'] = [];
  const byId = new Map<string, string>();
  for (const { file, text } of files) {
    const result = loadScenario(file, text);
    if (!result.ok) {
      failures.push({ file, problems: result.problems });
      continue;
    }
    const other = byId.get(result.scenario.id);
    if (other !== undefined) {
      failures.push({ file, problems: [{ file, path: 'id', message: `scenario id "${result.scenario.id}" is already used by ${other}` }] });
      continue;
    }
    byId.set(result.scenario.id, file);
    scenarios.push(result.scenario);
  }
  return { scenarios, failures };
}
