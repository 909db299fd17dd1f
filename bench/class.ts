/**
 * `npm run bench:class [-- --processes 3 --students 600 --kill-one --json]`: bot students on
 * loopback against the class server, in classes of `--class-size` (40), two to a game.
 *
 * One process (the default, `--processes 1`): the laptop setup, SQLite in a temporary folder.
 * Several: REDIS_URL and DATABASE_URL, or else a private redis-server and PostgreSQL started on
 * loopback and free ports for the run and stopped after; first the same students against one
 * process with the same Redis and PostgreSQL, then against `npm run serve -- --processes N`
 * (its supervisor restarts a process that dies). `--kill-one` kills one of the N processes with
 * kill -9 once every student has a move acknowledged: its students rejoin and finish on the others.
 *
 * Prints the move round trip (a student's move sent → checked by the core, committed to the
 * store, acknowledged) p50/p99, throughput (moves acknowledged per second of the run), games
 * finished (from each class's export, as the teacher downloads it) and acknowledged moves missing
 * from the export. It prints numbers; it asserts nothing. The bots run in this process and share
 * the machine's cores with the servers. With one seed per class (the default) every table plays
 * the same game and the bots decide each position once per class.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile, runBots, type BotFigures } from '../src/cli/class-bots';
import { loadShippedScenario } from '../src/cli/scenario-files';
import { parseFlags, UsageError } from '../src/cli/args';
import { classExportSchema, type CreateClassResponse } from '../src/session/class/protocol';
import { startPostgres, startRedis, type Postgres, type Redis } from '../tests/server/services';

const root = fileURLToPath(new URL('..', import.meta.url));

function wholeNumber(text: string | undefined, fallback: number, name: string, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}, not "${text.slice(0, 20)}"`);
  return n;
}

const flags = (() => {
  try {
    const { values, switches } = parseFlags(process.argv.slice(2), { values: ['processes', 'students', 'count', 'class-size', 'policy', 'scenario', 'seed', 'seed-policy', 'timeout', 'ramp'], switches: ['kill-one', 'json'] });
    const students = wholeNumber(values.students ?? values.count, 300, 'students', 2);
    const classSize = Math.min(students, wholeNumber(values['class-size'], 40, 'class-size', 2));
    if (students % 2 || classSize % 2) throw new UsageError('--students and --class-size must be even (two students to a game)');
    const processes = wholeNumber(values.processes, 1, 'processes', 1);
    if (switches.has('kill-one') && processes < 2) throw new UsageError('--kill-one needs --processes 2 or more (the others carry on)');
    return {
      processes,
      students,
      classSize,
      killOne: switches.has('kill-one'),
      json: switches.has('json'),
      policy: (values.policy ?? 'hard') as 'hard' | 'random',
      scenario: values.scenario ?? 'sandbox',
      seed: values.seed ?? '1',
      seedPolicy: (values['seed-policy'] ?? 'class') as 'class' | 'table',
      timeoutMs: wholeNumber(values.timeout, 600, 'timeout', 1) * 1000,
      rampMs: wholeNumber(values.ramp, 10, 'ramp', 0),
    };
  } catch (error) {
    console.error(`bench:class: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
})();

/** `n` consecutive free loopback ports (the processes take PORT..PORT+n-1). */
async function freePorts(n: number): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    let ok = true;
    for (let i = 0; i < n && ok; i++) ok = await free(base + i);
    if (ok) return base;
  }
}

interface Servers {
  ports: number[];
  /** The server processes' pids by port (a restarted one appears under its port again). */
  pids: Map<number, number>;
  stop(): Promise<void>;
}

/** `npm run serve` (with `--processes n`), waiting until all n listen. */
async function startServers(n: number, env: Record<string, string>): Promise<Servers> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-bench-class-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>bench</title>');
  const base = await freePorts(n);
  const child: ChildProcess = spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', join(root, 'src/server/main.ts'), '--processes', String(n)], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(base), HOST: '127.0.0.1', PUBLIC_HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), DIST_DIR: dist },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pids = new Map<number, number>();
  if (n === 1) pids.set(base, child.pid!);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the servers did not start within 120 s:\n${out.slice(-2000)}`)), 120_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      for (const m of out.matchAll(/started \(pid (\d+), port (\d+)\)/g)) pids.set(Number(m[2]), Number(m[1]));
      if ((out.match(/LISTENING \d+/g) ?? []).length >= n) {
        clearTimeout(timer);
        resolve();
      }
      // Keep only the tail once started: a long run logs restarts, nothing else.
      if (out.length > 100_000) out = out.slice(-20_000);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${out.slice(-2000)}`)));
  });
  return {
    ports: Array.from({ length: n }, (_, i) => base + i),
    pids,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        for (const pid of [child.pid!, ...pids.values()])
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface RunFigures {
  processes: number;
  gamesTotal: number;
  gamesFinished: number;
  movesAcknowledged: number;
  movesLost: number;
  rttMs: { p50: number | null; p99: number | null };
  perSecond: number;
  wallS: number;
  rejoins: number;
  joinRetries: Record<string, number>;
  failures: string[];
  killed: string | null;
  loadBefore: number;
  loadAfter: number;
  /** How late this process (the bots) ran its callbacks at worst: a busy bench delays its own bots. */
  botsLagMaxMs: number;
  /** The server processes' CPU (share of one core over the run) and memory (resident, summed), or null off Linux. */
  server: ServerUsage | null;
}

interface ServerUsage {
  cpuPercent: number;
  rssEndMb: number;
  rssPeakMb: number;
}

/** CPU seconds and resident memory of a process, from /proc (Linux); null when it cannot be read (gone, or not Linux). */
function processUsage(pid: number): { cpuS: number; rssMb: number } | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    // Linux counts CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
    return { cpuS: ticks / 100, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
  } catch {
    return null;
  }
}

/** Samples the servers' CPU and memory while a run goes on (every 250 ms), for the table's server rows. */
function watchServers(pids: () => number[]): { stop(): ServerUsage | null } {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let peak = 0;
  let end = 0;
  let readable = false;
  const started = performance.now();
  const sample = () => {
    let rss = 0;
    for (const pid of pids()) {
      const u = processUsage(pid);
      if (!u) continue;
      readable = true;
      if (!first.has(pid)) first.set(pid, u.cpuS);
      last.set(pid, u.cpuS);
      rss += u.rssMb;
    }
    end = rss;
    peak = Math.max(peak, rss);
  };
  sample();
  const timer = setInterval(sample, 250);
  return {
    stop() {
      sample();
      clearInterval(timer);
      if (!readable) return null;
      let cpu = 0;
      for (const [pid, s] of last) cpu += s - first.get(pid)!;
      const wallS = (performance.now() - started) / 1000;
      return { cpuPercent: (100 * cpu) / wallS, rssEndMb: end, rssPeakMb: peak };
    },
  };
}

async function run(processes: number, env: Record<string, string>, killOne: boolean): Promise<RunFigures> {
  const loadBefore = loadavg()[0]!;
  const servers = await startServers(processes, env);
  try {
    const http = (i: number) => `http://127.0.0.1:${servers.ports[i % processes]}`;
    const scenario = loadShippedScenario(flags.scenario);
    const doctrines = { us: scenario.profiles.find((p) => p.id === scenario.sides.us.defaultProfile)!.doctrine, china: scenario.profiles.find((p) => p.id === scenario.sides.china.defaultProfile)!.doctrine };
    const sizes: number[] = [];
    for (let left = flags.students; left > 0; left -= flags.classSize) sizes.push(Math.min(flags.classSize, left));
    const classes: CreateClassResponse[] = [];
    for (const [i] of sizes.entries()) {
      const created = await fetch(`${http(i)}/api/classes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ config: { scenario: flags.scenario, seed: flags.seed, seedPolicy: flags.seedPolicy, pairing: { kind: 'pvp' }, doctrines } }),
      });
      if (!created.ok) throw new Error(`creating a class: ${created.status} ${await created.text()}`);
      classes.push((await created.json()) as CreateClassResponse);
    }
    let acknowledged = 0;
    let killed: string | null = null;
    const victimPort = servers.ports[processes - 1]!;
    const onAck = () => {
      if (++acknowledged === flags.students && killOne && !killed) {
        const pid = servers.pids.get(victimPort)!;
        process.kill(pid, 'SIGKILL');
        killed = `process on port ${victimPort} (pid ${pid}) after ${acknowledged} moves`;
      }
    };
    const lag = monitorEventLoopDelay({ resolution: 20 });
    lag.enable();
    const usage = watchServers(() => [...servers.pids.values()]);
    const started = performance.now();
    // A class's students enter through one process each, the classes spread over all of them.
    const figures: BotFigures[] = await Promise.all(
      classes.map((cls, i) =>
        runBots({ url: http(i).replace('http', 'ws'), code: cls.code, count: sizes[i]!, namePrefix: `c${i}`, policy: flags.policy, scenario: () => scenario, retryMs: 120_000, rampMs: flags.rampMs * classes.length, timeoutMs: flags.timeoutMs, onAck }),
      ),
    );
    const wallS = (performance.now() - started) / 1000;
    lag.disable();
    const server = usage.stop();
    let gamesFinished = 0;
    let movesAcknowledged = 0;
    let movesLost = 0;
    for (const [i, cls] of classes.entries()) {
      const response = await fetch(`${http(i)}/api/classes/${cls.code}/export`, { headers: { 'x-teacher-key': cls.teacherKey } });
      const data = classExportSchema.parse(await response.json());
      gamesFinished += data.games.filter((g) => g.ended).length;
      // A move resent after a reconnection is acknowledged twice (the second as a duplicate): counted once.
      const acks = new Map(figures[i]!.acks.map((a) => [`${a.table}:${a.index}`, a]));
      movesAcknowledged += acks.size;
      for (const a of acks.values()) if (!isDeepStrictEqual(data.games.find((g) => g.table === a.table)?.moves[a.index], a.move)) movesLost++;
    }
    const rtts = figures.flatMap((f) => f.rttSamples).sort((a, b) => a - b);
    return {
      processes,
      gamesTotal: flags.students / 2,
      gamesFinished,
      movesAcknowledged,
      movesLost,
      rttMs: { p50: quantile(rtts, 0.5), p99: quantile(rtts, 0.99) },
      perSecond: movesAcknowledged / wallS,
      wallS,
      rejoins: figures.reduce((n, f) => n + f.rejoins, 0),
      joinRetries: figures.reduce<Record<string, number>>((all, f) => {
        for (const [k, v] of Object.entries(f.joinRetries)) all[k] = (all[k] ?? 0) + v;
        return all;
      }, {}),
      failures: figures.flatMap((f) => f.failures),
      killed,
      loadBefore,
      loadAfter: loadavg()[0]!,
      botsLagMaxMs: lag.max / 1e6,
      server,
    };
  } finally {
    await servers.stop();
  }
}

async function main(): Promise<void> {
  // The SDK reports its reconnection attempts with console.info; with --json stdout is the answer alone.
  if (flags.json) console.info = (...args: unknown[]) => console.error(...args);
  const services: { postgres?: Postgres; redis?: Redis } = {};
  const stopServices = async () => {
    await services.redis?.destroy();
    await services.postgres?.destroy();
  };
  process.on('SIGINT', () => void stopServices().then(() => process.exit(130)));
  try {
    const runs: RunFigures[] = [];
    if (flags.processes === 1) runs.push(await run(1, {}, false));
    else {
      if (!process.env.DATABASE_URL) services.postgres = await startPostgres();
      if (!process.env.REDIS_URL) services.redis = await startRedis();
      const env = { DATABASE_URL: process.env.DATABASE_URL || services.postgres!.url, REDIS_URL: process.env.REDIS_URL || services.redis!.url };
      runs.push(await run(1, env, false));
      runs.push(await run(flags.processes, env, flags.killOne));
    }
    const single = runs[0]!;
    const last = runs.at(-1)!;
    if (flags.json) {
      console.log(
        JSON.stringify({
          processes: last.processes,
          students: flags.students,
          gamesTotal: last.gamesTotal,
          gamesFinished: last.gamesFinished,
          movesAcknowledged: last.movesAcknowledged,
          movesLost: last.movesLost,
          rttMs: last.rttMs,
          singleProcess: { rttMs: single.rttMs },
        }),
      );
    } else {
      const store = flags.processes === 1 ? 'SQLite' : `PostgreSQL${process.env.DATABASE_URL ? ' (DATABASE_URL)' : ' (private)'} + Redis${process.env.REDIS_URL ? ' (REDIS_URL)' : ' (private)'}`;
      console.log(`bot students: ${flags.students} in classes of ${flags.classSize} (${flags.students / 2} games), ${flags.scenario}, ${flags.policy} bots, one seed per ${flags.seedPolicy}; store: ${store}`);
      console.log(`machine: ${cpus().length} cores, Node ${process.versions.node}; joins one every ${flags.rampMs} ms`);
      const rows: [string, (r: RunFigures) => string][] = [
        ['load average (1 min) before / after', (r) => `${r.loadBefore.toFixed(1)} / ${r.loadAfter.toFixed(1)}`],
        ['move round trip p50', (r) => `${r.rttMs.p50} ms`],
        ['move round trip p99', (r) => `${r.rttMs.p99} ms`],
        ['moves acknowledged per second', (r) => r.perSecond.toFixed(0)],
        ['moves acknowledged / lost', (r) => `${r.movesAcknowledged} / ${r.movesLost}`],
        ['games finished', (r) => `${r.gamesFinished} of ${r.gamesTotal}`],
        ['server CPU (share of one core)', (r) => (r.server ? `${r.server.cpuPercent.toFixed(0)} %` : 'n/a')],
        ['server memory, end / peak (RSS)', (r) => (r.server ? `${r.server.rssEndMb.toFixed(0)} / ${r.server.rssPeakMb.toFixed(0)} MB` : 'n/a')],
        ['wall time', (r) => `${r.wallS.toFixed(1)} s`],
        ['killed', (r) => r.killed ?? '-'],
        ['rejoins', (r) => String(r.rejoins)],
        ['first joins tried again', (r) => Object.entries(r.joinRetries).map(([k, v]) => `${v} × ${k}`).join('; ') || 'none'],
        ['bots\' event loop delay, worst', (r) => `${r.botsLagMaxMs.toFixed(0)} ms`],
        ['failures', (r) => (r.failures.length === 0 ? 'none' : `${r.failures.length}: ${r.failures.slice(0, 3).join('; ')}`)],
      ];
      const width = Math.max(...rows.map((r) => r[0].length));
      console.log(`| ${'figure'.padEnd(width)} | ${runs.map((r) => `${r.processes} process${r.processes > 1 ? 'es' : ''}`).join(' | ')} |`);
      console.log(`| ${'-'.repeat(width)} | ${runs.map(() => '---').join(' | ')} |`);
      for (const [name, cell] of rows) console.log(`| ${name.padEnd(width)} | ${runs.map(cell).join(' | ')} |`);
    }
  } finally {
    await stopServices();
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:class: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
