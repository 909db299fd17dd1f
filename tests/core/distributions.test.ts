import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erf, mean, sample, support, truncatedMoments, variance } from '../../src/core/distributions';
import { describeDistribution as describeDist } from '../../src/session/explain-words';
import { decisionRng } from '../../src/core/rng';
import { LIMITS } from '../../src/core/schema/limits';
import type { Distribution } from '../../src/core/types';

describe('distributions', () => {
  it('computes exact means and variances', () => {
    expect(mean(4)).toBe(4);
    expect(variance(4)).toBe(0);
    expect(mean({ uniform: [2, 6] })).toBe(4);
    expect(variance({ uniform: [2, 6] })).toBeCloseTo(16 / 12, 12);
    expect(mean({ beta: [5, 3], scale: [0, 11] })).toBeCloseTo(6.875, 12);
    expect(variance({ beta: [1, 1], scale: [0, 1] })).toBeCloseTo(1 / 12, 12);
    expect(mean({ normal: [10, 3] })).toBe(10);
    expect(variance({ normal: [10, 3] })).toBeCloseTo(9, 6);
  });

  it('accounts for truncation: a standard normal cut at 0 has mean sqrt(2/pi)', () => {
    const { mean: m, variance: v } = truncatedMoments(0, 1, 0, Infinity);
    expect(m).toBeCloseTo(Math.sqrt(2 / Math.PI), 6);
    expect(v).toBeCloseTo(1 - 2 / Math.PI, 6);
    expect(mean({ normal: [0, 1], min: 0 })).toBeCloseTo(0.7978845608, 6);
    // all mass beyond a bound: the sampler returns the bound
    expect(truncatedMoments(0, 1, 40, 50)).toEqual({ mean: 40, variance: 0 });
  });

  it('erf matches known values', () => {
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-1)).toBeCloseTo(-0.8427007929, 6);
    expect(erf(3)).toBeCloseTo(0.9999779095, 6);
  });

  it('gives each distribution its support', () => {
    expect(support(3)).toEqual([3, 3]);
    expect(support({ uniform: [5, 1] })).toEqual([1, 5]);
    expect(support({ normal: [0, 1], max: 2 })).toEqual([-Infinity, 2]);
    expect(support({ beta: [2, 2], scale: [-1, 1] })).toEqual([-1, 1]);
  });

  it('describes distributions in words', () => {
    expect(describeDist(-2)).toBe('fixed −2');
    expect(describeDist({ uniform: [3, 8] })).toBe('uniform 3 to 8');
    expect(describeDist({ normal: [-12, 3] })).toBe('normal, mean −12, sd 3');
    expect(describeDist({ normal: [1, 2], min: 0 })).toBe('normal, mean 1, sd 2, kept within 0 to ∞');
    expect(describeDist({ beta: [5, 3], scale: [0, 11] })).toBe('beta(5, 3) over 0 to 11');
  });

  it('samples within the support, with the right mean', () => {
    let u = 0;
    const next = () => ((u = (u * 9301 + 49297) % 233280), u / 233280);
    const dists: Distribution[] = [{ uniform: [1, 2] }, { beta: [2, 5], scale: [10, 20] }, { normal: [0, 1], min: -1, max: 1 }];
    for (const d of dists) {
      const [lo, hi] = support(d);
      let sum = 0;
      for (let i = 0; i < 5000; i++) {
        const x = sample(d, next);
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
        sum += x;
      }
      expect(sum / 5000).toBeCloseTo(mean(d), 1);
    }
  });
});

describe('draws within the bounds the scenario schema allows', () => {
  const bound = LIMITS.magnitude;
  const finite = fc.double({ min: -bound, max: bound, noNaN: true });
  const shape = fc.oneof(fc.constantFrom(LIMITS.betaShape.min, LIMITS.betaShape.max, 0.5, 1), fc.double({ min: LIMITS.betaShape.min, max: LIMITS.betaShape.max, noNaN: true }));
  const ordered = fc.tuple(finite, finite).map(([a, b]) => (a <= b ? ([a, b] as [number, number]) : ([b, a] as [number, number])));
  const dist: fc.Arbitrary<Distribution> = fc.oneof(
    finite,
    ordered.map((uniform) => ({ uniform })),
    fc.tuple(finite, fc.double({ min: 0, max: bound, noNaN: true }), fc.option(ordered, { nil: undefined })).map(([m, sd, bounds]) => ({ normal: [m, sd] as [number, number], ...(bounds ? { min: bounds[0], max: bounds[1] } : {}) })),
    fc.tuple(shape, shape, ordered.filter(([lo, hi]) => lo < hi)).map(([a, b, scale]) => ({ beta: [a, b] as [number, number], scale })),
  );

  it('are always finite numbers inside the distribution’s support, and so are its mean and variance (20,000 draws)', () => {
    fc.assert(
      fc.property(dist, fc.integer({ min: 0, max: 2 ** 31 }), (d, seed) => {
        const next = decisionRng(String(seed), 'test', 0);
        const [lo, hi] = support(d);
        // lo + (hi − lo) × u may round a last bit beyond a bound; the engine's clamp takes care of that.
        const slack = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
        for (let i = 0; i < 10; i++) {
          const x = sample(d, next);
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(lo - slack);
          expect(x).toBeLessThanOrEqual(hi + slack);
        }
        expect(Number.isFinite(mean(d))).toBe(true);
        expect(Number.isFinite(variance(d))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a beta with the smallest shapes a number in [0, 1] (both gamma variates underflow there)', () => {
    const next = decisionRng('tiny', 'test', 0);
    for (let i = 0; i < 2000; i++) {
      const x = sample({ beta: [LIMITS.betaShape.min, LIMITS.betaShape.min], scale: [0, 1] }, next);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
  });
});
