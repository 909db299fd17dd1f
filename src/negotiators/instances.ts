import { decisionRng, gamma } from '../core/rng';
import type { Preferences } from './domain';
import { PackageSpace } from './domain';
import type { Instance } from './protocol';

/**
 * Seeded benchmark instances. Each has 2 to 4 issues of 3 to 6 options. An issue is
 *  - distributive (60%): one side's values rise where the other's fall (v_b = 1 - v_a);
 *  - compatible (20%): both sides rank the options the same way, so both want the same option;
 *  - random (20%): each side ranks the options independently.
 * A side's values on an issue run from 0 to 1 with the values between drawn uniformly; weights
 * come from a flat Dirichlet; reservations are uniform in [0, 0.4], redrawn until some package
 * beats both. Everything is drawn from the stream `bench:instance` of the seed.
 */

export type IssueKind = 'distributive' | 'compatible' | 'random';

export const DEFAULT_TURNS = 100;

function int(next: () => number, lo: number, hi: number): number {
  return lo + Math.min(hi - lo, Math.floor(next() * (hi - lo + 1)));
}

/** Values 0 and 1 at the ends, uniform draws between, in rising order. */
function risingValues(next: () => number, n: number): number[] {
  const inner = Array.from({ length: n - 2 }, () => next()).sort((x, y) => x - y);
  return [0, ...inner, 1];
}

function shuffled<T>(next: () => number, items: T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(next() * (i + 1)));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function dirichletFlat(next: () => number, n: number): number[] {
  const g = Array.from({ length: n }, () => gamma(next, 1));
  const total = g.reduce((a, b) => a + b, 0);
  return g.map((x) => x / total);
}

export function issueKind(u: number): IssueKind {
  return u < 0.6 ? 'distributive' : u < 0.8 ? 'compatible' : 'random';
}

export function generateInstance(seed: number, turns = DEFAULT_TURNS): Instance & { kinds: IssueKind[] } {
  const next = decisionRng(String(seed), 'bench:instance', 0);
  const issueCount = int(next, 2, 4);
  const issues = [];
  const kinds: IssueKind[] = [];
  const valuesA: number[][] = [];
  const valuesB: number[][] = [];
  for (let i = 0; i < issueCount; i++) {
    const n = int(next, 3, 6);
    const kind = issueKind(next());
    kinds.push(kind);
    issues.push({ name: `issue${i + 1}`, options: Array.from({ length: n }, (_, j) => `o${j + 1}`) });
    const a = risingValues(next, n);
    if (kind === 'distributive') {
      valuesA.push(a);
      valuesB.push(a.map((v) => 1 - v));
    } else if (kind === 'compatible') {
      valuesA.push(a);
      valuesB.push(risingValues(next, n));
    } else {
      valuesA.push(shuffled(next, a));
      valuesB.push(shuffled(next, risingValues(next, n)));
    }
  }
  const a: Preferences = { weights: dirichletFlat(next, issueCount), values: valuesA, reservation: 0 };
  const b: Preferences = { weights: dirichletFlat(next, issueCount), values: valuesB, reservation: 0 };
  const space = new PackageSpace({ issues });
  const ua = space.utilities(a);
  const ub = space.utilities(b);
  for (;;) {
    a.reservation = 0.4 * next();
    b.reservation = 0.4 * next();
    let beaten = false;
    for (let p = 0; p < space.size && !beaten; p++) beaten = ua[p]! > a.reservation && ub[p]! > b.reservation;
    if (beaten) break;
  }
  return { id: String(seed), turns, domain: { issues }, sides: [a, b], kinds };
}
