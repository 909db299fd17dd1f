import { metricBasis, seedRange, spreadOf } from '../core/fidelity';
import { historyOf } from '../core/history';
import type { MetricBasis, Scenario } from '../core/types';

/**
 * How far an episode's real numbers test the model, for the teaching-notes screen: each outcome
 * metric with its basis (set by the path, fitted, or predicted) and the share of seeds in which
 * it lands in its band, and the share of seeds in which every metric does at once. The reference
 * seed is one chosen seed; this is the honest figure beside it. Pure; about 200 replays of the
 * path, so compute it when the screen opens, not on every frame.
 */

export const BASIS_TEXT: Record<MetricBasis, string> = {
  path: 'set by the path: the historical moves fix this number whatever the draws, so it checks the scenario, not the model',
  fitted: 'fitted: a chance or a constant was tuned with this number known, so matching it is not evidence',
  predicted: 'predicted: nothing was tuned to it, so matching it is evidence for the model',
};

export interface FidelitySummary {
  seeds: number;
  /** Share (0..1) of the seeds in which every metric lands in its band at once. */
  allInBand: number;
  metrics: { id: string; label: string; basis: MetricBasis; basisText: string; inBand: number }[];
  counts: Record<MetricBasis, number>;
}

export function fidelitySummary(
  scenario: Scenario,
  seeds: readonly string[] = seedRange(1, 200),
): FidelitySummary {
  const outcome = historyOf(scenario).outcome;
  const spread = spreadOf(scenario, seeds);
  const counts: Record<MetricBasis, number> = { path: 0, fitted: 0, predicted: 0 };
  const metrics = outcome.map((m, i) => {
    const basis = metricBasis(m);
    counts[basis] += 1;
    return {
      id: m.id,
      label: m.label,
      basis,
      basisText: BASIS_TEXT[basis],
      inBand: spread.metrics[i]!.inBand,
    };
  });
  return { seeds: seeds.length, allInBand: spread.allInBand, metrics, counts };
}
