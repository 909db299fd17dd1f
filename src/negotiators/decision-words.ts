/**
 * A decision's words passed on without writing them: what a negotiator says and its analysis are
 * written when first read (see `decision` in game/machine.ts), and every copy of a decision reads
 * them through. No imports, so the session's match can use it without loading the negotiators.
 */

/** What a decision says and its analysis, as read from it. */
export interface DecisionWords {
  readonly say: string;
  readonly analysis: string;
}

/**
 * `head`, then `say` and `analysis` read from `words` when they are read (not copied, which would
 * write them now: see `decision`), then `tail`: the fields in that order, as a literal would have them.
 */
export function withWordsOf<H extends object, T extends object>(words: DecisionWords, head: H, tail: T): H & DecisionWords & T {
  const out = { ...head };
  Object.defineProperties(out, {
    say: { get: () => words.say, enumerable: true },
    analysis: { get: () => words.analysis, enumerable: true },
  });
  return Object.assign(out, tail) as H & DecisionWords & T;
}
