import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSeedRange } from '../../src/cli/historical';
import { fidelityReport } from '../../src/session/fidelity-report';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { readOutcome } from '../../src/core/fidelity';
import { historicalSpec } from '../../src/core/history';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const sim = (args: string[]) => spawnSync(tsx, [join(root, 'src', 'cli', 'sim.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('npm run sim -- --historical', () => {
  it('prints each metric against history and the percentiles over the seeds, as JSON', () => {
    const out = sim(['--scenario', 'zte-2018', '--historical', '--seeds', '1-40', '--json']);
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ scenario: { id: 'zte-2018', version: 2 }, kind: 'historical', seed: '55', ok: true });
    expect(report.resultCode).toMatch(/^bc1-/);
    expect(report.outcome).toMatchObject({ kind: 'deal', round: 4 });
    expect(report.metrics.map((m: { metric: string }) => m.metric)).toEqual(['zte-payments', 'lifting-after-settlement', 'senate-vote-after-settlement']);
    for (const m of report.metrics) expect(Object.keys(m)).toEqual(expect.arrayContaining(['metric', 'expected', 'band', 'got', 'ok', 'source', 'basis']));
    expect(report.metrics.map((m: { basis: string }) => m.basis)).toEqual(['path', 'fitted', 'fitted']);
    expect(report.aiAgreement).toMatchObject({ total: 8 });
    expect(report.aiAgreement.steps).toHaveLength(8);
    expect(report.aiAgreement.matched).toBe(report.aiAgreement.steps.filter((s: { matched: boolean }) => s.matched).length);
    expect(typeof report.percentiles.allInBand).toBe('number');
    expect(report.percentiles.seeds).toBe('1-40');
    for (const m of report.percentiles.metrics) expect(Object.keys(m)).toEqual(expect.arrayContaining(['metric', 'p10', 'p50', 'p90', 'within', 'inBand']));
    // The same arguments give the same report (the CLI prints fidelityReport as JSON).
    expect(JSON.stringify(fidelityReport(loadShippedScenario('zte-2018'), undefined, [1, 40]), null, 2)).toBe(out.stdout.trim());
  });

  it('replays under another seed on request, and exits 1 when a metric misses its band', () => {
    const scenario = loadShippedScenario('zte-2018');
    const miss = Array.from({ length: 50 }, (_, i) => String(i + 1)).find((seed) => readOutcome(scenario, historicalSpec(scenario, seed)).some((m) => !m.ok))!;
    const out = sim(['--scenario', 'zte-2018', '--historical', '--seed', miss, '--seeds', '1-40']);
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(`seed ${miss}`);
    expect(out.stdout).toContain('NO');
    expect(out.stdout).toContain('Fidelity: FAILED');
  });

  it('reports every historical scenario without --scenario', () => {
    const out = sim(['--historical', '--seeds', '1-10', '--json']);
    expect(out.status).toBe(0);
    const reports = JSON.parse(out.stdout) as { scenario: { id: string }; metrics: { basis: string }[]; aiAgreement: { matched: number; total: number } }[];
    expect(reports.map((r) => r.scenario.id).sort()).toEqual(['beijing-2026', 'busan-2025', 'chips-minerals-2022', 'geneva-london-2025', 'huawei-osaka-2019', 'meng-glasgow-2021', 'phase-one-2020', 'tiktok-2020', 'zte-2018']);
    for (const r of reports) {
      for (const m of r.metrics) expect(['path', 'fitted', 'predicted']).toContain(m.basis);
      expect(r.aiAgreement.matched).toBeLessThanOrEqual(r.aiAgreement.total);
    }
  });

  it('explains what is wrong', () => {
    const none = sim(['--scenario', 'sandbox', '--historical']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('has no history section');
    expect(parseSeedRange('1-200')).toEqual([1, 200]);
    expect(() => parseSeedRange('9-1')).toThrow('the range must run upward');
    expect(() => parseSeedRange('all')).toThrow('--seeds expects a range like 1-200');
  });
});
