/**
 * `npm run sim -- --scenario ID --seed N [--moves FILE] [--json]`
 *
 * Plays a game headless. With --moves, plays the moves in FILE (a JSON array of moves); without,
 * both sides play the random baseline from their seeded ai:* streams. Prints the final state and
 * the scores under every doctrine. The same arguments always print the same bytes.
 */
import { readFileSync } from 'node:fs';
import { applyMove, defaultOptions, IllegalMoveError, newGame } from '../core/engine';
import { INDICATOR_LIST, formatIndicatorValue } from '../core/indicators';
import { randomMove } from '../core/random-player';
import { encodeResult } from '../core/result-code';
import { scoreAll } from '../core/scoring';
import type { GameState, Move, Scenario } from '../core/types';
import { SIDES } from '../core/types';
import { parseFlags, UsageError } from './args';
import { runHistorical } from './historical';
import { loadShippedScenario, ScenarioLoadError } from './scenario-files';

const USAGE = 'usage: npm run sim -- --scenario ID --seed N [--moves FILE] [--json]';

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
}

export function simulate(scenario: Scenario, seed: string, moves: Move[] | null, file = 'moves'): SimResult {
  const options = defaultOptions(scenario);
  let state = newGame(scenario, seed, options);
  const played: Move[] = [];
  const next = (): Move | undefined => (moves ? moves[played.length] : state.phase === 'negotiation' ? randomMove(scenario, state, state.turn) : undefined);
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
  return { scenario, state, moves: played };
}

export function report({ scenario, state, moves }: SimResult) {
  const scores = Object.fromEntries(SIDES.map((side) => [side, scoreAll(scenario, state, side).map((s) => ({ doctrine: s.doctrine, score: s.total }))]));
  const resultCode = encodeResult({ scenario: state.scenario, seed: state.seed, options: state.options, moves }, scenario);
  return { scenario: state.scenario, seed: state.seed, moves, outcome: state.outcome, resultCode, scores, state };
}

function printText(result: SimResult): void {
  const r = report(result);
  const { scenario, state } = result;
  const lines: string[] = [];
  lines.push(`${scenario.title} (${scenario.id} v${scenario.version}), seed ${state.seed}`);
  lines.push(`${r.moves.length} moves; ${state.outcome ? outcomeText(result) : `still negotiating in round ${state.round}`}`);
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
    const { values, switches, rest } = parseFlags(argv, { values: ['scenario', 'seed', 'moves'], switches: ['json'] });
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (!values.scenario) throw new UsageError('--scenario is required');
    if (values.seed === undefined || values.seed === '') throw new UsageError('--seed is required');
    const scenario = loadShippedScenario(values.scenario);
    const moves = values.moves ? readMovesFile(values.moves) : null;
    const result = simulate(scenario, values.seed, moves, values.moves);
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
