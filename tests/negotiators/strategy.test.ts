import { describe, expect, it } from 'vitest';
import { PackageSpace, UtilityTable } from '../../src/negotiators/domain';
import { acceptsOffer } from '../../src/negotiators/strategy/acceptance';
import { concessionFloor, faratinTarget, timeAt } from '../../src/negotiators/strategy/concession';
import { distance, distanceToFrontier, kalaiSmorodinskyPoint, nashPoint, paretoFrontier } from '../../src/negotiators/strategy/frontier';
import { emptyModel, estimateUtility, modelValues, modelWeights, observeOffer } from '../../src/negotiators/strategy/opponent-model';
import { bandSearch, bestInBand, leastAtLeast, modelRater } from '../../src/negotiators/strategy/search';
import { A, B, DOMAIN } from './fixtures';

describe('faratinTarget (Faratin, Sierra & Jennings 1998)', () => {
  it('starts at Pmax and ends at Pmin', () => {
    for (const e of [0.2, 1, 2]) {
      expect(faratinTarget(0, e, 0.2, 1)).toBe(1);
      expect(faratinTarget(1, e, 0.2, 1)).toBe(0.2);
    }
  });

  it('follows Pmin + (Pmax - Pmin)(1 - t^(1/e))', () => {
    expect(faratinTarget(0.25, 1, 0.2, 1)).toBeCloseTo(0.8, 12);
    expect(faratinTarget(0.25, 2, 0, 1)).toBeCloseTo(0.5, 12);
    expect(faratinTarget(0.5, 0.5, 0, 1)).toBeCloseTo(0.75, 12);
    expect(faratinTarget(0.5, 0.2, 0.1, 0.9)).toBeCloseTo(0.1 + 0.8 * (1 - 1 / 32), 12);
  });

  it('with e = 0 (the hardliner) takes the limit: Pmax until the deadline, Pmin at t = 1', () => {
    expect(faratinTarget(0, 0, 0.3, 0.9)).toBe(0.9);
    expect(faratinTarget(0.99, 0, 0.3, 0.9)).toBe(0.9);
    expect(faratinTarget(1 - 1e-12, 0, 0.3, 0.9)).toBe(0.9);
    expect(faratinTarget(1, 0, 0.3, 0.9)).toBe(0.3);
    expect(faratinTarget(1.5, 0, 0.3, 0.9)).toBe(0.3);
    // the curve tends to that limit as e falls
    expect(faratinTarget(0.99, 0.001, 0.3, 0.9)).toBeCloseTo(0.9, 3);
    expect(Number.isNaN(faratinTarget(1, 0, 0.3, 0.9))).toBe(false);
  });

  it('keeps t inside [0, 1]', () => {
    expect(faratinTarget(1.5, 1, 0.2, 1)).toBe(0.2);
    expect(faratinTarget(-1, 1, 0.2, 1)).toBe(1);
  });

  it('floors at the reservation or the lowest utility, whichever is higher', () => {
    expect(concessionFloor(0.25, 0.1)).toBe(0.25);
    expect(concessionFloor(0.05, 0.1)).toBe(0.1);
  });

  it("runs each side's time from 0 at its first turn to 1 at its last", () => {
    // 100 turns: the first side moves at 0, 2, ..., 98, the second at 1, 3, ..., 99
    expect(timeAt(0, 100)).toBe(0);
    expect(timeAt(1, 100)).toBe(0);
    expect(timeAt(98, 100)).toBe(1);
    expect(timeAt(99, 100)).toBe(1);
    expect(timeAt(33, 100)).toBeCloseTo(16 / 49, 12);
    expect(timeAt(34, 100)).toBeCloseTo(17 / 49, 12);
    // an odd deadline gives the first side one turn more
    expect(timeAt(98, 99)).toBe(1);
    expect(timeAt(96, 99)).toBeCloseTo(48 / 49, 12);
    expect(timeAt(97, 99)).toBe(1);
    // a side with a single turn is at its deadline
    expect(timeAt(0, 1)).toBe(1);
    expect(timeAt(0, 2)).toBe(1);
    expect(timeAt(1, 2)).toBe(1);
  });
});

describe('acceptsOffer (AC_next)', () => {
  it('accepts an offer worth at least my next offer and my reservation', () => {
    expect(acceptsOffer(0.6, 0.6, 0.2)).toBe(true);
    expect(acceptsOffer(0.59, 0.6, 0.2)).toBe(false);
    expect(acceptsOffer(0.3, 0.1, 0.35)).toBe(false);
    expect(acceptsOffer(0.35, 0.1, 0.35)).toBe(true);
  });
});

describe('frequency opponent model', () => {
  const radices = [3, 2];
  const m = [[0, 0], [0, 1], [1, 1]].reduce((model, o) => observeOffer(model, o), emptyModel(radices));

  it('starts with equal weights and equal values', () => {
    const empty = emptyModel(radices);
    expect(modelWeights(empty)).toEqual([0.5, 0.5]);
    expect(modelValues(empty)).toEqual([[1, 1, 1], [1, 1]]);
  });

  it('counts options and the issues kept unchanged between consecutive offers', () => {
    expect(m.counts).toEqual([[2, 1, 0], [1, 2]]);
    expect(m.unchanged).toEqual([1, 1]);
    expect(m.offers).toBe(3);
    expect(m.last).toEqual([1, 1]);
  });

  it('turns them into weights and values', () => {
    expect(modelWeights(m)).toEqual([0.5, 0.5]);
    const v = modelValues(m);
    expect(v[0]).toEqual([1, 2 / 3, 1 / 3]);
    expect(v[1]).toEqual([2 / 3, 1]);
    expect(estimateUtility(m, [0, 1])).toBe(1);
    expect(estimateUtility(m, [2, 0])).toBeCloseTo(0.5, 12);
  });

  it('gives weight to an issue the opponent never moves on', () => {
    const held = [[2, 0], [2, 1], [2, 0], [2, 1]].reduce((model, o) => observeOffer(model, o), emptyModel(radices));
    expect(held.unchanged).toEqual([3, 0]);
    const [wa, wb] = modelWeights(held);
    expect(wa).toBeCloseTo(1.6 / 2.6, 12);
    expect(wb).toBeCloseTo(1 / 2.6, 12);
  });

  it('counts a weighted observation for less', () => {
    const half = observeOffer(observeOffer(emptyModel(radices), [0, 0]), [0, 1], 0.5);
    expect(half.counts).toEqual([[1.5, 0, 0], [1, 0.5]]);
    expect(half.unchanged).toEqual([0.5, 0]);
  });

  it('does not change the model it is given', () => {
    const before = JSON.stringify(m);
    observeOffer(m, [2, 0]);
    expect(JSON.stringify(m)).toBe(before);
  });
});

describe('package search', () => {
  const space = new PackageSpace(DOMAIN);
  const table = new UtilityTable(space, A);
  const likesB = (p: number) => [0.3, 0.15, 0, 1, 0.85, 0.7][p]!;

  it('finds the least package at or above a target', () => {
    expect(leastAtLeast(table, 0.65)).toBe(1);
    expect(leastAtLeast(table, 0.6)).toBe(5);
    expect(leastAtLeast(table, 2)).toBe(2);
  });

  it('logrolls: in the band above the target it picks what the opponent rates highest', () => {
    // band [0.55, 0.75] holds p1 (B 0.15) and p5 (B 0.7)
    expect(bandSearch(table, likesB, 0.55, 0.2)).toBe(5);
    // a cap below p1 leaves only p5
    expect(bandSearch(table, likesB, 0.55, 0.5, 0.65)).toBe(5);
    // an empty band falls back to the least package at or above the target
    expect(bandSearch(table, likesB, 0.8, 0.1)).toBe(2);
  });

  it('respects what is allowed and reports an empty band', () => {
    expect(bestInBand(table, likesB, 0.3, 1, (p) => p !== 5)).toBe(4);
    expect(bestInBand(table, likesB, 0.8, 0.9)).toBe(-1);
  });

  it('breaks rating ties by my higher utility, then by a draw when given one', () => {
    expect(bestInBand(table, () => 1, 0, 1)).toBe(2);
    // p1 (y,p) and p4 (y,q) tie for a side that cares only about issue a: a draw below 1/2 takes the second
    const tiedTable = new UtilityTable(space, { weights: [1, 0], values: [[0, 1, 0], [0, 0]], reservation: 0 });
    expect(bestInBand(tiedTable, () => 1, 0.5, 1)).toBe(1);
    expect(bestInBand(tiedTable, () => 1, 0.5, 1, undefined, () => 0.9)).toBe(1);
    expect(bestInBand(tiedTable, () => 1, 0.5, 1, undefined, () => 0.1)).toBe(4);
  });

  it('rates packages through the frequency model', () => {
    const model = [[0, 1], [1, 1]].reduce((m, o) => observeOffer(m, o), emptyModel(space.radices));
    const rate = modelRater(model, space);
    for (let p = 0; p < space.size; p++) expect(rate(p)).toBeCloseTo(estimateUtility(model, space.outcome(p)), 12);
  });
});

describe('frontier, Nash and Kalai–Smorodinsky', () => {
  const space = new PackageSpace(DOMAIN);
  const a = new UtilityTable(space, A).utilities;
  const b = new UtilityTable(space, B).utilities;

  it('finds the exact Pareto frontier', () => {
    expect(paretoFrontier(a, b).map((f) => f.pkg)).toEqual([2, 1, 5, 4, 3]);
  });

  it('keeps one of packages with equal utility pairs', () => {
    expect(paretoFrontier([0.5, 0.5, 0.2], [0.5, 0.5, 0.9]).map((f) => f.pkg)).toEqual([0, 2]);
  });

  it('finds the Nash point among packages both prefer to no deal', () => {
    expect(nashPoint(a, b, 0.1, 0.2)).toEqual({ a: a[5], b: b[5], pkg: 5 });
    // with B's reservation at 0.8, only p4 and p3 are left for it, and p3 is below A's
    expect(nashPoint(a, b, 0.1, 0.8)!.pkg).toBe(4);
    expect(nashPoint(a, b, 0.9, 0.9)).toBeNull();
  });

  it('finds the Kalai–Smorodinsky point: the best smaller share of the possible gain', () => {
    expect(kalaiSmorodinskyPoint(a, b, 0.1, 0.2)!.pkg).toBe(5);
    expect(kalaiSmorodinskyPoint(a, b, 0.1, 0.8)!.pkg).toBe(4);
    expect(kalaiSmorodinskyPoint(a, b, 0.9, 0.9)).toBeNull();
  });

  it('measures distances in utility space', () => {
    expect(distance({ a: 0, b: 0 }, { a: 0.3, b: 0.4 })).toBeCloseTo(0.5, 12);
    const frontier = paretoFrontier(a, b);
    expect(distanceToFrontier({ a: 0.6, b: 0.7 }, frontier)).toBe(0);
    // p1 (0.7, 0.15) is nearer than p5 (0.6, 0.7)
    expect(distanceToFrontier({ a: 0.4, b: 0.3 }, frontier)).toBeCloseTo(Math.hypot(0.3, 0.15), 12);
  });
});
