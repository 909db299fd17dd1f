import { deadlineOf, doctrineFor, profileFor } from '../../core/engine';
import { doctrineOf, issueOf, otherSide } from '../../core/scenario-lookup';
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
import { levers, pickLever, threatDueNow } from './escalation';
import { positionWorth } from '../../core/projection';
import { changedIssues } from '../../core/rules';
import type { DomainMemo, GameDomain, WalkAway, WorthOf } from './game-domain';
import {
  buildGameDomain,
  outcomeOf,
  packageOf,
  positionsAfter,
  projectedSupport,
  redLinesCrossed,
  toPoints,
  unreversed,
  walkAway,
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
  /** Normalised utility; null when the package crosses a red line or leaves in force a measure to reverse. */
  utility: number | null;
  points: number | null;
  redLines: { issue: string; position: string }[];
  /** Measures imposed on this side during the talks that the offer would leave in force. */
  unreversed: string[];
  home: SupportCheck;
  there: SupportCheck;
  /** It may sign it: it changes something, crosses no red line, reverses what it must, and both sides would ratify it. */
  signable: boolean;
}

export interface Coercion {
  issue: string;
  /** The measure in force, imposed on me by the other side during the talks. */
  position: string;
  /** The position my counter puts in its place; null when I make no counter. */
  asked: string | null;
}

export interface CounterView {
  pkg: Package;
  utility: number;
  points: number;
  /** Its utility of my previous offer, now; null for my first. */
  previousUtility: number | null;
  /**
   * What the counter and my previous offer give the other side, by my model of it (the worth of
   * their positions under the doctrine I take it to hold): a counter that costs me more may still
   * give them less (it takes back one concession to make another), and is then no step towards them.
   */
  theirWorth: number;
  previousTheirWorth: number | null;
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
  /** The walk-away value: what no deal is worth, the one measure every choice compares a deal with. */
  walkAway: WalkAway;
  /** This is my last move of the talks; this is the last turn at which an offer of mine can still be accepted. */
  myLastMove: boolean;
  finalOfferTurn: boolean;
  /** Measures imposed on me during the talks, in force now, that any deal must reverse. */
  toReverse: string[];
  /** The same measures with the position in force and what my counter asks for instead (null without a counter). */
  coercion: Coercion[];
  /** Points of what it would offer now. */
  nextPoints: number;
  dueThreat: Threat | null;
  /** The lever it would threaten with now, and the one it would answer a measure imposed on it with (retaliation may cost it more than a threat it means to carry out). */
  lever: Lever | null;
  retaliation: Lever | null;
  /** No offer of the other side is on the table, so it may hold. */
  canHold: boolean;
  /** Its doctrine counts tension as a cost. */
  prefersCalm: boolean;
  weights: IssueWeight[];
  audienceCost: number;
  threatWindow: number;
  /** Plain words for packages and moves, so reasons need no scenario. */
  words: Words;
  /** What its doctrine weighs most (an indicator id), for the register of what it says. */
  focus: string;
  /** Draws from the side's `ai:*` stream for this move, taken after the strategy's: they choose among phrasings. */
  voice: number[];
  /**
   * Draws from the side's own voice stream, the same all game: where each of its phrasings starts.
   * Its moves step through them from there, so the same line is never said twice in a row.
   */
  voiceBase: number[];
}

/**
 * The most a measure may cost the negotiator, as a share of its stakes: hard threatens only what
 * it could bear to carry out; answering coercion it will pay more, since a measure imposed on it
 * that goes unanswered invites the next.
 */
export const THREAT_COST_SHARE = 0.25;
export const RETALIATION_COST_SHARE = 0.5;

/** How many draws a decision keeps for choosing its words. */
export const VOICE_DRAWS = 8;

export interface Words {
  issue: Record<string, string>;
  position: Record<string, Record<string, string>>;
  /** Whose lever each issue is: what a package asks of whom. */
  holder: Record<string, Side>;
}

/** A threat must leave the other side time to answer before the deadline to be worth making. */
export const MAX_THREATS = 2;

/** The indicator a doctrine weighs most, by the size of its weight (ties: the first listed). */
export function doctrineFocus(weights: Partial<Record<string, number>>): string {
  let best = '';
  let size = -1;
  for (const [indicator, w] of Object.entries(weights)) {
    if (Math.abs(w ?? 0) > size) {
      best = indicator;
      size = Math.abs(w ?? 0);
    }
  }
  return best;
}

export function wordsOf(scenario: Scenario): Words {
  const issue: Record<string, string> = {};
  const position: Record<string, Record<string, string>> = {};
  const holder: Record<string, Side> = {};
  for (const i of scenario.issues) {
    issue[i.id] = i.label;
    position[i.id] = Object.fromEntries(i.positions.map((p) => [p.id, p.label]));
    holder[i.id] = i.holder;
  }
  return { issue, position, holder };
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
  /** The negotiator's memo of its last preferences and search table (game-domain.ts). */
  memo?: DomainMemo;
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
  const { scenario, options, state, side, difficulty, memory, worthOf = positionWorth, memo, words } = input;
  const profile: Profile = profileFor(scenario, options, side);
  const doctrine = doctrineOf(scenario, profile.doctrine);
  const theirDoctrine = doctrineFor(scenario, options, otherSide(side));
  const gd = buildGameDomain(scenario, state, side, profile, doctrine, worthOf, memo);
  const rounds = deadlineOf(scenario, options);
  const turns = 2 * rounds;
  const turn = state.moveCount;
  const t = timeAt(turn, turns);
  const away = walkAway(gd);

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
    const left = unreversed(gd, after);
    offer = {
      pkg,
      utility: merit,
      points: merit === null ? null : toPoints(gd, merit),
      redLines: red,
      unreversed: left,
      home,
      there,
      signable:
        offerOutcome !== null &&
        changedIssues(state, pkg).length > 0 &&
        red.length === 0 &&
        left.length === 0 &&
        home.ok &&
        there.ok,
    };
  }

  // the offer on the table is the latest of the received list; the strategy sees it separately
  const receivedAll = expressible(gd, memory.received);
  const received = offerOutcome && receivedAll.length > 0 ? receivedAll.slice(0, -1) : receivedAll;
  const offered = expressible(gd, memory.offered);
  // tie-breaks come from the side's own stream keyed by the move number: never from the model's streams
  const random = decisionRng(state.seed, `ai:${side}`, state.moveCount);
  // their proposals as they made them: a position read as another (a red line, a measure to reverse) makes a different package
  const theirOwn = memory.received.flatMap((positions) => {
    const exact = outcomeOf(gd, positions);
    return exact ? [gd.space.indexOf(exact)] : [];
  });
  const strategy = runStrategy({
    gd,
    turn,
    turns,
    t,
    offer: offerOutcome,
    received,
    theirOwn,
    offered,
    difficulty,
    profile,
    random,
  });
  // the words are chosen after the strategy's draws, so choosing them changes no decision
  const voice = Array.from({ length: VOICE_DRAWS }, () => random());
  // a stream of its own, so no decision's draws change
  const base = decisionRng(state.seed, `voice:${side}`, 0);
  const voiceBase = Array.from({ length: VOICE_DRAWS }, () => base());

  let counter: CounterView | null = null;
  if (strategy.counter !== null) {
    const outcome = gd.space.outcome(strategy.counter);
    const u = gd.table.utility(strategy.counter);
    const prev = offered.length > 0 ? gd.table.utility(gd.space.indexOf(offered[offered.length - 1]!)) : null;
    const pkg = packageOf(gd, outcome);
    const before = lastProposal(memory, state);
    const theirs = (p: Package) =>
      Object.entries(p).reduce((sum, [issue, position]) => (state.positions[issue] === position ? sum : sum + worthOf(scenario, state, theirDoctrine, issue, position)), 0);
    counter = { pkg, utility: u, points: toPoints(gd, u), previousUtility: prev, theirWorth: theirs(pkg), previousTheirWorth: before ? theirs(before) : null };
  }

  const maxOwnCost = difficulty === 'hard' ? THREAT_COST_SHARE * gd.scale : gd.scale;
  const held = levers(scenario, state, side, doctrine, theirDoctrine, worthOf);
  return {
    side,
    sideLabel: scenario.sides[side].label,
    otherLabel: scenario.sides[otherSide(side)].label,
    doctrineLabel: doctrine.label,
    difficulty,
    patience: profile.patience,
    round: state.round,
    rounds,
    turn,
    turns,
    lastTurn: turn >= turns - 1,
    tension: state.indicators.tension,
    offer,
    strategy,
    counter,
    previousOffer: lastProposal(memory, state),
    walkAway: away,
    myLastMove: turn + 2 >= turns,
    finalOfferTurn: turn + 2 >= turns - 1 && turn < turns - 1,
    toReverse: gd.issues.filter((i) => i.reverse).map((i) => i.id),
    coercion: gd.issues
      .filter((i) => i.reverse)
      .map((i) => ({ issue: i.id, position: i.inForce, asked: counter?.pkg[i.id] ?? null })),
    nextPoints: toPoints(gd, strategy.next),
    dueThreat: threatDueNow(state, side),
    lever: pickLever(state, side, held, maxOwnCost),
    retaliation: pickLever(state, side, held, Math.max(maxOwnCost, RETALIATION_COST_SHARE * gd.scale)),
    canHold: !(state.standing && state.standing.by !== side),
    prefersCalm: (doctrine.weights.tension ?? 0) < 0,
    weights: issueWeights(scenario, gd),
    audienceCost: scenario.sides[side].audienceCost,
    threatWindow: scenario.threatWindow,
    words: words ?? wordsOf(scenario),
    focus: doctrineFocus(doctrine.weights),
    voice,
    voiceBase,
  };
}

// ---------------------------------------------------------------------------------------------
// The decisions the statechart's guards choose between. Pure predicates on the assessment.

/** Sign it: the strategy accepts it and it may sign it (no red line, nothing left in force it must reverse, ratified on both sides). */
export function offerAcceptable(a: Assessment): boolean {
  return a.offer !== null && a.offer.signable && a.strategy.accept;
}

/**
 * A public threat of ours falls due this round: carry it out, unless we are bluffing (easy), or
 * this is our last chance to make an offer that can still be accepted and that offer is worth more
 * than walking away (carrying the threat out would take it off the table: a due threat never
 * pre-empts a better final offer; if it is accepted, the deal settles the threat).
 */
export function mustCarryOut(a: Assessment): boolean {
  if (a.dueThreat === null || a.difficulty === 'easy') return false;
  return !(a.finalOfferTurn && a.counter !== null && a.counter.utility > a.walkAway.utility);
}

/**
 * Answer a measure imposed on us with one of ours, at once. Every negotiator refuses to reward
 * coercion: it signs nothing that leaves the measure in force. What else it does is its
 * doctrine's choice: one that does not count tension as a cost retaliates at the first measure;
 * one that does lets the refusal speak the first time and retaliates when coerced again. Not the
 * bluffer (easy), and not in the last round, which is for closing.
 */
export function shouldRetaliate(a: Assessment, m: Memory): boolean {
  if (!m.coerced || a.difficulty === 'easy' || a.retaliation === null || a.round >= a.rounds) return false;
  return !a.prefersCalm || m.impositions >= 2;
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
 * moved for its patience; hard does that, answers escalation in kind, and answers a take-it-or-
 * leave-it offer (the same offer twice running, with nothing better before it) at once: it will
 * take such an offer at its last move if it beats walking away, so only a measure carried out
 * before then makes the tactic cost what it takes. Only a threat that falls due before the last
 * round: the last round is for closing, and a threat due then would set carrying it out against
 * the final offers.
 */
export function shouldThreaten(a: Assessment, m: Memory): boolean {
  if (a.lever === null || a.round + a.threatWindow >= a.rounds || m.threatsMade >= MAX_THREATS) return false;
  if (a.difficulty === 'easy') return m.provoked;
  if (a.difficulty === 'normal') return m.stalled >= a.patience;
  return m.provoked || m.stalled >= a.patience || (m.trend === 'same' && m.stalled >= 2);
}

/**
 * Hold firm because it is coerced: a measure the other side imposed during the talks is in force,
 * so hard's strategy concedes nothing (COERCED_SHARE) and its counter is no weaker than its last
 * offer, and this is not yet its final offer (there it makes the offer that closes, coerced or
 * not). The move is the counter's; the decision is its own so that what it says and the analysis
 * give the reason: the measure, and what it wants in its place.
 */
export function refusesToRewardCoercion(a: Assessment): boolean {
  const c = a.counter;
  if (!a.strategy.coerced || c === null || a.coercion.length === 0) return false;
  if (a.strategy.finalOffer !== null || a.finalOfferTurn) return false;
  return c.previousUtility === null || c.utility >= c.previousUtility - FIRM_TOLERANCE;
}

/** A counter worth at most this much less to me than my last offer (normalised utility) still holds firm. */
export const FIRM_TOLERANCE = 0.02;

export type DecisionKind =
  | 'accept'
  | 'carry-out'
  | 'retaliate'
  | 'walkout'
  | 'cool-off'
  | 'threaten'
  | 'stand-firm'
  | 'counter';

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
    case 'retaliate':
      return { type: 'impose', side, issue: a.retaliation!.issue, position: a.retaliation!.position };
    case 'cool-off':
      return a.canHold ? { type: 'hold', side } : { type: 'reject', side };
    case 'stand-firm':
    case 'counter':
      if (a.counter) return { type: 'propose', side, package: a.counter.pkg };
      return a.canHold ? { type: 'hold', side } : { type: 'reject', side };
  }
}
