/**
 * `npm run sim -- --scenario ID --seed N [--moves FILE] [--us PLAYER] [--china PLAYER] [--json]`
 *
 * Plays a game headless. With --moves, plays the moves in FILE (a JSON array of moves); without,
 * the AI negotiators play each other (`--us hard --china normal` unless told otherwise; a player
 * is easy, normal, hard or random, the random baseline). Prints the moves with the AI's reasons,
 * the final state and the scores under every doctrine. The same arguments always print the same bytes.
 */
import { readFileSync } from 'node:fs';
import { applyMove, defaultOptions, IllegalMoveError, newGame } from '../core/engine';
import { INDICATOR_LIST, formatIndicatorValue } from '../core/indicators';
import { encodeResult } from '../core/result-code';
import { scoreAll } from '../core/scoring';
import type { GameState, Move, Scenario, Side } from '../core/types';
import { SIDES } from '../core/types';
import { parseFlags, UsageError } from './args';
import { runHistorical } from './historical';
import { loadShippedScenario, ScenarioLoadError } from './scenario-files';
import { DEFAULT_PLAYERS, difficultiesOf, parsePlayer, playerMove, type PlayedMove, type Player } from './sim-players';

const USAGE = 'usage: npm run sim -- --scenario ID --seed N [--moves FILE] [--us PLAYER] [--china PLAYER] [--json]  (PLAYER: easy, normal, hard, random)';

export function readMovesFile(file: string): Move[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the moves file ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new UsageError(`${file} must hold a JSON array of moves, e.g. [{"type":"walkout","side":"us"}]`);
  data.forEach((m, i) => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) throw new UsageError(`${file}: move ${i + 1} must be an object, got ${JSON.stringify(m)}`);
  });
  return data as Move[];
}

export interface SimResult {
  scenario: Scenario;
  state: GameState;
  moves: Move[];
  /** Who played each side, when no moves file was given, and each AI move's reason. */
  players?: Record<Side, Player>;
  notes?: PlayedMove[];
}

export function simulate(scenario: Scenario, seed: string, moves: Move[] | null, file = 'moves', players: Record<Side, Player> = DEFAULT_PLAYERS): SimResult {
  const options = defaultOptions(scenario, moves ? {} : { difficulty: difficultiesOf(players) });
  let state = newGame(scenario, seed, options);
  const played: Move[] = [];
  const notes: PlayedMove[] = [];
  const next = (): Move | undefined => {
    if (moves) return moves[played.length];
    if (state.phase !== 'negotiation') return undefined;
    const note = playerMove(scenario, state, options, played, players[state.turn]);
    notes.push(note);
    return note.move;
  };
  for (let move = next(); move !== undefined; move = next()) {
    if (state.phase !== 'negotiation') throw new UsageError(`${file}: move ${played.length + 1} comes after the game has ended`);
    try {
      state = applyMove(scenario, state, move).state;
    } catch (error) {
      if (error instanceof IllegalMoveError) throw new UsageError(`${file}: move ${played.length + 1} ${JSON.stringify(move)}: ${error.message}`);
      throw error;
    }
    played.push(move);
  }
  return moves ? { scenario, state, moves: played } : { scenario, state, moves: played, players: { ...players }, notes };
}

export function report({ scenario, state, moves, players, notes }: SimResult) {
  const scores = Object.fromEntries(SIDES.map((side) => [side, scoreAll(scenario, state, side).map((s) => ({ doctrine: s.doctrine, score: s.total }))]));
  const resultCode = encodeResult({ scenario: state.scenario, seed: state.seed, options: state.options, moves }, scenario);
  const ai = players && notes ? { players, says: notes.map((n) => n.say ?? null), reasons: notes.map((n) => n.analysis ?? null) } : {};
  return { scenario: state.scenario, seed: state.seed, ...ai, moves, outcome: state.outcome, resultCode, scores, state };
}

function printText(result: SimResult): void {
  const r = report(result);
  const { scenario, state } = result;
  const lines: string[] = [];
  lines.push(`${scenario.title} (${scenario.id} v${scenario.version}), seed ${state.seed}`);
  lines.push(`${r.moves.length} moves; ${state.outcome ? outcomeText(result) : `still negotiating in round ${state.round}`}`);
  if (result.players && result.notes) {
    lines.push('', `Moves (${SIDES.map((s) => `${scenario.sides[s].label}: ${result.players![s]}`).join(', ')}):`);
    result.notes.forEach((n, i) => lines.push(`  ${String(i + 1).padStart(2)}. ${describeMove(scenario, n.move)}${n.say ? `\n      “${n.say}”` : ''}${n.analysis ? `\n      ${n.analysis}` : ''}`));
  }
  lines.push('', 'Indicators (start -> end):');
  const start = state.history[0]!.indicators;
  for (const def of INDICATOR_LIST) {
    lines.push(`  ${def.label.padEnd(36)} ${formatIndicatorValue(def.id, start[def.id]).padStart(14)} -> ${formatIndicatorValue(def.id, state.indicators[def.id]).padStart(14)}`);
  }
  for (const side of SIDES) {
    lines.push('', `Scores for ${scenario.sides[side].label} (mean over ${state.history.length - 1} rounds, -100..100):`);
    for (const s of r.scores[side]!) {
      const label = scenario.doctrines.find((d) => d.id === s.doctrine)!.label;
      lines.push(`  ${label.padEnd(24)} ${s.score.toFixed(2).padStart(8)}`);
    }
  }
  lines.push('', `Result code: ${r.resultCode}`);
  console.log(lines.join('\n'));
}

function describeMove(scenario: Scenario, move: Move): string {
  const who = scenario.sides[move.side].label;
  const label = (issue: string, position: string) => scenario.issues.find((i) => i.id === issue)?.positions.find((p) => p.id === position)?.label ?? position;
  switch (move.type) {
    case 'propose':
      return `${who} proposes ${Object.entries(move.package).map(([i, p]) => label(i, p)).join('; ')}`;
    case 'impose':
    case 'threaten':
      return `${who} ${move.type === 'impose' ? 'imposes' : 'threatens'} ${label(move.issue, move.position)}`;
    default:
      return `${who}: ${move.type}`;
  }
}

function outcomeText({ scenario, state }: SimResult): string {
  const o = state.outcome!;
  if (o.kind === 'deal') return `deal in round ${o.round}`;
  if (o.kind === 'walkout') return `${scenario.sides[o.by!].label} walked out in round ${o.round}`;
  return `no deal by the deadline (round ${o.round})`;
}

function main(argv: string[]): number {
  // --historical replays the scenario's real path and measures its fidelity (src/cli/historical.ts).
  if (argv.includes('--historical')) return runHistorical(argv);
  try {
    const { values, switches, rest } = parseFlags(argv, { values: ['scenario', 'seed', 'moves', 'us', 'china'], switches: ['json'] });
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (!values.scenario) throw new UsageError('--scenario is required');
    if (values.seed === undefined || values.seed === '') throw new UsageError('--seed is required');
    const scenario = loadShippedScenario(values.scenario);
    const moves = values.moves ? readMovesFile(values.moves) : null;
    if (moves && (values.us !== undefined || values.china !== undefined)) throw new UsageError('--us and --china choose the players of a game without --moves');
    const players = { us: parsePlayer('us', values.us, DEFAULT_PLAYERS.us), china: parsePlayer('china', values.china, DEFAULT_PLAYERS.china) };
    const result = simulate(scenario, values.seed, moves, values.moves, players);
    if (switches.has('json')) console.log(JSON.stringify(report(result), null, 2));
    else printText(result);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScenarioLoadError) {
      console.error(`sim: ${error.message}`);
      if (error instanceof UsageError) console.error(USAGE);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
