import type { Move, MoveType, OutcomeKind } from '../../core/types';

/**
 * What a game negotiator remembers of the talks, built only from the moves it has seen, so that
 * replaying the move log rebuilds it exactly. Plain JSON.
 */
export interface Memory {
  /** The other side's proposals, as the positions they would leave in force, oldest first. */
  received: Record<string, string>[];
  /** My proposals, the same way. */
  offered: Record<string, string>[];
  /** The other side's moves since it last made progress (an offer better for me than any before). */
  stalled: number;
  /**
   * The best offer the other side has made, by my reckoning when it was made: fewest of my red
   * lines crossed, then my utility of the rest of it (normalised). Null before any.
   */
  best: { crossings: number; utility: number } | null;
  /** The other side's last move was a threat or a measure imposed on me. */
  provoked: boolean;
  /** The other side's last move imposed a measure on me. */
  coerced: boolean;
  /** Measures the other side imposed during the talks. */
  impositions: number;
  /** The measures it imposed and threatened, in order (issue and position). */
  imposedOnMe: { issue: string; position: string }[];
  threatsAgainstMe: { issue: string; position: string }[];
  threatsMade: number;
  /** My last acceptance failed at home (or theirs did). */
  failedRatification: boolean;
  lastMine: MoveType | null;
  /** The other side's last move, and how its latest offer compared with its one before, for me: the same offer, a different one worth about the same (little), better or worse. */
  lastTheirs: MoveType | null;
  trend: 'first' | 'same' | 'little' | 'better' | 'worse' | null;
  /** Its latest offer, by my reckoning when it was made. */
  lastOffer: { crossings: number; utility: number } | null;
}

export const EMPTY_MEMORY: Memory = {
  received: [],
  offered: [],
  stalled: 0,
  best: null,
  provoked: false,
  coerced: false,
  impositions: 0,
  imposedOnMe: [],
  threatsAgainstMe: [],
  threatsMade: 0,
  failedRatification: false,
  lastMine: null,
  lastTheirs: null,
  trend: null,
  lastOffer: null,
};

/** An offer counts as progress when it crosses fewer of my red lines, or beats the best before it by at least this much (normalised utility). */
export const PROGRESS = 0.02;

/** What the negotiator sees of one move, computed by its driver from the game states around it. */
export interface MoveFacts {
  move: Move;
  mine: boolean;
  /** How the game ended with this move, if it did. */
  ended: OutcomeKind | null;
  /** For a proposal: the positions it would leave in force. */
  positions: Record<string, string> | null;
  /** For a proposal of the other side: my utility of it now (normalised), reading positions beyond my red lines as the ones in force. */
  utility: number | null;
  /** For a proposal of the other side: how many of my red lines it crosses. */
  crossings: number;
  /** An acceptance that failed at home. */
  failedRatification: boolean;
}

const sameOffer = (a: Record<string, string> | undefined, b: Record<string, string>) =>
  a !== undefined &&
  Object.keys(b).every((k) => a[k] === b[k]) &&
  Object.keys(a).length === Object.keys(b).length;

/** How an offer compares with the one before it: fewer red lines crossed, or a clear gain in utility, is better. */
function trendOf(
  before: { crossings: number; utility: number },
  now: { crossings: number; utility: number },
): 'little' | 'better' | 'worse' {
  if (now.crossings !== before.crossings) return now.crossings < before.crossings ? 'better' : 'worse';
  if (now.utility >= before.utility + PROGRESS) return 'better';
  if (now.utility <= before.utility - PROGRESS) return 'worse';
  return 'little';
}

export function remember(memory: Memory, facts: MoveFacts): Memory {
  // An event made to happen is neither side's behaviour: its effects are in the state.
  if (facts.move.type === 'event') return memory;
  const m: Memory = {
    ...memory,
    failedRatification: facts.failedRatification || (memory.failedRatification && !facts.mine),
  };
  const { move } = facts;
  if (facts.mine) {
    m.lastMine = move.type;
    m.provoked = false;
    m.coerced = false;
    if (move.type === 'propose' && facts.positions) m.offered = [...m.offered, facts.positions];
    if (move.type === 'threaten') m.threatsMade += 1;
    if (move.type === 'propose' || move.type === 'threaten' || move.type === 'impose')
      m.failedRatification = false;
    return m;
  }
  m.lastTheirs = move.type;
  m.provoked = move.type === 'threaten' || move.type === 'impose';
  m.coerced = move.type === 'impose';
  if (move.type === 'impose') {
    m.impositions += 1;
    m.imposedOnMe = [...m.imposedOnMe, { issue: move.issue, position: move.position }];
  }
  if (move.type === 'threaten')
    m.threatsAgainstMe = [...m.threatsAgainstMe, { issue: move.issue, position: move.position }];
  if (move.type === 'propose' && facts.positions) {
    const previous = m.received[m.received.length - 1];
    m.received = [...m.received, facts.positions];
    const offer = { crossings: facts.crossings, utility: facts.utility ?? 0 };
    const b = m.best;
    const progress =
      b === null ||
      offer.crossings < b.crossings ||
      (offer.crossings === b.crossings && offer.utility >= b.utility + PROGRESS);
    const better =
      b === null ||
      offer.crossings < b.crossings ||
      (offer.crossings === b.crossings && offer.utility > b.utility);
    m.trend =
      previous === undefined || m.lastOffer === null
        ? 'first'
        : sameOffer(previous, facts.positions)
          ? 'same'
          : trendOf(m.lastOffer, offer);
    m.lastOffer = offer;
    if (better) m.best = offer;
    if (progress) {
      m.stalled = 0;
      return m;
    }
  }
  m.stalled += 1;
  return m;
}
