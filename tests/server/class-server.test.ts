import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBots } from '../../src/cli/class-bots';
import { classExportSchema, JOIN_CHECK_PATH, joinCheckResponseSchema, type ClassExport } from '../../src/session/class/protocol';
import { config, createClass, Probe, sandbox, startServer, stopServer, tempDirs, type ChildServer } from './helpers';

/**
 * The class server as students and teachers meet it: a real process, real WebSocket clients.
 * The rate-limit tests run last (they block this machine’s address for a minute).
 */

const scenario = sandbox();
let server: ChildServer;

beforeAll(async () => {
  server = await startServer(tempDirs());
});
afterAll(async () => {
  if (server) await stopServer(server);
});

async function exportOf(code: string, key: string, format = 'json'): Promise<Response> {
  return fetch(`${server.http}/api/classes/${code}/export?format=${format}`, { headers: { 'x-teacher-key': key } });
}

describe('the class server', () => {
  it('serves the game with its CSP headers and refuses a bad class config by name', async () => {
    const page = await fetch(`${server.http}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss:");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const bad = await fetch(`${server.http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config: config({ doctrines: { us: 'nope', china: 'stability-seeker' } }) }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('config.doctrines.us: unknown doctrine "nope"');
    const notJson = await fetch(`${server.http}/api/classes`, { method: 'POST', body: '{' });
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not JSON/);
  });

  it('answers a request body over its size with a 413 saying so (not a cut connection), and an export address with a broken %-escape with a 400', async () => {
    // A teacher's scenario file of 1.2 MB (a scenario file may have a million characters; a class's at most 200,000).
    const big = await fetch(`${server.http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config: config(), scenarioFile: { file: 'big.yaml', text: 'x'.repeat(1_200_000) } }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/more than 1,000,000 bytes: a class’s scenario file has at most 200,000 characters/);
    const broken = await fetch(`${server.http}/api/classes/%E0%A4%A/export`, { headers: { 'x-teacher-key': 'k'.repeat(32) } });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/class code in the address is not valid/);
    // The server is still there.
    expect((await fetch(`${server.http}/`)).status).toBe(200);
  });

  it('refuses illegal and out-of-turn moves with a reason, and messages that are not the protocol’s', async () => {
    const cls = await createClass(server);
    const us = await Probe.join(server.url, { role: 'student', code: cls.code.toLowerCase(), name: 'Ana' });
    const china = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Bo' });
    await us.next('table');
    await china.next('table');
    china.room.send('move', { index: 0, move: { type: 'hold', side: 'china' } });
    expect(await china.next('moveResult')).toMatchObject({ ok: false, kind: 'not-your-turn', reason: expect.stringContaining('turn') });
    us.room.send('move', { index: 0, move: { type: 'accept', side: 'us' } });
    expect(await us.next('moveResult')).toMatchObject({ ok: false, kind: 'illegal', reason: expect.stringContaining('no offer') });
    us.room.send('move', { index: 0, move: { type: 'hold', side: 'china' } });
    expect(await us.next('moveResult', (m) => m.kind !== 'illegal')).toMatchObject({ ok: false, kind: 'not-in-game' });
    us.room.send('move', { index: 0, move: { type: 'propose', side: 'us', package: { x: 'y' }, extra: 1 } });
    expect(await us.next('problem')).toMatchObject({ about: 'move', message: expect.stringMatching(/^move/) });
    us.room.send('teleport', { to: 'mars' });
    expect(await us.next('problem', (m) => m.about === 'teleport')).toMatchObject({ message: expect.stringContaining('unknown message type "teleport"') });
    us.room.send('teacherAction', { action: 'pause', table: null });
    expect(await us.next('problem', (m) => m.about === 'teacherAction')).toMatchObject({ message: 'only the teacher can do this' });
    // A legal move is acknowledged and relayed to both players.
    us.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await us.next('moveResult', (m) => m.ok === true)).toEqual({ ok: true, index: 0, duplicate: false });
    expect(await china.next('moved')).toEqual({ table: 0, index: 0, move: { type: 'hold', side: 'us' }, by: 'student' });
    await us.room.leave();
    await china.room.leave();
  });

  it('closes a connection that floods the room with messages, keeping its seat, while the others play on', async () => {
    const cls = await createClass(server);
    const ana = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Ana' });
    const bo = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Bo' });
    const cy = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Cy' });
    const di = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Di' });
    const seat = await ana.next<{ seatKey: string; seat: { seat: string } }>('seat');
    await ana.next('table');
    await cy.next('table');
    const closed = new Promise<number>((done) => ana.room.onLeave((code: number) => done(code)));
    for (let i = 0; i < 5000; i++) ana.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    const timeout = new Promise<string>((done) => setTimeout(() => done('still open after 10 s'), 10_000));
    expect(await Promise.race([closed, timeout])).toBe(4002); // Colyseus' "with error": the page rejoins with its seat key
    // The flood was cut short: far fewer answers than messages.
    await new Promise((r) => setTimeout(r, 500));
    expect(ana.messages.filter((m) => m.type === 'moveResult').length).toBeLessThan(200);
    // Another table plays on.
    cy.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await cy.next('moveResult')).toMatchObject({ ok: true, index: 0 });
    // Ana's seat is kept: she comes back to it (the log holds her one move).
    const back = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Ana', seatKey: seat.seatKey });
    expect(await back.next('seat')).toMatchObject({ seat: { seat: seat.seat.seat } });
    expect(await back.next<{ moves: unknown[] }>('table')).toMatchObject({ moves: [{ type: 'hold', side: 'us' }] });
    for (const p of [back, bo, cy, di]) await p.room.leave();
  });

  it('keeps each class to itself: a key or seat key of one class opens nothing in another', async () => {
    const a = await createClass(server);
    const b = await createClass(server);
    const ana = await Probe.join(server.url, { role: 'student', code: a.code, name: 'Ana' });
    const seat = await ana.next<{ seatKey: string; seat: { seat: string } }>('seat');
    await expect(new Client(server.url).join('class', { role: 'teacher', code: b.code, teacherKey: a.teacherKey })).rejects.toThrow(/not the teacher key/);
    // Ana's seat key from class A gives her a fresh seat in class B, not her seat of A.
    const inB = await Probe.join(server.url, { role: 'student', code: b.code, name: 'Eve', seatKey: seat.seatKey });
    const seatB = await inB.next<{ seatKey: string; info: { code: string } }>('seat');
    expect(seatB.info.code).toBe(b.code);
    expect(seatB.seatKey).not.toBe(seat.seatKey);
    // A move sent in class B's room cannot reach class A's game.
    inB.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await inB.next('moveResult')).toMatchObject({ ok: false, kind: 'not-in-game' });
    expect((await (await exportOf(a.code, a.teacherKey)).json()) as ClassExport).toMatchObject({ games: [] });
    expect((await exportOf(a.code, b.teacherKey)).status).toBe(403);
    await ana.room.leave();
    await inB.room.leave();
  });

  it('gives a student who drops the same seat back: by reconnection token, and by code, name and seat key after a reload', async () => {
    const cls = await createClass(server);
    const client = new Client(server.url);
    const first = new Probe(await client.join('class', { role: 'student', code: cls.code, name: 'Ana' }));
    const seat = await first.next<{ seatKey: string; seat: { seat: string } }>('seat');
    const token = first.room.reconnectionToken;
    first.room.connection.close(4100, 'laptop went to sleep');
    await new Promise((r) => setTimeout(r, 300));
    const back = new Probe(await new Client(server.url).reconnect(token));
    expect(await back.next('seat')).toMatchObject({ seat: { seat: seat.seat.seat } });
    // A reload: a new connection with the code and the name (the old one is still open, so the key is needed).
    await expect(new Client(server.url).join('class', { role: 'student', code: cls.code, name: 'ana' })).rejects.toThrow(/already taken/);
    // The join check says so first (the page then makes no join the room would refuse); with the key, it lets the join go.
    const check = async (options: unknown) => joinCheckResponseSchema.parse(await (await fetch(`${server.http}${JOIN_CHECK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) })).json());
    expect(await check({ role: 'student', code: cls.code, name: ' ANA ' })).toEqual({ ok: false, message: 'the name “ANA” is already taken in this class: choose another, or rejoin from the device that holds it' });
    expect(await check({ role: 'student', code: cls.code, name: 'ana', seatKey: seat.seatKey })).toEqual({ ok: true });
    expect(await check({ role: 'student', code: cls.code, name: 'Bo' })).toEqual({ ok: true });
    const reloaded = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'ana', seatKey: seat.seatKey });
    expect(await reloaded.next('seat')).toMatchObject({ seat: { seat: seat.seat.seat, name: 'Ana' } });
    await reloaded.room.leave();
    // Gone for good: the name alone gets the seat back.
    const again = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'ANA' });
    expect(await again.next('seat')).toMatchObject({ seat: { seat: seat.seat.seat } });
    await again.room.leave();
  });

  it('lets the teacher see the dashboard, fill a seat with the AI and pause; names with markup stay text in the export', async () => {
    const cls = await createClass(server);
    const teacher = await Probe.join(server.url, { role: 'teacher', code: cls.code, teacherKey: cls.teacherKey });
    const name = '<img src=x onerror=alert(1)>';
    const student = await Probe.join(server.url, { role: 'student', code: cls.code, name });
    await teacher.next('dashboard', (d: { waiting: unknown[] }) => d.waiting.length === 1);
    teacher.room.send('teacherAction', { action: 'fillWithAi', seat: 't0-china', difficulty: 'easy' });
    const view = await student.next<{ seats: { name: string }[] }>('table');
    expect(view.seats.map((s) => s.name)).toEqual([name, 'AI (easy)']);
    teacher.room.send('teacherAction', { action: 'pause', table: null });
    await student.next('table', (t: { paused: boolean }) => t.paused);
    student.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await student.next('moveResult')).toMatchObject({ ok: false, kind: 'paused' });
    teacher.room.send('teacherAction', { action: 'resume', table: null });
    await student.next('table', (t: { paused: boolean }) => !t.paused, false);
    student.room.send('move', { index: 0, move: { type: 'walkout', side: 'us' } });
    await student.next('moveResult', (m) => m.ok === true);
    const dashboard = await teacher.next<{ finished: number; tables: { outcome: string | null }[] }>('dashboard', (d: { finished: number }) => d.finished === 1);
    expect(dashboard.tables[0]!.outcome).toBe('walkout');
    const json = (await (await exportOf(cls.code, cls.teacherKey)).json()) as unknown;
    const data = classExportSchema.parse(json);
    expect(data.games[0]).toMatchObject({ verified: true, ended: true, seats: [{ name }, { name: 'AI (easy)' }] });
    const csv = await (await exportOf(cls.code, cls.teacherKey, 'csv')).text();
    expect(csv).toContain(name);
    await teacher.room.leave();
    await student.room.leave();
  });

  it('plays whole games with bots, every move acknowledged once', async () => {
    const cls = await createClass(server);
    const figures = await runBots({ url: server.url, code: cls.code, count: 4, policy: 'hard', scenario: () => scenario, retryMs: 5000, timeoutMs: 120_000 });
    expect(figures.failures).toEqual([]);
    expect(figures).toMatchObject({ rejected: 0, gamesFinished: 2, botsFinished: 4, badMessages: 0 });
    expect(figures.acknowledged).toBe(figures.sent);
    const data = classExportSchema.parse(await (await exportOf(cls.code, cls.teacherKey)).json());
    for (const seen of figures.seen) expect(data.games.find((g) => g.table === seen.table)!.moves).toEqual(seen.moves);
    expect(data.games.every((g) => g.verified && g.ended)).toBe(true);
  });

  it('checks a join before it is made, as the join would, answering 200 either way', async () => {
    const cls = await createClass(server, config());
    const check = async (options: unknown) => {
      const response = await fetch(`${server.http}${JOIN_CHECK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
      expect(response.status).toBe(200);
      return joinCheckResponseSchema.parse(await response.json());
    };
    expect(await check({ role: 'student', code: cls.code.toLowerCase().replace(/(....)/, '$1-'), name: 'Ana' })).toEqual({ ok: true });
    expect(await check({ role: 'teacher', code: cls.code, teacherKey: cls.teacherKey })).toEqual({ ok: true });
    expect(await check({ role: 'student', code: cls.code, name: '   ' })).toEqual({ ok: false, message: expect.stringMatching(/name/) as unknown });
    const notJson = await fetch(`${server.http}${JOIN_CHECK_PATH}`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('limits guesses of class codes from one address', async () => {
    const tries: string[] = [];
    for (let i = 0; i < 12; i++) {
      const error = await new Client(server.url).join('class', { role: 'student', code: 'ZZZZZZZZ', name: 'x' }).then(() => 'joined', (e: Error) => e.message);
      tries.push(error);
    }
    expect(tries[0]).toMatch(/no class has the code/);
    expect(tries[11]).toMatch(/too many attempts/);
  });

  it('limits guesses through the join check as it limits joins, with one count for both', async () => {
    // this address guessed its twelve wrong codes above, through joins
    const response = await fetch(`${server.http}${JOIN_CHECK_PATH}`, { method: 'POST', body: JSON.stringify({ role: 'student', code: 'YYYYYYYY', name: 'x' }) });
    expect(joinCheckResponseSchema.parse(await response.json())).toEqual({ ok: false, message: expect.stringMatching(/too many attempts/) as unknown });
  });
});
