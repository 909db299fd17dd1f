import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { idleCloseLine } from '../../src/server/room';
import { startClassServer, type RunningServer } from '../../src/server/server';
import { config, Probe, tempDirs } from './helpers';

/**
 * The line a room closed while idle leaves in the server's log says how long the class had been
 * idle: since the last thing anyone did. A dropped student's reconnection window ending is not
 * something anyone did: it restarted the idle clock, and the line said "closed after 0 minutes"
 * (or, at the default limit, two hours after the window ended, not after the student left). The
 * server's clock is the test's, moved on by hand; only the reconnection window (a second) and the
 * room's idle check (every 50 ms) run on real time.
 */

const MINUTE = 60_000;
let offset = 0;
let running: RunningServer;
const logged: string[] = [];

async function listing(code: string): Promise<{ clients: number } | undefined> {
  return (await matchMaker.query({ name: 'class' })).find((r) => (r.metadata as { code: string }).code === code) as { clients: number } | undefined;
}

async function until(what: string, test: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  running = await startClassServer({ port: 0, host: '127.0.0.1', ...tempDirs(), idleCloseMs: 30 * MINUTE, idleCheckMs: 50, reconnectSeconds: 1, now: () => Date.now() + offset });
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await running?.close();
});

describe('the log line of a room closed while idle', () => {
  it('counts from the last real activity, not from the end of a dropped student’s reconnection window', async () => {
    const http = `http://127.0.0.1:${running.port}`;
    const made = await fetch(`${http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config: config() }) });
    const { code } = (await made.json()) as { code: string };
    const ana = await Probe.joinOrCreate(`ws://127.0.0.1:${running.port}`, { role: 'student', code, name: 'Ana' });
    await ana.next('seat');
    // Five minutes in, Ana's laptop goes to sleep: the last thing anyone did in the class.
    offset += 5 * MINUTE;
    ana.room.connection.close(4100, 'laptop went to sleep');
    await new Promise((r) => setTimeout(r, 200));
    // Three minutes later her reconnection window ends (a second of real time): she has left.
    offset += 3 * MINUTE;
    await until('the dropped connection has left', async () => (await listing(code))?.clients === 0);
    expect(await listing(code)).toBeDefined();
    // Thirty minutes after that: thirty-three minutes since she was last there, past the limit.
    offset += 30 * MINUTE;
    await until('the idle room closes', async () => (await listing(code)) === undefined);
    expect(logged.filter((l) => l.startsWith(`class ${code}:`))).toEqual([idleCloseLine(code, 33 * MINUTE)]);
    expect(idleCloseLine(code, 33 * MINUTE)).toBe(`class ${code}: closed after 33 minutes with no one connected; it reopens when someone joins`);
  });
});
