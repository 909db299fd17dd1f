import { historicalOptions, historyOf, replayHistory, sameMove } from '../core/history';
import type { GameSpec, Move, Scenario, Side } from '../core/types';
import { decideMove } from '../negotiators';
import { describeMove } from './text';

/**
 * A test of the model that nothing was tuned to: at each step of a real episode, what would the
 * AI playing that side (its default profile and doctrine, at normal strength) have done in
 * history's place, given history's moves so far? Steps a what-if supposes are left out, since
 * nobody really chose them. Pure: the same scenario and seed give the same answer, so a replay
 * screen can show "the AI would have …" beside each step.
 */

export interface AiStepComparison {
  /** Index in the path (0-based). */
  step: number;
  side: Side;
  date: string;
  history: Move;
  historyText: string;
  ai: Move;
  aiText: string;
  /** What the AI would have said at the table. */
  say: string;
  /** The analysis behind its choice, with its numbers. */
  reason: string;
  /** The AI made history's move exactly (package order aside). */
  matched: boolean;
  /** The AI made the same kind of move (propose, accept, hold, impose, …), whatever its content. */
  sameType: boolean;
}

export interface AiAgreement {
  /** Steps where the AI made history's move. */
  matched: number;
  /** Steps compared: every step of the path that really happened. */
  total: number;
  /** Steps where the AI made the same kind of move. */
  sameType: number;
  steps: AiStepComparison[];
}

/** The game just before step `step` of history, under `seed`, with nobody human. */
function specBefore(scenario: Scenario, step: number, seed: string): GameSpec {
  const path = historyOf(scenario).path;
  return {
    scenario: { id: scenario.id, version: scenario.version },
    seed,
    options: { ...historicalOptions(scenario), branchStep: step },
    moves: path.slice(0, step).map((s) => s.move),
  };
}

/**
 * What the AI would have done at one step of the path, or null for a supposed step of a what-if
 * (nobody chose it, so there is nothing to compare with).
 */
export function aiChoiceAt(
  scenario: Scenario,
  step: number,
  seed = historyOf(scenario).seed,
): AiStepComparison | null {
  const path = historyOf(scenario).path;
  const real = path[step];
  if (!real)
    throw new Error(
      `${scenario.id} has ${path.length} historical steps (0 to ${path.length - 1}), not ${step}`,
    );
  if (real.whatIf === true) return null;
  const before = replayHistory(scenario, seed).states[step]!;
  const side = real.move.side;
  const decision = decideMove(scenario, specBefore(scenario, step, seed), side, 'normal');
  return {
    step,
    side,
    date: real.date,
    history: real.move,
    historyText: describeMove(scenario, real.move, before, null),
    ai: decision.move,
    aiText: describeMove(scenario, decision.move, before, null),
    say: decision.say,
    reason: decision.analysis,
    matched: sameMove(scenario, decision.move, real.move),
    sameType: decision.move.type === real.move.type,
  };
}

/** The AI's choice at every step of the path that really happened, and how often it was history's. */
export function aiAgreement(scenario: Scenario, seed = historyOf(scenario).seed): AiAgreement {
  const steps = historyOf(scenario)
    .path.map((_, i) => aiChoiceAt(scenario, i, seed))
    .filter((s): s is AiStepComparison => s !== null);
  return {
    matched: steps.filter((s) => s.matched).length,
    total: steps.length,
    sameType: steps.filter((s) => s.sameType).length,
    steps,
  };
}
