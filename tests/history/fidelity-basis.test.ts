import { describe, expect, it } from 'vitest';
import { loadAllShippedScenarios } from '../../src/cli/scenario-files';
import { metricBasis, seedRange, spreadOf } from '../../src/core/fidelity';
import { METRIC_BASES } from '../../src/core/types';
import { fidelitySummary } from '../../src/session/fidelity-summary';

/**
 * Fidelity labelled honestly: every outcome metric declares its basis, a metric called "set by
 * the path" really is the same under every seed, one called "predicted" really depends on the
 * draws, and the teaching notes' summary reports the share of seeds in band.
 */
const historical = loadAllShippedScenarios().filter((s) => s.history);

describe.each(historical.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  const seeds = seedRange(1, 60);
  const spread = spreadOf(scenario, seeds);

  it('declares the basis of every metric, and "path" metrics are fixed by the path', () => {
    scenario.history!.outcome.forEach((m, i) => {
      expect(METRIC_BASES, `${m.id} declares a basis`).toContain(m.basis);
      const s = spread.metrics[i]!;
      if (m.basis === 'path')
        expect(s.deterministic, `${m.id} is called "set by the path" but varies with the seed`).toBe(true);
      if (m.basis === 'predicted')
        expect(s.deterministic, `${m.id} is called "predicted" but the path fixes it`).toBe(false);
      if (m.fitted) expect(metricBasis(m)).toBe('fitted');
    });
  });

  it('summarises the share of seeds in band for the teaching notes', () => {
    const summary = fidelitySummary(scenario, seeds);
    expect(summary.allInBand).toBe(spread.allInBand);
    expect(summary.allInBand).toBeGreaterThan(0);
    expect(summary.metrics.map((m) => m.id)).toEqual(scenario.history!.outcome.map((m) => m.id));
    expect(summary.counts.path + summary.counts.fitted + summary.counts.predicted).toBe(
      scenario.history!.outcome.length,
    );
    for (const m of summary.metrics) expect(m.basisText.length).toBeGreaterThan(20);
  });
});
