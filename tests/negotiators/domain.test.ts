import { describe, expect, it } from 'vitest';
import { PackageSpace, UtilityTable, utility } from '../../src/negotiators/domain';
import { A, B, DOMAIN } from './fixtures';

describe('linear additive utility', () => {
  it('sums weight times value over the issues', () => {
    expect(utility(A, [1, 0])).toBeCloseTo(0.7, 12);
    expect(utility(B, [1, 1])).toBeCloseTo(0.85, 12);
    expect(utility(A, [0, 1])).toBe(0);
  });
});

describe('PackageSpace', () => {
  const space = new PackageSpace(DOMAIN);
  it('numbers every package in mixed radix, first issue fastest', () => {
    expect(space.size).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((p) => space.outcome(p))).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    expect(space.indexOf([2, 1])).toBe(5);
    expect(space.option(4, 0)).toBe(1);
  });

  it('refuses a space too large to enumerate', () => {
    const big = { issues: Array.from({ length: 8 }, (_, i) => ({ name: `i${i}`, options: Array.from({ length: 10 }, (_, j) => `o${j}`) })) };
    expect(() => new PackageSpace(big)).toThrow('too large to enumerate');
  });
});

describe('UtilityTable', () => {
  const table = new UtilityTable(new PackageSpace(DOMAIN), A);
  it('orders packages best first, ties by package number', () => {
    expect(Array.from(table.order)).toEqual([2, 1, 5, 0, 4, 3]);
    expect(table.max).toBe(1);
    expect(table.min).toBe(0);
    expect(table.rank[5]).toBe(2);
    const tied = new UtilityTable(new PackageSpace(DOMAIN), { weights: [1, 0], values: [[0, 1, 0], [0, 0]], reservation: 0 });
    expect(Array.from(tied.order)).toEqual([1, 4, 0, 2, 3, 5]);
  });

  it('finds the ranks around a utility level', () => {
    expect(table.lastRankAtLeast(0.6)).toBe(2);
    expect(table.lastRankAtLeast(0.65)).toBe(1);
    expect(table.lastRankAtLeast(1.01)).toBe(-1);
    expect(table.firstRankAtMost(0.65)).toBe(2);
    expect(table.firstRankAtMost(-1)).toBe(6);
  });
});
