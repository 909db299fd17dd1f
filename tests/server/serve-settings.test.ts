import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPort, readPublicHost, readServeArgs, readServiceUrl, readSqliteSync, redactUrl, serviceFailure } from '../../src/server/host-settings';
import { STACK_TRACE } from '../bad-inputs/corpus';
import { freePort } from './services';
import { startServer, stopServer, tempDirs } from './helpers';

/**
 * `npm run serve` as a host meets it with a wrong setting: a port in use, a flag it does not take,
 * a class store it cannot open, a database or Redis URL that is wrong. Each is said in one line
 * naming the setting and what to do, with exit status 1, and no stack trace; never a hang (a port
 * in use used to print a stack trace and leave the process running, serving nothing).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Ended {
  code: number | null;
  output: string;
}

/** The server started as `npm run serve` starts it, with these settings; its exit and everything it printed. */
function serve(env: Record<string, string>, args: string[] = []): Promise<Ended> {
  const dirs = tempDirs();
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', join(root, 'src/server/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dirs.dataDir, DIST_DIR: dirs.distDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => {
    // A server that starts, or hangs, is stopped by its own pid and reported as such.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: null, output: `${output}\n(still running after 40 s)` });
    }, 40_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function expectOneLine(ended: Ended, ...words: string[]): void {
  expect(ended.output).not.toMatch(STACK_TRACE);
  expect(ended.code, ended.output).toBe(1);
  const lines = ended.output.trim().split('\n');
  expect(lines, ended.output).toHaveLength(1);
  expect(lines[0]).toMatch(/^serve: /);
  for (const w of words) expect(lines[0]).toContain(w);
}

describe('npm run serve with a wrong setting', () => {
  let holder: Server;
  let busyPort = 0;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    busyPort = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => holder.close(() => r())));

  it('says that the port is in use and how to choose another, and exits (it hung, a stack trace on the screen)', async () => {
    expectOneLine(await serve({ PORT: String(busyPort) }), `port ${busyPort} is in use`, 'PORT=8080 npm run serve');
  });

  it('says that HOST is not an address of this computer', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never an address of this machine
    expectOneLine(await serve({ HOST: '192.0.2.123' }), 'HOST "192.0.2.123" is not an address of this computer');
  });

  it('refuses an argument it does not take, naming the environment variables (--port was ignored: students were sent to 2567)', async () => {
    expectOneLine(await serve({}, ['--port', '8080']), 'unknown argument "--port"', 'PORT=8080 npm run serve');
  });

  it('names the class store it cannot open, and why', async () => {
    const damaged = tempDirs();
    mkdirSync(damaged.dataDir);
    const file = join(damaged.dataDir, 'classes.sqlite');
    writeFileSync(file, 'this is not a database, and it is long enough for SQLite to say so: '.repeat(20));
    expectOneLine(await serve({ DATA_DIR: damaged.dataDir }), `the class store ${file} cannot be opened`, 'file is not a database', 'move it aside');
    const aFile = join(tempDirs().distDir, 'index.html');
    expectOneLine(await serve({ DATA_DIR: aFile }), `the class store ${join(aFile, 'classes.sqlite')} cannot be opened`, 'DATA_DIR must name a folder');
  });

  it('names DATABASE_URL and REDIS_URL when they are not URLs of their service, or nothing answers there, never printing the password', async () => {
    const nobody = await freePort();
    const [notUrl, http, database, redis] = await Promise.all([
      serve({ DATABASE_URL: 'notaurl' }),
      serve({ DATABASE_URL: 'http://db.example/classes' }),
      serve({ DATABASE_URL: `postgres://teacher:s3cret-pw@127.0.0.1:${nobody}/classes` }),
      serve({ REDIS_URL: `redis://:s3cret-pw@127.0.0.1:${nobody}` }),
    ]);
    expectOneLine(notUrl, 'DATABASE_URL is not a URL', 'postgres://');
    expectOneLine(http, 'DATABASE_URL must start with postgres:// or postgresql://');
    expectOneLine(database, `DATABASE_URL: the PostgreSQL database at postgres://127.0.0.1:${nobody}/classes cannot be used`, 'ECONNREFUSED');
    // Redis' client retried forever, printing a stack trace for each attempt, and ended naming neither Redis nor REDIS_URL.
    expectOneLine(redis, `REDIS_URL: the Redis server at redis://127.0.0.1:${nobody} cannot be used`, 'ECONNREFUSED');
    for (const e of [database, redis]) expect(e.output).not.toContain('s3cret');
  });
});

describe('npm run serve with PUBLIC_HOST and SQLITE_SYNC', () => {
  it('refuses a PUBLIC_HOST with a scheme or a port (its students were sent to ws://http://name:2567 or ws://name:443:2567) and an unknown SQLITE_SYNC, by name', async () => {
    const [scheme, port, sync] = await Promise.all([serve({ PUBLIC_HOST: 'http://classes.example.org' }), serve({ PUBLIC_HOST: 'classes.example.org:443' }), serve({ SQLITE_SYNC: 'always' })]);
    expectOneLine(scheme, 'PUBLIC_HOST must be the name or address', '"http://classes.example.org"');
    expectOneLine(port, 'PUBLIC_HOST must be', '"classes.example.org:443"');
    expectOneLine(sync, 'SQLITE_SYNC must be NORMAL (the default) or FULL', '"always"');
  });

  it('prints PUBLIC_HOST as the address students open, the one they are sent to (it printed the first network address)', async () => {
    const server = await startServer(tempDirs(), 0, { PUBLIC_HOST: 'classes.example.org', SQLITE_SYNC: 'full' });
    try {
      expect(server.output()).toContain(`students open:    http://classes.example.org:${server.port}/`);
    } finally {
      await stopServer(server);
    }
  });
});

describe('reading the settings', () => {
  it('takes PUBLIC_HOST as a name or an address, nothing more', () => {
    for (const good of ['classes.example.org', '192.168.1.20', 'laptop', '[fe80::1]']) expect(readPublicHost(good)).toEqual({ ok: true, value: good });
    expect(readPublicHost(undefined)).toEqual({ ok: true, value: undefined });
    for (const bad of ['https://x.org', 'x.org:80', 'x.org/class', ' x.org', 'x .org']) expect(readPublicHost(bad), bad).toMatchObject({ ok: false });
    expect(readSqliteSync('full')).toEqual({ ok: true, value: 'FULL' });
    expect(readSqliteSync(undefined)).toEqual({ ok: true, value: 'NORMAL' });
  });


  it('takes PORT as digits only', () => {
    expect(readPort(undefined)).toEqual({ ok: true, value: 2567 });
    expect(readPort('8080')).toEqual({ ok: true, value: 8080 });
    expect(readPort('0')).toEqual({ ok: true, value: 0 });
    for (const bad of ['1e3', ' 0x1F90', '8080.0', '-1', '65536', 'abc', '８０８０']) expect(readPort(bad), bad).toMatchObject({ ok: false });
  });

  it('takes --processes N and nothing else', () => {
    expect(readServeArgs([])).toEqual({ ok: true, value: { processes: 1 } });
    expect(readServeArgs(['--processes', '3'])).toEqual({ ok: true, value: { processes: 3 } });
    expect(readServeArgs(['--processes=3'])).toEqual({ ok: true, value: { processes: 3 } });
    expect(readServeArgs(['--processes', '3', '--processes', '2'])).toMatchObject({ ok: false, message: '--processes is given twice' });
    for (const bad of [['--processes'], ['--processes', '0'], ['--processes', '1e1'], ['--processes', '65']]) expect(readServeArgs(bad), bad.join(' ')).toMatchObject({ ok: false });
    expect(readServeArgs(['3'])).toMatchObject({ ok: false, message: expect.stringContaining('unknown argument "3"') });
  });

  it('prints a service URL without its user or password, even when the driver quotes it', () => {
    const url = new URL('postgres://teacher:p%40ss@db.example:5432/classes');
    expect(redactUrl(url)).toBe('postgres://db.example:5432/classes');
    expect(serviceFailure('DATABASE_URL', url, new Error('password p@ss was refused'))).not.toContain('p@ss');
    expect(readServiceUrl('REDIS_URL', 'redis://:x@cache:6379')).toMatchObject({ ok: true });
    const notUrl = readServiceUrl('DATABASE_URL', 'user:secret-password');
    expect(notUrl.ok || notUrl.message).not.toContain('secret-password');
  });
});
