import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Room } from '@colyseus/sdk';
import { afterAll, beforeAll } from 'vitest';
import { loadOrThrow, scenarioPath } from '../helpers';
import type { Scenario } from '../../src/core/types';
import type { ClassConfig, CreateClassResponse } from '../../src/session/class/protocol';

/**
 * One class server for a test file, started before its tests and stopped after them, on data kept
 * across `killAndRestart` (kill -9, then a new process on the same data).
 */
export function serverPerFile(): { readonly server: ChildServer; killAndRestart(): Promise<void> } {
  const dirs = tempDirs();
  let server: ChildServer | undefined;
  beforeAll(async () => {
    server = await startServer(dirs);
  }, 120_000);
  afterAll(async () => {
    if (server) await stopServer(server);
  });
  return {
    get server() {
      if (!server) throw new Error('the class server has not started');
      return server;
    },
    async killAndRestart() {
      await stopServer(this.server, 'SIGKILL');
      server = await startServer(dirs);
    },
  };
}

/**
 * The class server as a child process on 127.0.0.1 and a free port, with its own data folder
 * and a one-page stand-in for the built game; stopped by its own pid.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  port: number;
  url: string;
  http: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
}

export function tempDirs(): { dataDir: string; distDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bc-class-'));
  const distDir = join(dir, 'dist');
  mkdirSync(distDir);
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Bargaining Chips</title>');
  return { dataDir: join(dir, 'data'), distDir };
}

export function startServer(dirs: { dataDir: string; distDir: string }, port = 0, env: Record<string, string> = {}): Promise<ChildServer> {
  // with the Node flags `npm run serve` gives it
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dirs.dataDir, DIST_DIR: dirs.distDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /LISTENING (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        const p = Number(m[1]);
        resolve({ port: p, url: `ws://127.0.0.1:${p}`, http: `http://127.0.0.1:${p}`, dataDir: dirs.dataDir, child, output: () => output });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
}

export function stopServer(server: ChildServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    process.kill(server.child.pid!, signal);
  });
}

export const sandbox = (): Scenario => loadOrThrow(scenarioPath('sandbox.yaml'));

export function config(overrides: Partial<ClassConfig> = {}): ClassConfig {
  return { scenario: 'sandbox', seed: '7', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines: { us: 'rare-exceptions', china: 'stability-seeker' }, ...overrides };
}

export async function createClass(server: ChildServer, c: ClassConfig = config()): Promise<CreateClassResponse> {
  const response = await fetch(`${server.http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config: c }) });
  if (!response.ok) throw new Error(`create: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateClassResponse;
}

/** A connection that keeps every message it is sent, by type, and can wait for the next of a type. */
export class Probe {
  readonly messages: { type: string; data: unknown }[] = [];
  private waiters: { type: string; test: (d: unknown) => boolean; done: (d: unknown) => void }[] = [];

  constructor(readonly room: Room) {
    room.onMessage('*', (type: string | number, data: unknown) => {
      this.messages.push({ type: String(type), data });
      this.waiters = this.waiters.filter((w) => {
        if (w.type !== String(type) || !w.test(data)) return true;
        w.done(data);
        return false;
      });
    });
  }

  static async join(url: string, options: Record<string, unknown>): Promise<Probe> {
    return new Probe(await new Client(url).join('class', options));
  }

  /** As the browser and the class CLI join: the class's room is made if it is not open (a class closed while idle, or kept closed at start-up). */
  static async joinOrCreate(url: string, options: Record<string, unknown>): Promise<Probe> {
    return new Probe(await new Client(url).joinOrCreate('class', options));
  }

  /** The next message of `type` passing `test` (or one already received, if `past`). */
  next<T = Record<string, unknown>>(type: string, test: (d: T) => boolean = () => true, past = true): Promise<T> {
    const seen = past ? this.messages.find((m) => m.type === type && test(m.data as T)) : undefined;
    if (seen) return Promise.resolve(seen.data as T);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "${type}" message came; got ${this.messages.map((m) => m.type).join(', ')}`)), 15_000);
      this.waiters.push({ type, test: (d) => test(d as T), done: (d) => (clearTimeout(timer), done(d as T)) });
    });
  }
}
