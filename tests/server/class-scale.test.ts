import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBots, type BotFigures } from '../../src/cli/class-bots';
import { classExportSchema } from '../../src/session/class/protocol';
import { createClass, Probe, sandbox, startServer, stopServer, tempDirs, type ChildServer } from './helpers';
import { freePort, servicesPresent, startPostgres, startRedis, type Postgres, type Redis } from './services';

/**
 * Several server processes sharing one matchmaker (a private Redis) and one database (a private
 * PostgreSQL): students reach the process holding their class wherever they enter, and a class
 * whose process is killed with kill -9 is rebuilt from the move log by another.
 */

const scenario = sandbox();
/** The fault test's size: classes of PER_CLASS students each (two per game), over three processes. */
const CLASSES = Number(process.env.SCALE_CLASSES ?? 5);
const PER_CLASS = Number(process.env.SCALE_PER_CLASS ?? 40);
const present = servicesPresent({ postgres: true, redis: true });
let postgres: Postgres | undefined;
let redis: Redis | undefined;
const servers: ChildServer[] = [];

async function startProcesses(n: number): Promise<ChildServer[]> {
  const dirs = tempDirs();
  const started = await Promise.all(
    Array.from({ length: n }, async () => {
      const port = await freePort();
      return startServer(dirs, port, { REDIS_URL: redis!.url, DATABASE_URL: postgres!.url, PUBLIC_HOST: '127.0.0.1' });
    }),
  );
  servers.push(...started);
  return started;
}

/** Which process (by port) holds each class's room, from the matchmaker's listing in Redis. */
async function roomPorts(): Promise<Map<string, number>> {
  const client = new IORedis(redis!.url);
  const rooms = Object.values(await client.hgetall('roomcaches')).map((text) => JSON.parse(text) as { publicAddress?: string; metadata?: { code?: string } });
  client.disconnect();
  return new Map(rooms.map((r) => [r.metadata?.code ?? '', Number(r.publicAddress?.split(':')[1])]));
}

async function exportOf(server: ChildServer, cls: { code: string; teacherKey: string }) {
  const response = await fetch(`${server.http}/api/classes/${cls.code}/export`, { headers: { 'x-teacher-key': cls.teacherKey } });
  return classExportSchema.parse(await response.json());
}

/** Every game of the class ended and verified, and holds exactly the moves its bots saw (so every acknowledged move, once). */
function expectExportMatches(data: ReturnType<typeof classExportSchema.parse>, figures: BotFigures[], games: number): void {
  expect(data.games).toHaveLength(games);
  for (const game of data.games) {
    expect(game.ended).toBe(true);
    expect(game.verified).toBe(true);
  }
  for (const f of figures)
    for (const seen of f.seen) {
      const game = data.games.find((g) => g.table === seen.table)!;
      expect(game.moves).toEqual(seen.moves);
    }
}

describe.runIf(present)('class server over several processes (Redis + PostgreSQL)', () => {
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await stopServer(s);
    await redis?.destroy();
    await postgres?.destroy();
  });

  it('a class created through process 1 is played by students entering through both; every game finishes', { timeout: 180_000 }, async () => {
    const [one, two] = await startProcesses(2);
    const cls = await createClass(one!);
    const holder = (await roomPorts()).get(cls.code);
    expect([one!.port, two!.port]).toContain(holder);
    const common = { code: cls.code, count: 4, policy: 'hard' as const, scenario: () => scenario, timeoutMs: 120_000 };
    const figures = await Promise.all([runBots({ ...common, url: one!.url, namePrefix: 'one' }), runBots({ ...common, url: two!.url, namePrefix: 'two' })]);
    for (const f of figures) {
      if (f.failures.length) console.log(one!.output(), two!.output());
      expect(f.failures).toEqual([]);
      expect(f).toMatchObject({ rejected: 0, botsFinished: 4, badMessages: 0 });
    }
    expectExportMatches(await exportOf(two!, cls), figures, 4);
    for (const s of [one!, two!]) await stopServer(s);
  });

  it(`kill -9 of one of three processes mid-round: its classes come back on the others from the move log (${CLASSES} classes, ${CLASSES * PER_CLASS} students)`, { timeout: 300_000 }, async () => {
    const procs = await startProcesses(3);
    const entry = procs[0]!;
    const classes = [];
    for (let i = 0; i < CLASSES; i++) classes.push(await createClass(entry));
    const holders = await roomPorts();
    // The process to kill: not the one students enter through, holding at least one class.
    const victim = procs.slice(1).find((p) => [...holders.values()].includes(p.port));
    expect(victim, `rooms by port: ${JSON.stringify([...holders])}`).toBeDefined();
    const onVictim = classes.filter((c) => holders.get(c.code) === victim!.port);
    let acknowledged = 0;
    let killedAt = -1;
    const startedAt = Date.now();
    let killedAfterS = 0;
    const figures = await Promise.all(
      classes.map((cls, i) =>
        runBots({
          url: entry.url,
          code: cls.code,
          count: PER_CLASS,
          namePrefix: `c${i}`,
          policy: 'hard',
          scenario: () => scenario,
          retryMs: 90_000,
          timeoutMs: 240_000,
          onAck: () => {
            if (++acknowledged === PER_CLASS * CLASSES && killedAt < 0) {
              killedAt = acknowledged;
              killedAfterS = (Date.now() - startedAt) / 1000;
              process.kill(victim!.child.pid!, 'SIGKILL');
            }
          },
        }),
      ),
    );
    console.log(`fault test: ${CLASSES * PER_CLASS} students, ${onVictim.length} of ${CLASSES} classes on the killed process; killed after ${killedAfterS.toFixed(1)} s, every bot done after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    expect(victim!.child.signalCode).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThan(0);
    for (const f of figures) {
      expect(f.failures).toEqual([]);
      expect(f).toMatchObject({ rejected: 0, botsFinished: PER_CLASS, badMessages: 0 });
    }
    // The students of the killed process's classes came back (on another process).
    for (const cls of onVictim) expect(figures[classes.indexOf(cls)]!.rejoins).toBeGreaterThan(0);
    const after = await roomPorts();
    for (const cls of onVictim) expect(after.get(cls.code)).not.toBe(victim!.port);
    for (const [i, cls] of classes.entries()) expectExportMatches(await exportOf(entry, cls), [figures[i]!], PER_CLASS / 2);
    for (const p of procs) await stopServer(p);
  });

  it('PostgreSQL unreachable for 10 s: a move is refused with "try again", not acknowledged and lost; sent again after, it is kept once', { timeout: 120_000 }, async () => {
    const [one] = await startProcesses(1);
    const cls = await createClass(one!);
    const us = await Probe.join(one!.url, { role: 'student', code: cls.code, name: 'Ana' });
    const china = await Probe.join(one!.url, { role: 'student', code: cls.code, name: 'Bo' });
    await us.next('table');
    await china.next('table');
    await postgres!.stop();
    const downAt = Date.now();
    us.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await us.next('problem', (m) => m.about === 'move')).toMatchObject({ message: expect.stringMatching(/try again/) });
    expect(us.messages.filter((m) => m.type === 'moveResult')).toEqual([]);
    await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - downAt))));
    await postgres!.start();
    us.room.send('move', { index: 0, move: { type: 'hold', side: 'us' } });
    expect(await us.next('moveResult')).toEqual({ ok: true, index: 0, duplicate: false });
    expect(await china.next('moved')).toEqual({ table: 0, index: 0, move: { type: 'hold', side: 'us' }, by: 'student' });
    const data = await exportOf(one!, cls);
    expect(data.games[0]!.moves).toEqual([{ type: 'hold', side: 'us' }]);
    await us.room.leave();
    await china.room.leave();
    await stopServer(one!);
  });

  it('Redis restarted mid-class: every game still finishes, every acknowledged move kept once', { timeout: 180_000 }, async () => {
    const [one, two] = await startProcesses(2);
    const cls = await createClass(one!);
    let restarted: Promise<void> | null = null;
    const common = { code: cls.code, count: 4, policy: 'hard' as const, scenario: () => scenario, retryMs: 60_000, timeoutMs: 150_000 };
    let acks = 0;
    const onAck = () => {
      if (++acks === 6 && !restarted) restarted = redis!.stop().then(() => new Promise((r) => setTimeout(r, 1000))).then(() => redis!.start());
    };
    const figures = await Promise.all([runBots({ ...common, url: one!.url, namePrefix: 'one', onAck }), runBots({ ...common, url: two!.url, namePrefix: 'two', onAck })]);
    expect(restarted).not.toBeNull();
    await restarted;
    for (const f of figures) {
      expect(f.failures).toEqual([]);
      expect(f).toMatchObject({ rejected: 0, botsFinished: 4, badMessages: 0 });
    }
    expectExportMatches(await exportOf(two!, cls), figures, 4);
    for (const s of [one!, two!]) await stopServer(s);
  });
});
