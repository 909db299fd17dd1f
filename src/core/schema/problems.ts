import type { z } from 'zod';
import { LIMITS } from './limits';
import { quote } from './primitives';

/** One thing wrong with an input, at a path into it (e.g. ["issues", 2, "positions", 0, "id"]). */
export interface InputProblem {
  path: PropertyKey[];
  message: string;
}

/** A path as people read it: "issues[2].positions[0].id", or "(top level)". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && !/^[A-Za-z0-9_$][A-Za-z0-9_$.-]*$/.test(key))
      out += `[${quote(key, 40)}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(top level)';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, key))
      return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
  undefined: 'nothing',
  null: 'null',
  bigint: 'a number',
  nan: 'not a number',
};

/** zod's own wording of a type mismatch in the game's words, or null when the value is simply absent. */
function plainWords(message: string): string | null {
  const m = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (!m) return message;
  if (m[2] === 'undefined') return null;
  return `expected ${TYPE_WORDS[m[1]!] ?? m[1]}, got ${TYPE_WORDS[m[2]!] ?? m[2]}`;
}

/**
 * The schema's complaints about `data`, in words: an unknown field names the field, a missing
 * one says it is missing, and no message quotes more than a few dozen characters of the input.
 */
export function schemaProblems(error: z.ZodError, data: unknown): InputProblem[] {
  const out: InputProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: [...issue.path, key],
          // A key with spaces is nearly always the tail of a text cut at a comma inside { ... }.
          message: /\s/.test(key)
            ? `unknown field ${quote(key)}: a text with a comma inside { ... } must be quoted, e.g. note: 'a, b'`
            : `unknown field ${quote(key)}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A record's key failed the key schema (an id): say why, as for any other id.
      for (const inner of issue.issues)
        out.push({ path: issue.path, message: plainWords(inner.message) ?? 'is missing' });
      continue;
    }
    const present = valueAt(data, issue.path) !== undefined;
    const message = plainWords(issue.message);
    out.push({
      path: issue.path,
      message: message === null ? 'is missing' : present ? message : `is missing (${message})`,
    });
  }
  return out;
}

/** The first LIMITS.problemsShown lines of a report, then how many more there are. */
export function capped(lines: readonly string[], max: number = LIMITS.problemsShown): string[] {
  return lines.length <= max
    ? [...lines]
    : [...lines.slice(0, max), `… and ${lines.length - max} more problems`];
}
