import type { Difficulty, Profile } from '../../core/types';
import type { LinearRater, Outcome, Preferences } from '../domain';
import type { HardParams } from '../agents/hard';
import { HARD_PARAMS, hardDecide, hardMemory, hardObserve } from '../agents/hard';
import type { HardSeat } from '../agents/hard';
import { acceptsOffer } from '../strategy/acceptance';
import { faratinTarget } from '../strategy/concession';
import { emptyModel, observeOffer } from '../strategy/opponent-model';
import { bandSearch, leastAtLeast, modelRater } from '../strategy/search';
import type { GameDomain } from './game-domain';

/**
 * The package strategy of each difficulty, on a game domain: what to accept and what to counter
 * with. The statechart decides whether to bargain at all (or escalate, cool off, walk out); these
 * decide how.
 *  - easy: concedes readily (its profile's exponent doubled, plus a half), down to its
 *    reservation, offering the package nearest its target without reading the other side.
 *  - normal: Faratin's curve with the profile's own exponent, logrolling through the frequency
 *    model (boulware-om when the profile holds firm, a conceder when it does not).
 *  - hard: the benchmark's `hard` agent, its curve scaled by the profile's exponent.
 */

export interface StrategyInput {
  gd: GameDomain;
  turn: number;
  turns: number;
  t: number;
  /** The other side's offer on the table, as an outcome of this domain; null when there is none. */
  offer: Outcome | null;
  /** Its earlier offers (before the one on the table) that this domain can express, oldest first. */
  received: Outcome[];
  /** The packages it proposed exactly as this domain writes them (no position read as another). */
  theirOwn: number[];
  /** My earlier offers that this domain can express. */
  offered: Outcome[];
  difficulty: Difficulty;
  profile: Profile;
  /** Tie-breaks, from the side's seeded `ai:*` stream for this move. */
  random: () => number;
}

export interface StrategyOutput {
  accept: boolean;
  /** The package to counter with, or null when there is nothing worth offering. */
  counter: number | null;
  /** What it aims for now, and the least it will go to, in normalised utility. */
  target: number;
  floor: number;
  /** My utility of what I would offer now (whether or not I accept instead). */
  next: number;
  /** Why it accepts: the offer beats its next offer, it is the last move, or (hard, at its last offer that can still be accepted) it is worth at least the final offer it would make instead. */
  acceptedBecause: 'next' | 'last' | 'best-of-theirs' | null;
  /** For hard: its counter is its last offer that can still be accepted; `theirs` when it is one of the other side's own proposals. */
  finalOffer: 'theirs' | 'own' | null;
  /** For hard: it read the other side as stubborn (one offer, repeated) or reciprocal (MiCRO-like). */
  stubborn: boolean;
  reciprocal: boolean;
  /** For hard: a measure the other side imposed during the talks is in force, so its floor is its best package (COERCED_SHARE) until its final offer. */
  coerced: boolean;
}

export const NORMAL_BAND = 0.05;

/**
 * The hard agent's parameters for a profile: half the profile's exponent (firmer than normal). A
 * game has a dozen turns, not the benchmark's hundred, so the curve cannot be as steep there. Its
 * floor stays at 30% of its possible gain: the benchmark's lower floor lets two hard agents meet
 * near the Nash point before the end of a hundred turns, while in a game of a dozen turns the
 * higher floor measured better against every difficulty (hard 4.4 against normal's 2.0 points on
 * average over six scenarios, ten seeds and both sides, against 3.9 and 2.3 with the lower one).
 */
export const GAME_HARD_SHARE = 0.3;

/**
 * In a game, hard's last offer to a stubborn opponent (one offer, repeated) is that offer itself:
 * the one package it knows the opponent could accept (`stubbornFinal` 1: the model of one
 * repeated offer rates only that package 1). Anything that asks for more leaves both without a
 * deal when the opponent holds, and it takes that offer only when it beats walking away.
 */
export function hardParamsFor(profile: Profile): HardParams {
  return {
    ...HARD_PARAMS,
    share: GAME_HARD_SHARE,
    e: Math.min(1, Math.max(0.1, 0.5 * profile.concession)),
    stubbornFinal: 1,
    stubbornFinalCounter: 1,
  };
}

/**
 * While a measure the other side imposed on it during the talks is in force, hard concedes
 * nothing: its floor is its best package (share 1), so its offers stay at what it asked for before
 * the coercion, until its final offer. Values are measured from the state in force, where the
 * measure is sunk: a negotiator that went on down its curve would pay the coercer in concessions
 * for lifting what it imposed, on top of the harm the measure did (the tension it added stays when
 * it is lifted). Holding firm is safe because hard's closing rules are untouched: its last offer
 * that can still be accepted is the best for it of the other side's own offers, and at its last
 * move it takes any offer worth more than walking away, so it never ends without a deal it
 * prefers. Measured on busan-2025, the US against a hard China that opens with the 9 October
 * rare-earth controls, seeds 1-20: going on down its curve (share 0.3) the US scored 2.31 and
 * China 5.40 (China's self-play: 5.16), so the sanction paid; with a floor at share 0.5 the US
 * scored 2.03, 0.7 4.04, 0.9 5.01 (China 3.35) and 1 5.01 (China 3.05), against 5.49 in
 * self-play.
 */
export const COERCED_SHARE = 1;

export function easyExponent(profile: Profile): number {
  return 2 * profile.concession + 0.5;
}

/**
 * Where a game negotiator's curve starts: its opening offer. The benchmark agents open with their
 * best package, so a game would open the same way whatever the seed and whatever the other side
 * opened with. Here the first offer is chosen among the packages worth between its best less a
 * margin and its best (the margin, OPENING_MARGIN times a draw, is its own for the game), as the
 * package the other side's offers so far make it likeliest to take, or, before the other side has
 * offered anything, as a seeded draw would rank them. The margin is small: an opening shapes how
 * the other side reads its priorities, and a wide one measurably cost the side that opened
 * (busan-2025, hard against hard: with a margin of a twentieth for both openings, the US, which
 * opens, scored 4.1 instead of 6.6).
 */
export const OPENING_MARGIN = 0.03;

/**
 * Before the other side has said anything, an opening follows its own priorities with a seeded
 * jitter: its own weights and values, each shifted by a draw (weights by up to half, values by up
 * to OPENING_JITTER), so the package it opens with is its own kind of package, and a different one
 * from game to game.
 */
export const OPENING_JITTER = 0.3;

export function drawnRater(space: GameDomain['space'], prefs: Preferences, next: () => number): LinearRater {
  const weights = prefs.weights.map((w) => w * (0.5 + next()));
  const values = prefs.values.map((row) => row.map((v) => v + OPENING_JITTER * (next() - 0.5)));
  const rate = (pkg: number) => {
    let u = 0;
    for (let i = 0; i < weights.length; i++) u += weights[i]! * values[i]![space.option(pkg, i)]!;
    return u;
  };
  return Object.assign(rate, { weights, values });
}

/** My first offer, when it is due: the opening as OPENING_MARGIN describes it, with draws taken after the strategy's. */
function openingOffer(input: StrategyInput, aspiration: number): number | null {
  const { gd } = input;
  const next = input.random;
  let model = emptyModel(gd.space.radices);
  for (const o of [...input.received, ...(input.offer ? [input.offer] : [])]) model = observeOffer(model, o);
  // an answer reads the other side's opening within the margin; an opening made first varies only among its best packages
  const lo =
    model.offers > 0 ? gd.table.max - OPENING_MARGIN * next() * (gd.table.max - aspiration) : gd.table.max;
  const rate = model.offers > 0 ? modelRater(model, gd.space) : drawnRater(gd.space, gd.prefs, next);
  const pick = gd.table.bestInBand(rate, lo, gd.table.max, () => true, next);
  return pick >= 0 ? pick : null;
}

export function runStrategy(input: StrategyInput): StrategyOutput {
  const { gd } = input;
  // the walk-away value, not kept within [0, 1]
  const r = gd.prefs.reservation;
  if (gd.table.max < r) {
    // nothing either side's politics would sign is worth more to us than walking away
    return {
      accept: false,
      counter: null,
      target: r,
      floor: r,
      next: r,
      acceptedBecause: null,
      finalOffer: null,
      stubborn: false,
      reciprocal: false,
      coerced: false,
    };
  }
  // The curves take a reservation within the utility scale, as the benchmark's agents do: every
  // package is worth at least 0 on it, so for accepting and offering this is the walk-away value
  // itself, and the curves never aim below the worst package.
  const aspiration = Math.max(r, 0);
  const out =
    input.difficulty === 'hard' ? hardStrategy(input, aspiration) : curveStrategy(input, aspiration);
  if (input.offered.length === 0 && !out.accept && out.counter !== null && out.finalOffer === null) {
    const first = openingOffer(input, aspiration);
    if (first !== null && gd.table.utility(first) >= r) {
      out.counter = first;
      out.next = gd.table.utility(first);
    }
  }
  // At my last move an offer worth at least walking away is the best I can still have. Hard has
  // this rule of its own at the game's last turn, and before it, at its last offer that can still
  // be accepted, it makes that offer (the best for it of the other side's own offers, or, to a
  // stubborn side, that side's offer), which a side that takes what beats walking away at the end
  // accepts.
  const offerUtility = input.offer ? gd.table.utility(gd.space.indexOf(input.offer)) : -Infinity;
  if (input.difficulty !== 'hard' && !out.accept && input.turn + 2 >= input.turns && offerUtility >= r) {
    out.accept = true;
    out.acceptedBecause = 'last';
  }
  return out;
}

function hardStrategy(input: StrategyInput, aspiration: number): StrategyOutput {
  const { gd } = input;
  const r = gd.prefs.reservation;
  const seat: HardSeat = {
    space: gd.space,
    table: gd.table,
    prefs: { ...gd.prefs, reservation: aspiration },
    turns: input.turns,
  };
  const coerced = gd.issues.some((i) => i.reverse);
  const params = coerced ? { ...hardParamsFor(input.profile), share: COERCED_SHARE } : hardParamsFor(input.profile);
  // the move log does not interleave the two lists, so MiCRO's signature (which needs the order)
  // is not read here: no game side plays MiCRO
  let memory = hardMemory(gd.space.radices);
  for (const o of input.received) memory = hardObserve(seat, memory, o);
  const distinct = new Map(input.offered.map((o) => [gd.space.indexOf(o), Array.from(o)]));
  const lastOffered = input.offered.length > 0 ? Array.from(input.offered[input.offered.length - 1]!) : null;
  memory = { ...memory, offered: [...distinct.values()], lastOffered };
  const move = hardDecide(
    seat,
    memory,
    { turn: input.turn, t: input.t, offer: input.offer, random: input.random },
    params,
  );
  const counter = move.action.type === 'offer' ? move.action.pkg : null;
  const feasibleCounter = counter !== null && gd.table.utility(counter) >= r ? counter : null;
  const because =
    move.action.type !== 'accept'
      ? null
      : move.why.kind === 'accept-last'
        ? 'last'
        : move.why.kind === 'accept-best'
          ? 'best-of-theirs'
          : 'next';
  const finalOffer =
    move.why.kind !== 'ultimatum' || feasibleCounter === null
      ? null
      : input.theirOwn.includes(feasibleCounter)
        ? 'theirs'
        : 'own';
  return {
    accept: move.action.type === 'accept',
    counter: feasibleCounter,
    target: move.why.target,
    floor: move.why.floor,
    next: move.why.next,
    acceptedBecause: because,
    finalOffer,
    stubborn: move.why.stubborn,
    reciprocal: move.why.reciprocal,
    coerced,
  };
}

function curveStrategy(input: StrategyInput, aspiration: number): StrategyOutput {
  const { gd } = input;
  const r = gd.prefs.reservation;
  const withModel = input.difficulty === 'normal';
  const e = withModel ? input.profile.concession : easyExponent(input.profile);
  const pmin = aspiration;
  const target = faratinTarget(input.t, e, pmin, gd.table.max);
  let counter: number;
  if (withModel) {
    let model = emptyModel(gd.space.radices);
    for (const o of [...input.received, ...(input.offer ? [input.offer] : [])])
      model = observeOffer(model, o);
    const cap = Math.min(
      Infinity,
      ...input.offered.map((o) => gd.table.utility(gd.space.indexOf(o))).filter((u) => u >= target),
    );
    counter =
      model.offers > 0
        ? bandSearch(gd.table, modelRater(model, gd.space), target, NORMAL_BAND, cap, input.random)
        : leastAtLeast(gd.table, target);
  } else {
    counter = leastAtLeast(gd.table, target);
  }
  const offerUtility = input.offer ? gd.table.utility(gd.space.indexOf(input.offer)) : -Infinity;
  const counterUtility = gd.table.utility(counter);
  const accept = input.offer !== null && acceptsOffer(offerUtility, counterUtility, r);
  const last = input.turn >= input.turns - 1;
  return {
    accept,
    counter: counterUtility >= r ? counter : null,
    target,
    floor: pmin,
    next: counterUtility,
    acceptedBecause: accept ? (last ? 'last' : 'next') : null,
    finalOffer: null,
    stubborn: false,
    reciprocal: false,
    coerced: false,
  };
}
