/**
 * `npm run bench:sim -- [--json] [--scenario ID] [--seconds S] [--warm-up S] [--best-of K]`
 *
 * How fast the game plays itself, through the session layer as the browser plays it, on one
 * core: for every shipped scenario, `hard` against `hard` full games per second with the time of
 * each AI decision (p50, p99, max), and random-against-random games per second in the same run.
 * It also replays the AI games' move logs with the engine alone: the engine's cost of those
 * games, which bounds how fast they can ever be played whatever the AI costs (an AI game has
 * three times the moves of a random one, which mostly ends in an early walkout or acceptance).
 *
 * Games are played over seeds 1, 2, ... until at least `--seconds` (default 2) of AI games and
 * half that of random games have run, and at least three of each; the decisions are timed in
 * another half of that of AI games (timing each decision costs more than a tenth of a game, which
 * games per second should not count). Before them, `--warm-up`
 * seconds (default 3) of untimed games of the scenario: V8 keeps compiling the negotiator's
 * functions for a hundred games or more (busan: 225 compilations in the first 50 games, 21 from
 * game 150 to 200, none to speak of after 250), and a compilation falling inside a decision is
 * counted in its time; the timed figures are those of a process that has settled, as a class
 * server or a Monte Carlo run is within seconds. What a fresh process pays (a student's first
 * game, in a new browser tab) is measured apart: `cold` is the decisions of one game in a new
 * process that has played nothing before (its mean and its slowest).
 *
 * Times are the CPU time of this process (process.cpuUsage), not the wall clock: on a machine
 * shared with other work the wall clock measures the neighbours. They vary with the machine; the
 * games themselves do not.
 *
 * `npm run bench:sim` runs Node as `npm run serve` does, with a 4 MB young generation (see the
 * README): a young-generation collection falling inside a decision is most of its p99, and its
 * pause grows with that generation's size. Run as `node --import tsx src/cli/bench-sim.ts`, it
 * measures V8's default (16 MB) instead. `--single-threaded-gc` keeps the collector's work on
 * this thread, so the figures are one core's.
 *
 * A single decision takes a fraction of a millisecond, so on a busy machine its slowest timings
 * are those of a garbage collection or a neighbour that fell inside it. `--best-of K` times each
 * decision K times (a negotiator asked again at the same turn decides again, the same way)
 * and keeps the least: the decision's own cost. Games per second then include the repeats.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GameOptions, Move, Scenario } from '../core/types';
import { createNegotiator, randomMove, type AiDecision } from '../session/ai';
import { Match, type Ai } from '../session/match';
import { defaultOptions, replay } from '../session/model';
import { parseFlags, UsageError } from './args';
import { isEntry, runMain } from './main';
import { loadAllShippedScenarios, loadShippedScenario } from './scenario-files';

const USAGE = 'usage: npm run bench:sim -- [--json] [--scenario ID] [--seconds S] [--warm-up S] [--best-of K]';
const MIN_GAMES = 3;

/** CPU time of this process so far, in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface SimFigures {
  id: string;
  aiGames: number;
  aiGamesPerSecond: number;
  randomGames: number;
  randomGamesPerSecond: number;
  /** The AI games' move logs replayed by the engine alone, per second. */
  engineGamesPerSecond: number;
  aiMoves: number;
  decisions: number;
  decisionMs: { p50: number; p99: number; max: number };
  /** The decisions of one game in a fresh process: mean and slowest, in ms (null when it could not be measured). */
  cold: { meanMs: number; maxMs: number } | null;
}

/** The q-quantile of sorted numbers (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The random baseline as an AI seat: it needs nothing of the moves before. */
const RANDOM: Ai = {
  seat: (scenario) => ({
    observe: () => undefined,
    decide: (state) => ({
      move: randomMove(scenario, state, state.turn),
      say: '',
      analysis: '',
      posture: 'probing',
    }),
  }),
};

/** Play games over seeds 1, 2, ... until both the time budget and the minimum count are met. */
function playFor(seconds: number, play: (seed: string) => void): { games: number; elapsed: number } {
  const start = cpuMs();
  let games = 0;
  while (games < MIN_GAMES || cpuMs() - start < seconds * 1000) play(String(++games));
  return { games, elapsed: (cpuMs() - start) / 1000 };
}

/** A negotiator seat that adds the CPU time of each decision (the least of `bestOf` tries) to `times`. */
function timedSeats(times: number[], bestOf: number): Ai {
  return {
    seat: (s, options, side) => {
      const negotiator = createNegotiator(s, options, side);
      return {
        observe: (move, before, after) => negotiator.observe(move, before, after),
        decide: (state) => {
          let d: AiDecision | null = null;
          let least = Infinity;
          for (let k = 0; k < bestOf; k++) {
            const t0 = cpuMs();
            d = negotiator.decide(state);
            least = Math.min(least, cpuMs() - t0);
          }
          times.push(least);
          return d!;
        },
      };
    },
  };
}

const hardOptions = (scenario: Scenario): GameOptions =>
  defaultOptions(scenario, { difficulty: { us: 'hard', china: 'hard' } });

/** The decisions of one hard game (seed "cold") in this process, in ms: meant for a process that has played nothing before. */
export function firstGameDecisions(scenario: Scenario): number[] {
  const times: number[] = [];
  Match.start(scenario, 'cold', hardOptions(scenario), timedSeats(times, 1));
  return times;
}

/** firstGameDecisions in a new process (this script, run with the flags this one was run with). */
function coldFigures(id: string): SimFigures['cold'] {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--first-game', id],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) return null;
  const times = JSON.parse(child.stdout) as number[];
  if (times.length === 0) return null;
  return { meanMs: times.reduce((a, b) => a + b, 0) / times.length, maxMs: Math.max(...times) };
}

export function measureScenario(scenario: Scenario, seconds: number, bestOf = 1, warmUp = 3): SimFigures {
  const cold = coldFigures(scenario.id);
  const times: number[] = [];
  const hard = hardOptions(scenario);
  const timed = timedSeats(times, bestOf);
  const untimed: Ai = { seat: (s, options, side) => createNegotiator(s, options, side) };
  // seeds the timed games do not use
  let warm = 0;
  playFor(warmUp, () => {
    warm++;
    Match.start(scenario, `warm-up-${warm}`, hard, untimed);
    Match.start(scenario, `warm-up-${warm}`, defaultOptions(scenario), RANDOM);
  });
  // games per second without timing each decision (two clock reads a decision cost more than a
  // tenth of a game), then the decisions' times in games of their own
  const logs: { seed: string; moves: Move[] }[] = [];
  const ai = playFor(
    seconds,
    (seed) => void logs.push({ seed, moves: Match.start(scenario, seed, hard, untimed).moves }),
  );
  playFor(seconds / 2, (seed) => void Match.start(scenario, `timed-${seed}`, hard, timed));
  const random = playFor(
    seconds / 2,
    (seed) => void Match.start(scenario, seed, defaultOptions(scenario), RANDOM),
  );
  const t0 = cpuMs();
  for (const log of logs) replay(scenario, log.seed, hard, log.moves);
  const engine = (cpuMs() - t0) / 1000;
  times.sort((a, b) => a - b);
  return {
    id: scenario.id,
    aiGames: ai.games,
    aiGamesPerSecond: ai.games / ai.elapsed,
    randomGames: random.games,
    randomGamesPerSecond: random.games / random.elapsed,
    engineGamesPerSecond: logs.length / Math.max(engine, 1e-6),
    aiMoves: logs.reduce((n, l) => n + l.moves.length, 0) / logs.length,
    decisions: times.length,
    decisionMs: {
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      max: times[times.length - 1] ?? NaN,
    },
    cold,
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function formatTable(rows: SimFigures[]): string {
  const head = [
    'scenario',
    'AI games/s',
    'random games/s',
    'ratio',
    'engine only',
    'moves',
    'decisions',
    'p50 ms',
    'p99 ms',
    'max ms',
    'cold mean',
    'cold max',
  ];
  const body = rows.map((r) => [
    r.id,
    r.aiGamesPerSecond.toFixed(1),
    r.randomGamesPerSecond.toFixed(1),
    (r.aiGamesPerSecond / r.randomGamesPerSecond).toFixed(2),
    r.engineGamesPerSecond.toFixed(1),
    r.aiMoves.toFixed(1),
    String(r.decisions),
    r.decisionMs.p50.toFixed(3),
    r.decisionMs.p99.toFixed(3),
    r.decisionMs.max.toFixed(3),
    r.cold ? r.cold.meanMs.toFixed(1) : '-',
    r.cold ? r.cold.maxMs.toFixed(1) : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    line(head),
    ...body.map(line),
    '',
    'AI: hard against hard, through the session; ratio: AI games/s over random games/s (target at least 0.5);',
    'engine only: the AI games replayed by the engine without the AI (no AI can make them faster); moves: per AI game;',
    'decision target: p99 at most 5 ms. CPU time of this process, after the warm-up;',
    'cold: the decisions (ms) of one game in a fresh process, before anything is compiled (a new browser tab\'s first game).',
  ].join('\n');
}

export function main(argv: string[]): number {
  const { values, switches, rest } = parseFlags(argv, { values: ['scenario', 'seconds', 'warm-up', 'best-of', 'first-game'], switches: ['json'] });
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0]!.slice(0, 60))}`);
  if (values['first-game'] !== undefined) {
    // the child of coldFigures: one game, nothing played before it
    console.log(JSON.stringify(firstGameDecisions(loadShippedScenario(values['first-game']))));
    return 0;
  }
  const seconds = values.seconds === undefined ? 2 : Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new UsageError(`--seconds: expected a number of seconds above 0 and at most 3600, got ${JSON.stringify(values.seconds!.slice(0, 40))}`);
  const warmUp = values['warm-up'] === undefined ? 3 : Number(values['warm-up']);
  if (!Number.isFinite(warmUp) || warmUp < 0 || warmUp > 3600)
    throw new UsageError(`--warm-up: expected a number of seconds from 0 to 3600, got ${JSON.stringify(values['warm-up']!.slice(0, 40))}`);
  const bestOf = values['best-of'] === undefined ? 1 : Number(values['best-of']);
  if (!Number.isInteger(bestOf) || bestOf < 1 || bestOf > 100)
    throw new UsageError(`--best-of: expected a whole number from 1 to 100, got ${JSON.stringify(values['best-of']!.slice(0, 40))}`);
  const scenarios = values.scenario ? [loadShippedScenario(values.scenario)] : loadAllShippedScenarios();
  const rows = scenarios.map((s) => measureScenario(s, seconds, bestOf, warmUp));
  if (switches.has('json')) {
    const out = rows.map((r) => ({
      id: r.id,
      aiGamesPerSecond: r3(r.aiGamesPerSecond),
      randomGamesPerSecond: r3(r.randomGamesPerSecond),
      decisionMs: { p50: r3(r.decisionMs.p50), p99: r3(r.decisionMs.p99), max: r3(r.decisionMs.max) },
      coldDecisionMs: r.cold ? { mean: r3(r.cold.meanMs), max: r3(r.cold.maxMs) } : null,
      engineGamesPerSecond: r3(r.engineGamesPerSecond),
      games: { ai: r.aiGames, random: r.randomGames },
      movesPerAiGame: r3(r.aiMoves),
      decisions: r.decisions,
    }));
    console.log(JSON.stringify({ scenarios: out }, null, 2));
  } else {
    console.log(formatTable(rows));
  }
  return 0;
}

if (isEntry(import.meta.url)) runMain('bench:sim', main, USAGE);
