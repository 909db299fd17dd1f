import { INDICATORS, indicatorRange } from './indicators';
import type { Doctrine, GameState, IndicatorId, Indicators, Scenario, Side } from './types';

export interface ScorePart {
  indicator: IndicatorId;
  weight: number;
  /** Mean change of the indicator from its starting value over the rounds modelled so far. */
  change: number;
  /** This indicator's share of the score, in score points. */
  points: number;
}

export interface Score {
  doctrine: string;
  /** −100 (everything this doctrine cares about at its worst) to +100. */
  total: number;
  parts: ScorePart[];
}

/**
 * Mean change of every indicator from round 0 over the rounds recorded so far. Time-averaging
 * means a year-long suspension counts for the year it lasted, and delay costs what it costs.
 */
export function meanChanges(state: GameState): Indicators {
  const start = state.trajectory[0]!.indicators;
  const rounds = state.trajectory.slice(1);
  const samples = rounds.length > 0 ? rounds.map((r) => r.indicators) : [state.indicators];
  const out = {} as Indicators;
  for (const id of Object.keys(start) as IndicatorId[]) {
    let sum = 0;
    for (const values of samples) sum += values[id] - start[id];
    out[id] = sum / samples.length;
  }
  return out;
}

/**
 * A doctrine's judgement of the game: each indicator's mean change as a share of its declared
 * range, weighted, and scaled so the total lies in [−100, 100].
 */
export function score(state: GameState, doctrine: Doctrine): Score {
  return scoreChanges(meanChanges(state), doctrine);
}

/**
 * Score points per unit of mean change of each indicator under a doctrine: 100 × weight / range /
 * total |weight|. A score is the dot product of these with the mean changes, so it is linear.
 */
export function pointsPerUnit(doctrine: Doctrine): Partial<Record<IndicatorId, number>> {
  const entries = Object.entries(doctrine.weights) as [IndicatorId, number][];
  const totalWeight = entries.reduce((sum, [, w]) => sum + Math.abs(w), 0) || 1;
  const out: Partial<Record<IndicatorId, number>> = {};
  for (const [indicator, weight] of entries) out[indicator] = (100 * weight) / indicatorRange(indicator) / totalWeight;
  return out;
}

/** The same weighting applied to any set of indicator changes (used for projections too). */
export function scoreChanges(changes: Partial<Indicators>, doctrine: Doctrine): Score {
  const entries = Object.entries(doctrine.weights) as [IndicatorId, number][];
  const totalWeight = weightOf(doctrine);
  const parts: ScorePart[] = entries.map(([indicator, weight]) => {
    const change = changes[indicator] ?? 0;
    return { indicator, weight, change, points: pointsOf(indicator, weight, change, totalWeight) };
  });
  const total = parts.reduce((sum, p) => sum + p.points, 0);
  return { doctrine: doctrine.id, total: roundScore(total), parts };
}

/**
 * scoreChanges(changes, doctrine).total, the same number, without the parts: what the AI's worth
 * of each option needs, hundreds of times a decision.
 */
export function scoreTotal(changes: Partial<Indicators>, doctrine: Doctrine): number {
  const totalWeight = weightOf(doctrine);
  let total = 0;
  for (const indicator in doctrine.weights) {
    const id = indicator as IndicatorId;
    total += pointsOf(id, doctrine.weights[id]!, changes[id] ?? 0, totalWeight);
  }
  return roundScore(total);
}

const weightOf = (doctrine: Doctrine) =>
  (Object.values(doctrine.weights) as number[]).reduce((sum, w) => sum + Math.abs(w), 0) || 1;
const pointsOf = (indicator: IndicatorId, weight: number, change: number, totalWeight: number) =>
  (100 * weight * change) / indicatorRange(indicator) / totalWeight;
const roundScore = (total: number) => Math.round(total * 1e4) / 1e4;

/** Scores under every doctrine of one side, as the debrief lists them. */
export function scoreAll(scenario: Scenario, state: GameState, side: Side): Score[] {
  return scenario.doctrines.filter((d) => d.side === side).map((d) => score(state, d));
}

/** A doctrine's weights in words, strongest first, e.g. "security cost (−), trade gains (+)". */
export function describeWeights(doctrine: Doctrine): string {
  return (Object.entries(doctrine.weights) as [IndicatorId, number][])
    .filter(([, w]) => w !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .map(([id, w]) => `${INDICATORS[id].short.toLowerCase()} (${w > 0 ? '+' : '−'})`)
    .join(', ');
}
