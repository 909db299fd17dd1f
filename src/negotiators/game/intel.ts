import { profileFor, replay } from '../../core/engine';
import { doctrineOf } from '../../core/scenario-lookup';
import type { GameSpec, Scenario, Side } from '../../core/types';
import { emptyModel, modelWeights, observeOffer } from '../strategy/opponent-model';
import type { IntelLevel } from './assess';
import { gamePreferences, outcomeOf, positionsAfter } from './game-domain';

/**
 * What the player's intelligence says of the AI's priorities. The truth is the share of the AI's
 * stakes riding on each issue (its normalised weights now); issues are ranked and cut in thirds:
 * high, medium, low (an issue it does not care about at all is low).
 *  - high: the true band of every issue.
 *  - medium: the true band of its two top issues; the rest read from its offers, as at low.
 *  - low: only what its offers so far reveal (a frequency model of them, the same one the AI uses
 *    on the player); before its first offer, nothing.
 * The confidence says which of these an assessment is.
 */

export interface IntelItem {
  issue: string;
  weight: 'high' | 'medium' | 'low' | 'unknown';
  confidence: string;
}

export type Band = 'high' | 'medium' | 'low';

/** Bands by rank: the top third high, the bottom third low; ties keep scenario order. */
export function bands(weights: readonly number[]): Band[] {
  const n = weights.length;
  const order = weights.map((w, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  const out: Band[] = new Array<Band>(n).fill('low');
  order.forEach((i, rank) => {
    if (weights[i]! <= 0) out[i] = 'low';
    else if (rank < Math.ceil(n / 3)) out[i] = 'high';
    else if (rank < n - Math.ceil(n / 3)) out[i] = 'medium';
    else out[i] = 'low';
  });
  return out;
}

export function intel(scenario: Scenario, spec: GameSpec, side: Side, level: IntelLevel): IntelItem[] {
  const { states, final } = replay(scenario, spec.seed, spec.options, spec.moves);
  const profile = profileFor(scenario, spec.options, side);
  const gp = gamePreferences(scenario, final, side, profile, doctrineOf(scenario, profile.doctrine));
  const truth = bands(gp.prefs.weights);

  let model = emptyModel(gp.issues.map((i) => i.options.length));
  spec.moves.forEach((move, k) => {
    if (move.side !== side || move.type !== 'propose') return;
    const outcome = outcomeOf(gp, positionsAfter(states[k]!, move.package));
    if (outcome) model = observeOffer(model, outcome);
  });
  // until it has kept some issue unchanged between offers, its offers say what it asks, not what matters most
  const w = modelWeights(model);
  const read = model.offers > 1 && w.some((x) => x !== w[0]) ? bands(w) : null;
  const readText = (n: number) =>
    `thin: read from its ${n === 1 ? 'one offer' : `${n} offers`}, which may mislead`;
  const topTwo = new Set(
    gp.prefs.weights
      .map((w, i) => [w, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 2)
      .map(([, i]) => i),
  );

  return gp.issues.map((issue, i) => {
    if (level === 'high')
      return { issue: issue.id, weight: truth[i]!, confidence: 'good: well-placed sources' };
    if (level === 'medium' && topTwo.has(i))
      return {
        issue: issue.id,
        weight: truth[i]!,
        confidence: 'fair: sources agree this is among its top concerns',
      };
    if (read) return { issue: issue.id, weight: read[i]!, confidence: readText(model.offers) };
    return {
      issue: issue.id,
      weight: 'unknown',
      confidence:
        model.offers === 0
          ? 'none: it has made no offer to read yet'
          : 'none yet: its offers do not show what matters most to it',
    };
  });
}
