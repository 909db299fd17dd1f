import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBots, type BotFigures } from '../../src/cli/class-bots';
import { classExportSchema } from '../../src/session/class/protocol';
import { createClass, sandbox, startServer, stopServer, tempDirs, type ChildServer } from './helpers';
import { freePort, servicesPresent, startPostgres, startRedis, type Postgres, type Redis } from './services';

/**
 * Several server processes sharing one matchmaker (a private Redis) and one database (a private
 * PostgreSQL): students reach the process holding their class wherever they enter, and a class
 * whose process is killed with kill -9 is rebuilt from the move log by another.
 */

const scenario = sandbox();
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
});
