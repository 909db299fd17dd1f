import type { AgentFactory } from '../protocol';
import { acceptsOffer } from '../strategy/acceptance';
import { concessionFloor } from '../strategy/concession';
import { leastAtLeast } from '../strategy/search';

/**
 * Relative tit-for-tat in utility terms (after Faratin, Sierra & Jennings 1998 and Baarslag's
 * Nice Tit-for-Tat): it opens with its best package, then moves its target by as much as the
 * opponent's last move gave it, measured in its own utility. A concession is mirrored by a
 * concession, a retreat by a retreat, always within [reservation, best].
 */
export function titForTat(): AgentFactory {
  return ({ table, prefs }) => {
    const pmin = concessionFloor(prefs.reservation, table.min);
    const pmax = table.max;
    let target = pmax;
    let previous: number | null = null;
    return {
      act({ offer }) {
        if (offer !== null) {
          const received = table.utilities[offer]!;
          if (previous !== null) target = Math.min(pmax, Math.max(pmin, target - (received - previous)));
          previous = received;
        }
        const next = leastAtLeast(table, target);
        if (offer !== null && acceptsOffer(table.utilities[offer]!, table.utilities[next]!, prefs.reservation)) return { type: 'accept' };
        return { type: 'offer', pkg: next };
      },
    };
  };
}
