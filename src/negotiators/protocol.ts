import { decisionRng } from '../core/rng';
import type { Domain, Preferences } from './domain';
import { PackageSpace, UtilityTable } from './domain';
import { timeAt } from './strategy/concession';

/**
 * Alternating offers with a deadline. Turn k = 0, 1, ... turns - 1 belongs to the first side when
 * k is even. At turn 0 the first side must make an offer (or end the talks); afterwards the side
 * to move accepts the offer on the table, counters with an offer of its own, or ends the talks.
 * So at most `turns` offers are made, and an offer made at the last turn dies with the deadline.
 * Each side's time runs from 0 at its own first turn to 1 at its own last (see timeAt). No deal
 * gives each side its reservation value.
 */

export type Action = { type: 'accept' } | { type: 'offer'; pkg: number } | { type: 'end' };

/** What a negotiator knows from the start: the packages, its own preferences, the deadline. */
export interface Seat {
  space: PackageSpace;
  table: UtilityTable;
  prefs: Preferences;
  turns: number;
  /** Whether it opens (moves at even turns). */
  first: boolean;
}

export interface TurnInput {
  turn: number;
  t: number;
  /** The other side's standing offer (a package number); null at the first turn. */
  offer: number | null;
  /** Tie-breaks and random choices for this decision only, from the seat's seeded stream. */
  random: () => number;
}

/** A negotiator for one negotiation. It may keep memory between turns; it draws nothing but `random`. */
export interface Negotiator {
  act(input: TurnInput): Action;
}

export type AgentFactory = (seat: Seat) => Negotiator;

export interface Instance {
  id: string;
  turns: number;
  domain: Domain;
  sides: [Preferences, Preferences];
}

/** An instance with its package space and both utility tables computed once for all its games. */
export interface PreparedInstance {
  instance: Instance;
  space: PackageSpace;
  tables: [UtilityTable, UtilityTable];
}

export function prepare(instance: Instance): PreparedInstance {
  const space = new PackageSpace(instance.domain);
  return { instance, space, tables: [new UtilityTable(space, instance.sides[0]), new UtilityTable(space, instance.sides[1])] };
}

export interface NegotiationResult {
  agreement: boolean;
  /** The agreed package, or null. */
  pkg: number | null;
  /** Utilities of the first and the second side (their reservations when there is no deal). */
  utilities: [number, number];
  /** The turn at which it ended: the accepting or ending turn, or `turns` at the deadline. */
  turn: number;
  /** The side that ended the talks, when one did. */
  endedBy: 0 | 1 | null;
}

class ProtocolError extends Error {}

/** Play one negotiation. `seed` names the game; each seat's random stream is keyed by seat and turn. */
export function negotiate(prepared: PreparedInstance, agents: [AgentFactory, AgentFactory], seed: string): NegotiationResult {
  const { instance, space, tables } = prepared;
  const turns = instance.turns;
  const seats = [0, 1].map((s) => agents[s]!({ space, table: tables[s]!, prefs: instance.sides[s]!, turns, first: s === 0 })) as [Negotiator, Negotiator];
  let standing: number | null = null;
  for (let turn = 0; turn < turns; turn++) {
    const side = (turn % 2) as 0 | 1;
    let prng: (() => number) | null = null;
    const random = () => (prng ??= decisionRng(seed, `ai:${side}`, turn))();
    const action = seats[side].act({ turn, t: timeAt(turn, turns), offer: standing, random });
    if (action.type === 'accept') {
      if (standing === null) throw new ProtocolError(`side ${side} accepted at turn ${turn} with no offer on the table`);
      return { agreement: true, pkg: standing, utilities: [tables[0].utilities[standing]!, tables[1].utilities[standing]!], turn, endedBy: null };
    }
    if (action.type === 'end') {
      return { agreement: false, pkg: null, utilities: [instance.sides[0].reservation, instance.sides[1].reservation], turn, endedBy: side };
    }
    if (!Number.isInteger(action.pkg) || action.pkg < 0 || action.pkg >= space.size) throw new ProtocolError(`side ${side} offered package ${action.pkg} at turn ${turn}`);
    standing = action.pkg;
  }
  return { agreement: false, pkg: null, utilities: [instance.sides[0].reservation, instance.sides[1].reservation], turn: turns, endedBy: null };
}
