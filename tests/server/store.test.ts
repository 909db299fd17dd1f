import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore, SCHEMA_VERSION } from '../../src/server/pg-store';
import { SqliteStore } from '../../src/server/sqlite-store';
import { storeContract } from './store-contract';
import { servicesPresent, startPostgres, type Postgres } from './services';

/** The one store contract, run against SQLite and against a private PostgreSQL. */

storeContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bc-store-'));
  const store = new SqliteStore(join(dir, 'classes.sqlite'));
  return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
});

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
    const store = await PgStore.open(await freshDatabase());
    return { store, dispose: () => store.close() };
  });

  it('creates the schema once, records its version, and opens again without change', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([PgStore.open(url), PgStore.open(url)]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const version = await client.query<{ version: number }>('SELECT version FROM schema_version');
    expect(version.rows).toEqual([{ version: SCHEMA_VERSION }]);
    await client.query('UPDATE schema_version SET version = $1', [SCHEMA_VERSION + 1]);
    await expect(PgStore.open(url)).rejects.toThrow(/newer than this server knows/);
    await client.end();
    await a.close();
    await b.close();
  });
});
