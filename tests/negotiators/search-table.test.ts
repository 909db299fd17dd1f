import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMove, defaultOptions, newGame, profileFor } from '../../src/core/engine';
import { randomMove } from '../../src/negotiators/game/random-player';
import { decisionRng } from '../../src/core/rng';
import { doctrineOf } from '../../src/core/scenario-lookup';
import type { GameState, Scenario, Side } from '../../src/core/types';
import type { LinearRater, PackageTable, PackageNumbering } from '../../src/negotiators/domain';
import { PackageSpace, UtilityTable } from '../../src/negotiators/domain';
import { buildGameDomain, INFEASIBLE, ratifies } from '../../src/negotiators/game/game-domain';
import type { SearchTable } from '../../src/negotiators/search-table';
import { byDown, sortTail } from '../../src/negotiators/search-table';
import { loadOrThrow, busan, mini, scenarioPath } from '../helpers';

/**
 * The branch-and-bound table answers every question exactly as the enumerated table does, draws
 * included, on game domains (ratification floors, the unchanged package left out) and on raters
 * with many ties, which is where the order of the pass decides the draws.
 */

const SCENARIOS: Scenario[] = [
  busan(),
  mini(),
  loadOrThrow(scenarioPath('sandbox.yaml')),
  loadOrThrow(scenarioPath('geneva-london-2025.yaml')),
];

/** A state some random moves into a game (so positions, support and threats vary). */
function stateAfter(scenario: Scenario, seed: number, moves: number): GameState {
  let state = newGame(scenario, `t${seed}`, defaultOptions(scenario));
  for (let i = 0; i < moves && state.phase === 'negotiation'; i++) {
    const move = randomMove(scenario, state, state.turn);
    if (move.type === 'walkout' || move.type === 'accept') continue;
    state = applyMove(scenario, state, move).state;
  }
  return state.phase === 'negotiation' ? state : newGame(scenario, `t${seed}`, defaultOptions(scenario));
}

function tables(
  scenario: Scenario,
  state: GameState,
  side: Side,
): { search: SearchTable; enumerated: UtilityTable; numbering: PackageNumbering } {
  const profile = profileFor(scenario, state.options, side);
  const gd = buildGameDomain(scenario, state, side, profile, doctrineOf(scenario, profile.doctrine));
  const space = new PackageSpace(gd.domain);
  // A measure to reverse leaves its issue's current position out of the options: then no package is "unchanged".
  const unchanged = gd.issues.some((i) => i.current < 0) ? -1 : space.indexOf(gd.issues.map((i) => i.current));
  const enumerated = new UtilityTable(space, gd.prefs, (pkg, u) =>
    pkg !== unchanged && ratifies(gd.home, space.outcome(pkg)) && ratifies(gd.there, space.outcome(pkg))
      ? u
      : INFEASIBLE,
  );
  return { search: gd.table, enumerated, numbering: gd.space };
}

/** A linear rater whose values come from a small lattice, so many packages tie. */
function lattice(numbering: PackageNumbering, seed: number, steps: number): LinearRater {
  const next = decisionRng(`rater${seed}`, 'test', 0);
  const weights = numbering.radices.map(() => 1 + Math.floor(next() * 3));
  const total = weights.reduce((a, b) => a + b, 0);
  const w = weights.map((x) => x / total);
  const v = numbering.radices.map((r) =>
    Array.from({ length: r }, () => Math.floor(next() * steps) / Math.max(1, steps - 1)),
  );
  const rate = (pkg: number) => {
    let u = 0;
    for (let i = 0; i < w.length; i++) u += w[i]! * v[i]![numbering.option(pkg, i)]!;
    return u;
  };
  return Object.assign(rate, { weights: w, values: v });
}

/** A random stream that counts its draws. */
function counted(seed: string) {
  const next = decisionRng(seed, 'draws', 0);
  const stream = Object.assign(() => (stream.calls++, next()), { calls: 0 });
  return stream;
}

function bandAnswers(
  table: PackageTable,
  rate: LinearRater,
  lo: number,
  hi: number,
  allowed: (p: number) => boolean,
  seed: string,
) {
  const random = counted(seed);
  return {
    plain: table.bestInBand(rate, lo, hi, allowed),
    drawn: table.bestInBand(rate, lo, hi, allowed, random),
    draws: random.calls,
  };
}

describe('the branch-and-bound package table', () => {
  it('gives every package the enumerated utility, and the same best, worst and top', () => {
    for (const scenario of SCENARIOS) {
      for (const side of ['us', 'china'] as const) {
        const { search, enumerated, numbering } = tables(scenario, stateAfter(scenario, 1, 3), side);
        expect(search.max).toBe(enumerated.max);
        expect(search.min).toBe(enumerated.min);
        expect(search.top()).toBe(enumerated.top());
        for (let p = 0; p < numbering.size; p += Math.max(1, Math.floor(numbering.size / 500)))
          expect(search.utility(p)).toBe(enumerated.utility(p));
      }
    }
  });

  it('finds the same packages around any level, in any band, under raters full of ties, with the same draws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SCENARIOS.length - 1 }),
        fc.constantFrom<Side>('us', 'china'),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.integer({ min: 2, max: 4 }),
        (k, side, seed, moves, level, width, steps) => {
          const scenario = SCENARIOS[k]!;
          const { search, enumerated, numbering } = tables(scenario, stateAfter(scenario, seed, moves), side);
          const lo = enumerated.max < 0 ? level : level * enumerated.max;
          expect(search.leastAtLeast(lo)).toBe(enumerated.leastAtLeast(lo));
          const rate = lattice(numbering, seed, steps);
          const banned = new Set([enumerated.top(), enumerated.leastAtLeast(lo)]);
          const allowed = (p: number) => !banned.has(p);
          for (const [a, b] of [
            [lo, lo + width],
            [lo, Infinity],
            [lo + width, lo],
          ] as const) {
            expect(bandAnswers(search, rate, a, b, () => true, `s${seed}`)).toEqual(
              bandAnswers(enumerated, rate, a, b, () => true, `s${seed}`),
            );
            expect(bandAnswers(search, rate, a, b, allowed, `s${seed}`)).toEqual(
              bandAnswers(enumerated, rate, a, b, allowed, `s${seed}`),
            );
          }
          const least = 0.2 + 0.6 * level;
          expect(search.firstRated(rate, least, lo)).toBe(enumerated.firstRated(rate, least, lo));
          const first = (t: PackageTable) => {
            const seen: number[] = [];
            t.scanFrom(lo, (p) => (seen.push(p), seen.length >= 20));
            return seen;
          };
          expect(first(search)).toEqual(first(enumerated));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a rater it cannot bound', () => {
    const { search } = tables(SCENARIOS[1]!, stateAfter(SCENARIOS[1]!, 2, 0), 'us');
    expect(() => search.bestInBand(() => 1, 0, 1)).toThrow('weighted sum');
  });
});

describe('byDown (the sort order of the search tables)', () => {
  it('orders as `b - a` did, ties, zeros and infinities included', () => {
    const special = [0, -0, 1, -1, 0.1, 1e-12, Infinity, -Infinity, NaN];
    const old = (a: number, b: number) => b - a || 0;
    for (const a of special)
      for (const b of special) expect(Math.sign(byDown(a, b)), `${a} vs ${b}`).toBe(Math.sign(old(a, b)));
    fc.assert(fc.property(fc.double(), fc.double(), (a, b) => Math.sign(byDown(a, b)) === Math.sign(old(a, b))));
  });
});

describe('sortTail (the order of a tail, from the last tail order)', () => {
  it('gives the comparator sort, utility down then offset up, whatever order it starts from', () => {
    fc.assert(
      fc.property(
        // few distinct values: many ties, which the offsets order
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 200 }),
        fc.integer(),
        fc.boolean(),
        (raw, seed, withHint) => {
          const u = Float64Array.from(raw, (v) => v / 7);
          const offset = Int32Array.from(raw, (_, e) => (e * 7919) % 100_003);
          const want = Int32Array.from(raw, (_, e) => e).sort(
            (a, b) => byDown(u[a]!, u[b]!) || offset[a]! - offset[b]!,
          );
          // a shuffled hint, or a nearly sorted one (the sorted order with a few swaps)
          const hint = withHint ? Int32Array.from(want) : Int32Array.from(raw, (_, e) => e);
          let s = seed;
          for (let k = 0; k < (withHint ? 3 : raw.length); k++) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            const i = (s >>> 8) % hint.length;
            const j = (s >>> 16) % hint.length;
            [hint[i], hint[j]] = [hint[j]!, hint[i]!];
          }
          expect(Array.from(sortTail(u, offset, hint))).toEqual(Array.from(want));
          expect(Array.from(sortTail(u, offset, null))).toEqual(Array.from(want));
        },
      ),
      { numRuns: 200 },
    );
  });
});
