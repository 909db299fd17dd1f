import { profileFor } from '../../core/engine';
import { changedIssues } from '../../core/rules';
import { doctrineOf } from '../../core/scenario-lookup';
import type { GameOptions, GameState, Package, Scenario, Side } from '../../core/types';
import { utility } from '../domain';
import type { WalkAway, WorthOf } from './game-domain';
import {
  buildGameDomain,
  outcomeOf,
  packageOf,
  positionsAfter,
  ratifies,
  redLinesCrossed,
  toPoints,
  walkAway,
} from './game-domain';

/**
 * A package as the AI of a side judges it now, against its walk-away value (game-domain.ts's
 * `walkAway`, the one measure its decisions use): what it is worth, whether it may sign it at all,
 * and whether it is worth more than walking away. For tests, benchmarks and the debrief; the
 * negotiator's own decisions read the same numbers through its assessment.
 */
export interface PackageJudgement {
  /** Its worth to the side now, in its doctrine's score points (a deal's calmer relations included); null when it cannot express it (a red line, a measure it will not leave in force). */
  points: number | null;
  /** The same on the side's normalised utility scale. */
  utility: number | null;
  walkAway: WalkAway;
  /** It changes something, crosses none of the side's red lines, and both sides' politics would ratify it (the side's own with its margin). */
  signable: boolean;
  /** Signable and worth more than walking away. */
  better: boolean;
}

export function judgePackage(
  scenario: Scenario,
  options: GameOptions,
  state: GameState,
  side: Side,
  pkg: Package,
  worthOf?: WorthOf,
): PackageJudgement {
  const profile = profileFor(scenario, options, side);
  const gd = buildGameDomain(scenario, state, side, profile, doctrineOf(scenario, profile.doctrine), worthOf);
  const away = walkAway(gd);
  const outcome = outcomeOf(gd, positionsAfter(state, pkg));
  if (!outcome) return { points: null, utility: null, walkAway: away, signable: false, better: false };
  const u = utility(gd.prefs, outcome);
  const signable =
    changedIssues(state, pkg).length > 0 &&
    redLinesCrossed(profile, state, pkg).length === 0 &&
    ratifies(gd.home, outcome) &&
    ratifies(gd.there, outcome);
  return {
    points: toPoints(gd, u),
    utility: u,
    walkAway: away,
    signable,
    better: signable && u > away.utility,
  };
}

/**
 * Every package the AI of `side` could sign now and prefers to walking away, as the game writes
 * it, until `visit` returns true. It lists the AI's options one by one: for tests and benchmarks,
 * on scenarios whose packages can be listed (at most a million).
 */
export function forEachBetterPackage(
  scenario: Scenario,
  options: GameOptions,
  state: GameState,
  side: Side,
  visit: (pkg: Package, points: number) => boolean | void,
): void {
  const profile = profileFor(scenario, options, side);
  const gd = buildGameDomain(scenario, state, side, profile, doctrineOf(scenario, profile.doctrine));
  if (gd.space.size > 1_000_000) throw new Error(`${gd.space.size} packages are too many to list`);
  const away = walkAway(gd).utility;
  for (let p = 0; p < gd.space.size; p++) {
    const u = gd.table.utility(p);
    if (u > away && visit(packageOf(gd, gd.space.outcome(p)), toPoints(gd, u))) return;
  }
}

/** The package the AI of `side` likes best of those it could sign now (null when it could sign none). */
export function favouritePackage(
  scenario: Scenario,
  options: GameOptions,
  state: GameState,
  side: Side,
): Package | null {
  const profile = profileFor(scenario, options, side);
  const gd = buildGameDomain(scenario, state, side, profile, doctrineOf(scenario, profile.doctrine));
  return gd.table.max === -Infinity ? null : packageOf(gd, gd.space.outcome(gd.table.top()));
}
