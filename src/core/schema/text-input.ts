import { LIMITS } from './limits';
import { nestingDepth, quote, thousands } from './primitives';
import type { InputProblem } from './problems';

/**
 * Checks of a file's text before any parser sees it, shared by every reader of files (scenario
 * files, move files, saves): its size, its encoding, and how deeply it can nest. A parser handed
 * a megabyte of "[" runs out of memory, and one handed UTF-16 reports nonsense; these checks
 * say what is wrong instead.
 */

export type TextCheck =
  { ok: true; text: string } | { ok: false; message: string; line?: number; column?: number };

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: index - start + 1 };
}

/**
 * A file's text, checked: at most `maxChars` characters, UTF-8 (a byte-order mark is dropped),
 * no NUL characters, and no bracket nesting a parser cannot take. `what` names the file's kind
 * in messages ("a scenario file").
 */
export function checkTextInput(text: unknown, maxChars: number, what: string): TextCheck {
  if (typeof text !== 'string') return { ok: false, message: `${what} must be text` };
  if (text.length > maxChars)
    return {
      ok: false,
      message: `it is ${thousands(text.length)} characters long; ${what} has at most ${thousands(maxChars)}`,
    };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // UTF-16 read as UTF-8: its byte-order mark turns into two replacement characters, and every
  // other character of plain text is a NUL.
  if (/^\ufffd\ufffd/.test(body) || /^(?:[^\0]\0){2}|^(?:\0[^\0]){2}/.test(body)) {
    return { ok: false, message: `it is UTF-16 text; ${what} must be saved as UTF-8` };
  }
  const nul = body.indexOf('\0');
  if (nul >= 0)
    return {
      ok: false,
      message: `it contains a NUL character, so it is not a text file (or it is UTF-16; ${what} must be saved as UTF-8)`,
      ...position(body, nul),
    };
  const replaced = body.indexOf('\ufffd');
  if (replaced >= 0)
    return {
      ok: false,
      message: `it is not valid UTF-8 text (a byte there is not UTF-8); ${what} must be saved as UTF-8`,
      ...position(body, replaced),
    };
  const deep = deepBrackets(body);
  if (deep >= 0) {
    return {
      ok: false,
      message: `it nests brackets more than ${FLOW_DEPTH} deep; ${what} nests at most ${LIMITS.depth} levels`,
      ...position(body, deep),
    };
  }
  return { ok: true, text: body };
}

/** Far above LIMITS.depth (the exact check comes after parsing), far below what breaks a parser. */
const FLOW_DEPTH = 200;

/**
 * Where brackets (JSON's, or YAML's flow collections) first nest deeper than FLOW_DEPTH, or -1.
 * Skips quoted strings and comments; counts an opening bracket anywhere inside brackets, and
 * outside them only where a value can start (so "note: see [1" in a YAML text is no bracket).
 * A guard for the parser, not a parser: the exact depth is checked on the parsed data.
 */
function deepBrackets(text: string): number {
  let depth = 0;
  let lineStart = true;
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      last = '';
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    const valueStarts =
      lineStart ||
      last === ':' ||
      last === '-' ||
      last === '?' ||
      last === ',' ||
      last === '[' ||
      last === '{';
    if ((c === '"' || c === "'") && valueStarts) {
      // A quoted string runs to its closing quote (with \" and '' escapes); a quote inside a word is just a character.
      for (i++; i < text.length; i++) {
        if (text[i] === '\\' && c === '"') i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    } else if ((c === '[' || c === '{') && (depth > 0 || valueStarts)) {
      depth += 1;
      if (depth > FLOW_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth -= 1;
    }
    lineStart = false;
    last = c;
  }
  return -1;
}

/**
 * Problems of shape in parsed data, checked before the schema so that it never walks a hostile
 * one: nesting deeper than LIMITS.depth, a list far longer than any a file of the game holds, and
 * a field named "__proto__" (which zod's records drop without a word). Iterative: any depth is safe.
 */
export function sizeProblems(data: unknown, maxList = 1_000): InputProblem[] {
  const depth = nestingDepth(data);
  if (depth > LIMITS.depth)
    return [
      {
        path: [],
        message: `the data nests more than ${LIMITS.depth} levels deep; nothing in the game nests that deep`,
      },
    ];
  const problems: InputProblem[] = [];
  const stack: [unknown, PropertyKey[]][] = [[data, []]];
  while (stack.length > 0 && problems.length < LIMITS.problemsShown) {
    const [node, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      if (node.length > maxList)
        problems.push({
          path,
          message: `a list of ${thousands(node.length)} items; lists here hold at most ${thousands(maxList)}`,
        });
      else node.forEach((child, i) => stack.push([child, [...path, i]]));
    } else {
      const keys = Object.keys(node);
      if (Object.prototype.hasOwnProperty.call(node, '__proto__')) {
        problems.push({
          path: [...path, '__proto__'],
          message:
            '"__proto__" cannot be a field or an id: it names the prototype of every JavaScript object',
        });
      }
      if (keys.length > maxList)
        problems.push({
          path,
          message: `an object with ${thousands(keys.length)} fields (the first is ${quote(keys[0])}); objects here have at most ${thousands(maxList)}`,
        });
      else for (const key of keys) stack.push([(node as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return problems;
}
