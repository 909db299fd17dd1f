/**
 * The AI negotiators' public interface, used by the session and the CLI.
 *
 * INTERIM: until the statechart negotiators land (issue 3), every function below is backed by
 * the random baseline of src/core/random-player.ts. The signatures are the contract the session
 * and the view are written against; the negotiator work replaces the bodies.
 */
import { replay } from '../core/engine';
import { randomMove } from '../core/random-player';
import type { Difficulty, GameSpec, Move, Scenario, Side } from '../core/types';

/** What the table shows of a negotiator's statechart state. */
export type Posture = 'preparing' | 'probing' | 'firm' | 'conceding' | 'escalating' | 'cooling-off' | 'deal' | 'walked-out';

export interface AiDecision {
  move: Move;
  /** Plain words built from the decision's real inputs: why it accepted, countered or escalated. */
  reason: string;
  posture: Posture;
}

/** A threat or promise the AI made, and whether it carried it out. */
export interface LedgerEntry {
  round: number;
  kind: 'threat' | 'promise';
  text: string;
  status: 'pending' | 'kept' | 'broken' | 'withdrawn';
}

export type IntelLevel = 'low' | 'medium' | 'high';

/** What the player's intelligence says of the AI's priorities on one issue. */
export interface IntelItem {
  issue: string;
  /** How much the AI cares about this issue, as far as the intelligence level reveals. */
  weight: 'high' | 'medium' | 'low' | 'unknown';
  /** How sure the assessment is, in words (honest uncertainty). */
  confidence: string;
}

/**
 * The AI's move for `side` in the game `spec` (whose moves are those played so far; it must be
 * `side`'s turn). Pure and deterministic: the same spec gives the same decision, so replaying a
 * move log rebuilds every AI decision in it.
 */
export function decideMove(scenario: Scenario, spec: GameSpec, side: Side, _difficulty: Difficulty = spec.options.difficulty[side]): AiDecision {
  const { final } = replay(scenario, spec.seed, spec.options, spec.moves);
  const move = randomMove(scenario, final, side);
  return { move, reason: 'It picks a legal move at random (the baseline player).', posture: 'probing' };
}

/** The AI's threats and promises so far, each with what became of it. */
export function ledgerOf(_scenario: Scenario, _spec: GameSpec, _side: Side): LedgerEntry[] {
  return [];
}

/** The AI's priorities over the issues, as much as `level` intelligence reveals. */
export function intelReport(scenario: Scenario, _spec: GameSpec, _side: Side, _level: IntelLevel): IntelItem[] {
  return scenario.issues.map((i) => ({ issue: i.id, weight: 'unknown', confidence: 'no assessment yet' }));
}
