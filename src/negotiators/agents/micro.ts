import type { AgentFactory } from '../protocol';
import { acceptsOffer } from '../strategy/acceptance';

/**
 * MiCRO (de Jonge, "An analysis of the linear bilateral ANAC domains using the MiCRO benchmark
 * strategy", IJCAI 2022). It walks down its packages from best to worst one step at a time, and
 * takes a new step only when the opponent has made at least as many distinct offers as it has;
 * otherwise it repeats one of its earlier offers at random. It never offers below its
 * reservation, and accepts an offer worth at least what it would offer next.
 */
export function micro(): AgentFactory {
  return ({ table, prefs }) => {
    const received = new Set<number>();
    const proposed: number[] = [];
    return {
      act({ offer, random }) {
        if (offer !== null) received.add(offer);
        const step = proposed.length;
        const candidate = step < table.order.length ? table.order[step]! : -1;
        const canStep = candidate >= 0 && received.size >= proposed.length && table.utilities[candidate]! >= prefs.reservation;
        const lowest = proposed.length > 0 ? table.utilities[proposed[proposed.length - 1]!]! : table.max;
        const nextUtility = canStep ? table.utilities[candidate]! : lowest;
        if (offer !== null && acceptsOffer(table.utilities[offer]!, nextUtility, prefs.reservation)) return { type: 'accept' };
        if (canStep) {
          proposed.push(candidate);
          return { type: 'offer', pkg: candidate };
        }
        if (proposed.length === 0) return { type: 'offer', pkg: table.order[0]! };
        return { type: 'offer', pkg: proposed[Math.min(proposed.length - 1, Math.floor(random() * proposed.length))]! };
      },
    };
  };
}
