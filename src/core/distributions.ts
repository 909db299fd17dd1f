import { beta, truncatedNormal } from './rng';
import type { Distribution } from './types';

/** Draw one value of a distribution from a uniform source. */
export function sample(dist: Distribution, next: () => number): number {
  if (typeof dist === 'number') return dist;
  if ('uniform' in dist) {
    const [lo, hi] = dist.uniform;
    return lo + (hi - lo) * next();
  }
  if ('normal' in dist) {
    const [mean, sd] = dist.normal;
    return truncatedNormal(next, mean, sd, dist.min, dist.max);
  }
  const [a, b] = dist.beta;
  const [lo, hi] = dist.scale;
  return lo + (hi - lo) * beta(next, a, b);
}

export function isFixed(dist: Distribution): dist is number {
  return typeof dist === 'number';
}

/** Expected value (exact, including the truncation of a truncated normal). */
export function mean(dist: Distribution): number {
  if (typeof dist === 'number') return dist;
  if ('uniform' in dist) return (dist.uniform[0] + dist.uniform[1]) / 2;
  if ('normal' in dist) return truncatedMoments(dist.normal[0], dist.normal[1], dist.min, dist.max).mean;
  const [a, b] = dist.beta;
  const [lo, hi] = dist.scale;
  return lo + ((hi - lo) * a) / (a + b);
}

export function variance(dist: Distribution): number {
  if (typeof dist === 'number') return 0;
  if ('uniform' in dist) return (dist.uniform[1] - dist.uniform[0]) ** 2 / 12;
  if ('normal' in dist) return truncatedMoments(dist.normal[0], dist.normal[1], dist.min, dist.max).variance;
  const [a, b] = dist.beta;
  const span = dist.scale[1] - dist.scale[0];
  return (span * span * a * b) / ((a + b) ** 2 * (a + b + 1));
}

/** The smallest and largest values a draw can take. */
export function support(dist: Distribution): [number, number] {
  if (typeof dist === 'number') return [dist, dist];
  if ('uniform' in dist) return [Math.min(...dist.uniform), Math.max(...dist.uniform)];
  if ('normal' in dist) return [dist.min ?? -Infinity, dist.max ?? Infinity];
  return [dist.scale[0], dist.scale[1]];
}

const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function pdf(z: number): number {
  return Number.isFinite(z) ? INV_SQRT_2PI * Math.exp(-0.5 * z * z) : 0;
}

function cdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return 0.5 * (1 + erf(z / SQRT2));
}

/** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y =
    1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return sign * y;
}

/** Mean and variance of a normal(mean, sd) truncated to [min, max]. */
export function truncatedMoments(
  mu: number,
  sd: number,
  min = -Infinity,
  max = Infinity,
): { mean: number; variance: number } {
  if (sd <= 0) return { mean: Math.min(max, Math.max(min, mu)), variance: 0 };
  const a = (min - mu) / sd;
  const b = (max - mu) / sd;
  const z = cdf(b) - cdf(a);
  if (z < 1e-12) {
    // The whole mass lies beyond one bound: the sampler falls back to the nearer bound.
    return { mean: Math.min(max, Math.max(min, mu)), variance: 0 };
  }
  const pa = pdf(a);
  const pb = pdf(b);
  const m = mu + (sd * (pa - pb)) / z;
  const aTerm = Number.isFinite(a) ? a * pa : 0;
  const bTerm = Number.isFinite(b) ? b * pb : 0;
  const v = sd * sd * (1 + (aTerm - bTerm) / z - ((pa - pb) / z) ** 2);
  return { mean: m, variance: Math.max(0, v) };
}
