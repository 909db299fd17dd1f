import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/server/sqlite-store';
import { storeContract } from './store-contract';

storeContract('SQLite (file)', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bc-store-')), 'data', 'classes.sqlite');
  return { store: new SqliteStore(file), reopen: async () => new SqliteStore(file) };
});
storeContract('SQLite (file, FULL sync)', async () => ({ store: new SqliteStore(join(mkdtempSync(join(tmpdir(), 'bc-store-')), 'c.sqlite'), 'FULL') }));
storeContract('SQLite (in memory)', async () => ({ store: new SqliteStore(':memory:') }));
