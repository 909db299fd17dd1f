import { z } from 'zod';
import { LIMITS } from './limits';
import { AI_PLAYERS, DIFFICULTIES, INDICATOR_IDS, RESERVED_NAMES, SIDES } from './vocabulary';

/**
 * The building blocks of every schema: ids, texts and numbers with their bounds, and the words
 * used to quote bad input back without echoing a megabyte of it.
 */

/** Control characters, and characters that print as nothing (soft hyphen, zero-width and bidirectional marks, the BOM). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A value quoted in a message: JSON-like, cut to a few dozen characters, with invisible and
 * control characters spelled out (a byte-order mark shows as \ufeff). Never recurses into the
 * value, so a value nested 200,000 deep quotes as quickly as a number.
 */
export function quote(value: unknown, max: number = LIMITS.quoteChars): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.length > max ? value.slice(0, max + 1) : value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else if (value === undefined) return 'nothing';
  else if (Array.isArray(value)) return `a list of ${value.length}`;
  else if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0
      ? 'an empty object'
      : `an object with ${keys
          .slice(0, 3)
          .map((k) => quote(k, 20))
          .join(', ')}${keys.length > 3 ? ', …' : ''}`;
  } else text = typeof value;
  text = text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > max + 2 ? `${text.slice(0, max)}…"` : text;
}

/** Names for a message: each quoted, the first dozen, then how many more. */
export function listed(names: Iterable<unknown>, max = 12): string {
  const all = [...names];
  const shown = all
    .slice(0, max)
    .map((n) => (typeof n === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(n) ? n : quote(n)));
  return all.length > max ? `${shown.join(', ')} and ${all.length - max} more` : shown.join(', ');
}

/** 1000000 as "1,000,000" (no locale: messages read the same everywhere). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** How deep `value` nests (a number is 0, `[]` is 1), counting no further than `limit + 1`. Iterative: any depth is safe. */
export function nestingDepth(value: unknown, limit: number = LIMITS.depth): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (here > limit) return here;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === 'object' && child !== null) stack.push([child, here]);
  }
  return deepest;
}

export const idSchema = z
  .string({ error: 'expected an id (letters, digits, ".", "_" or "-")' })
  .max(LIMITS.idChars, { error: `an id has at most ${LIMITS.idChars} characters` })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error:
      'an id may only contain letters, digits, ".", "_" and "-", and must not start with a punctuation mark',
  })
  .refine((s) => !RESERVED_NAMES.includes(s), {
    error: (issue) =>
      `${quote(issue.input)} cannot be an id: every JavaScript object already has a member of that name`,
  });

/**
 * Control characters a text never needs (tabs and line breaks aside): ESC and BEL start the
 * sequences a terminal obeys, so a title printed by a command could clear the screen or retitle
 * the window; C1 controls (U+0080–U+009F) include a one-character escape (U+009B).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A text with at most `max` characters, not empty, trimmed, without control characters but tabs and line breaks. */
export const textOf = (max: number, what = 'text') =>
  z
    .string({ error: `expected ${what}` })
    .max(max, { error: `at most ${thousands(max)} characters` })
    .trim()
    .min(1, { error: 'must not be empty' })
    .refine((s) => !TEXT_CONTROL.test(s), { error: (issue) => `must not contain control characters (${quote(String(issue.input).match(TEXT_CONTROL)?.[0] ?? '')} found)` });

/** A name or label. */
export const nameSchema = textOf(LIMITS.nameChars);
/** A sentence or a short paragraph. */
export const textSchema = textOf(LIMITS.textChars);
/** A long text. */
export const proseSchema = textOf(LIMITS.proseChars);

export const sideSchema = z.enum(SIDES, { error: 'expected "us" or "china"' });
export const indicatorSchema = z.enum(INDICATOR_IDS, {
  error: `expected one of the indicators: ${INDICATOR_IDS.join(', ')}`,
});
export const difficultySchema = z.enum(DIFFICULTIES, { error: `expected ${DIFFICULTIES.join(', ')}` });
export const aiPlayerSchema = z.enum(AI_PLAYERS, { error: `expected ${AI_PLAYERS.join(', ')}` });

/** A finite number of at most LIMITS.magnitude either way. */
export const numberSchema = z
  .number({ error: 'expected a number' })
  .refine(Number.isFinite, { error: 'expected a finite number' })
  .refine((x) => Math.abs(x) <= LIMITS.magnitude, {
    error: `a number here lies between −${thousands(LIMITS.magnitude)} and ${thousands(LIMITS.magnitude)}`,
  });

export const wholeNumber = (min: number, max: number, what = 'a whole number') =>
  z
    .number({ error: `expected ${what}` })
    .int({ error: `expected ${what}` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${thousands(max)}` });

export const probabilitySchema = z
  .number({ error: 'expected a probability' })
  .min(0, { error: 'a probability must lie between 0 and 1' })
  .max(1, { error: 'a probability must lie between 0 and 1' });

/** A list of at most `max` items. */
export const listOf = <T extends z.ZodType>(item: T, max: number, what = 'items') =>
  z.array(item).max(max, { error: `at most ${thousands(max)} ${what}` });

export const seedSchema = z
  .string({ error: 'expected the seed as text' })
  .max(LIMITS.seedChars, { error: `a seed has at most ${LIMITS.seedChars} characters` })
  .refine((s) => !CONTROL.test(s), { error: 'a seed cannot contain control characters' });
