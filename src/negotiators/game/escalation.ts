import { positionWorth } from '../../core/projection';
import { issuesHeldBy } from '../../core/scenario-lookup';
import type { Doctrine, GameState, Scenario, Side, Threat } from '../../core/types';
import type { WorthOf } from './game-domain';
import { levelWorth } from './game-domain';

/**
 * Levers: the unilateral measures a side holds. A lever is worth threatening when carrying it out
 * would hurt the other side (by the doctrine it is judged by) more than it hurts us (by ours):
 * then the threat lowers the other side's value of no deal more than ours, which is the point.
 * Each figure is in the doctrine's score points and includes the tension the measure adds.
 */
export interface Lever {
  issue: string;
  position: string;
  /** What imposing it is worth to us and to them, in each side's points (negative is a cost). */
  ours: number;
  theirs: number;
}

export function levers(
  scenario: Scenario,
  state: GameState,
  side: Side,
  ours: Doctrine,
  theirs: Doctrine,
  worthOf: WorthOf = positionWorth,
): Lever[] {
  const out: Lever[] = [];
  for (const issue of issuesHeldBy(scenario, side)) {
    for (const position of issue.positions) {
      if (!position.escalation || state.positions[issue.id] === position.id) continue;
      const tension = position.tension ?? 1;
      out.push({
        issue: issue.id,
        position: position.id,
        ours:
          worthOf(scenario, state, ours, issue.id, position.id) +
          levelWorth(scenario, state, ours, 'tension', tension),
        theirs:
          worthOf(scenario, state, theirs, issue.id, position.id) +
          levelWorth(scenario, state, theirs, 'tension', tension),
      });
    }
  }
  return out;
}

/**
 * The lever to threaten now: one it has no threat pending on, that hurts the other side more than
 * us, the one with the widest gap; null when there is none. `maxOwnCost` caps what carrying it out
 * may cost us, so a negotiator does not threaten what it could not bear to do.
 */
export function bestLever(
  scenario: Scenario,
  state: GameState,
  side: Side,
  ours: Doctrine,
  theirs: Doctrine,
  maxOwnCost: number,
  worthOf: WorthOf = positionWorth,
): Lever | null {
  return pickLever(state, side, levers(scenario, state, side, ours, theirs, worthOf), maxOwnCost);
}

/** Of these levers, the one to use as bestLever describes. */
export function pickLever(
  state: GameState,
  side: Side,
  all: readonly Lever[],
  maxOwnCost: number,
): Lever | null {
  const pending = new Set(
    state.threats.filter((t) => t.side === side && t.status === 'pending').map((t) => t.issue),
  );
  let best: Lever | null = null;
  for (const lever of all) {
    if (pending.has(lever.issue)) continue;
    if (lever.theirs >= 0 || lever.theirs >= lever.ours || -lever.ours > maxOwnCost) continue;
    if (!best || lever.ours - lever.theirs > best.ours - best.theirs) best = lever;
  }
  return best;
}

/** A threat of ours that falls due at the end of this round: carry it out now or pay the audience cost. */
export function threatDueNow(state: GameState, side: Side): Threat | null {
  return (
    state.threats.find(
      (t) =>
        t.side === side &&
        t.status === 'pending' &&
        t.dueRound === state.round &&
        state.positions[t.issue] !== t.position,
    ) ?? null
  );
}
