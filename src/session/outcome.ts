import { describeWeights, score } from '../core/scoring';
import { rateGame, round4, type GameRating, type RatingReasonKind, type SideRating } from '../core/rating';
import { doctrineOf, otherSide } from '../core/scenario-lookup';
import type { Doctrine, GameSpec, GameState, Package, Scenario, Side } from '../core/types';
import { SIDES } from '../core/types';
import { fmt, signed } from './format';
import { sideInSentence } from '../core/sentence';

/**
 * The outcome figures a debrief leads with, each explained in one sentence: both sides' ratings
 * on the bargaining-zone scale, the joint value left on the table, then the doctrine scores they
 * rest on. Pure: the screens (and the class debrief) render these as text.
 */

export type OutcomeFigureKind = 'rating' | 'joint-gap' | 'score';

export interface OutcomeFigure {
  kind: OutcomeFigureKind;
  /** The side the figure belongs to (none for the joint gap). */
  side: Side | null;
  label: string;
  /** The number, rounded to 4 decimals; null when it is undefined (a rating with no zone). */
  value: number | null;
  /** The number as the screen prints it, e.g. "62", "+4.8", "no zone". */
  text: string;
  /** One sentence: what the number means. */
  explanation: string;
}

/** A rating as a person reads it: a whole number, or "no zone" when there was no deal to rate against. */
export function ratingText(rating: number | null): string {
  return rating === null ? 'no zone' : fmt(rating, 0);
}

function ratingSentence(scenario: Scenario, r: SideRating): string {
  const name = sideInSentence(scenario.sides[r.side].label);
  const other = sideInSentence(scenario.sides[otherSide(r.side)].label);
  if (r.rating === null) {
    return `No deal ${other} would have ratified and preferred to no deal was worth more to ${name} than no deal (${signed(r.noDeal, 2)} points), so there is no zone to rate against; the outcome scored ${signed(r.value, 2)}.`;
  }
  return `On the bargaining-zone scale, 0 is no deal for ${name} (${signed(r.noDeal, 2)} points when the talks ended) and 100 the best deal ${other} would have ratified and preferred to no deal (${signed(r.best!, 2)}); the outcome scored ${signed(r.value, 2)}.`;
}

function scoreSentence(doctrine: Doctrine, horizon: number): string {
  return `${doctrine.label} weighs ${describeWeights(doctrine)}: the score is the average change of those indicators over all ${horizon} rounds to the horizon, as a share of their ranges, from −100 to +100.`;
}

/**
 * The figures for a finished game, seen by `side` (the player; in a hot-seat game, either):
 * both ratings, the joint gap, every doctrine score of `side`, then the score of the other side
 * under the doctrine it was judged by.
 */
export function outcomeFigures(
  scenario: Scenario,
  final: GameState,
  rating: GameRating,
  side: Side,
): OutcomeFigure[] {
  const other = otherSide(side);
  const figures: OutcomeFigure[] = [side, other].map((s) => {
    const r = rating.sides[s];
    return {
      kind: 'rating' as const,
      side: s,
      label: `Rating for ${sideInSentence(scenario.sides[s].label)}`,
      value: r.rating === null ? null : round4(r.rating),
      text: ratingText(r.rating),
      explanation: ratingSentence(scenario, r),
    };
  });
  figures.push({
    kind: 'joint-gap',
    side: null,
    label: 'Joint value left on the table',
    value: round4(rating.jointGap),
    text: fmt(rating.jointGap, 1),
    explanation:
      rating.jointGap > 0
        ? `A deal both sides could have ratified would have given them ${fmt(rating.jointGap, 1)} more score points together, neither getting less than it did.`
        : 'No deal both sides could have ratified would have given one of them more without giving the other less: the outcome is on the efficient frontier.',
  });
  const own = scenario.doctrines.filter((d) => d.side === side);
  const chosen = final.options.doctrines[side];
  own.sort((a, b) => (a.id === chosen ? -1 : b.id === chosen ? 1 : 0));
  const theirs = doctrineOf(scenario, final.options.doctrines[other]);
  for (const doctrine of [...own, theirs]) {
    const total = score(final, doctrine).total;
    figures.push({
      kind: 'score',
      side: doctrine.side,
      label: `${scenario.sides[doctrine.side].label}, ${doctrine.label}`,
      value: total,
      text: signed(total, 1),
      explanation: scoreSentence(doctrine, scenario.horizon),
    });
  }
  return figures;
}

/** A side's rating as the exports and `npm run sim -- --json` write it (figures rounded to 4 decimals). */
export interface SideRatingJson {
  doctrine: string;
  rating: number | null;
  value: number;
  noDeal: number;
  best: number | null;
  expected: number;
  expectedRating: number | null;
  accepted: boolean;
  bestPackage: Package | null;
  reasons: { kind: RatingReasonKind; text: string }[];
}

export interface RatingsJson {
  ratings: Record<Side, SideRatingJson> | null;
  jointGap: number | null;
}

const r4 = (x: number | null) => (x === null ? null : round4(x));

/** The ratings of a game for an export; both null while its talks go on. */
export function ratingsJson(rating: GameRating | null): RatingsJson {
  if (!rating) return { ratings: null, jointGap: null };
  const side = (r: SideRating): SideRatingJson => ({
    doctrine: r.doctrine,
    rating: r4(r.rating),
    value: round4(r.value),
    noDeal: round4(r.noDeal),
    best: r4(r.best),
    expected: round4(r.expected),
    expectedRating: r4(r.expectedRating),
    accepted: r.accepted,
    bestPackage: r.bestPackage,
    reasons: r.reasons.map((x) => ({ kind: x.kind, text: x.text })),
  });
  return {
    ratings: Object.fromEntries(SIDES.map((s) => [s, side(rating.sides[s])])) as Record<Side, SideRatingJson>,
    jointGap: round4(rating.jointGap),
  };
}

/** The ratings of a game given as its spec (the CLI's case): rated if its talks have ended. */
export function gameRatingsJson(scenario: Scenario, spec: GameSpec, ended: boolean): RatingsJson {
  return ratingsJson(ended ? rateGame(scenario, spec) : null);
}

/**
 * The help text for the rating, as Markdown the screens render as text (no HTML): what the
 * numbers mean and where the scale comes from.
 */
export const RATING_HELP = `## How the outcome is rated

Each side's outcome is rated on the **bargaining-zone scale**, the way scorable negotiation
exercises are taught (Howard Raiffa's *efficient frontier*, from *The Art and Science of
Negotiation*):

- **0** is **no deal** for that side: what its doctrine expected if the talks ended without
  agreement at the moment they ended (the measures in force run on, pending threats are carried
  out).
- **100** is the **best deal that the other side would have ratified and preferred to no deal**:
  the top of what was there to be had.
- **Below 0** means the outcome was worse than no deal. **Above 100** means the other side
  accepted less than no deal was worth to it, or that events after the deal went better than
  expected.

The values are the doctrine scores the debrief shows (the average change of the indicators a
doctrine weighs, over every round to the horizon). Deals that were not played are valued by the
model's expected path, without dice; the rating of the deal you reached uses its real score, so
events and draws after it can move it, and the debrief says when they did.

**Joint value left on the table** is how many score points both sides together could still have
gained, neither losing, from a deal both could ratify: the distance from the outcome to the
**efficient frontier**. A rating of 60 for each side with nothing left on the table is a good
deal for both; 90 for one and 10 for the other, with a large joint gap, means value was destroyed,
not only divided.

The **deal chart** plots the US value against China's: the no-deal point, the frontier of deals
both could ratify, the **fair split** (the Nash point: the deal that best balances what each side
gains over no deal, where the product of both sides’ gains is largest), the deal reached, and for a real episode, the outcome history's own path gives in
the model.`;
