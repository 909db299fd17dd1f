import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLimiters } from '../../src/server/scale';
import { JOIN_CHECK_PATH } from '../../src/session/class/protocol';
import { config, createClass, Probe, startServer, stopServer, tempDirs, type ChildServer } from './helpers';
import { freePort, servicesPresent, startPostgres, startRedis, type Postgres, type Redis } from './services';

/**
 * Two server processes sharing Redis and PostgreSQL, as a host runs them: a student on one and
 * the teacher on the other see each other's moves. And the limits on wrong codes and on classes made, over several processes sharing Redis: each
 * process counted for itself, so behind a host's three processes a device made three times
 * CLASSES_PER_HOUR classes and guessed thirty codes a minute. With REDIS_URL they are counted once,
 * in Redis, whichever process a request reaches.
 */

const present = servicesPresent({ postgres: true, redis: true });
let postgres: Postgres | undefined;
let redis: Redis | undefined;
let one: ChildServer | undefined;
let two: ChildServer | undefined;

/** A request from a device on the network, as a trusted proxy in front names it. */
const from = (device: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': device });

async function make(server: ChildServer, device: string): Promise<number> {
  const response = await fetch(`${server.http}/api/classes`, { method: 'POST', headers: from(device), body: JSON.stringify({ config: config() }) });
  await response.body?.cancel();
  return response.status;
}

async function guess(server: ChildServer, device: string): Promise<string> {
  const response = await fetch(`${server.http}${JOIN_CHECK_PATH}`, { method: 'POST', headers: from(device), body: JSON.stringify({ role: 'student', code: 'ZZZZZZZZ', name: 'Ana' }) });
  return ((await response.json()) as { message?: string }).message ?? 'ok';
}

describe.runIf(present)('the limits over several processes (Redis + PostgreSQL)', () => {
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    const dirs = tempDirs();
    const env = { REDIS_URL: redis.url, DATABASE_URL: postgres.url, PUBLIC_HOST: '127.0.0.1', TRUST_PROXY: '1', CLASSES_PER_HOUR: '3' };
    [one, two] = await Promise.all([startServer(dirs, await freePort(), env), startServer(dirs, await freePort(), env)]);
  }, 90_000);
  afterAll(async () => {
    for (const s of [one, two]) if (s) await stopServer(s);
    await redis?.destroy();
    await postgres?.destroy();
  });

  it('a student entering through one process and the teacher through the other see each other’s moves', async () => {
    const cls = await createClass(one!);
    const student = await Probe.joinOrCreate(one!.url, { role: 'student', code: cls.code, name: 'Ana' });
    const teacher = await Probe.joinOrCreate(two!.url, { role: 'teacher', code: cls.code, teacherKey: cls.teacherKey });
    await teacher.next('dashboard', (d: { waiting: unknown[] }) => d.waiting.length === 1);
    teacher.room.send('teacherAction', { action: 'fillWithAi', seat: 't0-china', difficulty: 'easy' });
    expect((await student.next<{ seats: { name: string }[] }>('table', (t: { seats: unknown[] }) => t.seats.length === 2)).seats.map((s) => s.name)).toEqual(['Ana', 'AI (easy)']);
    student.room.send('move', { index: 0, move: { type: 'walkout', side: 'us' } });
    await student.next('moveResult', (m) => m.ok === true);
    const dashboard = await teacher.next<{ finished: number; tables: { outcome: string | null }[] }>('dashboard', (d: { finished: number }) => d.finished === 1);
    expect(dashboard.tables[0]!.outcome).toBe('walkout');
    for (const p of [student, teacher]) await p.room.leave();
  });

  it('CLASSES_PER_HOUR counts a device’s classes made through every process together', async () => {
    expect(await make(one!, '10.0.0.1')).toBe(201);
    expect(await make(two!, '10.0.0.1')).toBe(201);
    expect(await make(one!, '10.0.0.1')).toBe(201);
    expect(await make(two!, '10.0.0.1')).toBe(429);
    expect(await make(one!, '10.0.0.1')).toBe(429);
    expect(await make(two!, '10.0.0.2')).toBe(201);
  });

  it('ten wrong codes a minute from one device, wherever they arrive, then every process refuses it', async () => {
    for (let i = 0; i < 10; i++) expect(await guess(i % 2 === 0 ? one! : two!, '10.0.1.1')).toMatch(/no class has the code/);
    expect(await guess(one!, '10.0.1.1')).toMatch(/too many attempts/);
    expect(await guess(two!, '10.0.1.1')).toMatch(/too many attempts/);
    expect(await guess(two!, '10.0.1.2')).toMatch(/no class has the code/);
  });
});

describe('a limit counted in Redis while Redis cannot be reached', () => {
  it('is counted in this process instead: still a limit, and no one is refused for Redis’ sake', async () => {
    const limiters = openLimiters(`redis://127.0.0.1:${await freePort()}`, 2);
    try {
      expect(await limiters.creations.blocked('10.0.0.1', 0)).toBe(false);
      await limiters.creations.count('10.0.0.1', 0);
      await limiters.creations.count('10.0.0.1', 1);
      expect(await limiters.creations.blocked('10.0.0.1', 2)).toBe(true);
      expect(await limiters.creations.blocked('10.0.0.2', 2)).toBe(false);
      expect(await limiters.creations.blocked('10.0.0.1', 3_600_001)).toBe(false);
    } finally {
      limiters.close();
    }
  });
});
