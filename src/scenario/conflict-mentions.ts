import type { Conflict, Scenario } from '../core/types';

/**
 * Where a scenario states a figure its sources disagree on without saying so. A conflict with a
 * `topic` ("affiliates", "Section 122") marks every text that contains the topic and one of the
 * conflict's figures as a statement of the disputed figure; such a text must give every value, or
 * belong to an entry that carries the conflict itself (the screens draw that entry's conflict, with
 * both values and their sources, beside it). Pure: the caller reads the files.
 */

/** The numbers of a value ("10%", "68", "2025"). */
const NUMBER = /\d+(?:[.,]\d+)*\s?%?/g;

function numbers(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((m) => m[0].replace(/\s/g, ''));
}

/**
 * The figure each value stands for: its first number that not every other value shares
 * ("68 affiliates" against "70 affiliates": 68 and 70; "12 Mt by the end of 2025" against
 * "12 Mt by the end of February 2026": 2025 and 2026). Null when two values cannot be told apart
 * by a number (a conflict over words, which the check passes over).
 */
export function conflictFigures(conflict: Pick<Conflict, 'values'>): string[] | null {
  const all = conflict.values.map((v) => numbers(v.value));
  const figures = all.map((nums) => nums.find((n) => !all.every((other) => other.includes(n))));
  if (figures.some((f) => f === undefined)) return null;
  const distinct = new Set(figures);
  return distinct.size === figures.length ? (figures as string[]) : null;
}

/** Whether `text` contains `figure` as a whole number (so "68" is not found in "168" or "6.8"). */
export function mentionsFigure(text: string, figure: string): boolean {
  return numbers(text).includes(figure);
}

export interface ConflictMention {
  /** Where the text is: a path into the scenario ("history.events.2.account") or a material file and paragraph. */
  where: string;
  text: string;
  topic: string;
  /** The figures of the conflict the text gives, and those it leaves out. */
  gives: string[];
  missing: string[];
}

interface Declared {
  conflict: Conflict;
  figures: string[];
}

/** The conflicts a scenario declares that the check can follow (a topic and figures a number tells apart). */
export function declaredConflicts(scenario: Scenario): Declared[] {
  const out: Declared[] = [];
  const seen = new Set<string>();
  walk(scenario, [], [], (_text, _path, _owners) => undefined, (c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return;
    seen.add(key);
    const figures = conflictFigures(c);
    if (c.topic !== undefined && figures) out.push({ conflict: c, figures });
  });
  return out;
}

const isConflict = (v: unknown): v is Conflict =>
  typeof v === 'object' && v !== null && Array.isArray((v as Conflict).values) && typeof (v as Conflict).note === 'string';

/** Every string of the scenario a screen may show, with the conflicts of the entries that hold it. */
function walk(
  value: unknown,
  path: (string | number)[],
  owners: Conflict[],
  onText: (text: string, path: (string | number)[], owners: Conflict[]) => void,
  onConflict: (c: Conflict) => void,
): void {
  if (typeof value === 'string') {
    onText(value, path, owners);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, i], owners, onText, onConflict));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  const own = isConflict(record.conflict) ? [...owners, record.conflict] : owners;
  if (isConflict(record.conflict)) onConflict(record.conflict);
  for (const [key, v] of Object.entries(record)) {
    // Sources are citations, not statements; a conflict's own values and note name the conflict.
    if (key === 'sources' || key === 'conflict' || key === 'id' || key === 'source') continue;
    walk(v, [...path, key], own, onText, onConflict);
  }
}

const sameConflict = (a: Conflict, b: Conflict) => a.note === b.note && a.values.length === b.values.length && a.values.every((v, i) => v.value === b.values[i]!.value);

function check(text: string, where: string, owners: readonly Conflict[], declared: readonly Declared[], out: ConflictMention[]): void {
  for (const d of declared) {
    const topic = d.conflict.topic!;
    if (!text.toLowerCase().includes(topic.toLowerCase())) continue;
    const gives = d.figures.filter((f) => mentionsFigure(text, f));
    if (gives.length === 0 || gives.length === d.figures.length) continue;
    if (owners.some((o) => sameConflict(o, d.conflict))) continue;
    out.push({ where, text, topic, gives, missing: d.figures.filter((f) => !gives.includes(f)) });
  }
}

/**
 * Every text of the scenario, and every paragraph of its materials, that states a disputed figure
 * with only some of its values, outside an entry that carries the conflict. Empty when the
 * scenario shows each of its conflicts with both values wherever it states the figure.
 */
export function unmarkedConflictMentions(
  scenario: Scenario,
  materials: readonly { path: string; text: string }[] = [],
): ConflictMention[] {
  const declared = declaredConflicts(scenario);
  const out: ConflictMention[] = [];
  if (declared.length === 0) return out;
  walk(scenario, [], [], (text, path, owners) => check(text, path.join('.'), owners, declared, out), () => undefined);
  for (const m of materials) {
    // A paragraph (or list item) at a time: a brief that gives both values in one place passes.
    m.text.split(/\n\s*\n|\n(?=\s*[-*] )/).forEach((para, i) => check(para, `${m.path} paragraph ${i + 1}`, [], declared, out));
  }
  return out;
}
