import type { Outcome } from '../domain';

/**
 * A frequency opponent model, in the family of HardHeaded (van Krimpen et al., ANAC 2011) and
 * Tunalı et al. (2017). Two regularities of an opponent's offers are read as preferences:
 *  - an issue whose option it keeps unchanged from one offer to the next matters to it, so each
 *    such repeat adds `learningRate` to the raw weight (every issue starts at 1);
 *  - an option it offers often is one it likes, so an option's value is (count + 1) / (most
 *    frequent count + 1): 1 for its favourite, near 0 for options it never names.
 * Plain JSON, updated by returning a new model, so a negotiator's memory can hold it.
 */
export interface FrequencyModel {
  /** counts[i][j]: offers that named option j of issue i. */
  counts: number[][];
  /** unchanged[i]: consecutive offer pairs that kept issue i's option. */
  unchanged: number[];
  offers: number;
  last: number[] | null;
  learningRate: number;
}

export const DEFAULT_LEARNING_RATE = 0.2;

export function emptyModel(radices: readonly number[], learningRate = DEFAULT_LEARNING_RATE): FrequencyModel {
  return { counts: radices.map((r) => new Array<number>(r).fill(0)), unchanged: radices.map(() => 0), offers: 0, last: null, learningRate };
}

/**
 * Count one offer. `weight` (default 1) lets a caller count some offers for less, e.g. late ones
 * from an opponent that concedes early and then repeats what it likes least.
 */
export function observeOffer(model: FrequencyModel, offer: Outcome, weight = 1): FrequencyModel {
  const counts = model.counts.map((row, i) => {
    const next = row.slice();
    next[offer[i]!]! += weight;
    return next;
  });
  const unchanged = model.unchanged.map((n, i) => (model.last !== null && model.last[i] === offer[i] ? n + weight : n));
  return { counts, unchanged, offers: model.offers + 1, last: Array.from(offer), learningRate: model.learningRate };
}

export function modelWeights(model: FrequencyModel): number[] {
  const raw = model.unchanged.map((n) => 1 + model.learningRate * n);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

export function modelValues(model: FrequencyModel): number[][] {
  return model.counts.map((row) => {
    const most = Math.max(...row);
    return row.map((c) => (c + 1) / (most + 1));
  });
}

/** The model's estimate of the opponent's utility of a package, in [0, 1]. */
export function estimateUtility(model: FrequencyModel, outcome: Outcome): number {
  const w = modelWeights(model);
  const v = modelValues(model);
  let u = 0;
  for (let i = 0; i < w.length; i++) u += w[i]! * v[i]![outcome[i]!]!;
  return u;
}
