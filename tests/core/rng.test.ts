import { describe, expect, it } from 'vitest';
import { beta, decisionRng, drawIndex, gamma, Streams, truncatedNormal } from '../../src/core/rng';

const take = (s: Streams, stream: string, n: number) => Array.from({ length: n }, () => s.next(stream));

describe('Streams', () => {
  it('gives the same sequence for the same seed and stream, and another for another seed', () => {
    expect(take(new Streams('a', {}), 'events', 5)).toEqual(take(new Streams('a', {}), 'events', 5));
    expect(take(new Streams('a', {}), 'events', 5)).not.toEqual(take(new Streams('b', {}), 'events', 5));
  });

  it('keeps streams independent: draws on one never shift another', () => {
    const alone = new Streams('seed', {});
    const mixed = new Streams('seed', {});
    take(mixed, 'events', 7);
    expect(take(mixed, 'compliance', 3)).toEqual(take(alone, 'compliance', 3));
  });

  it('resumes exactly from the JSON state it saves', () => {
    const first = new Streams('seed', {});
    take(first, 'effects', 4);
    const saved = JSON.parse(JSON.stringify(first.states()));
    const resumed = new Streams('seed', saved);
    expect(take(resumed, 'effects', 5)).toEqual(take(first, 'effects', 5));
  });

  it('saves only the streams it touched, merged over the saved ones, in sorted order', () => {
    const s = new Streams('seed', {});
    s.next('effects');
    const saved = s.states();
    const t = new Streams('seed', saved);
    t.next('compliance');
    expect(Object.keys(t.states())).toEqual(['compliance', 'effects']);
    expect(t.states().effects).toEqual(saved.effects);
  });

  it('draws indices in range', () => {
    const s = new Streams('x', {});
    for (let i = 0; i < 200; i++) {
      const k = drawIndex(s, 'events', 3);
      expect(k === 0 || k === 1 || k === 2).toBe(true);
    }
    expect(() => drawIndex(s, 'events', 0)).toThrow('positive count');
  });
});

describe('decisionRng', () => {
  it('depends on the seed, the stream and the index only', () => {
    expect(decisionRng('s', 'ai:us', 3)()).toBe(decisionRng('s', 'ai:us', 3)());
    expect(decisionRng('s', 'ai:us', 3)()).not.toBe(decisionRng('s', 'ai:us', 4)());
    expect(decisionRng('s', 'ai:us', 3)()).not.toBe(decisionRng('s', 'ai:china', 3)());
  });
});

describe('variates', () => {
  const source = () => {
    const s = new Streams('variates', {});
    return () => s.next('effects');
  };
  const meanOf = (f: () => number, n = 20000) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += f();
    return sum / n;
  };

  it('gamma has mean equal to its shape, below and above 1', () => {
    const next = source();
    expect(meanOf(() => gamma(next, 3))).toBeCloseTo(3, 1);
    expect(meanOf(() => gamma(next, 0.5))).toBeCloseTo(0.5, 1);
  });

  it('beta(a, b) has mean a / (a + b) and stays in [0, 1]', () => {
    const next = source();
    let min = 1;
    let max = 0;
    const m = meanOf(() => {
      const x = beta(next, 5, 3);
      min = Math.min(min, x);
      max = Math.max(max, x);
      return x;
    });
    expect(m).toBeCloseTo(5 / 8, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
  });

  it('a truncated normal stays within its bounds, and falls back to the nearer bound far in the tail', () => {
    const next = source();
    for (let i = 0; i < 2000; i++) {
      const x = truncatedNormal(next, 0, 1, -0.5, 2);
      expect(x).toBeGreaterThanOrEqual(-0.5);
      expect(x).toBeLessThanOrEqual(2);
    }
    expect(truncatedNormal(next, 0, 1, 50, 60)).toBe(50);
  });
});
