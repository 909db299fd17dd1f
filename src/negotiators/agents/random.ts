import type { AgentFactory } from '../protocol';
import { acceptsOffer } from '../strategy/acceptance';

/**
 * The random baseline: each turn it draws a package uniformly among those it prefers to no deal
 * and offers it, unless the offer on the table is worth at least the package it drew (AC_next
 * applied to a random bidder), and at least its reservation.
 */
export function randomAgent(): AgentFactory {
  return ({ table, prefs }) => {
    const acceptableCount = table.lastRankAtLeast(prefs.reservation) + 1;
    return {
      act({ offer, random }) {
        const pool = Math.max(1, acceptableCount);
        const pkg = table.order[Math.min(pool - 1, Math.floor(random() * pool))]!;
        if (offer !== null && acceptsOffer(table.utilities[offer]!, table.utilities[pkg]!, prefs.reservation)) return { type: 'accept' };
        return { type: 'offer', pkg };
      },
    };
  };
}
