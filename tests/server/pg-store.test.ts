import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore, SCHEMA_VERSION } from '../../src/server/pg-store';
import { storeContract } from './store-contract';
import { servicesPresent, startPostgres, type Postgres } from './services';

/** The class store contract (the same suite SQLite passes, tests/server/sqlite-store.test.ts) against a private PostgreSQL. */

const withPostgres = servicesPresent({ postgres: true });
let postgres: Postgres | undefined;
let databases = 0;

/** A fresh database on the private server for each test. */
async function freshDatabase(): Promise<string> {
  const name = `contract_${++databases}`;
  const admin = new pg.Client({ connectionString: postgres!.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return postgres!.url.replace(/\/postgres$/, `/${name}`);
}

describe.runIf(withPostgres)('PostgreSQL', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await postgres?.destroy();
  });

  storeContract('PostgreSQL', async () => {
    const url = await freshDatabase();
    return { store: await PgStore.open(url), reopen: () => PgStore.open(url) };
  });

  it('creates the schema once, records its version, and opens again without change', async () => {
    const url = await freshDatabase();
    const opened = await Promise.all([PgStore.open(url), PgStore.open(url), PgStore.open(url)]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const version = await client.query<{ version: number }>('SELECT version FROM schema_version');
    expect(version.rows).toEqual([{ version: SCHEMA_VERSION }]);
    await client.query('UPDATE schema_version SET version = $1', [SCHEMA_VERSION + 1]);
    await expect(PgStore.open(url)).rejects.toThrow(/newer than this server knows/);
    await client.end();
    for (const store of opened) await store.close();
  });

  it('migrates a database made before classes kept their last activity: each class’s read from its records', async () => {
    const url = await freshDatabase();
    const made = await PgStore.open(url);
    await made.close();
    // The schema as version 1 had it (no active_at), with three classes.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('ALTER TABLE classes DROP COLUMN active_at');
    await client.query('UPDATE schema_version SET version = 1');
    for (const code of ['AAAA2222', 'BBBB3333', 'CCCC4444']) await client.query("INSERT INTO classes (code, teacher_key, config, scenario_text, created_at) VALUES ($1, 'k', '{}', 'id: x', 100)", [code]);
    await client.query("INSERT INTO moves VALUES ('BBBB3333', 0, 0, '{}', 'student', 900)");
    await client.query(`INSERT INTO seats (code, seat, data) VALUES ('CCCC4444', 't0-us', '{"seat":"t0-us","joinedAt":700}')`);
    await client.query(`INSERT INTO injects VALUES ('CCCC4444', 0, '{"index":0,"at":800}')`);
    const store = await PgStore.open(url);
    expect((await client.query<{ version: number }>('SELECT version FROM schema_version')).rows).toEqual([{ version: SCHEMA_VERSION }]);
    await client.end();
    expect(await store.activeSince(101)).toEqual(['BBBB3333', 'CCCC4444']);
    expect(await store.activeSince(801)).toEqual(['BBBB3333']);
    expect(await store.activeSince(0)).toEqual(['AAAA2222', 'BBBB3333', 'CCCC4444']);
    await store.close();
  });

  it('lets one process at a time hold a class (the room’s advisory lock), and another once it is released', async () => {
    const url = await freshDatabase();
    // Only one process plays a class: a second claim is refused until the first is released.
    const c = await PgStore.open(url);
    const d = await PgStore.open(url);
    const held = await c.claim('AAAA2222');
    expect(held).not.toBeNull();
    expect(await d.claim('AAAA2222')).toBeNull();
    await held!();
    const again = await d.claim('AAAA2222');
    expect(again).not.toBeNull();
    await again!();
    await c.close();
    await d.close();
  });

  it('takes a class’s lock again after PostgreSQL restarts (a session’s locks vanish with it), so a second process still cannot open the class', { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    const c = await PgStore.open(url);
    const d = await PgStore.open(url);
    let lost = 0;
    const held = await c.claim('BBBB3333', () => lost++);
    expect(held).not.toBeNull();
    await postgres!.stop();
    await postgres!.start();
    // The holder's connection closed with the restart; until it has locked again a second claim could win, so wait for it.
    const until = Date.now() + 20_000;
    for (;;) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const locks = await admin.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted");
      await admin.end();
      if (Number(locks.rows[0]!.n) === 1) break;
      expect(Date.now()).toBeLessThan(until);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await d.claim('BBBB3333')).toBeNull();
    expect(lost).toBe(0);
    // Released, the class can be taken by the other process.
    await held!();
    const again = await d.claim('BBBB3333');
    expect(again).not.toBeNull();
    await again!();
    await c.close();
    await d.close();
  });

  it('tells the holder it lost the class when its connection dropped and another process took the class meanwhile', { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    const c = await PgStore.open(url);
    let lost = 0;
    const held = await c.claim('CCCC4444', () => lost++);
    expect(held).not.toBeNull();
    // Another session ends the holder's connection and waits for the lock in the same breath: it
    // has it before the holder is connected again.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = hashtext('CCCC4444')::oid");
    await other.query('SELECT pg_advisory_lock(14, hashtext($1))', ['CCCC4444']);
    const until = Date.now() + 20_000;
    while (lost === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(lost).toBe(1);
    await other.end();
    await held!();
    await c.close();
  });
});
