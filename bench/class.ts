/**
 * `npm run bench:class [-- --count 300 --policy hard|random]`: a class of bot students (150
 * pairs by default) on loopback against one class server process, as in a classroom of 300.
 * Prints the move round trip (a student's move sent → acknowledged, i.e. checked by the core,
 * written to SQLite and answered), the server process's CPU time and memory, and how many games
 * finished. It prints numbers; it asserts nothing. The bots run in this process: their own
 * thinking shares the machine's cores with the server. With one seed for the class (the
 * default, `--seed-policy class`) every table plays the same game, and the bots decide each
 * position once for all tables (a decision depends only on the game so far): the server does
 * all its work for every table, the bots little more than for one.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBots } from '../src/cli/class-bots';
import { loadShippedScenario } from '../src/cli/scenario-files';
import { parseFlags } from '../src/cli/args';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseFlags(process.argv.slice(2), { values: ["count", "policy", "scenario", "seed", "seed-policy", "timeout", "ramp"], switches: [] });
const count = Number(values.count ?? 300);
const policy = (values.policy ?? 'hard') as 'hard' | 'random';
const scenarioId = values.scenario ?? 'sandbox';

/** CPU seconds (user + system) and memory of a process, from /proc. */
function usage(pid: number): { cpuS: number; rssMb: number; peakMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuS: ticks / 100, rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-bench-class-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>bench</title>');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), DIST_DIR: dist },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => reject(new Error(`the server exited:\n${out}`)));
  });
  try {
    const http = `http://127.0.0.1:${port}`;
    const scenario = loadShippedScenario(scenarioId);
    const doctrines = { us: scenario.profiles.find((p) => p.id === scenario.sides.us.defaultProfile)!.doctrine, china: scenario.profiles.find((p) => p.id === scenario.sides.china.defaultProfile)!.doctrine };
    const created = await fetch(`${http}/api/classes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: { scenario: scenarioId, seed: values.seed ?? '1', seedPolicy: (values['seed-policy'] ?? 'class') as 'class' | 'table', pairing: { kind: 'pvp' }, doctrines } }),
    });
    const { code } = (await created.json()) as { code: string };
    const before = usage(child.pid!);
    const started = performance.now();
    const figures = await runBots({ url: `ws://127.0.0.1:${port}`, code, count, policy, scenario: () => scenario, retryMs: 30_000, rampMs: Number(values.ramp ?? 20), timeoutMs: Number(values.timeout ?? 240) * 1000 });
    const wallS = (performance.now() - started) / 1000;
    const after = usage(child.pid!);
    const cpuS = after.cpuS - before.cpuS;
    const rows: [string, string][] = [
      ['bot students (pairs)', `${count} (${count / 2})`],
      ['scenario, bot policy, seeds', `${scenarioId}, ${policy}, one per ${values['seed-policy'] ?? 'class'}`],
      ['machine', `${cpus().length} cores, Node ${process.versions.node}, load average ${loadavg()[0]!.toFixed(1)} at the start`],
      ['joins', `one every ${values.ramp ?? 20} ms`],
      ['moves sent / acknowledged / rejected', `${figures.sent} / ${figures.acknowledged} / ${figures.rejected}`],
      ['move round trip p50', `${figures.rttMs.p50} ms`],
      ['move round trip p99', `${figures.rttMs.p99} ms`],
      ['games finished', `${figures.gamesFinished} of ${count / 2}`],
      ['wall time', `${wallS.toFixed(1)} s`],
      ['server CPU', `${cpuS.toFixed(1)} s (${((100 * cpuS) / wallS).toFixed(0)}% of one core)`],
      ['server memory (RSS now / peak)', `${after.rssMb.toFixed(0)} MB / ${after.peakMb.toFixed(0)} MB`],
      ['failures', figures.failures.length === 0 ? 'none' : figures.failures.slice(0, 5).join('; ')],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`| ${'figure'.padEnd(width)} | value |\n| ${'-'.repeat(width)} | ----- |`);
    for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v} |`);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
