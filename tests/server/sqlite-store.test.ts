import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/server/sqlite-store';
import { storeContract } from './store-contract';

storeContract('SQLite (file)', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bc-store-')), 'data', 'classes.sqlite');
  return { store: new SqliteStore(file), reopen: async () => new SqliteStore(file) };
});
storeContract('SQLite (file, FULL sync)', async () => ({ store: new SqliteStore(join(mkdtempSync(join(tmpdir(), 'bc-store-')), 'c.sqlite'), 'FULL') }));
storeContract('SQLite (in memory)', async () => ({ store: new SqliteStore(':memory:') }));

describe('a SQLite file made before classes kept their last activity', () => {
  it('gets the column, each class’s activity read from its records (creation, moves, news, seats)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bc-store-')), 'data');
    mkdirSync(dir);
    const file = join(dir, 'classes.sqlite');
    // The schema as it stood before (no active_at), with three classes.
    const old = new Database(file);
    old.exec(`
      CREATE TABLE classes (code TEXT PRIMARY KEY, teacher_key TEXT NOT NULL, config TEXT NOT NULL, scenario_text TEXT NOT NULL, created_at INTEGER NOT NULL, pause TEXT);
      CREATE TABLE seats (code TEXT NOT NULL REFERENCES classes(code), seat TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (code, seat));
      CREATE TABLE moves (code TEXT NOT NULL REFERENCES classes(code), table_id INTEGER NOT NULL, idx INTEGER NOT NULL, move TEXT NOT NULL, by TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (code, table_id, idx));
      CREATE TABLE injects (code TEXT NOT NULL REFERENCES classes(code), idx INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (code, idx));
    `);
    const add = old.prepare("INSERT INTO classes (code, teacher_key, config, scenario_text, created_at) VALUES (?, 'k', '{}', 'id: x', ?)");
    add.run('AAAA2222', 100); // made, never used
    add.run('BBBB3333', 100); // a move at 900
    add.run('CCCC4444', 100); // a student seated at 700, news at 800
    old.prepare("INSERT INTO moves VALUES ('BBBB3333', 0, 0, '{}', 'student', 900)").run();
    old.prepare(`INSERT INTO seats VALUES ('CCCC4444', 't0-us', '{"seat":"t0-us","joinedAt":700}')`).run();
    old.prepare(`INSERT INTO injects VALUES ('CCCC4444', 0, '{"index":0,"at":800}')`).run();
    old.close();

    const store = new SqliteStore(file);
    expect(await store.activeSince(101)).toEqual(['BBBB3333', 'CCCC4444']);
    expect(await store.activeSince(801)).toEqual(['BBBB3333']);
    expect(await store.activeSince(0)).toEqual(['AAAA2222', 'BBBB3333', 'CCCC4444']);
    await store.close();
    // Opened again: nothing to migrate, nothing changed.
    const again = new SqliteStore(file);
    expect(await again.activeSince(801)).toEqual(['BBBB3333']);
    await again.close();
  });
});
