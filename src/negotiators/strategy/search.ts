import type { LinearRater, PackageNumbering, PackageTable, Rater } from '../domain';
import type { FrequencyModel } from './opponent-model';
import { modelValues, modelWeights } from './opponent-model';

/** The opponent model as a rater over a package numbering, with its weights and values computed once. */
export function modelRater(model: FrequencyModel, space: PackageNumbering): LinearRater {
  const w = modelWeights(model);
  const v = modelValues(model);
  const rate = (pkg: number) => {
    let u = 0;
    for (let i = 0; i < w.length; i++) u += w[i]! * v[i]![space.option(pkg, i)]!;
    return u;
  };
  return Object.assign(rate, { weights: w, values: v });
}

/** The package whose utility is the smallest at or above `target` (the best package when none reaches it). */
export function leastAtLeast(table: PackageTable, target: number): number {
  return table.leastAtLeast(target);
}

/** See PackageTable.bestInBand. */
export function bestInBand(
  table: PackageTable,
  rate: Rater,
  lo: number,
  hi: number,
  allowed: (pkg: number) => boolean = () => true,
  random?: () => number,
): number {
  return table.bestInBand(rate, lo, hi, allowed, random);
}

/**
 * Package search with logrolling: among the packages worth between `target` and `target + band`
 * to me (and never more than `cap`, so a falling target never makes my offers rise), the one the
 * opponent model rates highest. Giving way on issues I weight little and holding those I weight
 * most is what lifts the opponent's rating at equal cost to me. Ties go to my higher utility, then
 * to the lower package number. With nothing in the band, the least package at or above `target`.
 */
export function bandSearch(
  table: PackageTable,
  rate: Rater,
  target: number,
  band: number,
  cap = Infinity,
  random?: () => number,
): number {
  const best = bestInBand(table, rate, target, Math.min(target + band, cap), () => true, random);
  return best >= 0 ? best : leastAtLeast(table, target);
}

export { TIE, type Rater } from '../domain';
