import { mean, support, variance } from './distributions';
import { clampIndicator } from './indicators';
import { changedIssues } from './rules';
import { issueOf, positionOf } from './scenario-lookup';
import { scoreTotal } from './scoring';
import type { Doctrine, Effect, GameState, IndicatorId, Indicators, Package, Position, Scenario } from './types';
import { INDICATOR_IDS } from './types';

/**
 * Expected consequences of putting positions into force, computed from the scenario's numbers
 * without drawing anything. The AI's utilities and the player's "projected effect" panel both
 * read this, so they agree with each other and with the model the engine runs.
 */

type Levels = Partial<Record<IndicatorId, number>>;

function addMeans(into: Levels, effects: Effect[] | undefined, sign = 1): void {
  for (const e of effects ?? []) into[e.indicator] = (into[e.indicator] ?? 0) + sign * mean(e.delta);
}

function addLevels(into: Levels, from: Levels, sign = 1): void {
  // for-in walks the keys in Object.entries' order without an array per call (the AI calls this
  // hundreds of times a decision)
  for (const k in from) into[k as IndicatorId] = (into[k as IndicatorId] ?? 0) + sign * from[k as IndicatorId]!;
}

function meanLevels(effects: Effect[] | undefined): Levels {
  const out: Levels = {};
  addMeans(out, effects);
  return out;
}

/**
 * The expected deviation from today's indicator levels, summed over the rounds from now to the
 * horizon, that one issue brings if it moves to `positionId` now (or stays, when `positionId` is
 * what is in force). Follows snap-backs: a one-year suspension counts for its year and then for
 * whatever it reverts to.
 */
export function issuePathSum(scenario: Scenario, state: GameState, issueId: string, positionId: string): Levels {
  const issue = issueOf(scenario, issueId);
  const from = state.round;
  const horizon = scenario.horizon;
  const dev: Levels = {};
  const sum: Levels = {};
  let position: Position = positionOf(scenario, issueId, state.positions[issueId]!);
  let enacted = state.enactedRound[issueId]!;
  let inForce: Levels = { ...(state.contributions[issueId] ?? {}) };
  const enact = (next: Position, round: number) => {
    addLevels(dev, inForce, -1);
    addMeans(dev, next.effects);
    inForce = meanLevels(next.inForce);
    addLevels(dev, inForce);
    position = next;
    enacted = round;
  };
  if (positionId !== position.id) enact(positionOf(scenario, issueId, positionId), from);
  for (let t = from; t <= horizon; t++) {
    if (t > from && position.expiresAfter !== undefined && t >= enacted + position.expiresAfter) {
      const target = position.revertsTo ?? issue.statusQuo;
      if (target !== position.id) enact(positionOf(scenario, issueId, target), t);
    }
    addMeans(dev, position.perRound);
    addLevels(sum, dev);
  }
  return sum;
}

/**
 * What moving one issue to a position is worth to a doctrine, in score points, against leaving
 * it as it is: the change in the doctrine's time-averaged score (the engine scores the mean over
 * all `horizon` rounds). Linear in the issues, so a package's worth is the sum of its issues'.
 */
export function positionWorth(scenario: Scenario, state: GameState, doctrine: Doctrine, issueId: string, positionId: string): number {
  const current = state.positions[issueId]!;
  if (positionId === current) return 0;
  const moved = issuePathSum(scenario, state, issueId, positionId);
  const kept = issuePathSum(scenario, state, issueId, current);
  const diff: Partial<Indicators> = {};
  for (const id of INDICATOR_IDS) diff[id] = ((moved[id] ?? 0) - (kept[id] ?? 0)) / scenario.horizon;
  return scoreTotal(diff, doctrine);
}

/** A package's worth to a doctrine: the sum of the worth of each issue it changes. */
export function packageWorth(scenario: Scenario, state: GameState, doctrine: Doctrine, pkg: Package): number {
  return changedIssues(state, pkg).reduce((sum, id) => sum + positionWorth(scenario, state, doctrine, id, pkg[id]!), 0);
}

export interface IndicatorProjection {
  indicator: IndicatorId;
  /** Expected immediate change once the package is in force. */
  mean: number;
  /** 10th and 90th percentiles of the immediate change (normal approximation, kept within what the draws allow). */
  low: number;
  high: number;
  /** Expected change in the indicator's mean over the whole horizon, snap-backs and running costs included. */
  average: number;
}

const Z90 = 1.2815515655446004;

/** The projected effect of a package on every indicator it touches, with its uncertainty. */
export function projectPackage(scenario: Scenario, state: GameState, pkg: Package): IndicatorProjection[] {
  const means: Levels = {};
  const variances: Levels = {};
  const lows: Levels = {};
  const highs: Levels = {};
  const averages: Levels = {};
  for (const issueId of changedIssues(state, pkg)) {
    const position = positionOf(scenario, issueId, pkg[issueId]!);
    addLevels(means, state.contributions[issueId] ?? {}, -1);
    addLevels(lows, state.contributions[issueId] ?? {}, -1);
    addLevels(highs, state.contributions[issueId] ?? {}, -1);
    for (const e of [...(position.effects ?? []), ...(position.inForce ?? [])]) {
      const [lo, hi] = support(e.delta);
      means[e.indicator] = (means[e.indicator] ?? 0) + mean(e.delta);
      variances[e.indicator] = (variances[e.indicator] ?? 0) + variance(e.delta);
      lows[e.indicator] = (lows[e.indicator] ?? 0) + lo;
      highs[e.indicator] = (highs[e.indicator] ?? 0) + hi;
    }
    const moved = issuePathSum(scenario, state, issueId, pkg[issueId]!);
    const kept = issuePathSum(scenario, state, issueId, state.positions[issueId]!);
    for (const id of INDICATOR_IDS) {
      const d = ((moved[id] ?? 0) - (kept[id] ?? 0)) / scenario.horizon;
      if (d !== 0) averages[id] = (averages[id] ?? 0) + d;
    }
  }
  const touched = INDICATOR_IDS.filter((id) => means[id] !== undefined || averages[id] !== undefined);
  return touched.map((indicator) => {
    const m = means[indicator] ?? 0;
    const sd = Math.sqrt(variances[indicator] ?? 0);
    const now = state.indicators[indicator];
    // Keep the band inside both what the draws allow and what the indicator's range allows.
    const low = Math.max(m - Z90 * sd, lows[indicator] ?? m, clampIndicator(indicator, now + m - Z90 * sd) - now);
    const high = Math.min(m + Z90 * sd, highs[indicator] ?? m, clampIndicator(indicator, now + m + Z90 * sd) - now);
    return { indicator, mean: m, low: Math.min(low, m), high: Math.max(high, m), average: averages[indicator] ?? 0 };
  });
}
