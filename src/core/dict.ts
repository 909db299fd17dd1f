/**
 * Records keyed by ids from files: null-prototype objects, so that no id, whatever a file calls
 * it, reaches a member every object inherits (`constructor`, `toString`, …). They serialise to
 * JSON like any object. The schemas refuse such ids as well (schema/vocabulary.ts); this is the
 * second lock.
 */
export function dict<V>(
  from?: Readonly<Record<string, V>> | Iterable<readonly [string, V]>,
): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  if (from === undefined) return out;
  const entries =
    Symbol.iterator in from
      ? (from as Iterable<readonly [string, V]>)
      : Object.entries(from as Record<string, V>);
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** Whether `record` has its own entry `key` (never an inherited member). */
export function has(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
