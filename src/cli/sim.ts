/**
 * `npm run sim -- --scenario ID|FILE --seed S [--us PLAYER] [--china PLAYER] [--moves FILE] [--json]`
 * `npm run sim -- --code CODE [--scenario ID|FILE] [--json]`
 * `npm run sim -- --scenario ID|FILE --games N [--us P --china P] [--seed BASE] [--workers K] [--csv FILE] [--json]`
 *
 * Plays a game headless, through the session like the browser. Without --moves, the players play
 * each other (`--us hard --china normal` unless told otherwise; a player is easy, normal, hard or
 * random, the random baseline). With --moves, plays the moves in FILE (a JSON array of moves), and
 * --us/--china say which players the result code records (normal by default). With --code, replays
 * the game a result code records. Prints the moves with the AI's reasons, the indicators and the
 * scores under every doctrine, and the result code. The same arguments always print the same bytes.
 */
import type { GameOptions, GameSpec, GameState, Move, Scenario, Side } from '../core/types';
import { negotiators } from '../session/ai';
import { parseMoveFile, playOut, replayMoves, replayResultCode, resultCodeOf } from '../session/games';
import { AI_PLAYERS, defaultOptions, INDICATOR_LIST, LIMITS, scoreAll, SIDES } from '../session/model';
import { formatIndicatorValue } from '../session/explain-words';
import { describeMove } from '../session/text';
import { gameRatingsJson, ratingText } from '../session/outcome';
import { parseFlags, UsageError } from './args';
import { runHistorical, HISTORICAL_USAGE } from './historical';
import { isEntry, report as reportError, runMain } from './main';
import { runMonteCarlo } from './monte-carlo';
import { loadAllShippedScenarios, loadScenarioArg, readTextFile } from './scenario-files';

export const USAGE = [
  'usage: npm run sim -- --scenario ID|FILE --seed S [--us PLAYER] [--china PLAYER] [--moves FILE] [--json]  (PLAYER: easy, normal, hard, random)',
  '       npm run sim -- --code CODE [--scenario ID|FILE] [--json]',
  '       npm run sim -- --scenario ID|FILE --games N [--us PLAYER] [--china PLAYER] [--seed BASE] [--workers K] [--csv FILE] [--json]  (a Monte Carlo of N games)',
  `       ${HISTORICAL_USAGE.replace('usage: ', '')}`,
].join('\n');

type Player = GameOptions['difficulty'][Side];
export const DEFAULT_PLAYERS: Readonly<Record<Side, Player>> = { us: 'hard', china: 'normal' };

export function parsePlayer(flag: string, value: string | undefined, fallback: Player): Player {
  if (value === undefined) return fallback;
  const player = AI_PLAYERS.find((p) => p === value);
  if (!player) throw new UsageError(`--${flag}: expected ${AI_PLAYERS.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`);
  return player;
}

export interface SimResult {
  scenario: Scenario;
  spec: GameSpec;
  /** The state before any move, then after each. */
  states: GameState[];
  /** What the AI said at each of its moves and the analysis behind it (null for moves from a file or a code). */
  notes: ({ say: string; analysis: string } | null)[];
  /** Where the AI failed and made a safe move instead. */
  aiProblems: string[];
}

/** A game the players play out, or the moves given, as the session plays them. Throws UsageError naming what is wrong. */
export function simulate(scenario: Scenario, seed: string, moves: Move[] | null, file = 'moves', players: Record<Side, Player> = DEFAULT_PLAYERS): SimResult {
  const options = defaultOptions(scenario, { difficulty: { ...players } });
  if (moves) return replayed(scenario, { scenario: { id: scenario.id, version: scenario.version }, seed, options, moves }, file);
  const played = playOut(scenario, seed, options, negotiators);
  if (!played.ok) throw new UsageError(played.message);
  const { match } = played;
  const notes = new Map(match.aiNotes.map((n) => [n.move, { say: n.say, analysis: n.analysis }]));
  return { scenario, spec: match.spec, states: [...match.allStates()], notes: match.moves.map((_, i) => notes.get(i) ?? null), aiProblems: [...match.aiProblems] };
}

function replayed(scenario: Scenario, spec: GameSpec, file: string): SimResult {
  const r = replayMoves(scenario, spec.seed, spec.options, spec.moves, file);
  if (!r.ok) throw new UsageError(r.message);
  return { scenario, spec, states: r.states, notes: spec.moves.map(() => null), aiProblems: [] };
}

export function report({ scenario, spec, states, notes, aiProblems }: SimResult) {
  const state = states[states.length - 1]!;
  const scores = Object.fromEntries(SIDES.map((side) => [side, scoreAll(scenario, state, side).map((s) => ({ doctrine: s.doctrine, score: s.total }))]));
  return {
    scenario: spec.scenario,
    seed: spec.seed,
    players: spec.options.difficulty,
    moves: spec.moves,
    // What each AI move said at the table, and the analysis behind it.
    ...(notes.some((n) => n !== null) ? { says: notes.map((n) => n?.say ?? null), reasons: notes.map((n) => n?.analysis ?? null) } : {}),
    ...(aiProblems.length > 0 ? { aiProblems } : {}),
    outcome: state.outcome,
    resultCode: resultCodeOf(scenario, spec),
    // Ratings on the bargaining-zone scale (src/core/rating.ts), null while the talks go on.
    ...gameRatingsJson(scenario, spec, state.outcome !== null),
    scores,
    state,
  };
}

function outcomeText(scenario: Scenario, state: GameState): string {
  const o = state.outcome!;
  if (o.kind === 'deal') return `deal in round ${o.round}`;
  if (o.kind === 'walkout') return `${scenario.sides[o.by!].label} walked out in round ${o.round}`;
  return `no deal by the deadline (round ${o.round})`;
}

function printText(result: SimResult): void {
  const r = report(result);
  const { scenario, spec, states } = result;
  const state = states[states.length - 1]!;
  const lines: string[] = [];
  lines.push(`${scenario.title} (${scenario.id} v${scenario.version}), seed ${spec.seed}`);
  lines.push(`${spec.moves.length} moves; ${state.outcome ? outcomeText(scenario, state) : `still negotiating in round ${state.round}`}`);
  lines.push('', `Moves (${SIDES.map((s) => `${scenario.sides[s].label}: ${spec.options.difficulty[s]}`).join(', ')}):`);
  spec.moves.forEach((move, i) => {
    const note = result.notes[i];
    const words = note ? (note.say === note.analysis ? `\n      ${note.analysis}` : `\n      “${note.say}”\n      ${note.analysis}`) : '';
    lines.push(`  ${String(i + 1).padStart(2)}. ${describeMove(scenario, move, states[i]!, null)}${words}`);
  });
  for (const problem of result.aiProblems) lines.push(`  Note: ${problem}`);
  lines.push('', 'Indicators (start -> end):');
  const start = state.trajectory[0]!.indicators;
  for (const def of INDICATOR_LIST) {
    lines.push(`  ${def.label.padEnd(36)} ${formatIndicatorValue(def.id, start[def.id]).padStart(14)} -> ${formatIndicatorValue(def.id, state.indicators[def.id]).padStart(14)}`);
  }
  for (const side of SIDES) {
    lines.push('', `Scores for ${scenario.sides[side].label} (mean over ${state.trajectory.length - 1} rounds, -100..100):`);
    for (const s of r.scores[side]!) {
      const label = scenario.doctrines.find((d) => d.id === s.doctrine)!.label;
      lines.push(`  ${label.padEnd(24)} ${s.score.toFixed(2).padStart(8)}`);
    }
  }
  if (r.ratings) {
    lines.push('', 'Ratings (0 = no deal, 100 = the best deal the other side would ratify and prefer to no deal):');
    for (const side of SIDES) lines.push(`  ${scenario.sides[side].label.padEnd(30)} ${ratingText(r.ratings[side].rating).padStart(8)}`);
    lines.push(`  ${'Joint value left on the table'.padEnd(30)} ${r.jointGap!.toFixed(2).padStart(8)}`);
  }
  lines.push('', `Result code: ${r.resultCode}`);
  console.log(lines.join('\n'));
}

/** The game a result code records, found among the shipped scenarios and the one --scenario names. */
function fromCode(code: string, scenarioArg: string | undefined): SimResult {
  const known = scenarioArg ? [loadScenarioArg(scenarioArg)] : [];
  let shipped: Scenario[] | null = null;
  const find = (id: string) => known.find((s) => s.id === id) ?? (shipped ??= loadAllShippedScenarios()).find((s) => s.id === id);
  const opened = replayResultCode(code, find);
  if (!opened.ok) throw new UsageError(`--code: ${opened.message}`);
  const { scenario, spec, replayed } = opened;
  return { scenario, spec, states: replayed.states, notes: spec.moves.map(() => null), aiProblems: [] };
}

export function main(argv: string[]): number {
  // --historical replays the scenario's real path and measures its fidelity (src/cli/historical.ts).
  if (argv.includes('--historical')) return runHistorical(argv);
  const { values, switches, rest } = parseFlags(argv, { values: ['scenario', 'seed', 'moves', 'code', 'us', 'china'], switches: ['json'] });
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0]!.slice(0, 60))}`);
  let result: SimResult;
  if (values.code !== undefined) {
    for (const flag of ['seed', 'moves', 'us', 'china'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --code: the code records the game`);
    result = fromCode(values.code, values.scenario);
  } else {
    if (!values.scenario) throw new UsageError('--scenario is required');
    if (values.seed === undefined || values.seed === '') throw new UsageError('--seed is required');
    if (values.seed.length > LIMITS.seedChars) throw new UsageError(`--seed: a seed has at most ${LIMITS.seedChars} characters`);
    const byDefault = values.moves ? { us: 'normal' as const, china: 'normal' as const } : DEFAULT_PLAYERS;
    const players = { us: parsePlayer('us', values.us, byDefault.us), china: parsePlayer('china', values.china, byDefault.china) };
    const scenario = loadScenarioArg(values.scenario);
    let moves: Move[] | null = null;
    if (values.moves) {
      const parsed = parseMoveFile(values.moves, readTextFile(values.moves, LIMITS.moveFileChars, 'a move file'));
      if (!parsed.ok) throw new UsageError(parsed.message);
      moves = parsed.moves;
    }
    result = simulate(scenario, values.seed, moves, values.moves, players);
  }
  if (switches.has('json')) console.log(JSON.stringify(report(result), null, 2));
  else printText(result);
  return 0;
}

/** `--games N`: a Monte Carlo of N games (src/cli/monte-carlo.ts), on worker threads, so it runs asynchronously. */
export async function monteCarloMain(argv: string[]): Promise<number> {
  try {
    const { values, switches, rest } = parseFlags(argv, { values: ['scenario', 'seed', 'games', 'workers', 'csv', 'us', 'china', 'moves', 'code'], switches: ['json'] });
    if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0]!.slice(0, 60))}`);
    const players = { us: parsePlayer('us', values.us, DEFAULT_PLAYERS.us), china: parsePlayer('china', values.china, DEFAULT_PLAYERS.china) };
    return await runMonteCarlo(values, switches.has('json'), players);
  } catch (error) {
    return reportError('sim', error, USAGE);
  }
}

export const wantsMonteCarlo = (argv: string[]) => argv.some((a) => a === '--games' || a.startsWith('--games='));

if (isEntry(import.meta.url)) {
  const argv = process.argv.slice(2);
  if (wantsMonteCarlo(argv)) void monteCarloMain(argv).then((code) => (process.exitCode = code));
  else runMain('sim', main, USAGE);
}
