/**
 * A decision's words passed on without writing them: what a negotiator says and its analysis are
 * written when first read (see `decision` in game/machine.ts), and every copy of a decision reads
 * them through. No imports (but a type), so the session's match can use it without loading the
 * negotiators.
 *
 * Words written when read fail when read, long after the move was played: the wording's error
 * would no longer be caught where the move is decided. So a reading that throws gives plain words
 * for the move instead (`plainWords`), and the move stands.
 */
import type { Move } from '../core/types';

/** What a decision says and its analysis, as read from it. */
export interface DecisionWords {
  readonly say: string;
  readonly analysis: string;
}

/** What a negotiator says of a move of each type when its own words could not be written. */
const PLAIN_SAY: Record<Move['type'], string> = {
  accept: 'We accept your offer.',
  propose: 'Here is our proposal.',
  reject: 'We cannot accept your offer.',
  hold: 'We make no proposal this round.',
  impose: 'We are putting this measure in force now.',
  threaten: 'Without an agreement, we will put this measure in force.',
  walkout: 'We are leaving the table.',
  event: 'Events have overtaken the talks.',
};

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Plain words for `move`, when its own failed to be written (`error`, named in the analysis). */
export function plainWords(move: Pick<Move, 'type'>, error?: unknown): DecisionWords {
  const why = error === undefined ? '' : ` (${errorText(error)})`;
  return {
    say: PLAIN_SAY[move.type] ?? 'We have made our move.',
    analysis: `The reasons behind this move could not be put into words${why}; the move itself stands.`,
  };
}

/** `read()`, or, if it throws, the plain words' `field` for `move`. */
export function wordsOr(read: () => string, move: Pick<Move, 'type'>, field: keyof DecisionWords): string {
  try {
    return read();
  } catch (error) {
    return plainWords(move, error)[field];
  }
}

/**
 * `head`, then `say` and `analysis` read from `words` when they are read (not copied, which would
 * write them now: see `decision`), then `tail`: the fields in that order, as a literal would have them.
 * A reading that throws gives `move`'s plain words instead.
 */
export function withWordsOf<H extends object, T extends object>(
  words: DecisionWords,
  head: H,
  tail: T,
  move: Pick<Move, 'type'>,
): H & DecisionWords & T {
  const out = { ...head };
  Object.defineProperties(out, {
    say: { get: () => wordsOr(() => words.say, move, 'say'), enumerable: true },
    analysis: { get: () => wordsOr(() => words.analysis, move, 'analysis'), enumerable: true },
  });
  return Object.assign(out, tail) as H & DecisionWords & T;
}
