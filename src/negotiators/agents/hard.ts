import type { Outcome } from '../domain';
import type { Action, AgentFactory, Seat } from '../protocol';
import { concessionFloor, faratinTarget } from '../strategy/concession';
import type { FrequencyModel } from '../strategy/opponent-model';
import { emptyModel, observeOffer } from '../strategy/opponent-model';
import type { Rater } from '../strategy/search';
import { bestInBand, modelRater } from '../strategy/search';

/**
 * `hard`: the strongest negotiator here, built from the pure strategy functions.
 *
 * - It concedes on a steep Boulware curve (Faratin's target with a small e) from its best package
 *   to a floor of `share` of its possible gain over no deal, so a conceding opponent meets it
 *   late, on its terms.
 * - Each offer is the package, among those worth about its target, that the frequency opponent
 *   model rates highest (logrolling); it prefers packages it has not offered yet, which teaches an
 *   opponent's model where it stands.
 * - It accepts an offer worth at least its own next offer (AC_next).
 * - It reads two kinds of opponent. One that has only ever made one offer is stubborn: it never
 *   accepts or proposes what that opponent likes best unless it is near its own best, so a
 *   hardliner gets nothing from it. One that goes back to its earlier offers and makes new ones
 *   only after new ones of mine (MiCRO's rule) is reciprocal: it then walks down its own ranking a
 *   package at a time, so that the opponent keeps conceding too.
 * - At the end: on the last turn it takes any offer above its reservation (unless stubbornly
 *   made); on the turn before, when the opponent has the last word, it offers back the best of the
 *   opponent's own offers, which an opponent that never raises its demands will take.
 *
 * The memory is plain JSON, so a game negotiator can keep it in a statechart's context.
 */

export interface HardParams {
  /** Concession exponent of the target curve. */
  e: number;
  /** Width of the utility band above the target searched for the opponent's favourite. */
  band: number;
  /** The floor of the curve, as a share of the gain between the reservation and the best package. */
  share: number;
  /** How far below its target it may go for a new package when the opponent is reciprocal. */
  walk: number;
}

export const HARD_PARAMS: Readonly<HardParams> = { e: 0.1, band: 0.03, share: 0.3, walk: 0.1 };

export interface HardMemory {
  model: FrequencyModel;
  /** The opponent's distinct offers, in the order first made. */
  received: number[][];
  /** How many offers it made in all. */
  receivedCount: number;
  /** Offers that went back to one of its earlier packages (other than its latest). */
  backtracks: number;
  lastReceived: number[] | null;
  /** My distinct offers. */
  offered: number[][];
}

export function hardMemory(radices: readonly number[]): HardMemory {
  return { model: emptyModel(radices), received: [], receivedCount: 0, backtracks: 0, lastReceived: null, offered: [] };
}

export interface HardTurn {
  turn: number;
  t: number;
  offer: Outcome | null;
  /** Breaks ties between packages equally good for me and equally rated for the opponent. */
  random?: () => number;
}

/** Why it did what it did, with the numbers behind it, for explanations. */
export interface HardWhy {
  kind: 'accept' | 'accept-best' | 'accept-last' | 'refuse-last' | 'counter' | 'ultimatum';
  target: number;
  /** My utility of the package I would offer now. */
  next: number;
  floor: number;
  /** My utility of the offer on the table, when there is one. */
  offerUtility: number | null;
  stubborn: boolean;
  reciprocal: boolean;
}

export interface HardMove {
  action: Action;
  memory: HardMemory;
  why: HardWhy;
}

/** Remember the opponent's offer. */
export function hardObserve(seat: Seat, memory: HardMemory, offer: Outcome): HardMemory {
  const { space } = seat;
  const pkg = space.indexOf(offer);
  const seen = memory.received.some((o) => space.indexOf(o) === pkg);
  const back = seen && (memory.lastReceived === null || space.indexOf(memory.lastReceived) !== pkg);
  return {
    ...memory,
    model: observeOffer(memory.model, offer),
    received: seen ? memory.received : [...memory.received, Array.from(offer)],
    receivedCount: memory.receivedCount + 1,
    backtracks: memory.backtracks + (back ? 1 : 0),
    lastReceived: Array.from(offer),
  };
}

export function hardDecide(seat: Seat, memory: HardMemory, input: HardTurn, params: HardParams = HARD_PARAMS): HardMove {
  const { space, table, prefs, turns } = seat;
  const u = table.utilities;
  const r = prefs.reservation;
  const mem = input.offer !== null ? hardObserve(seat, memory, input.offer) : memory;
  const offerPkg = input.offer !== null ? space.indexOf(input.offer) : null;
  const rate: Rater = modelRater(mem.model, space);
  const offered = new Set(mem.offered.map((o) => space.indexOf(o)));

  const floor = Math.max(concessionFloor(r, table.min), r + params.share * (table.max - r));
  const target = faratinTarget(input.t, params.e, floor, table.max);


  const stubborn = mem.receivedCount >= 2 && mem.received.length === 1;
  const reciprocal = mem.receivedCount >= 4 && (mem.backtracks >= 2 || (mem.received.length <= offered.size + 1 && mem.backtracks >= 1));
  const nearBest = (p: number) => u[p]! >= table.max - 0.01 * (table.max - r);
  const theirFavourite = Math.max(...mem.received.map((o) => rate(space.indexOf(o))));
  // with a stubborn opponent, giving it what it likes best is giving in
  const notGivingIn = (p: number) => !stubborn || nearBest(p) || rate(p) < theirFavourite - 1e-9;
  const acceptable = (p: number) => u[p]! >= r && notGivingIn(p);

  const next = nextOffer(seat, mem, { rate, offered, target, floor, reciprocal, notGivingIn, random: input.random }, params);
  const why = (kind: HardWhy['kind']): HardWhy => ({ kind, target, next: u[next]!, floor, offerUtility: offerPkg === null ? null : u[offerPkg]!, stubborn, reciprocal });
  const propose = (pkg: number, kind: HardWhy['kind']): HardMove => ({
    action: { type: 'offer', pkg },
    memory: offered.has(pkg) ? mem : { ...mem, offered: [...mem.offered, space.outcome(pkg)] },
    why: why(kind),
  });

  if (input.turn === turns - 1) {
    // the last turn: an offer now would die with the deadline
    if (offerPkg !== null && acceptable(offerPkg)) return { action: { type: 'accept' }, memory: mem, why: why('accept-last') };
    return { action: { type: 'end' }, memory: mem, why: why('refuse-last') };
  }
  if (input.turn === turns - 2) {
    // the opponent has the last word: offer back the best of its own offers
    let best = -1;
    for (const o of mem.received) {
      const p = space.indexOf(o);
      if (acceptable(p) && (best < 0 || u[p]! > u[best]!)) best = p;
    }
    if (best >= 0 && offerPkg !== null && u[offerPkg]! >= u[best]!) return { action: { type: 'accept' }, memory: mem, why: why('accept-best') };
    if (best >= 0) return propose(best, 'ultimatum');
    if (stubborn || mem.lastReceived === null) return propose(next, 'counter');
    // nothing it offered is good enough: my best package it should like as much as its last offer
    const bar = rate(space.indexOf(mem.lastReceived!));
    for (let k = 0; k < space.size && u[table.order[k]!]! >= r; k++) {
      const p = table.order[k]!;
      if (rate(p) >= bar - 1e-9) return propose(p, 'ultimatum');
    }
    return propose(next, 'counter');
  }
  if (offerPkg !== null && u[offerPkg]! >= u[next]! && acceptable(offerPkg)) return { action: { type: 'accept' }, memory: mem, why: why('accept') };
  return propose(next, 'counter');
}

interface OfferContext {
  rate: Rater;
  offered: Set<number>;
  target: number;
  floor: number;
  reciprocal: boolean;
  notGivingIn: (p: number) => boolean;
  random: (() => number) | undefined;
}

/** The package it would offer now: see the notes at the top of the file. */
function nextOffer(seat: Seat, mem: HardMemory, c: OfferContext, params: HardParams): number {
  const { space, table } = seat;
  const u = table.utilities;
  const fresh = (p: number) => !c.offered.has(p) && c.notGivingIn(p);
  let next = bestInBand(table, c.rate, c.target, c.target + params.band, fresh, c.random);
  if (next < 0) next = bestInBand(table, c.rate, c.target, c.target + params.band, c.notGivingIn, c.random);
  if (next < 0) {
    for (let k = table.lastRankAtLeast(c.target); k >= 0 && next < 0; k--) if (c.notGivingIn(table.order[k]!)) next = table.order[k]!;
  }
  if (next < 0) next = table.order[0]!;
  if (c.reciprocal && c.offered.has(next)) {
    // one step down my ranking for every new offer: the next unoffered package at or above my
    // (offers + 1)-th best, or else a new one a little below the target
    const stepLevel = Math.max(c.floor, u[table.order[Math.min(space.size - 1, c.offered.size)]!]!);
    let step = bestInBand(table, c.rate, stepLevel, table.max, fresh, c.random);
    if (step < 0) step = bestInBand(table, c.rate, Math.max(c.floor, c.target - params.walk), c.target + params.band, fresh, c.random);
    if (step >= 0) next = step;
  }
  return next;
}

export function hardAgent(params: HardParams = HARD_PARAMS): AgentFactory {
  return (seat) => {
    let memory = hardMemory(seat.space.radices);
    return {
      act({ turn, t, offer, random }) {
        const move = hardDecide(seat, memory, { turn, t, offer: offer === null ? null : seat.space.outcome(offer), random }, params);
        memory = move.memory;
        return move.action;
      },
    };
  };
}
