import { decisionRng } from './rng';
import { canonicalPackage, legalMoveSpace, legalMoveTypes, packageAt } from './rules';
import type { GameState, Move, Scenario, Side } from './types';

/**
 * The random baseline: picks a kind of move uniformly among the kinds that are legal, then a move
 * of that kind uniformly. Picking the kind first keeps accept and walk out reachable even when
 * tens of thousands of packages are legal. Its draws come from the side's `ai:*` stream, keyed
 * by the move number, so a replay of the moves needs nothing else.
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
