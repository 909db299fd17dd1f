import { createActor, type Actor } from 'xstate';
import { IllegalMoveError, profileFor, replay } from '../../core/engine';
import { checkMove } from '../../core/rules';
import { doctrineOf } from '../../core/scenario-lookup';
import type {
  AiPlayer,
  Difficulty,
  GameOptions,
  GameSpec,
  GameState,
  Move,
  Profile,
  Scenario,
  Side,
} from '../../core/types';
import { utility } from '../domain';
import { checkProfile } from '../validate';
import type { IntelLevel, Words } from './assess';
import { assess, wordsOf } from './assess';
import {
  gamePreferences,
  outcomeOf,
  positionsAfter,
  redLinesCrossed,
  scenarioWorths,
  sharedDomains,
  domainKey,
  DomainMemo,
  type WorthOf,
} from './game-domain';
import type { Decision } from './machine';
import { negotiatorMachine } from './machine';
import { withWordsOf } from '../decision-words';
import type { Memory, MoveFacts } from './memory';

/**
 * The driver of the game negotiator: one object per AI side of a game, shown every move as it is
 * played and asked for its own at its turn. It keeps the statechart running between turns (an
 * XState actor) and a memo of what positions are worth, so a turn costs one decision, not a
 * replay of the game. The move log stays the truth: a negotiator rebuilt from the log
 * (`negotiatorFor`, which resuming a game uses) is the same as one that followed the game, and so
 * is its next decision; `decide` changes nothing that the next move does not clear.
 */

/** Intelligence the player has on an AI of this difficulty (the briefing uses the same mapping); the random player has no priorities to reveal. */
/** The difficulty a side's negotiator plays at; the random baseline is a player, not a negotiator (see random-player.ts). */
export function negotiatorDifficulty(player: AiPlayer): Difficulty {
  if (player === 'random') throw new Error('the random player has no negotiator: it is played by random-player.ts');
  return player;
}

export function intelForDifficulty(difficulty: AiPlayer): IntelLevel {
  if (difficulty === 'random') return 'low';
  return difficulty === 'easy' ? 'high' : difficulty === 'normal' ? 'medium' : 'low';
}

/** What the negotiator of `side` sees of one move. */
export function factsOf(
  scenario: Scenario,
  profile: Profile,
  side: Side,
  before: GameState,
  after: GameState,
  move: Move,
  worthOf?: WorthOf,
  memo?: DomainMemo,
): MoveFacts {
  const mine = move.side === side;
  const ended = after.phase === 'ended' ? after.outcome!.kind : null;
  let positions: Record<string, string> | null = null;
  let u: number | null = null;
  let crossings = 0;
  if (move.type === 'propose') {
    positions = positionsAfter(before, move.package);
    if (!mine) {
      const doctrine = doctrineOf(scenario, profile.doctrine);
      const build = () => gamePreferences(scenario, before, side, profile, doctrine, worthOf);
      const gp = memo ? memo.preferences(before, build, () => domainKey(before, side, profile, doctrine)) : build();
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

export class InvalidProfileError extends Error {
  constructor(readonly problems: string[]) {
    super(`the AI profile cannot be used: ${problems.join('; ')}`);
    this.name = 'InvalidProfileError';
  }
}

/** Each profile's problems in its scenario, checked once: a class server or a Monte Carlo run starts many negotiators with the same profile. */
const PROFILE_PROBLEMS = new WeakMap<Scenario, WeakMap<Profile, string[]>>();

/** Refuse to run a negotiator whose profile does not fit its scenario: nothing runs on half-valid input. */
export function assertProfile(scenario: Scenario, options: GameOptions, side: Side): void {
  const profile = profileFor(scenario, options, side);
  let checked = PROFILE_PROBLEMS.get(scenario);
  if (!checked) PROFILE_PROBLEMS.set(scenario, (checked = new WeakMap()));
  let problems = checked.get(profile);
  if (!problems) checked.set(profile, (problems = checkProfile(scenario, profile)));
  if (problems.length > 0) throw new InvalidProfileError(problems);
}

/** What a negotiator is between moves: its statechart's state and its memory. */
export interface NegotiatorState {
  value: string;
  memory: Memory;
}

export class GameNegotiator {
  private actor: Actor<typeof negotiatorMachine>;
  /** Everything it was shown, so a statechart that failed can be rebuilt. */
  private readonly seen: MoveFacts[] = [];
  /** Moves shown but not yet sent to the statechart: it reads them when it next looks. */
  private pending: MoveFacts[] = [];
  private readonly profile: Profile;
  private readonly worthOf: WorthOf;
  /** Its last preferences and search table, reused while the game gives the same ones, and the domains the scenario's negotiators share. */
  private readonly memo: DomainMemo;
  private readonly words: Words;

  constructor(
    readonly scenario: Scenario,
    readonly options: GameOptions,
    readonly side: Side,
    readonly difficulty: Difficulty = negotiatorDifficulty(options.difficulty[side]),
    readonly intel: IntelLevel = intelForDifficulty(difficulty),
  ) {
    assertProfile(scenario, options, side);
    this.profile = profileFor(scenario, options, side);
    this.words = wordsOf(scenario);
    this.worthOf = scenarioWorths(scenario);
    this.memo = new DomainMemo(sharedDomains(scenario));
    this.actor = this.start();
  }

  private start(): Actor<typeof negotiatorMachine> {
    return createActor(negotiatorMachine, { input: { side: this.side, intel: this.intel } }).start();
  }

  /** How many moves it has been shown. */
  get moves(): number {
    return this.seen.length;
  }

  get state(): NegotiatorState {
    this.catchUp();
    const snapshot = this.actor.getSnapshot();
    return { value: String(snapshot.value), memory: snapshot.context.memory };
  }

  /** Show it one move of the game, either side's, with the states before and after it. */
  observe(move: Move, before: GameState, after: GameState): void {
    const facts = factsOf(this.scenario, this.profile, this.side, before, after, move, this.worthOf, this.memo);
    this.seen.push(facts);
    this.pending.push(facts);
  }

  /** Send the statechart the moves it has not read yet, in one event. */
  private catchUp(): void {
    if (this.pending.length === 0) return;
    const moves = this.pending;
    this.pending = [];
    this.send({ type: 'observe', moves });
  }

  /** Its decision at its turn in `state`, the state after every move it has been shown. */
  decide(state: GameState): Decision & { state: string } {
    if (state.phase !== 'negotiation') throw new Error('the negotiation is over: there is no move to decide');
    if (state.turn !== this.side) throw new Error(`it is not ${this.scenario.sides[this.side].label}'s turn`);
    if (state.moveCount !== this.seen.length) {
      throw new Error(
        `the negotiator has been shown ${this.seen.length} moves, but the game has had ${state.moveCount}`,
      );
    }
    this.catchUp();
    const assessment = assess({
      scenario: this.scenario,
      options: this.options,
      state,
      side: this.side,
      difficulty: this.difficulty,
      memory: this.actor.getSnapshot().context.memory,
      worthOf: this.worthOf,
      memo: this.memo,
      words: this.words,
    });
    const decided = this.send({ type: 'decide', assessment });
    const decision = decided.context.decision;
    if (!decision) throw new Error(`the negotiator reached "${String(decided.value)}" without a decision`);
    const check = checkMove(this.scenario, state, decision.move);
    if (!check.ok) throw new IllegalMoveError(decision.move, check.reason);
    return withWordsOf(decision, { kind: decision.kind, move: decision.move }, { posture: decision.posture, state: String(decided.value) }, decision.move);
  }

  /**
   * Send an event to the statechart. An actor stops at an error thrown inside it; the error is
   * thrown here instead, and the statechart rebuilt from what it was shown, so one failed decision
   * does not silence the negotiator for the rest of the game.
   */
  private send(event: Parameters<Actor<typeof negotiatorMachine>['send']>[0]) {
    this.actor.send(event);
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status === 'error') {
      this.actor = this.start();
      if (this.seen.length > 0) this.actor.send({ type: 'observe', moves: this.seen.slice() });
      throw snapshot.error;
    }
    return snapshot;
  }
}

/** A negotiator for `side` rebuilt from a game's move log (what resuming a game does). */
export function negotiatorFor(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  difficulty: Difficulty = negotiatorDifficulty(spec.options.difficulty[side]),
  intel: IntelLevel = intelForDifficulty(difficulty),
): { negotiator: GameNegotiator; states: GameState[] } {
  const negotiator = new GameNegotiator(scenario, spec.options, side, difficulty, intel);
  const { states } = replay(scenario, spec.seed, spec.options, spec.moves);
  spec.moves.forEach((move, i) => negotiator.observe(move, states[i]!, states[i + 1]!));
  return { negotiator, states };
}

export interface NegotiatorRun {
  /** The statechart's state after each move (index 0: before any). */
  trail: string[];
  state: NegotiatorState;
  states: GameState[];
}

/** Replay the move log through the negotiator of `side`, with the statechart's state after each move. */
export function runNegotiator(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  intel: IntelLevel,
): NegotiatorRun {
  const negotiator = new GameNegotiator(scenario, spec.options, side, negotiatorDifficulty(spec.options.difficulty[side]), intel);
  const { states } = replay(scenario, spec.seed, spec.options, spec.moves);
  const trail = [negotiator.state.value];
  spec.moves.forEach((move, i) => {
    negotiator.observe(move, states[i]!, states[i + 1]!);
    trail.push(negotiator.state.value);
  });
  return { trail, state: negotiator.state, states };
}

/** The negotiator's decision at its turn in the game `spec`: the move, its reason, its posture and the state it decided in. */
export function negotiatorDecision(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  difficulty: Difficulty,
  intel: IntelLevel,
): Decision & { state: string } {
  const { negotiator, states } = negotiatorFor(scenario, spec, side, difficulty, intel);
  return negotiator.decide(states[states.length - 1]!);
}
