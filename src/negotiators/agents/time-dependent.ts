import type { AgentFactory } from '../protocol';
import { acceptsOffer } from '../strategy/acceptance';
import { concessionFloor, faratinTarget } from '../strategy/concession';
import { emptyModel, observeOffer } from '../strategy/opponent-model';
import { bandSearch, leastAtLeast, modelRater } from '../strategy/search';

/** Width of the utility band the opponent-model variant searches above its target. */
export const OM_BAND = 0.05;

/**
 * A time-dependent agent (Faratin, Sierra & Jennings 1998) with AC_next acceptance. Without an
 * opponent model it offers the package worth the least at or above its target (the bid nearest
 * the curve from above, as Genius's TimeDependentAgent does); with one it searches the band above
 * the target for the package the model rates highest. Its offers never rise in its own utility.
 */
export function timeDependent(e: number, withModel = false): AgentFactory {
  return ({ space, table, prefs }) => {
    const pmin = concessionFloor(prefs.reservation, table.min);
    const pmax = table.max;
    let model = emptyModel(space.radices);
    let lastOffer = Infinity;
    return {
      act({ t, offer }) {
        const target = faratinTarget(t, e, pmin, pmax);
        if (withModel && offer !== null) model = observeOffer(model, space.outcome(offer));
        const next = withModel && model.offers > 0 ? bandSearch(table, modelRater(model, space), target, OM_BAND, lastOffer) : leastAtLeast(table, target);
        if (offer !== null && acceptsOffer(table.utilities[offer]!, table.utilities[next]!, prefs.reservation)) return { type: 'accept' };
        lastOffer = Math.min(lastOffer, table.utilities[next]!);
        return { type: 'offer', pkg: next };
      },
    };
  };
}
