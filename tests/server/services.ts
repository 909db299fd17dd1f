import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Private PostgreSQL and Redis servers for tests (Debian's packages): loopback only, a free
 * port, a temporary folder, stopped by their own pid (or pg_ctl on their own data folder).
 * When the binaries are missing the test is skipped on a developer's machine and fails under
 * CI=1, where .ci/run installs them.
 */

/** Debian's PostgreSQL binaries (whichever major version is installed, newest first), or PG_BIN. */
function findPgBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin/initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  return join(base, versions[0] ?? '15', 'bin');
}

export const PG_BIN = process.env.PG_BIN ?? findPgBin();
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export const havePostgres = (): boolean => existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
export const haveRedis = (): boolean => existsSync(REDIS_SERVER);

/** Whether to run a test needing these services: yes if present; under CI, missing services are a failure, not a skip. */
export function servicesPresent(need: { postgres?: boolean; redis?: boolean }): boolean {
  const missing = [need.postgres && !havePostgres() ? `PostgreSQL (${PG_BIN})` : '', need.redis && !haveRedis() ? `redis-server (${REDIS_SERVER})` : ''].filter(Boolean);
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`CI=1 and ${missing.join(' and ')} missing: .ci/run installs them (apt-get install postgresql redis-server)`);
  return false;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
    socket.connect(port, '127.0.0.1');
  });
}

async function waitForPort(port: number, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await portAnswers(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer on port ${port} within ${ms} ms`);
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function pgCommand(bin: string, args: string[]): { command: string; args: string[] } {
  const path = join(PG_BIN, bin);
  return asRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', path, ...args] } : { command: path, args };
}

function run(bin: string, args: string[]): void {
  const c = pgCommand(bin, args);
  const result = spawnSync(c.command, c.args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

export interface Postgres {
  port: number;
  url: string;
  dir: string;
  /** Stops the server (fast shutdown); its data stays, so `start` brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-pg-'));
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, 'db');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const start = async () => {
    run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start']);
    await waitForPort(port, 'PostgreSQL');
  };
  const stop = async () => {
    if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Redis {
  port: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`). */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startRedis(): Promise<Redis> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-redis-'));
  const port = await freePort();
  const redis: Redis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    child: undefined as unknown as ChildProcess,
    start: async () => {
      redis.child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
      await waitForPort(port, 'redis-server');
    },
    stop: () =>
      new Promise((resolve) => {
        const child = redis.child;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        process.kill(child.pid!, 'SIGTERM');
      }),
    destroy: async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
