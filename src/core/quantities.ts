import { dict } from './dict';
import { positionOf } from './scenario-lookup';
import type { Quantity, Scenario } from './types';

/**
 * Real-world quantities (an average tariff rate, an ownership share) computed from the positions
 * in force. They let a real number be compared with the model honestly: a tariff schedule is a
 * decision, so its value follows from the positions without any draw. The engine never reads them.
 */

export function quantityOf(scenario: Scenario, quantityId: string): Quantity {
  const quantity = scenario.quantities?.find((q) => q.id === quantityId);
  if (!quantity) throw new Error(`scenario ${scenario.id} declares no quantity "${quantityId}"`);
  return quantity;
}

export interface QuantityPart {
  issue: string;
  position: string;
  amount: number;
}

/** What each position in force adds to a quantity, in scenario order; positions that add nothing are left out. */
export function quantityParts(scenario: Scenario, positions: Record<string, string>, quantityId: string): QuantityPart[] {
  quantityOf(scenario, quantityId);
  const parts: QuantityPart[] = [];
  for (const issue of scenario.issues) {
    const positionId = positions[issue.id];
    if (positionId === undefined) continue;
    const amount = positionOf(scenario, issue.id, positionId).quantities?.[quantityId];
    if (amount !== undefined && amount !== 0) parts.push({ issue: issue.id, position: positionId, amount });
  }
  return parts;
}

/** The quantity's value with these positions in force: its base plus every position's contribution. */
export function quantityValue(scenario: Scenario, positions: Record<string, string>, quantityId: string): number {
  const total = quantityParts(scenario, positions, quantityId).reduce((sum, p) => sum + p.amount, quantityOf(scenario, quantityId).base);
  // Contributions are written with a few decimals; keep sums like 57 - 10 exact in reports.
  return Math.round(total * 1e9) / 1e9;
}

/** Every declared quantity's value with these positions in force. */
export function quantityValues(scenario: Scenario, positions: Record<string, string>): Record<string, number> {
  const out = dict<number>();
  for (const q of scenario.quantities ?? []) out[q.id] = quantityValue(scenario, positions, q.id);
  return out;
}
