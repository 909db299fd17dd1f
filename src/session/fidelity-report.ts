import { readOutcome, seedRange, spreadOf, type MetricResult, type MetricSpread } from '../core/fidelity';
import { historicalSpec, historyOf, replaySpec } from '../core/history';
import { encodeResult } from '../core/result-code';
import type { Outcome, Scenario } from '../core/types';
import { aiAgreement, type AiAgreement } from './ai-agreement';

/** How faithfully the model replays a scenario's real episode (`npm run sim -- --historical`). */
export interface FidelityReport {
  scenario: { id: string; version: number };
  kind: 'historical' | 'what-if';
  seed: string;
  outcome: Outcome | null;
  resultCode: string;
  metrics: MetricResult[];
  /** Percentiles over the seeds, and the share of seeds that land every metric in its band at once. */
  percentiles: { seeds: string; metrics: MetricSpread[]; allInBand: number };
  /** What the AI in each side's default doctrine would have done at each real step, under the report's seed. */
  aiAgreement: AiAgreement;
  ok: boolean;
}

/** Seeds a fidelity report replays the path under, at most: each is one replay of the path. */
export const MAX_FIDELITY_SEEDS = 10_000;

/**
 * The historical path replayed under `seed` (the scenario's reference seed unless given), each
 * metric against its real value, and the percentiles over the seeds `seeds[0]` to `seeds[1]`.
 * The scenario must have a history section.
 */
export function fidelityReport(
  scenario: Scenario,
  seed?: string,
  seeds: [number, number] = [1, 200],
): FidelityReport {
  const history = historyOf(scenario);
  const spec = historicalSpec(scenario, seed ?? history.seed);
  const final = replaySpec(scenario, spec).final;
  const metrics = readOutcome(scenario, spec);
  const spread = spreadOf(scenario, seedRange(seeds[0], seeds[1]));
  return {
    scenario: { id: scenario.id, version: scenario.version },
    kind: history.kind,
    seed: spec.seed,
    outcome: final.outcome,
    resultCode: encodeResult(spec, scenario),
    metrics,
    percentiles: { seeds: `${seeds[0]}-${seeds[1]}`, metrics: spread.metrics, allInBand: spread.allInBand },
    aiAgreement: aiAgreement(scenario, spec.seed),
    ok: metrics.every((m) => m.ok) && spread.metrics.every((m) => m.within),
  };
}
