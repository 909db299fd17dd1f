/**
 * The AI negotiators' public interface, used by the session and the CLI.
 *
 * Each AI side is a statechart negotiator (game/machine.ts) driven by pure strategy functions
 * (strategy/, agents/): it follows the game move by move (game/negotiator.ts), assesses the game
 * state (game/assess.ts) and decides. The generic multi-issue layer and the benchmark agents live
 * beside it (domain.ts, protocol.ts, agents/, bench.ts).
 */
import type { AiPlayer, GameOptions, GameSpec, GameState, Move, Scenario, Side } from '../core/types';
import type { IntelLevel } from './game/assess';
import { profileFor } from '../core/engine';
import { doctrineOf } from '../core/scenario-lookup';
import type { Package } from '../core/types';
import { gamePreferences, walkAway, type WalkAway } from './game/game-domain';
import { intel, type IntelItem } from './game/intel';
import {
  favouritePackage as favourite,
  forEachBetterPackage,
  judgePackage as judge,
  type PackageJudgement,
} from './game/judgement';
import { ledger, type LedgerEntry } from './game/ledger';
import type { Decision, Posture } from './game/machine';
import { withWordsOf } from './decision-words';
import { GameNegotiator, intelForDifficulty, negotiatorFor } from './game/negotiator';
import { randomDecision, randomDecisionWords, randomMove } from './game/random-player';

export type { IntelItem, IntelLevel, LedgerEntry, PackageJudgement, Posture, WalkAway };
export { intelForDifficulty, randomMove };

export interface AiDecision {
  move: Move;
  /** What the negotiator says at the table, in the first person, built from the decision's real inputs. */
  say: string;
  /** The analysis behind it: why it accepted, countered or escalated, with the numbers. */
  analysis: string;
  posture: Posture;
}

/**
 * The AI of one side of one game. Show it every move as it is played (either side's), with the
 * game states before and after it; at its turn, ask it for its move in the state after the last
 * one. Everything it is given and returns is plain JSON, and it is a function of the moves it was
 * shown: the same moves give the same decisions, whether it followed the game from the start or
 * was rebuilt from the move log (`resumeNegotiator`).
 */
export interface Negotiator {
  readonly side: Side;
  /** How many moves it has been shown. */
  readonly moves: number;
  observe(move: Move, before: GameState, after: GameState): void;
  decide(state: GameState): AiDecision;
}

const aiDecision = (d: Decision): AiDecision => withWordsOf(d, { move: d.move }, { posture: d.posture }, d.move);

function wrap(negotiator: GameNegotiator): Negotiator {
  return {
    side: negotiator.side,
    get moves() {
      return negotiator.moves;
    },
    observe: (move, before, after) => negotiator.observe(move, before, after),
    decide: (state) => aiDecision(negotiator.decide(state)),
  };
}

/**
 * The AI for `side` of a new game with these options. `intel` is what the player knows of this AI,
 * which sets how much of its priorities its reasons reveal (by default, as the briefing maps
 * difficulty to intelligence). Throws InvalidProfileError if the side's profile does not fit the
 * scenario.
 */
export function createNegotiator(
  scenario: Scenario,
  options: GameOptions,
  side: Side,
  player: AiPlayer = options.difficulty[side],
  intelLevel: IntelLevel = intelForDifficulty(player),
): Negotiator {
  if (player === 'random') return randomNegotiator(scenario, side);
  return wrap(new GameNegotiator(scenario, options, side, player, intelLevel));
}

/** The random baseline as a negotiator: it needs nothing of the past but the state it moves in. */
function randomNegotiator(scenario: Scenario, side: Side, seen = 0): Negotiator {
  let moves = seen;
  return {
    side,
    get moves() {
      return moves;
    },
    observe: () => void moves++,
    decide: (state) => randomAiDecision(randomMove(scenario, state, side)),
  };
}

function randomAiDecision(move: Move): AiDecision {
  const d = randomDecisionWords(move);
  return { move, say: d.say, analysis: d.analysis, posture: d.posture };
}

/** The AI for `side` of the game `spec`, rebuilt from its move log (as if it had followed every move). */
export function resumeNegotiator(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  player: AiPlayer = spec.options.difficulty[side],
  intelLevel: IntelLevel = intelForDifficulty(player),
): Negotiator {
  if (player === 'random') return randomNegotiator(scenario, side, spec.moves.length);
  return wrap(negotiatorFor(scenario, spec, side, player, intelLevel).negotiator);
}

/**
 * The AI's move for `side` in the game `spec` (whose moves are those played so far; it must be
 * `side`'s turn), for callers that have only a spec: it rebuilds the negotiator from the move log,
 * so a caller that plays a whole game should keep a Negotiator instead. Pure and deterministic: the
 * same spec gives the same decision, so replaying a move log rebuilds every AI decision in it.
 */
export function decideMove(
  scenario: Scenario,
  spec: GameSpec,
  side: Side,
  player: AiPlayer = spec.options.difficulty[side],
  intelLevel: IntelLevel = intelForDifficulty(player),
): AiDecision {
  if (player === 'random') {
    const d = randomDecision(scenario, spec, side);
    return randomAiDecision(d.move);
  }
  const { negotiator, states } = negotiatorFor(scenario, spec, side, player, intelLevel);
  return aiDecision(negotiator.decide(states[states.length - 1]!));
}

/** The AI's threats and promises so far, each with what became of it. */
export function ledgerOf(scenario: Scenario, spec: GameSpec, side: Side): LedgerEntry[] {
  return ledger(scenario, spec, side);
}

/** The AI's priorities over the issues, as much as `level` intelligence reveals. */
export function intelReport(scenario: Scenario, spec: GameSpec, side: Side, level: IntelLevel): IntelItem[] {
  return intel(scenario, spec, side, level);
}

/**
 * What walking away is worth to the AI of `side` now: what no deal is worth to it, in its
 * doctrine's score points against the state in force, and on its packages' utility scale (not
 * kept within [0, 1]). The one walk-away value its decisions use (game/game-domain.ts, `walkAway`).
 */
export function walkAwayValue(
  scenario: Scenario,
  state: GameState,
  side: Side,
  options: GameOptions = state.options,
): WalkAway {
  const profile = profileFor(scenario, options, side);
  return walkAway(gamePreferences(scenario, state, side, profile, doctrineOf(scenario, profile.doctrine)));
}

/** A package as the AI of `side` judges it now: its worth, whether it may sign it, and whether it beats walking away. */
export function judgePackage(
  scenario: Scenario,
  state: GameState,
  side: Side,
  pkg: Package,
  options: GameOptions = state.options,
): PackageJudgement {
  return judge(scenario, options, state, side, pkg);
}

/** Every package the AI of `side` could sign now and prefers to walking away, until `visit` returns true (small scenarios: it lists them). */
export function betterPackages(
  scenario: Scenario,
  state: GameState,
  side: Side,
  visit: (pkg: Package, points: number) => boolean | void,
  options: GameOptions = state.options,
): void {
  forEachBetterPackage(scenario, options, state, side, visit);
}

/** The package the AI of `side` likes best of those it could sign now, or null. */
export function favouritePackage(
  scenario: Scenario,
  state: GameState,
  side: Side,
  options: GameOptions = state.options,
): Package | null {
  return favourite(scenario, options, state, side);
}
