import { matchMaker } from '@colyseus/core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { negotiators } from '../../src/session/ai';
import { classExportSchema, JOIN_CHECK_PATH, joinCheckResponseSchema } from '../../src/session/class/protocol';
import { ClassService } from '../../src/server/classes';
import { startClassServer, type RunningServer } from '../../src/server/server';
import { SqliteStore } from '../../src/server/sqlite-store';
import { config, Probe, tempDirs } from './helpers';

/**
 * A server used all term: at start-up only the classes in use get their rooms back (an old class
 * opens when someone joins it), and a room no one uses closes, its class leaving the server's
 * memory, to open again on the next join. The server runs in this process, so its rooms are seen
 * through Colyseus' matchmaker; its limits are made short.
 */

const IDLE_MS = 1_500;
const DAY = 86_400_000;

let running: RunningServer;
let url = '';
let http = '';
const logged: string[] = [];
let old: { code: string; teacherKey: string; keys: Record<string, string> };
let recent: { code: string; teacherKey: string };
/**
 * A teacher on the recent class from start-up until another is watching it: on a loaded machine
 * the first tests can take longer than IDLE_MS, and the recent class would close under them.
 */
let keeper: Probe | null = null;

/** The codes of the class rooms open in this process. */
async function rooms(): Promise<string[]> {
  return (await matchMaker.query({ name: 'class' })).map((r) => (r.metadata as { code: string }).code).sort();
}

async function until(what: string, test: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function exported(code: string, key: string) {
  const response = await fetch(`${http}/api/classes/${code}/export`, { headers: { 'x-teacher-key': key } });
  expect(response.status).toBe(200);
  return classExportSchema.parse(await response.json());
}

const joinCheck = async (options: unknown) =>
  joinCheckResponseSchema.parse(await (await fetch(`${http}${JOIN_CHECK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) })).json());

beforeAll(async () => {
  const dirs = tempDirs();
  // A class made three days ago (two students, one move), and one made just now.
  const store = new SqliteStore(join(dirs.dataDir, 'classes.sqlite'));
  let byte = 0;
  const random = (n: number) => Uint8Array.from({ length: n }, () => (byte = (byte * 31 + 7) % 256));
  const then = Date.now() - 3 * DAY;
  const before = new ClassService({ store, ai: negotiators, random, now: () => then });
  const made = await before.createClass({ config: config() });
  if (!made.ok) throw new Error(made.message);
  const keys: Record<string, string> = {};
  for (const name of ['Ana', 'Bo']) {
    const seated = await before.run(made.response.code, (m) => m.seatStudent(name, undefined, then));
    if (!seated.ok) throw new Error(seated.message);
    keys[name] = seated.seat.seatKey!;
  }
  const moved = await before.run(made.response.code, (m) => m.playMove('t0-us', 0, { type: 'hold', side: 'us' }, then));
  expect(moved.ok).toBe(true);
  old = { ...made.response, keys };
  const now = new ClassService({ store, ai: negotiators, random, now: () => Date.now() });
  const fresh = await now.createClass({ config: config() });
  if (!fresh.ok) throw new Error(fresh.message);
  recent = fresh.response;
  await store.close();

  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  running = await startClassServer({ port: 0, host: '127.0.0.1', ...dirs, idleCloseMs: IDLE_MS });
  log.mockRestore();
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  url = `ws://127.0.0.1:${running.port}`;
  http = `http://127.0.0.1:${running.port}`;
  keeper = await Probe.joinOrCreate(url, { role: 'teacher', code: recent.code, teacherKey: recent.teacherKey });
}, 60_000);

afterAll(async () => {
  await keeper?.room.leave();
  vi.restoreAllMocks();
  await running?.close();
});

describe('a class server used all term', () => {
  it('reopens at start-up only the class active recently, and says how many it kept closed', async () => {
    expect(await rooms()).toEqual([recent.code]);
    expect(running.service.openCount).toBe(1);
    expect(logged).toContain('classes: 1 class reopened (active in the last 12 hours), 1 kept closed until someone joins');
  });

  it('checks a join, exports, and lets students rejoin and play in the old class, which opens when they join', async () => {
    // The join check and the export read the store: neither opens the class.
    expect(await joinCheck({ role: 'student', code: old.code, name: 'Ana', seatKey: old.keys.Ana })).toEqual({ ok: true });
    expect(await joinCheck({ role: 'teacher', code: old.code, teacherKey: old.teacherKey })).toEqual({ ok: true });
    expect(await joinCheck({ role: 'teacher', code: old.code, teacherKey: 'x'.repeat(32) })).toMatchObject({ ok: false });
    expect((await exported(old.code, old.teacherKey)).games.map((g) => g.moves.length)).toEqual([1]);
    expect(await rooms()).toEqual([recent.code]);
    expect(running.service.openCount).toBe(1);

    const ana = await Probe.joinOrCreate(url, { role: 'student', code: old.code, name: 'Ana', seatKey: old.keys.Ana });
    const bo = await Probe.joinOrCreate(url, { role: 'student', code: old.code.toLowerCase(), name: 'Bo', seatKey: old.keys.Bo });
    expect(await rooms()).toEqual([old.code, recent.code].sort());
    expect(await bo.next('table', (t: { moves: unknown[] }) => t.moves.length === 1)).toBeTruthy();
    bo.room.send('move', { index: 1, move: { type: 'hold', side: 'china' } });
    expect(await bo.next('moveResult')).toEqual({ ok: true, index: 1, duplicate: false });
    expect(await ana.next('moved', (m: { index: number }) => m.index === 1)).toMatchObject({ by: 'student' });
    const teacher = await Probe.joinOrCreate(url, { role: 'teacher', code: old.code, teacherKey: old.teacherKey });
    expect(await teacher.next('dashboard')).toBeTruthy();
    expect((await exported(old.code, old.teacherKey)).games.map((g) => g.moves.length)).toEqual([2]);
    for (const p of [ana, bo, teacher]) await p.room.leave();
  });

  it('closes a room once no one has been in it for the idle limit, drops its class from memory, and opens it again on a join', async () => {
    // A teacher watching keeps the recent class open however long nothing happens.
    const watching = await Probe.joinOrCreate(url, { role: 'teacher', code: recent.code, teacherKey: recent.teacherKey });
    await keeper?.room.leave();
    keeper = null;
    await until('the old class closes', async () => !(await rooms()).includes(old.code));
    expect(logged.some((l) => l.startsWith(`class ${old.code}: closed after`))).toBe(true);
    await new Promise((r) => setTimeout(r, 2 * IDLE_MS));
    expect(await rooms()).toEqual([recent.code]);
    expect(running.service.openCount).toBe(1);
    expect(running.service.model(old.code)).toBeUndefined();
    await watching.room.leave();
    await until('the recent class closes once its teacher has left', async () => (await rooms()).length === 0);
    await until('no class is left in memory', () => running.service.openCount === 0);

    // Closed, the class is still all there: rejoined, played on, exported.
    const bo = await Probe.joinOrCreate(url, { role: 'student', code: old.code, name: 'Bo', seatKey: old.keys.Bo });
    const ana = await Probe.joinOrCreate(url, { role: 'student', code: old.code, name: 'Ana', seatKey: old.keys.Ana });
    expect(await ana.next('table', (t: { moves: unknown[] }) => t.moves.length === 2)).toBeTruthy();
    ana.room.send('move', { index: 2, move: { type: 'hold', side: 'us' } });
    expect(await ana.next('moveResult')).toEqual({ ok: true, index: 2, duplicate: false });
    expect(await bo.next('moved', (m: { index: number }) => m.index === 2)).toBeTruthy();
    expect((await exported(old.code, old.teacherKey)).games.map((g) => g.moves.length)).toEqual([3]);
    await ana.room.leave();
    await bo.room.leave();
  });

  it('keeps a room whose turn clock is running open with no one in it; paused, it closes, and the turn’s time left comes back', async () => {
    const made = await fetch(`${http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config: config({ turnSeconds: 600 }) }) });
    const cls = (await made.json()) as { code: string; teacherKey: string };
    const ana = await Probe.joinOrCreate(url, { role: 'student', code: cls.code, name: 'Ana' });
    const bo = await Probe.joinOrCreate(url, { role: 'student', code: cls.code, name: 'Bo' });
    const { seatKey } = await ana.next<{ seatKey: string }>('seat');
    expect((await ana.next<{ turnMsLeft: number }>('table')).turnMsLeft).toBeGreaterThan(590_000);
    await ana.room.leave();
    await bo.room.leave();
    await new Promise((r) => setTimeout(r, 3 * IDLE_MS));
    expect(await rooms()).toContain(cls.code);

    const teacher = await Probe.joinOrCreate(url, { role: 'teacher', code: cls.code, teacherKey: cls.teacherKey });
    teacher.room.send('teacherAction', { action: 'pause', table: null });
    await teacher.next('dashboard', (d: { pausedAll?: boolean }) => d.pausedAll === true);
    await teacher.room.leave();
    await until('the paused class closes', async () => !(await rooms()).includes(cls.code));

    const back = await Probe.joinOrCreate(url, { role: 'student', code: cls.code, name: 'Ana', seatKey });
    const table = await back.next<{ paused: boolean; turnMsLeft: number }>('table');
    expect(table.paused).toBe(true);
    expect(table.turnMsLeft).toBeGreaterThan(580_000);
    expect(table.turnMsLeft).toBeLessThanOrEqual(600_000);
    await back.room.leave();
  });
});
