import { doctrineFor, profileFor } from '../../core/engine';
import { doctrineOf, issueOf, otherSide, positionOf } from '../../core/scenario-lookup';
import type {
  Difficulty,
  GameOptions,
  GameState,
  Move,
  Package,
  Profile,
  Scenario,
  Side,
  Threat,
} from '../../core/types';
import { utility } from '../domain';
import { timeAt } from '../strategy/concession';
import { decisionRng } from '../../core/rng';
import type { Lever } from './escalation';
import { bestLever, threatDueNow } from './escalation';
import { positionWorth } from '../../core/projection';
import type { GameDomain, WorthOf } from './game-domain';
import {
  buildGameDomain,
  outcomeOf,
  packageOf,
  positionsAfter,
  projectedSupport,
  redLinesCrossed,
  toPoints,
} from './game-domain';
import type { Memory } from './memory';
import type { StrategyOutput } from './strategies';
import { runStrategy } from './strategies';

/**
 * Everything a game negotiator weighs at its turn, computed from the game state and its memory:
 * the offer on the table and what it is worth, what its strategy would do, the lever it could
 * pull, a threat falling due. Plain data: the statechart's guards decide on it, and its reasons
 * are built from it.
 */

export type IntelLevel = 'low' | 'medium' | 'high';

export interface IssueWeight {
  issue: string;
  label: string;
  /** Share of what the negotiator can gain or lose that rides on this issue (weights sum to 1). */
  weight: number;
}

export interface SupportCheck {
  side: Side;
  projected: number;
  /** Threshold plus the negotiator's safety margin. */
  needed: number;
  ok: boolean;
}

export interface OfferView {
  pkg: Package;
  /** Normalised utility; null when the package crosses a red line. */
  utility: number | null;
  points: number | null;
  redLines: { issue: string; position: string }[];
  home: SupportCheck;
  there: SupportCheck;
}

export interface CounterView {
  pkg: Package;
  utility: number;
  points: number;
  /** Its utility of my previous offer, now; null for my first. */
  previousUtility: number | null;
}

export interface Assessment {
  side: Side;
  sideLabel: string;
  otherLabel: string;
  doctrineLabel: string;
  difficulty: Difficulty;
  patience: number;
  round: number;
  rounds: number;
  turn: number;
  turns: number;
  lastTurn: boolean;
  tension: number;
  offer: OfferView | null;
  strategy: StrategyOutput;
  counter: CounterView | null;
  /** My previous proposal as the game wrote it, if I made one. */
  previousOffer: Package | null;
  reservation: { utility: number; points: number };
  /** Points of what it would offer now. */
  nextPoints: number;
  dueThreat: Threat | null;
  lever: Lever | null;
  /** No offer of the other side is on the table, so it may hold. */
  canHold: boolean;
  /** Its doctrine counts tension as a cost. */
  prefersCalm: boolean;
  weights: IssueWeight[];
  audienceCost: number;
  threatWindow: number;
  /** Plain words for packages and moves, so reasons need no scenario. */
  words: Words;
}

export interface Words {
  issue: Record<string, string>;
  position: Record<string, Record<string, string>>;
}

/** A threat must leave the other side time to answer before the deadline to be worth making. */
export const MAX_THREATS = 2;

export function wordsOf(scenario: Scenario): Words {
  const issue: Record<string, string> = {};
  const position: Record<string, Record<string, string>> = {};
  for (const i of scenario.issues) {
    issue[i.id] = i.label;
    position[i.id] = Object.fromEntries(i.positions.map((p) => [p.id, p.label]));
  }
  return { issue, position };
}

export function issueWeights(scenario: Scenario, gd: GameDomain): IssueWeight[] {
  return gd.issues.map((i, k) => ({
    issue: i.id,
    label: issueOf(scenario, i.id).label,
    weight: gd.prefs.weights[k]!,
  }));
}

function support(gd: GameDomain, which: 'home' | 'there', outcome: number[]): SupportCheck {
  const model = gd[which];
  const projected = projectedSupport(model, outcome);
  const needed = model.threshold + model.margin;
  return { side: model.side, projected, needed, ok: projected >= needed };
}

/** Proposals expressed in this domain, for the strategy's memory: a red-line position reads as the one in force. */
function expressible(gd: GameDomain, list: Record<string, string>[]): number[][] {
  return list.map((positions) => outcomeOf(gd, positions, true)!);
}

export interface AssessInput {
  scenario: Scenario;
  options: GameOptions;
  state: GameState;
  side: Side;
  difficulty: Difficulty;
  memory: Memory;
  /** A memo of positionWorth the negotiator keeps between turns, and the scenario's words. */
  worthOf?: WorthOf;
  words?: Words;
}

/** My last proposal as a package against the positions in force now. */
function lastProposal(memory: Memory, state: GameState): Package | null {
  const last = memory.offered[memory.offered.length - 1];
  if (!last) return null;
  const pkg: Package = {};
  for (const [issue, position] of Object.entries(last))
    if (state.positions[issue] !== position) pkg[issue] = position;
  return pkg;
}

export function assess(input: AssessInput): Assessment {
  const { scenario, options, state, side, difficulty, memory, worthOf = positionWorth, words } = input;
  const profile: Profile = profileFor(scenario, options, side);
  const doctrine = doctrineOf(scenario, profile.doctrine);
  const theirDoctrine = doctrineFor(scenario, options, otherSide(side));
  const gd = buildGameDomain(scenario, state, side, profile, doctrine, worthOf);
  const turns = 2 * scenario.rounds;
  const turn = state.moveCount;
  const t = timeAt(turn, turns);

  let offer: OfferView | null = null;
  let offerOutcome: number[] | null = null;
  if (state.standing && state.standing.by !== side) {
    const pkg = state.standing.package;
    const after = positionsAfter(state, pkg);
    offerOutcome = outcomeOf(gd, after);
    const red = redLinesCrossed(profile, state, pkg);
    const home = offerOutcome
      ? support(gd, 'home', offerOutcome)
      : { side, projected: NaN, needed: NaN, ok: false };
    const there = offerOutcome
      ? support(gd, 'there', offerOutcome)
      : { side: otherSide(side), projected: NaN, needed: NaN, ok: false };
    // the table rules unratifiable packages out; a reason reports what the offer is worth on its merits
    const merit = offerOutcome ? utility(gd.prefs, offerOutcome) : null;
    offer = {
      pkg,
      utility: merit,
      points: merit === null ? null : toPoints(gd, merit),
      redLines: red,
      home,
      there,
    };
  }

  // the offer on the table is the latest of the received list; the strategy sees it separately
  const receivedAll = expressible(gd, memory.received);
  const received = offerOutcome && receivedAll.length > 0 ? receivedAll.slice(0, -1) : receivedAll;
  const offered = expressible(gd, memory.offered);
  // tie-breaks come from the side's own stream keyed by the move number: never from the model's streams
  const random = decisionRng(state.seed, `ai:${side}`, state.moveCount);
  const strategy = runStrategy({
    gd,
    turn,
    turns,
    t,
    offer: offerOutcome,
    received,
    offered,
    difficulty,
    profile,
    random,
  });

  let counter: CounterView | null = null;
  if (strategy.counter !== null) {
    const outcome = gd.space.outcome(strategy.counter);
    const u = gd.table.utility(strategy.counter);
    const prev = offered.length > 0 ? gd.table.utility(gd.space.indexOf(offered[offered.length - 1]!)) : null;
    counter = { pkg: packageOf(gd, outcome), utility: u, points: toPoints(gd, u), previousUtility: prev };
  }

  const maxOwnCost = difficulty === 'hard' ? 0.25 * gd.scale : gd.scale;
  return {
    side,
    sideLabel: scenario.sides[side].label,
    otherLabel: scenario.sides[otherSide(side)].label,
    doctrineLabel: doctrine.label,
    difficulty,
    patience: profile.patience,
    round: state.round,
    rounds: scenario.rounds,
    turn,
    turns,
    lastTurn: turn >= turns - 1,
    tension: state.indicators.tension,
    offer,
    strategy,
    counter,
    previousOffer: lastProposal(memory, state),
    reservation: { utility: gd.prefs.reservation, points: gd.noDealWorth },
    nextPoints: toPoints(gd, strategy.next),
    dueThreat: threatDueNow(state, side),
    lever: bestLever(scenario, state, side, doctrine, theirDoctrine, maxOwnCost, worthOf),
    canHold: !(state.standing && state.standing.by !== side),
    prefersCalm: (doctrine.weights.tension ?? 0) < 0,
    weights: issueWeights(scenario, gd),
    audienceCost: scenario.sides[side].audienceCost,
    threatWindow: scenario.threatWindow,
    words: words ?? wordsOf(scenario),
  };
}

// ---------------------------------------------------------------------------------------------
// The decisions the statechart's guards choose between. Pure predicates on the assessment.

/** Sign it: the strategy accepts, no red line is crossed, and both sides' politics would ratify it. */
export function offerAcceptable(a: Assessment): boolean {
  return (
    a.offer !== null &&
    a.strategy.accept &&
    a.offer.redLines.length === 0 &&
    a.offer.home.ok &&
    a.offer.there.ok
  );
}

/** A public threat of ours falls due this round: carry it out, unless we are bluffing (easy). */
export function mustCarryOut(a: Assessment): boolean {
  return a.dueThreat !== null && a.difficulty !== 'easy';
}

/** Leave the table: the other side has imposed measures twice and has not moved for our whole patience. */
export function shouldWalkOut(a: Assessment, m: Memory): boolean {
  return a.difficulty !== 'easy' && m.impositions >= 2 && m.stalled >= a.patience && a.round < a.rounds;
}

/** Step back rather than answer escalation with escalation: tension is high and calm is what we value. */
export function shouldCoolOff(a: Assessment, m: Memory): boolean {
  if (!a.canHold || a.round >= a.rounds) return false;
  if (m.failedRatification) return true;
  return m.provoked && a.prefersCalm && a.tension >= COOLING_TENSION;
}

export const COOLING_TENSION = 7.5;

/**
 * Threaten, with a lever that hurts the other side more than us: easy only answers escalation in
 * kind (and never carries a threat out: it bluffs); normal threatens when the other side has not
 * moved for its patience; hard does that and also answers escalation in kind. Not in the last
 * round, which is for closing.
 */
export function shouldThreaten(a: Assessment, m: Memory): boolean {
  if (a.lever === null || a.round >= a.rounds || m.threatsMade >= MAX_THREATS) return false;
  if (a.difficulty === 'easy') return m.provoked;
  if (a.difficulty === 'normal') return m.stalled >= a.patience;
  return m.provoked || m.stalled >= a.patience;
}

export type DecisionKind = 'accept' | 'carry-out' | 'walkout' | 'cool-off' | 'threaten' | 'counter';

/** The move each decision state plays. */
export function moveFor(kind: DecisionKind, a: Assessment): Move {
  const side = a.side;
  switch (kind) {
    case 'accept':
      return { type: 'accept', side };
    case 'carry-out':
      return { type: 'impose', side, issue: a.dueThreat!.issue, position: a.dueThreat!.position };
    case 'walkout':
      return { type: 'walkout', side };
    case 'threaten':
      return { type: 'threaten', side, issue: a.lever!.issue, position: a.lever!.position };
    case 'cool-off':
      return a.canHold ? { type: 'hold', side } : { type: 'reject', side };
    case 'counter':
      if (a.counter) return { type: 'propose', side, package: a.counter.pkg };
      return a.canHold ? { type: 'hold', side } : { type: 'reject', side };
  }
}

export function labelOf(scenario: Scenario, issue: string, position: string): string {
  return positionOf(scenario, issue, position).label;
}
