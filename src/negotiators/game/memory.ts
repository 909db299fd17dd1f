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
  /** Measures the other side imposed during the talks. */
  impositions: number;
  threatsMade: number;
  /** My last acceptance failed at home (or theirs did). */
  failedRatification: boolean;
  lastMine: MoveType | null;
}

export const EMPTY_MEMORY: Memory = {
  received: [],
  offered: [],
  stalled: 0,
  best: null,
  provoked: false,
  impositions: 0,
  threatsMade: 0,
  failedRatification: false,
  lastMine: null,
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

export function remember(memory: Memory, facts: MoveFacts): Memory {
  const m: Memory = {
    ...memory,
    failedRatification: facts.failedRatification || (memory.failedRatification && !facts.mine),
  };
  const { move } = facts;
  if (facts.mine) {
    m.lastMine = move.type;
    m.provoked = false;
    if (move.type === 'propose' && facts.positions) m.offered = [...m.offered, facts.positions];
    if (move.type === 'threaten') m.threatsMade += 1;
    if (move.type === 'propose' || move.type === 'threaten' || move.type === 'impose')
      m.failedRatification = false;
    return m;
  }
  m.provoked = move.type === 'threaten' || move.type === 'impose';
  if (move.type === 'impose') m.impositions += 1;
  if (move.type === 'propose' && facts.positions) {
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
    if (better) m.best = offer;
    if (progress) {
      m.stalled = 0;
      return m;
    }
  }
  m.stalled += 1;
  return m;
}
