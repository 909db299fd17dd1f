import type { PackageSpace, UtilityTable } from '../domain';
import type { FrequencyModel } from './opponent-model';
import { modelValues, modelWeights } from './opponent-model';

/** Rates a package for the opponent; higher is better for it. */
export type Rater = (pkg: number) => number;

/** The opponent model as a rater over a package space, with its weights and values computed once. */
export function modelRater(model: FrequencyModel, space: PackageSpace): Rater {
  const w = modelWeights(model);
  const v = modelValues(model);
  return (pkg) => {
    let u = 0;
    for (let i = 0; i < w.length; i++) u += w[i]! * v[i]![space.option(pkg, i)]!;
    return u;
  };
}

/** The package whose utility is the smallest at or above `target` (the best package when none reaches it). */
export function leastAtLeast(table: UtilityTable, target: number): number {
  const rank = table.lastRankAtLeast(target);
  return table.order[Math.max(0, rank)]!;
}

/**
 * The package the opponent rates highest among those worth between `lo` and `hi` to me that
 * `allowed` lets through; ties go to my higher utility, then, when `random` is given, to a draw
 * among the packages tied on both (else to the lower package number). -1 when there is none.
 */
export function bestInBand(table: UtilityTable, rate: Rater, lo: number, hi: number, allowed: (pkg: number) => boolean = () => true, random?: () => number): number {
  const from = table.firstRankAtMost(hi);
  const to = table.lastRankAtLeast(lo);
  let best = -1;
  let bestRating = -Infinity;
  let tied = 0;
  for (let r = from; r <= to; r++) {
    const pkg = table.order[r]!;
    if (!allowed(pkg)) continue;
    const rating = rate(pkg);
    if (rating > bestRating + TIE) {
      best = pkg;
      bestRating = rating;
      tied = 1;
    } else if (random && rating >= bestRating - TIE && Math.abs(table.utilities[pkg]! - table.utilities[best]!) <= TIE) {
      // reservoir sampling: each of the tied packages ends up chosen with equal chance
      tied++;
      if (random() * tied < 1) best = pkg;
    }
  }
  return best;
}

/** Ratings and utilities closer than this are a tie. */
export const TIE = 1e-12;

/**
 * Package search with logrolling: among the packages worth between `target` and `target + band`
 * to me (and never more than `cap`, so a falling target never makes my offers rise), the one the
 * opponent model rates highest. Giving way on issues I weight little and holding those I weight
 * most is what lifts the opponent's rating at equal cost to me. Ties go to my higher utility, then
 * to the lower package number. With nothing in the band, the least package at or above `target`.
 */
export function bandSearch(table: UtilityTable, rate: Rater, target: number, band: number, cap = Infinity, random?: () => number): number {
  const best = bestInBand(table, rate, target, Math.min(target + band, cap), () => true, random);
  return best >= 0 ? best : leastAtLeast(table, target);
}
