/**
 * The AI negotiators' public interface, used by the session and the CLI.
 *
 * Each AI side is a statechart negotiator (game/machine.ts) driven by pure strategy functions
 * (strategy/, agents/): it replays the move log to rebuild its memory, assesses the game state
 * (game/assess.ts) and decides. The generic multi-issue layer and the benchmark agents live beside
 * it (domain.ts, protocol.ts, agents/, bench.ts).
 */
import type { AiPlayer, GameSpec, Move, Scenario, Side } from '../core/types';
import type { IntelLevel } from './game/assess';
import { intel, type IntelItem } from './game/intel';
import { ledger, type LedgerEntry } from './game/ledger';
import type { Posture } from './game/machine';
import { intelForDifficulty, negotiatorDecision } from './game/negotiator';
import { randomDecision, randomMove } from './game/random-player';

export type { IntelItem, IntelLevel, LedgerEntry, Posture };
export { intelForDifficulty, randomMove };

export interface AiDecision {
  move: Move;
  /** Plain words built from the decision's real inputs: why it accepted, countered or escalated. */
  reason: string;
  posture: Posture;
}

/**
 * The AI's move for `side` in the game `spec` (whose moves are those played so far; it must be
 * `side`'s turn). Pure and deterministic: the same spec gives the same decision, so replaying a
 * move log rebuilds every AI decision in it. `intel` is what the player knows of this AI, which
 * sets how much of its priorities the reason reveals (by default, as the briefing maps
 * difficulty to intelligence). The player `random` is the random baseline.
 */
export function decideMove(scenario: Scenario, spec: GameSpec, side: Side, player: AiPlayer = spec.options.difficulty[side], intelLevel: IntelLevel = intelForDifficulty(player)): AiDecision {
  if (player === 'random') return randomDecision(scenario, spec, side);
  const d = negotiatorDecision(scenario, spec, side, player, intelLevel);
  return { move: d.move, reason: d.reason, posture: d.posture };
}

/** The AI's threats and promises so far, each with what became of it. */
export function ledgerOf(scenario: Scenario, spec: GameSpec, side: Side): LedgerEntry[] {
  return ledger(scenario, spec, side);
}

/** The AI's priorities over the issues, as much as `level` intelligence reveals. */
export function intelReport(scenario: Scenario, spec: GameSpec, side: Side, level: IntelLevel): IntelItem[] {
  return intel(scenario, spec, side, level);
}
