import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { busan } from '../helpers';
import type { Job, JobResult } from './cli-batch';
import { codeInput } from './codes';
import { corpus, recipeBytes, STACK_TRACE, type Case, type TextRecipe } from './corpus';

/**
 * The corpus through the real commands: every scenario file through `check:scenarios` and
 * `sim --scenario FILE`, every move file through `sim --moves`, every result code through
 * `sim --code`, and every command line as it is. None may print a stack trace; each must exit 1
 * with the corpus's words on stderr (the file's own path standing for the corpus's "bad.yaml" or
 * "moves.json"). One process runs them all (cli-batch.ts, through the commands' own runMain); a
 * few more are started as separate processes, exactly as a person would.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const tmp = mkdtempSync(join(tmpdir(), 'bc-bad-'));
const files = corpus();
const b = busan();

interface Planned {
  label: string;
  job: Job;
  expect: string[];
}

const planned: Planned[] = [];
const casesOf = (kind: string): Case[] => files.find((f) => f.kind === kind)!.cases;

casesOf('scenario-file').forEach((c, i) => {
  const file = join(tmp, `scenario-${i}.yaml`);
  writeFileSync(file, recipeBytes(c.input as TextRecipe));
  const expect = c.expect.map((w) => w.replace('bad.yaml', file));
  planned.push({
    label: `check:scenarios, ${c.name}`,
    job: { command: 'check:scenarios', args: [file] },
    expect,
  });
  planned.push({
    label: `sim --scenario, ${c.name}`,
    job: { command: 'sim', args: ['--scenario', file, '--seed', '1'] },
    expect,
  });
});
casesOf('move-file').forEach((c, i) => {
  const file = join(tmp, `moves-${i}.json`);
  writeFileSync(file, recipeBytes(c.input as TextRecipe));
  planned.push({
    label: `sim --moves, ${c.name}`,
    job: { command: 'sim', args: ['--scenario', 'busan-2025', '--seed', '1', '--moves', file] },
    expect: c.expect.map((w) => w.replace('moves.json', file)),
  });
});
for (const c of casesOf('result-code')) {
  planned.push({
    label: `sim --code, ${c.name}`,
    job: { command: 'sim', args: ['--scenario', 'busan-2025', '--code', codeInput(c.input, b)] },
    expect: c.expect,
  });
}
for (const c of casesOf('command-line'))
  planned.push({ label: c.name, job: c.input as Job, expect: c.expect });

function runBatch(jobs: Job[]): { results: JobResult[]; stderr: string; status: number | null } {
  const jobsFile = join(tmp, 'jobs.json');
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const out = spawnSync(tsx, [join(root, 'tests', 'bad-inputs', 'cli-batch.ts'), jobsFile], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    results: out.status === 0 ? (JSON.parse(out.stdout) as JobResult[]) : [],
    stderr: out.stderr,
    status: out.status,
  };
}

describe('the commands on every bad input of the corpus', () => {
  const batch = runBatch(planned.map((p) => p.job));

  it('run them all in one process that ends normally', () => {
    expect(batch.stderr).not.toMatch(STACK_TRACE);
    expect(batch.status).toBe(0);
    expect(batch.results).toHaveLength(planned.length);
    expect(planned.length).toBeGreaterThan(200);
  });

  it.each(planned.map((p, i) => [p.label, i] as const))(
    '%s: exit 1, the problem named, no stack trace',
    (_, i) => {
      const r = batch.results[i]!;
      const p = planned[i]!;
      expect(`${r.stdout}\n${r.stderr}`).not.toMatch(STACK_TRACE);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code, r.stderr).toBe(1);
      for (const words of p.expect) expect(r.stderr).toContain(words);
    },
  );

  it('behave the same as separate processes, exactly as typed', () => {
    const chosen = [
      planned.find((p) => p.label === 'sim --scenario, an alias bomb (a billion laughs)')!,
      planned.find((p) => p.label === 'check:scenarios, UTF-16 (little-endian) with a byte-order mark')!,
      planned.find((p) => p.label.startsWith('sim --moves, 200,000 nested lists'))!,
      planned.find((p) => p.label === 'sim --code, the version spelled "01"')!,
      planned.find((p) => p.label === 'an unknown player')!,
    ];
    const scripts = {
      sim: 'sim.ts',
      'check:scenarios': 'check-scenarios.ts',
      'bench:negotiators': 'bench-negotiators.ts',
    } as const;
    for (const p of chosen) {
      const out = spawnSync(tsx, [join(root, 'src', 'cli', scripts[p.job.command]), ...p.job.args], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(`${out.stdout}\n${out.stderr}`, p.label).not.toMatch(STACK_TRACE);
      expect(out.status, p.label).toBe(1);
      for (const words of p.expect) expect(out.stderr, p.label).toContain(words);
    }
  });
});
