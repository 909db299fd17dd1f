/**
 * Who plays each side in `npm run sim`: an AI negotiator of a difficulty (src/negotiators), or
 * the random baseline of src/core/random-player.ts. `--us hard --china normal` by default.
 */
import { randomMove } from '../core/random-player';
import type { Difficulty, GameOptions, GameState, Move, Scenario, Side } from '../core/types';
import { DIFFICULTIES } from '../core/types';
import { decideMove, type Posture } from '../negotiators/index';
import { UsageError } from './args';

export type Player = Difficulty | 'random';
export const PLAYERS: readonly Player[] = [...DIFFICULTIES, 'random'];
export const DEFAULT_PLAYERS: Readonly<Record<Side, Player>> = { us: 'hard', china: 'normal' };

export function parsePlayer(flag: string, value: string | undefined, fallback: Player): Player {
  if (value === undefined) return fallback;
  if (!(PLAYERS as readonly string[]).includes(value)) throw new UsageError(`--${flag}: expected ${PLAYERS.join(', ')}, got "${value}"`);
  return value as Player;
}

/** Game options for these players: the AI difficulties (the random baseline keeps the default). */
export function difficultiesOf(players: Record<Side, Player>): Record<Side, Difficulty> {
  return { us: players.us === 'random' ? 'normal' : players.us, china: players.china === 'random' ? 'normal' : players.china };
}

export interface PlayedMove {
  move: Move;
  /** What the AI said, the analysis behind it and its posture; absent for the random baseline. */
  say?: string;
  analysis?: string;
  posture?: Posture;
}

export function playerMove(scenario: Scenario, state: GameState, options: GameOptions, moves: Move[], player: Player): PlayedMove {
  const side = state.turn;
  if (player === 'random') return { move: randomMove(scenario, state, side) };
  const spec = { scenario: { id: scenario.id, version: scenario.version }, seed: state.seed, options, moves };
  const d = decideMove(scenario, spec, side, player);
  return { move: d.move, say: d.say, analysis: d.analysis, posture: d.posture };
}
