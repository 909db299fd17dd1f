import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMove, newGame, replay } from '../../src/core/engine';
import { INDICATORS } from '../../src/core/indicators';
import { decodeResult, encodeResult, ResultCodeError } from '../../src/core/result-code';
import { canonicalPackage, legalMoveSpace, legalMoveTypes, packageAt } from '../../src/core/rules';
import type { GameOptions, GameState, IndicatorId, Move, Scenario } from '../../src/core/types';
import { DIFFICULTIES, SIDES } from '../../src/core/types';
import { busan, loadOrThrow, mini, scenarioPath } from '../helpers';

const scenarios: Scenario[] = [busan(), loadOrThrow(scenarioPath('sandbox.yaml')), mini()];
const byId = (id: string) => scenarios.find((s) => s.id === id);

// Uniform in [0, 1): fc.double is uniform over representable doubles (most of them tiny), and
// fast-check's default bias towards edge values would pick the first legal move over and over.
const unit = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

/** A game as fast-check generates it: a scenario, a seed, options, and the choices that pick each move. */
const gameArb = fc.record({
  scenario: fc.nat(scenarios.length - 1),
  seed: fc.string({ maxLength: 12 }),
  humans: fc.subarray([...SIDES]),
  difficulty: fc.tuple(fc.constantFrom(...DIFFICULTIES), fc.constantFrom(...DIFFICULTIES)),
  doctrinePick: fc.tuple(fc.nat(), fc.nat()),
  choices: fc.array(fc.tuple(unit, unit), { minLength: 1, maxLength: 40, size: 'max' }),
});
type GameInput = typeof gameArb extends fc.Arbitrary<infer T> ? T : never;

function optionsFor(scenario: Scenario, g: GameInput): GameOptions {
  const pick = (side: 'us' | 'china', n: number) => {
    const ds = scenario.doctrines.filter((d) => d.side === side);
    return ds[n % ds.length]!.id;
  };
  return {
    doctrines: { us: pick('us', g.doctrinePick[0]), china: pick('china', g.doctrinePick[1]) },
    humans: g.humans,
    difficulty: { us: g.difficulty[0], china: g.difficulty[1] },
  };
}

/** Play the generated game live: each choice picks a kind of legal move, then a move of that kind. */
function playLive(g: GameInput): { scenario: Scenario; options: GameOptions; states: GameState[]; moves: Move[] } {
  const scenario = scenarios[g.scenario]!;
  const options = optionsFor(scenario, g);
  let state = newGame(scenario, g.seed, options);
  const states = [state];
  const moves: Move[] = [];
  for (const [a, b] of g.choices) {
    if (state.phase !== 'negotiation') break;
    const side = state.turn;
    const space = legalMoveSpace(scenario, state, side);
    // Walking out ends a game at once; keep it rare so that long games and deadlines get explored too.
    const kinds = legalMoveTypes(space).filter((k) => k !== 'walkout');
    const kind = a >= 0.97 ? 'walkout' : kinds[Math.floor((a / 0.97) * kinds.length)]!;
    const move: Move =
      kind === 'propose'
        ? { type: 'propose', side, package: canonicalPackage(scenario, packageAt(space.packages, Math.floor(b * space.packageCount))) }
        : space.moves.filter((m) => m.type === kind)[Math.floor(b * space.moves.filter((m) => m.type === kind).length)]!;
    state = applyMove(scenario, state, move).state;
    states.push(state);
    moves.push(move);
  }
  return { scenario, options, states, moves };
}

function inRange(state: GameState): string | null {
  const all = [state.indicators, ...state.trajectory.map((h) => h.indicators)];
  for (const values of all) {
    for (const [id, v] of Object.entries(values) as [IndicatorId, number][]) {
      const def = INDICATORS[id];
      if (!Number.isFinite(v) || v < def.min || v > def.max) return `${id} = ${v} outside ${def.min}..${def.max}`;
    }
  }
  return null;
}

describe('properties of random legal play (1,000 generated games)', () => {
  it('explores deals, walkouts and deadlines alike', () => {
    const outcomes = new Map<string, number>();
    for (const g of fc.sample(gameArb, { numRuns: 300, seed: 1 })) {
      const kind = playLive(g).states.at(-1)!.outcome?.kind ?? 'unfinished';
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    }
    for (const kind of ['deal', 'walkout', 'deadline']) expect(outcomes.get(kind) ?? 0).toBeGreaterThan(15);
  });

  it('keeps every indicator finite and in range, replays step for step, and is byte-identical run to run', () => {
    fc.assert(
      fc.property(gameArb, (g) => {
        const live = playLive(g);
        for (const s of live.states) expect(inRange(s)).toBeNull();
        const again = replay(live.scenario, g.seed, live.options, live.moves);
        expect(again.states.map((s) => JSON.stringify(s))).toEqual(live.states.map((s) => JSON.stringify(s)));
        expect(JSON.stringify(playLive(g).states.at(-1))).toBe(JSON.stringify(live.states.at(-1)));
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips result codes, and rejects any single-character change (1,000 generated games)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(gameArb, fc.nat(), fc.nat(alphabet.length - 2), (g, at, shift) => {
        const live = playLive(g);
        const spec = { scenario: { id: live.scenario.id, version: live.scenario.version }, seed: g.seed, options: live.options, moves: live.moves };
        const code = encodeResult(spec, live.scenario);
        const decoded = decodeResult(code, byId);
        expect(decoded).toEqual(spec);
        expect(JSON.stringify(replay(live.scenario, decoded.seed, decoded.options, decoded.moves).final)).toBe(JSON.stringify(live.states.at(-1)));
        const i = at % code.length;
        const current = alphabet.indexOf(code[i]!);
        const replacement = alphabet[(Math.max(current, 0) + 1 + shift) % alphabet.length]!;
        const changed = code.slice(0, i) + (replacement === code[i] ? '~' : replacement) + code.slice(i + 1);
        expect(() => decodeResult(changed, byId)).toThrow(ResultCodeError);
      }),
      { numRuns: 1000 },
    );
  });
});
