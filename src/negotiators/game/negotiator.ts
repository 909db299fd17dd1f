import { IllegalMoveError, profileFor, replay } from '../../core/engine';
import { checkMove } from '../../core/rules';
import { doctrineOf } from '../../core/scenario-lookup';
import type { Difficulty, GameSpec, GameState, Move, Scenario, Side } from '../../core/types';
import { utility } from '../domain';
import type { IntelLevel } from './assess';
import { assess } from './assess';
import { gamePreferences, outcomeOf, positionsAfter, redLinesCrossed } from './game-domain';
import type { Decision, NegotiatorContext } from './machine';
import { negotiatorMachine } from './machine';
import type { MoveFacts } from './memory';
import { checkProfile } from '../validate';
import { initialTransition, transition } from 'xstate';

/**
 * The driver of the game negotiator: it replays the move log through the statechart, then, when
 * it is the negotiator's turn, asks it to decide. Nothing is kept between calls: the same spec
 * always rebuilds the same negotiator and the same decision.
 */

/** Intelligence the player has on an AI of this difficulty (the briefing uses the same mapping). */
export function intelForDifficulty(difficulty: Difficulty): IntelLevel {
  return difficulty === 'easy' ? 'high' : difficulty === 'normal' ? 'medium' : 'low';
}

/** What the negotiator of `side` sees of one move. */
export function factsOf(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  before: GameState,
  after: GameState,
  move: Move,
): MoveFacts {
  const mine = move.side === side;
  const ended = after.phase === 'ended' ? after.outcome!.kind : null;
  let positions: Record<string, string> | null = null;
  let u: number | null = null;
  let crossings = 0;
  if (move.type === 'propose') {
    positions = positionsAfter(before, move.package);
    if (!mine) {
      const profile = profileFor(scenario, spec.options, side);
      const gp = gamePreferences(scenario, before, side, profile, doctrineOf(scenario, profile.doctrine));
      u = utility(gp.prefs, outcomeOf(gp, positions, true)!);
      crossings = redLinesCrossed(profile, before, move.package).length;
    }
  }
  return {
    move,
    mine,
    ended,
    positions,
    utility: u,
    crossings,
    failedRatification: move.type === 'accept' && after.phase === 'negotiation',
  };
}

export interface NegotiatorRun {
  /** The statechart's state after each move (index 0: before any). */
  trail: string[];
  context: NegotiatorContext;
  value: string;
  states: GameState[];
}

function replayThrough(scenario: Scenario, spec: GameSpec, side: Side, intel: IntelLevel) {
  const { states } = replay(scenario, spec.seed, spec.options, spec.moves);
  let [snapshot] = initialTransition(negotiatorMachine, { side, intel });
  const trail = [String(snapshot.value)];
  spec.moves.forEach((move, i) => {
    [snapshot] = transition(negotiatorMachine, snapshot, {
      type: 'observe',
      facts: factsOf(scenario, spec, side, states[i]!, states[i + 1]!, move),
    });
    trail.push(String(snapshot.value));
  });
  return { snapshot, states, trail };
}

/** Replay the move log through the negotiator of `side`. */
export function runNegotiator(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  intel: IntelLevel,
): NegotiatorRun {
  const { snapshot, states, trail } = replayThrough(scenario, spec, side, intel);
  return { trail, context: snapshot.context, value: String(snapshot.value), states };
}

export class InvalidProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`the AI profile cannot be used: ${problems.join('; ')}`);
    this.name = 'InvalidProfileError';
  }
}

/** Refuse to run a negotiator whose profile does not fit its scenario: nothing runs on half-valid input. */
export function assertProfile(scenario: Scenario, spec: GameSpec, side: Side): void {
  const problems = checkProfile(scenario, profileFor(scenario, spec.options, side));
  if (problems.length > 0) throw new InvalidProfileError(problems);
}

/** The negotiator's decision at its turn: the move, its reason, its posture and the state it decided in. */
export function negotiatorDecision(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  difficulty: Difficulty,
  intel: IntelLevel,
): Decision & { state: string } {
  assertProfile(scenario, spec, side);
  const replayed = replayThrough(scenario, spec, side, intel);
  const state = replayed.states[replayed.states.length - 1]!;
  if (state.phase !== 'negotiation') throw new Error('the negotiation is over: there is no move to decide');
  if (state.turn !== side) throw new Error(`it is not ${scenario.sides[side].label}'s turn`);
  const assessment = assess({
    scenario,
    options: spec.options,
    state,
    side,
    difficulty,
    memory: replayed.snapshot.context.memory,
  });
  const [decided] = transition(negotiatorMachine, replayed.snapshot, { type: 'decide', assessment });
  const decision = decided.context.decision;
  if (!decision) throw new Error(`the negotiator reached "${String(decided.value)}" without a decision`);
  const check = checkMove(scenario, state, decision.move);
  if (!check.ok) throw new IllegalMoveError(decision.move, check.reason);
  return { ...decision, state: String(decided.value) };
}
