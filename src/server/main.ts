import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startClassServer } from './server';

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

function parsePort(text: string | undefined): number {
  if (text === undefined || text === '') return 2567;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number (0 to 65535), not "${text.slice(0, 20)}"`);
    process.exit(1);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.env.PORT);
  const host = process.env.HOST ?? '0.0.0.0';
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
  const running = await startClassServer({ port, host, dataDir, distDir });
  const local = `http://localhost:${running.port}/`;
  const lan = host === '0.0.0.0' ? lanAddresses(running.port) : [`http://${host}:${running.port}/`];
  console.log(`Bargaining Chips class server, classes kept in ${dataDir}`);
  console.log(`  on this computer: ${local}`);
  for (const a of lan) console.log(`  students open:    ${a}`);
  if (lan.length === 0) console.log('  (no network address found: students on other devices cannot reach this computer)');
  // A machine-readable line for scripts and tests that start the server.
  console.log(`LISTENING ${running.port}`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
