import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBots } from '../../src/cli/class-bots';
import { classExportSchema } from '../../src/session/class/protocol';
import { scenarioPath } from '../helpers';
import { config, Probe, serverPerFile } from './helpers';

/**
 * The teacher's controls that change a class (issue 12): a class on the teacher's own scenario
 * file (checked again by the served.server, kept across a restart, sent to students by the room), the AI
 * taking over the seat of a student who left mid-game (and handing it back), and an inject of
 * one of the scenario's events that happens in the games.
 */

const served = serverPerFile();

const sandboxText = readFileSync(scenarioPath('sandbox.yaml'), 'utf8');
const ownText = sandboxText.replace(/^id: sandbox$/m, 'id: our-own-sandbox').replace(/^title: .*$/m, "title: 'Our own sandbox'");

async function create(body: unknown): Promise<{ status: number; data: Record<string, string> }> {
  const response = await fetch(`${served.server.http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, data: (await response.json()) as Record<string, string> };
}

async function exportOf(code: string, key: string) {
  const response = await fetch(`${served.server.http}/api/classes/${code}/export?format=json`, { headers: { 'x-teacher-key': key } });
  return classExportSchema.parse(await response.json());
}

describe('a class on the teacher’s own scenario file', () => {
  it('is checked again by the served.server, each problem named', async () => {
    const broken = await create({ config: config({ scenario: 'x' }), scenarioFile: { file: 'ours.yaml', text: 'id: [' } });
    expect(broken.status).toBe(400);
    expect(broken.data.error).toMatch(/^scenarioFile: ours\.yaml does not load: /);
    const shippedId = await create({ config: config(), scenarioFile: { file: 'copy.yaml', text: sandboxText } });
    expect(shippedId.data.error).toContain('has the id “sandbox” of a scenario shipped with the game');
    const huge = await create({ config: config({ scenario: 'our-own-sandbox' }), scenarioFile: { file: 'big.yaml', text: `${ownText}\n#${'x'.repeat(200_000)}` } });
    expect(huge.data.error).toContain('at most 200,000 characters');
    const mismatch = await create({ config: config({ scenario: 'sandbox' }), scenarioFile: { file: 'ours.yaml', text: ownText } });
    expect(mismatch.data.error).toContain('the class names “sandbox” but the scenario loaded is “our-own-sandbox”');
  });

  it('is sent to everyone who joins, and comes back with the class after a kill -9 and a restart', async () => {
    const made = await create({ config: config({ scenario: 'our-own-sandbox' }), scenarioFile: { file: 'ours.yaml', text: ownText } });
    expect(made.status).toBe(201);
    const { code, teacherKey } = made.data as { code: string; teacherKey: string };
    const teacher = await Probe.join(served.server.url, { role: 'teacher', code, teacherKey });
    expect(await teacher.next('scenario')).toEqual({ id: 'our-own-sandbox', version: 1, file: 'our-own-sandbox.yaml', text: ownText });
    const ana = await Probe.join(served.server.url, { role: 'student', code, name: 'Ana' });
    const bo = await Probe.join(served.server.url, { role: 'student', code, name: 'Bo' });
    expect(ana.messages[0]?.type).toBe('scenario');
    const seat = await bo.next<{ seatKey: string }>('seat');
    expect(await ana.next('table')).toMatchObject({ scenario: { id: 'our-own-sandbox', version: 1 } });
    ana.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await ana.next('moveResult')).toMatchObject({ ok: true });

    await served.killAndRestart();
    const back = await Probe.join(served.server.url, { role: 'student', code, name: 'Bo', seatKey: seat.seatKey });
    expect(await back.next('scenario')).toMatchObject({ id: 'our-own-sandbox', text: ownText });
    expect(await back.next('table')).toMatchObject({ scenario: { id: 'our-own-sandbox' }, moves: [{ type: 'hold', side: 'us' }] });
    back.room.send('move', { index: 1, move: { type: 'hold', side: 'china' } });
    expect(await back.next('moveResult')).toMatchObject({ ok: true });
    const exported = await exportOf(code, teacherKey);
    expect(exported.config.scenario).toBe('our-own-sandbox');
    expect(exported.games[0]).toMatchObject({ verified: true, moves: [{ type: 'hold' }, { type: 'hold' }] });
    await back.room.leave();
  }, 120_000);

  it('is played to the end by the bots, which load the file the room sends them', async () => {
    const made = await create({ config: config({ scenario: 'our-own-sandbox' }), scenarioFile: { file: 'ours.yaml', text: ownText } });
    const { code, teacherKey } = made.data as { code: string; teacherKey: string };
    // No shipped scenario has this id: the bots can only play it from the file the room sent.
    const shipped = (id: string) => {
      throw new Error(`no shipped scenario ${id}`);
    };
    const figures = await runBots({ url: served.server.url, code, count: 4, policy: 'hard', scenario: shipped, retryMs: 5000, timeoutMs: 120_000 });
    expect(figures.failures).toEqual([]);
    expect(figures).toMatchObject({ rejected: 0, gamesFinished: 2, botsFinished: 4, badMessages: 0 });
    const exported = await exportOf(code, teacherKey);
    expect(exported.games.every((g) => g.scenario.id === 'our-own-sandbox' && g.ended && g.verified)).toBe(true);
    for (const seen of figures.seen) expect(exported.games.find((g) => g.table === seen.table)!.moves).toEqual(seen.moves);
  }, 120_000);

  it('is not sent for a shipped scenario the page already has', async () => {
    const made = await create({ config: config() });
    const ana = await Probe.join(served.server.url, { role: 'student', code: made.data.code!, name: 'Ana' });
    await ana.next('seat');
    expect(ana.messages.some((m) => m.type === 'scenario')).toBe(false);
    await ana.room.leave();
  });
});

/** A pvp class with its teacher, Ana (US) and Bo (China) seated and the table started. */
async function classOfTwo() {
  const made = await create({ config: config() });
  const { code, teacherKey } = made.data as { code: string; teacherKey: string };
  const teacher = await Probe.join(served.server.url, { role: 'teacher', code, teacherKey });
  const ana = await Probe.join(served.server.url, { role: 'student', code, name: 'Ana' });
  const bo = await Probe.join(served.server.url, { role: 'student', code, name: 'Bo' });
  const boSeat = await bo.next<{ seatKey: string }>('seat');
  await ana.next('table');
  return { code, teacherKey, teacher, ana, bo, boSeat };
}

type Board = { tables: { seats: { side: string; connected: boolean }[] }[] };
/** Leave with the SDK's consented leave; the time until the teacher's dashboard shows China away (ms). */
async function awayAfterLeave(teacher: Probe, student: Probe): Promise<number> {
  const leftAt = Date.now();
  await student.room.leave();
  await teacher.next<Board>('dashboard', (d) => d.tables[0]?.seats.some((s) => s.side === 'china' && !s.connected) ?? false, false);
  return Date.now() - leftAt;
}

describe('the teacher during a game', () => {
  it('puts the AI into the seat of a student who left; the student gets it back on rejoining', async () => {
    const { code, teacherKey, teacher, ana, bo, boSeat } = await classOfTwo();
    // Refused while Bo is there.
    teacher.room.send('teacherAction', { action: 'fillWithAi', seat: 't0-china', difficulty: 'normal' });
    expect(await teacher.next('problem')).toMatchObject({ message: expect.stringContaining('still connected') });
    // Bo's laptop goes away (the connection drops; his seat waits for him).
    bo.room.connection.close(4100, 'walked away');
    await teacher.next<{ tables: { seats: { side: string; connected: boolean }[] }[] }>('dashboard', (d) => d.tables[0]?.seats.some((s) => s.side === 'china' && !s.connected) ?? false);
    teacher.room.send('teacherAction', { action: 'fillWithAi', seat: 't0-china', difficulty: 'normal' });
    // Ana's screen is told the AI now plays China; her move is answered by the AI.
    expect(await ana.next<{ seats: { side: string; kind: string; name: string }[] }>('table', (t) => t.seats.some((s) => s.kind === 'ai'), false)).toMatchObject({ seats: [{ side: 'us', kind: 'student' }, { side: 'china', kind: 'ai', name: 'AI (normal) for Bo' }], options: { humans: ['us'] } });
    ana.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await ana.next('moved', (m: { index: number }) => m.index === 1)).toMatchObject({ by: 'ai', move: { side: 'china' } });
    // Bo comes back with his seat key: his seat again, the game as it went on.
    const again = await Probe.join(served.server.url, { role: 'student', code, name: 'Bo', seatKey: boSeat.seatKey });
    expect(await again.next('seat')).toMatchObject({ seat: { seat: 't0-china', kind: 'student', name: 'Bo' } });
    expect(await again.next<{ moves: unknown[] }>('table')).toMatchObject({ options: { humans: ['us', 'china'] } });
    const game = (await exportOf(code, teacherKey)).games[0]!;
    expect(game.verified).toBe(true);
    await ana.room.leave();
    await again.room.leave();
    await teacher.room.leave();
  });

  it('shows a student who left on purpose (the SDK’s consented leave) as away within seconds', async () => {
    const { teacher, ana, bo } = await classOfTwo();
    await teacher.next<Board>('dashboard', (d) => d.tables[0]?.seats.filter((s) => s.connected).length === 2);
    expect(await awayAfterLeave(teacher, bo)).toBeLessThan(5_000);
    // The seat is free for the AI at once (no reconnection is waited for after a leave on purpose).
    teacher.room.send('teacherAction', { action: 'fillWithAi', seat: 't0-china', difficulty: 'normal' });
    expect(await ana.next<{ seats: { kind: string }[] }>('table', (t) => t.seats.some((s) => s.kind === 'ai'), false)).toMatchObject({ seats: [{ kind: 'student' }, { kind: 'ai' }] });
    await ana.room.leave();
    await teacher.room.leave();
  });

  it('shows a student away as soon as the connection that took the seat over leaves, while the stale one is still closing', async () => {
    const { code, teacher, ana, bo, boSeat } = await classOfTwo();
    // Bo's laptop sleeps: its socket stops answering, so the server's close of it waits for a reply.
    (bo.room.connection.transport as unknown as { ws: { _socket: { pause(): void } } }).ws._socket.pause();
    const again = await Probe.join(served.server.url, { role: 'student', code, name: 'Bo', seatKey: boSeat.seatKey });
    await again.next('table');
    expect(await awayAfterLeave(teacher, again)).toBeLessThan(5_000);
    await ana.room.leave();
    await teacher.room.leave();
  });

  it('makes one of the scenario’s events happen in the games: a teacher’s move relayed to the players, in the log, replayable', async () => {
    const made = await create({ config: config() });
    const { code, teacherKey } = made.data as { code: string; teacherKey: string };
    const teacher = await Probe.join(served.server.url, { role: 'teacher', code, teacherKey });
    const ana = await Probe.join(served.server.url, { role: 'student', code, name: 'Ana' });
    const bo = await Probe.join(served.server.url, { role: 'student', code, name: 'Bo' });
    await ana.next('table');
    await bo.next('table');
    teacher.room.send('teacherAction', { action: 'inject', table: null, inject: { kind: 'news', text: 'Only words' } });
    expect(await bo.next('inject')).toMatchObject({ text: 'Only words', event: null });
    teacher.room.send('teacherAction', { action: 'inject', table: null, inject: { kind: 'event', event: 'supply-shock' } });
    expect(await bo.next('moved')).toEqual({ table: 0, index: 0, move: { type: 'event', side: 'us', event: 'supply-shock' }, by: 'teacher' });
    expect(await bo.next('inject', (i: { event: string | null }) => i.event === 'supply-shock')).toMatchObject({ table: null });
    // The US is still to move, and plays on after the event.
    ana.room.send('move', { index: 1, move: { type: 'hold', side: 'us' } });
    expect(await ana.next('moveResult')).toMatchObject({ ok: true, index: 1 });
    // A student cannot play an event.
    bo.room.send('move', { index: 2, move: { type: 'event', side: 'china', event: 'election-season' } });
    expect(await bo.next('moveResult')).toMatchObject({ ok: false, kind: 'illegal', reason: expect.stringContaining('teacher') });
    const game = (await exportOf(code, teacherKey)).games[0]!;
    expect(game).toMatchObject({ verified: true, moves: [{ type: 'event', event: 'supply-shock' }, { type: 'hold', side: 'us' }] });
    await ana.room.leave();
    await bo.room.leave();
    await teacher.room.leave();
  });

  it('sends a student whose talks are over the class’s finished games, then each game as it finishes', async () => {
    const made = await create({ config: config() });
    const { code } = made.data as { code: string };
    // One after the other: students are seated in the order they arrive (A and B at table 0, A
    // for the United States), which joins sent all at once do not fix on a busy machine.
    const p: Probe[] = [];
    for (const name of ['A', 'B', 'C', 'D']) p.push(await Probe.join(served.server.url, { role: 'student', code, name }));
    // A table message comes when a student sits down too: wait until each pair's table has both seats.
    await Promise.all(p.map((x) => x.next<{ seats: unknown[] }>('table', (t) => t.seats.length === 2)));
    // Not before the talks are over.
    p[0]!.room.send('watchResults', {});
    expect(await p[0]!.next('problem')).toMatchObject({ about: 'watchResults', message: expect.stringContaining('talks are over') });
    p[0]!.room.send('move', { index: 0, move: { type: 'walkout', side: 'us' } });
    await p[0]!.next('moveResult');
    p[0]!.room.send('watchResults', {});
    const first = await p[0]!.next<{ replace: boolean; games: { table: number; moves: unknown[] }[] }>('classResults');
    expect(first).toMatchObject({ replace: true, games: [{ table: 0, moves: [{ type: 'walkout', side: 'us' }] }] });
    // Table 2 ends: the watcher is sent it; a student who did not ask is sent nothing.
    p[2]!.room.send('move', { index: 0, move: { type: 'walkout', side: 'us' } });
    expect(await p[0]!.next('classResults', (r: { replace: boolean }) => !r.replace)).toMatchObject({ games: [{ table: 1 }] });
    expect(p[1]!.messages.some((m) => m.type === 'classResults')).toBe(false);
    await Promise.all(p.map((x) => x.room.leave()));
  });
});
