import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTrustProxy } from './client-address';
import { readClassesPerHour, readPort, readPublicHost, readServeArgs, readServiceUrl, readSqliteSync, studentAddresses, type Setting } from './host-settings';
import { spawnChild, supervise } from './supervisor';

/**
 * `npm run serve`: the class server for a teacher's laptop. Serves the built game and the class
 * rooms on one port (PORT, default 2567), keeps classes in DATA_DIR (default data/), and prints
 * the addresses students open.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

function lanAddresses(port: number): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`http://${a.address}:${port}/`);
  return out;
}

/** A setting's value, or its problem said in one line (exit 1). */
function settingOrExit<T>(setting: Setting<T>): T {
  if (setting.ok) return setting.value;
  console.error(`serve: ${setting.message}`);
  process.exit(1);
}

/**
 * `--processes N`: N class servers on ports PORT..PORT+N-1 sharing one matchmaker (Redis) and one
 * database (PostgreSQL), each announcing its own address so a student reaches the process that
 * holds the class. A child that dies is started again (src/server/supervisor.ts); meanwhile its
 * classes come back on the others when their students reconnect.
 */
function startProcesses(n: number, port: number): void {
  if (!process.env.REDIS_URL || !process.env.DATABASE_URL) {
    console.error('serve: --processes needs REDIS_URL (the shared matchmaker) and DATABASE_URL (PostgreSQL: one SQLite file cannot be shared); see README, "Hosting many classes"');
    process.exit(1);
  }
  if (port === 0) {
    console.error('serve: --processes needs a fixed PORT (the processes take PORT..PORT+N-1)');
    process.exit(1);
  }
  const supervisor = supervise({ count: n, firstPort: port, start: (p) => spawnChild(fileURLToPath(import.meta.url), process.execArgv, process.env, p), log: (line) => console.log(line) });
  const stop = (signal: NodeJS.Signals) => {
    console.log(`serve: ${signal}: stopping the ${n} processes`);
    void supervisor.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const port = settingOrExit(readPort(process.env.PORT));
  const host = process.env.HOST || '0.0.0.0';
  const processes = process.env.SERVE_CHILD ? 1 : settingOrExit(readServeArgs(process.argv.slice(2))).processes;
  // Their shape before anything starts (a build, a store): the drivers' own words for a bad URL
  // ("getaddrinfo ENOTFOUND base" for DATABASE_URL=notaurl) named neither the setting nor the fix.
  for (const name of ['DATABASE_URL', 'REDIS_URL'] as const) if (process.env[name]) settingOrExit(readServiceUrl(name, process.env[name]));
  const trustProxy = readTrustProxy(process.env.TRUST_PROXY);
  if (typeof trustProxy === 'object') {
    console.error(`serve: ${trustProxy.error}`);
    process.exit(1);
  }
  const classesPerHour = settingOrExit(readClassesPerHour(process.env.CLASSES_PER_HOUR));
  const givenPublicHost = settingOrExit(readPublicHost(process.env.PUBLIC_HOST));
  settingOrExit(readSqliteSync(process.env.SQLITE_SYNC));
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
  const distDir = resolve(process.env.DIST_DIR ?? join(root, 'dist'));
  if (!existsSync(join(distDir, 'index.html'))) {
    console.log(`serve: the game is not built in ${distDir}; building it now (npm run build)…`);
    const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', distDir], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('serve: the build failed; run `npm run build` and look at its errors');
      process.exit(1);
    }
  }
  if (processes > 1) return startProcesses(processes, port);
  const redisUrl = process.env.REDIS_URL || undefined;
  const publicHost = givenPublicHost ?? (host === '0.0.0.0' ? (lanAddresses(port)[0]?.replace(/^http:\/\/|:\d+\/$/g, '') ?? 'localhost') : host);
  const scale = { databaseUrl: process.env.DATABASE_URL || undefined, redisUrl, ...(redisUrl && port !== 0 ? { publicAddress: `${publicHost}:${port}` } : {}) };
  // Colyseus waits this long for another process to make a room before making it itself; making
  // a class's room reads its whole move log, which takes longer than the default 2 s on a busy
  // machine. Read when @colyseus/core loads, hence set before the server module is imported.
  if (redisUrl) process.env.COLYSEUS_PRESENCE_SHORT_TIMEOUT ??= '8000';
  const { startClassServer } = await import('./server');
  const running = await startClassServer({ port, host, dataDir, distDir, scale, trustProxy, classesPerHour });
  const local = `http://localhost:${running.port}/`;
  const lan = studentAddresses(running.port, givenPublicHost, host === '0.0.0.0' ? lanAddresses(running.port) : [`http://${host}:${running.port}/`]);
  console.log(`Bargaining Chips class server, classes kept in ${scale.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : dataDir}${redisUrl ? ', matchmaking shared through Redis (REDIS_URL)' : ''}`);
  console.log(`  on this computer: ${local}`);
  for (const a of lan) console.log(`  students open:    ${a}`);
  if (lan.length === 0) console.log('  (no network address found: students on other devices cannot reach this computer)');
  // A machine-readable line for scripts and tests that start the server.
  console.log(`LISTENING ${running.port}`);
  // Said in the log so that a host reading it knows the stop was clean: the rooms closed after
  // their last operations were committed, then the store closed (a second signal, as a terminal's
  // Ctrl-C sends to every process of --processes alongside the parent's SIGTERM, changes nothing).
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`serve: ${signal}: closing the classes (${running.service.openCount} open), then the class store`);
    running.close().then(
      () => {
        console.log('serve: stopped; every acknowledged move is in the class store');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`serve: stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
