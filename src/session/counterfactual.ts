import { applyMove, replay } from '../core/engine';
import { checkMove } from '../core/rules';
import { issueOf, positionOf } from '../core/scenario-lookup';
import { score } from '../core/scoring';
import type { GameSpec, GameState, Move, Scenario, Side } from '../core/types';
import { doctrineOf } from '../core/scenario-lookup';

/**
 * The debrief's counterfactual: the same game (same seed, same moves) replayed with one chip
 * kept off the table, for the chip whose absence changes the player's score the most.
 */
export interface Counterfactual {
  issue: string;
  issueLabel: string;
  /** The positions of that issue the game had put on the table, in words. */
  chipLabels: string[];
  /** The move log with the chip left out. */
  moves: Move[];
  final: GameState;
  /** Moves that had to change for the log to stay legal, in words. */
  adjustments: string[];
  /** Score under the player's doctrine: as played, and without the chip. */
  actual: number;
  without: number;
}

function issuesInPlay(scenario: Scenario, moves: readonly Move[]): string[] {
  const used = new Set<string>();
  for (const move of moves) {
    if (move.type === 'propose') for (const issue of Object.keys(move.package)) used.add(issue);
    if (move.type === 'impose' || move.type === 'threaten') used.add(move.issue);
  }
  return scenario.issues.map((i) => i.id).filter((id) => used.has(id));
}

/** A legal stand-in when a move can no longer be played: no new offer, or turning the offer down. */
function standIn(scenario: Scenario, state: GameState, side: Side): Move {
  const hold: Move = { type: 'hold', side };
  return checkMove(scenario, state, hold).ok ? hold : { type: 'reject', side };
}

/**
 * Replay `moves` with `issue` taken out of every package and every measure on it dropped; a move
 * that becomes illegal is replaced by a stand-in, and if the talks have not ended when the moves
 * run out, both sides make no further offers until the deadline.
 */
export function playWithout(scenario: Scenario, spec: GameSpec, issue: string): { moves: Move[]; final: GameState; adjustments: string[] } {
  let state = replay(scenario, spec.seed, spec.options, []).final;
  const moves: Move[] = [];
  const adjustments: string[] = [];
  const push = (move: Move) => {
    state = applyMove(scenario, state, move).state;
    moves.push(move);
  };
  spec.moves.forEach((original, i) => {
    if (state.phase !== 'negotiation') return;
    let move: Move | null = original;
    if (original.type === 'propose' && original.package[issue] !== undefined) {
      const pkg = { ...original.package };
      delete pkg[issue];
      move = { ...original, package: pkg };
    } else if ((original.type === 'impose' || original.type === 'threaten') && original.issue === issue) {
      move = null;
    }
    if (move === null || !checkMove(scenario, state, move).ok) {
      const replacement = standIn(scenario, state, original.side);
      adjustments.push(`move ${i + 1} (${scenario.sides[original.side].label}, ${original.type}) became "${replacement.type}"`);
      move = replacement;
    }
    push(move);
  });
  while (state.phase === 'negotiation') push(standIn(scenario, state, state.turn));
  return { moves, final: state, adjustments };
}

/** The most consequential chip of a finished game for `side`'s doctrine, or null if no chip was ever played. */
export function findCounterfactual(scenario: Scenario, spec: GameSpec, side: Side): Counterfactual | null {
  const doctrine = doctrineOf(scenario, spec.options.doctrines[side]);
  const actualState = replay(scenario, spec.seed, spec.options, spec.moves).final;
  const actual = score(actualState, doctrine).total;
  let best: Counterfactual | null = null;
  for (const issue of issuesInPlay(scenario, spec.moves)) {
    const alt = playWithout(scenario, spec, issue);
    const without = score(alt.final, doctrine).total;
    if (best && Math.abs(without - actual) <= Math.abs(best.without - best.actual)) continue;
    const labels = new Set<string>();
    for (const move of spec.moves) {
      if (move.type === 'propose' && move.package[issue] !== undefined) labels.add(positionOf(scenario, issue, move.package[issue]).label);
      if ((move.type === 'impose' || move.type === 'threaten') && move.issue === issue) labels.add(positionOf(scenario, issue, move.position).label);
    }
    best = { issue, issueLabel: issueOf(scenario, issue).label, chipLabels: [...labels], moves: alt.moves, final: alt.final, adjustments: alt.adjustments, actual, without };
  }
  return best;
}
