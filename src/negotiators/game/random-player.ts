import { newGame, replay } from '../../core/engine';
import { decisionRng } from '../../core/rng';
import { canonicalPackage, legalMoveSpace, legalMoveTypes, packageAt } from '../../core/rules';
import type { GameSpec, GameState, Move, Scenario, Side } from '../../core/types';
import type { Posture } from './posture';

/**
 * The random baseline, a player like the negotiators: it picks a kind of move uniformly among the
 * kinds that are legal, then a move of that kind uniformly. Picking the kind first keeps accept
 * and walk out reachable even when tens of thousands of packages are legal. Its draws come from
 * the side's `ai:*` stream, keyed by the move number, so a replay of the moves needs nothing else.
 * A game records it as the player `random` (GameOptions.difficulty), and result codes keep that.
 */
export function randomMove(scenario: Scenario, state: GameState, side: Side): Move {
  const space = legalMoveSpace(scenario, state, side);
  const kinds = legalMoveTypes(space);
  if (kinds.length === 0) throw new Error(`${side} has no legal move`);
  const next = decisionRng(state.seed, `ai:${side}`, state.moveCount);
  const kind = kinds[Math.min(kinds.length - 1, Math.floor(next() * kinds.length))]!;
  if (kind === 'propose') {
    const index = Math.min(space.packageCount - 1, Math.floor(next() * space.packageCount));
    return { type: 'propose', side, package: canonicalPackage(scenario, packageAt(space.packages, index)) };
  }
  const ofKind = space.moves.filter((m) => m.type === kind);
  return ofKind[Math.min(ofKind.length - 1, Math.floor(next() * ofKind.length))]!;
}

const POSTURE: Record<Move['type'], Posture> = {
  propose: 'probing',
  accept: 'conceding',
  reject: 'firm',
  hold: 'firm',
  event: 'preparing',
  impose: 'escalating',
  threaten: 'escalating',
  walkout: 'walked-out',
};

/** What the random player says of a move: it has no voice, so it says what it is. */
export function randomDecisionWords(move: Move): { say: string; analysis: string; posture: Posture } {
  const why = 'A random move: this player picks a kind of legal move at random, then a move of that kind.';
  return { say: why, analysis: why, posture: POSTURE[move.type] };
}

/** The random player's decision in the game `spec` (whose moves are those played so far). */
export function randomDecision(scenario: Scenario, spec: GameSpec, side: Side): { move: Move } {
  const state =
    spec.moves.length === 0
      ? newGame(scenario, spec.seed, spec.options)
      : replay(scenario, spec.seed, spec.options, spec.moves).final;
  return { move: randomMove(scenario, state, side) };
}
