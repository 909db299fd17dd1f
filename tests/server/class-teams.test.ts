import { afterAll, describe, expect, it } from 'vitest';
import { runBots } from '../../src/cli/class-bots';
import { replay } from '../../src/core/engine';
import { gameOptionsSchema } from '../../src/core/schema/game';
import { classExportSchema, type TableView } from '../../src/session/class/protocol';
import { config, createClass, Probe, sandbox, startServer, stopServer, tempDirs, type ChildServer } from './helpers';

/**
 * Teams of two or three per side, the teacher's number of rounds and the time limit per turn,
 * on a real server process: any member of the side to move commits its move, once; a team's
 * draft reaches its other members only; a turn whose time runs out is played by the clock as a
 * recorded hold that replays; a `kill -9` and a restart keep the teams and the turn's deadline.
 */

const scenario = sandbox();
const servers: ChildServer[] = [];

afterAll(async () => {
  for (const s of servers) await stopServer(s);
});

type Seat = { seat: { seat: string; side: string }; seatKey: string; team: { name: string }[]; opponents: { name: string }[] };

async function seatFour(server: ChildServer, code: string): Promise<{ ana: Probe; bo: Probe; cy: Probe; di: Probe; seats: Record<string, Seat> }> {
  const seats: Record<string, Seat> = {};
  const join = async (name: string) => {
    const p = await Probe.join(server.url, { role: 'student', code, name });
    seats[name] = await p.next<Seat>('seat', (m) => (m as Seat).seat !== undefined);
    return p;
  };
  // One at a time, so the seats are known: Ana US, Bo China, Cy US (2), Di China (2).
  const ana = await join('Ana');
  const bo = await join('Bo');
  const cy = await join('Cy');
  const di = await join('Di');
  await Promise.all([ana, bo, cy, di].map((p) => p.next('table')));
  return { ana, bo, cy, di, seats };
}

describe('a class of teams on the server', () => {
  it('seats teams, relays a draft to the team only, takes one commit per turn from either member, and plays to the set deadline', async () => {
    const server = await startServer(tempDirs());
    servers.push(server);
    const cls = await createClass(server, config({ pairing: { kind: 'teams', size: 2 }, rounds: 4 }));
    const { ana, bo, cy, di, seats } = await seatFour(server, cls.code);
    expect(Object.fromEntries(Object.entries(seats).map(([n, s]) => [n, s.seat.seat]))).toEqual({ Ana: 't0-us', Bo: 't0-china', Cy: 't0-us-2', Di: 't0-china-2' });
    // Cy's seat message (after Ana) names Ana as teammate and both China members as opponents once they are seated.
    expect(seats.Cy!.team.map((t) => t.name)).toEqual(['Ana']);
    const table = await cy.next<TableView>('table', (t) => t.seats.length === 4);
    expect(table.seats.map((s) => s.name)).toEqual(['Ana', 'Cy', 'Bo', 'Di']);
    expect(gameOptionsSchema.parse(table.options).rounds).toBe(4);

    // A draft reaches the teammate, and nobody on the other side.
    ana.room.send('draft', { index: 0, package: { tariffs: 'cut' } });
    expect(await cy.next('draft')).toEqual({ table: 0, side: 'us', index: 0, package: { tariffs: 'cut' }, by: 'Ana' });
    await new Promise((r) => setTimeout(r, 300));
    expect(bo.messages.some((m) => m.type === 'draft') || di.messages.some((m) => m.type === 'draft')).toBe(false);

    // Both US members commit at once: one is played, the other refused by name.
    ana.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    cy.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    const answers = [await ana.next<{ ok: boolean; kind?: string; reason?: string }>('moveResult'), await cy.next<{ ok: boolean; kind?: string; reason?: string }>('moveResult')];
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const refused = answers.find((a) => !a.ok)!;
    expect(refused.kind).toBe('already-committed');
    expect(refused.reason).toMatch(/^(Ana|Cy) has already committed the United States’ move for this turn/);
    expect(await bo.next('moved')).toEqual({ table: 0, index: 0, move: { type: 'hold', side: 'us' }, by: 'student' });

    // China's second member commits; then the talks run to the class's deadline of 4 rounds.
    di.room.send('move', { index: 1, move: { type: 'hold', side: 'china' } });
    expect(await di.next('moveResult')).toEqual({ ok: true, index: 1, duplicate: false });
    for (let i = 2; i < 8; i++) {
      const mover = i % 2 === 0 ? (i % 4 === 0 ? ana : cy) : i % 4 === 1 ? bo : di;
      mover.room.send('move', { index: i, move: { type: 'hold', side: i % 2 === 0 ? 'us' : 'china' } });
      expect(await mover.next('moveResult', (m) => m.index === i)).toMatchObject({ ok: true });
    }
    const response = await fetch(`${server.http}/api/classes/${cls.code}/export`, { headers: { 'x-teacher-key': cls.teacherKey } });
    const game = classExportSchema.parse(await response.json()).games[0]!;
    expect(game.ended).toBe(true);
    expect(game.outcome).toEqual({ kind: 'deadline', round: 4 });
    expect(game.resultCode).toMatch(/^bc2-/);
    expect(game.verified).toBe(true);
    expect(game.seats.map((s) => s.name)).toEqual(['Ana', 'Cy', 'Bo', 'Di']);
    for (const p of [ana, bo, cy, di]) await p.room.leave();
  }, 180_000);

  it('plays a turn whose time ran out as a recorded hold that replays, and keeps the teams and the paused clock through kill -9', async () => {
    const dirs = tempDirs();
    const first = await startServer(dirs);
    servers.push(first);
    const cls = await createClass(first, config({ pairing: { kind: 'teams', size: 2 }, turnSeconds: 10 }));
    const { cy, seats } = await seatFour(first, cls.code);
    const before = await cy.next<TableView>('table', (t) => t.seats.length === 4);
    expect(before.turnDeadline).not.toBeNull();
    expect(before.turnMsLeft).toBeGreaterThan(0);
    expect(before.turnMsLeft).toBeLessThanOrEqual(10_000);
    // Nobody moves: after 10 s the clock holds for the US.
    const timedOut = await cy.next('moved', () => true);
    expect(timedOut).toEqual({ table: 0, index: 0, move: { type: 'hold', side: 'us' }, by: 'clock' });

    // The teacher pauses: the China turn's time left is held still, and recorded.
    const teacher = await Probe.join(first.url, { role: 'teacher', code: cls.code, teacherKey: cls.teacherKey });
    await teacher.next('dashboard');
    teacher.room.send('teacherAction', { action: 'pause', table: null });
    const paused = await cy.next<TableView>('table', (t) => t.paused);
    expect(paused.turnDeadline).toBeNull();
    expect(paused.turnMsLeft).toBeGreaterThan(0);

    process.kill(first.child.pid!, 'SIGKILL');
    while (first.child.exitCode === null && first.child.signalCode === null) await new Promise((r) => setTimeout(r, 50));
    const second = await startServer(dirs, first.port);
    servers.push(second);
    // Cy comes back with the seat key: the same team seat, the table still paused with the same time left.
    const back = await Probe.join(second.url, { role: 'student', code: cls.code, name: 'Cy', seatKey: seats.Cy!.seatKey });
    const seat = await back.next<Seat>('seat');
    expect(seat.seat.seat).toBe('t0-us-2');
    expect(seat.team.map((t) => t.name)).toEqual(['Ana']);
    const after = await back.next<TableView>('table');
    expect(after.seats.map((s) => s.name)).toEqual(['Ana', 'Cy', 'Bo', 'Di']);
    expect(after.moves).toEqual([{ type: 'hold', side: 'us' }]);
    expect(after.paused).toBe(true);
    expect(after.turnMsLeft).toBe(paused.turnMsLeft);

    const response = await fetch(`${second.http}/api/classes/${cls.code}/export`, { headers: { 'x-teacher-key': cls.teacherKey } });
    const game = classExportSchema.parse(await response.json()).games[0]!;
    expect(game.moves).toEqual([{ type: 'hold', side: 'us' }]);
    expect(game.verified).toBe(true);
    // The game is its log: the clock's move replays like any other.
    const options = gameOptionsSchema.parse(game.options);
    expect(replay(scenario, game.seed, options, game.moves).final.turn).toBe('china');
    await back.room.leave();
  }, 180_000);

  it('lets bots fill team seats and finish the game', async () => {
    const server = await startServer(tempDirs());
    servers.push(server);
    const cls = await createClass(server, config({ pairing: { kind: 'teams', size: 3 }, rounds: 4 }));
    const figures = await runBots({ url: server.url, code: cls.code, count: 6, policy: 'hard', scenario: () => scenario, retryMs: 5000, timeoutMs: 120_000 });
    expect(figures.failures).toEqual([]);
    expect(figures).toMatchObject({ rejected: 0, gamesFinished: 1, botsFinished: 6, badMessages: 0 });
    const response = await fetch(`${server.http}/api/classes/${cls.code}/export`, { headers: { 'x-teacher-key': cls.teacherKey } });
    const game = classExportSchema.parse(await response.json()).games[0]!;
    expect(game.seats).toHaveLength(6);
    expect(game.verified).toBe(true);
    for (const seen of figures.seen) expect(seen.moves).toEqual(game.moves);
  }, 180_000);
});
