/**
 * `npm run sim -- --historical [--scenario ID] [--seed S] [--seeds FROM-TO] [--json]`
 *
 * Without --scenario, every shipped scenario with a history section, one after the other (as a
 * JSON array with --json).
 *
 * Replays a scenario's historical path and prints, for each metric of the historical outcome,
 * the real value, its band and what the model gives (under the reference seed unless --seed says
 * otherwise), then the 10th/50th/90th percentiles of each metric when the path is replayed under
 * seeds 1 to 200 (or --seeds), and whether the real value lies between p10 and p90. Exits 1 when
 * a metric misses its band or its value falls outside [p10, p90]. Each metric carries its basis
 * (`path`, `fitted` or `predicted`), and `aiAgreement` says how often the AI, playing each side's
 * default doctrine, would have made history's move at the steps that really happened (a test of
 * the model that nothing was tuned to; it does not decide the exit code).
 */
import type { Scenario } from '../core/types';
import { fidelityReport, MAX_FIDELITY_SEEDS, type FidelityReport } from '../session/fidelity-report';
import { LIMITS } from '../session/model';
import { parseFlags, UsageError } from './args';
import { loadAllShippedScenarios, loadScenarioArg } from './scenario-files';

export const HISTORICAL_USAGE = 'usage: npm run sim -- --historical [--scenario ID] [--seed S] [--seeds FROM-TO] [--json]';

export function parseSeedRange(text: string): [number, number] {
  const match = /^(\d{1,9})-(\d{1,9})$/.exec(text);
  if (!match) throw new UsageError(`--seeds expects a range like 1-200, got ${JSON.stringify(text.slice(0, 40))}`);
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from > to) throw new UsageError(`--seeds ${text}: the range must run upward`);
  if (to - from + 1 > MAX_FIDELITY_SEEDS) throw new UsageError(`--seeds ${text}: at most ${MAX_FIDELITY_SEEDS.toLocaleString('en')} seeds`);
  return [from, to];
}

const fmt = (x: number | null) => (x === null ? 'never' : String(Math.round(x * 100) / 100));

function printText(scenario: Scenario, r: FidelityReport): void {
  const lines: string[] = [];
  const w = Math.max(30, ...r.metrics.map((m) => m.metric.length + 2));
  lines.push(`${scenario.title} (${scenario.id} v${scenario.version}): the ${r.kind === 'what-if' ? 'what-if' : 'historical'} path, seed ${r.seed}`);
  lines.push('', 'metric'.padEnd(w) + 'expected'.padStart(10) + 'band'.padStart(18) + 'got'.padStart(10) + '  ok');
  for (const m of r.metrics) {
    lines.push(m.metric.padEnd(w) + fmt(m.expected).padStart(10) + `[${fmt(m.band[0])}, ${fmt(m.band[1])}]`.padStart(18) + fmt(m.got).padStart(10) + `  ${m.ok ? 'yes' : 'NO'} (${m.basis})`);
  }
  lines.push('', `Over seeds ${r.percentiles.seeds}:`, 'metric'.padEnd(w) + 'p10'.padStart(10) + 'p50'.padStart(10) + 'p90'.padStart(10) + '  in band' + '  real value within [p10, p90]');
  for (const m of r.percentiles.metrics) {
    const share = `${Math.round(m.inBand * 100)}%`.padStart(9);
    lines.push(m.metric.padEnd(w) + fmt(m.p10).padStart(10) + fmt(m.p50).padStart(10) + fmt(m.p90).padStart(10) + share + `  ${m.within ? 'yes' : 'NO'}${m.deterministic ? ' (the path alone fixes it)' : ''}`);
  }
  lines.push(`Seeds landing every metric in its band at once: ${Math.round(r.percentiles.allInBand * 100)}% (the reference seed is one of them).`);
  lines.push('Basis: path = the historical moves fix the number; fitted = a chance or constant was tuned to it; predicted = neither.');
  const a = r.aiAgreement;
  lines.push('', `The AI in each side's default doctrine would have made history's move at ${a.matched} of ${a.total} real steps (the same kind of move at ${a.sameType}):`);
  for (const st of a.steps) lines.push(`  ${String(st.step + 1).padStart(2)}. ${st.date} ${st.matched ? 'same' : st.sameType ? 'same kind' : 'differs'}: history ${st.historyText} AI: ${st.aiText}`);
  lines.push('', `Result code of the historical game: ${r.resultCode}`, r.ok ? 'Fidelity: every metric in its band and within [p10, p90].' : 'Fidelity: FAILED (see NO above).');
  console.log(lines.join('\n'));
}

/** The --historical mode of `npm run sim`; returns the exit code. Throws UsageError and the file errors for runMain to report. */
export function runHistorical(argv: string[]): number {
  const { values, switches, rest } = parseFlags(argv, { values: ['scenario', 'seed', 'seeds'], switches: ['json', 'historical'] });
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0]!.slice(0, 60))}`);
  if (values.seed === '') throw new UsageError('--seed needs a value');
  if (values.seed !== undefined && values.seed.length > LIMITS.seedChars) throw new UsageError(`--seed: a seed has at most ${LIMITS.seedChars} characters`);
  const seeds = values.seeds ? parseSeedRange(values.seeds) : undefined;
  if (!values.scenario) {
    const scenarios = loadAllShippedScenarios().filter((s) => s.history !== undefined);
    const reports = scenarios.map((s) => fidelityReport(s, values.seed, seeds));
    if (switches.has('json')) console.log(JSON.stringify(reports, null, 2));
    else scenarios.forEach((s, i) => printText(s, reports[i]!));
    return reports.every((r) => r.ok) ? 0 : 1;
  }
  const scenario = loadScenarioArg(values.scenario);
  if (!scenario.history) throw new UsageError(`scenario "${scenario.id}" has no history section, so it has no historical path to replay`);
  const report = fidelityReport(scenario, values.seed, seeds);
  if (switches.has('json')) console.log(JSON.stringify(report, null, 2));
  else printText(scenario, report);
  return report.ok ? 0 : 1;
}
