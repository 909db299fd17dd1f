import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ClassRecord, InjectRecord, MoveRecord, PauseRecord, SeatRecord } from '../session/class/model';
import { DuplicateClassError, DuplicateMoveError, type ClassData, type ClassStore } from './store';

/**
 * The class store in SQLite (better-sqlite3): one file, WAL mode. A commit is written to the
 * WAL (handed to the operating system) before it returns, so it survives the process being
 * killed (`kill -9`). `synchronous` is NORMAL by default: better-sqlite3 is synchronous, so an
 * fsync per move (FULL) stalls the whole server for every move of every table (measured: move
 * round trips of seconds with 300 students); NORMAL syncs at checkpoints, and only a crash of
 * the machine itself can lose the last moments. SQLITE_SYNC=FULL asks for the fsync per commit.
 * Rows hold JSON written by the server itself; they are parsed back without further checks.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS classes (
  code TEXT PRIMARY KEY,
  teacher_key TEXT NOT NULL,
  config TEXT NOT NULL,
  scenario_text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  pause TEXT,
  active_at INTEGER
);
CREATE TABLE IF NOT EXISTS seats (
  code TEXT NOT NULL REFERENCES classes(code),
  seat TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (code, seat)
);
CREATE TABLE IF NOT EXISTS moves (
  code TEXT NOT NULL REFERENCES classes(code),
  table_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  move TEXT NOT NULL,
  by TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (code, table_id, idx)
);
CREATE TABLE IF NOT EXISTS injects (
  code TEXT NOT NULL REFERENCES classes(code),
  idx INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (code, idx)
);
`;

/**
 * A file made before classes kept their last activity (`active_at`, read at start-up to reopen
 * only the classes in use): the column is added, and each class's filled in from its records
 * (its creation, its latest move, news item or seat). A row an older server writes afterwards
 * leaves it NULL, read as its creation.
 */
const ADD_ACTIVE_AT = `
ALTER TABLE classes ADD COLUMN active_at INTEGER;
UPDATE classes SET active_at = max(
  created_at,
  coalesce((SELECT max(at) FROM moves m WHERE m.code = classes.code), 0),
  coalesce((SELECT max(json_extract(data, '$.at')) FROM injects i WHERE i.code = classes.code), 0),
  coalesce((SELECT max(json_extract(data, '$.joinedAt')) FROM seats s WHERE s.code = classes.code), 0)
);
`;

interface ClassRow {
  code: string;
  teacher_key: string;
  config: string;
  scenario_text: string;
  created_at: number;
  pause: string | null;
  active_at: number | null;
}

export class SqliteStore implements ClassStore {
  private readonly db: Database.Database;
  private readonly stmts;

  /** `file` is a path (its folder is made if missing) or ':memory:'. */
  constructor(file: string, synchronous: 'NORMAL' | 'FULL' = 'NORMAL') {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(classes)').all();
    if (!columns.some((c) => c.name === 'active_at')) this.db.transaction(() => this.db.exec(ADD_ACTIVE_AT))();
    const db = this.db;
    this.stmts = {
      insertClass: db.prepare('INSERT INTO classes (code, teacher_key, config, scenario_text, created_at) VALUES (?, ?, ?, ?, ?)'),
      findClass: db.prepare<[string], ClassRow>('SELECT * FROM classes WHERE code = ?'),
      countClasses: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM classes'),
      activeSince: db.prepare<[number], { code: string }>('SELECT code FROM classes WHERE coalesce(active_at, created_at) >= ? ORDER BY created_at, code'),
      touch: db.prepare('UPDATE classes SET active_at = max(coalesce(active_at, created_at), ?) WHERE code = ?'),
      seats: db.prepare<[string], { data: string }>('SELECT data FROM seats WHERE code = ? ORDER BY rowid'),
      moves: db.prepare<[string], { table_id: number; idx: number; move: string; by: string; at: number }>('SELECT table_id, idx, move, by, at FROM moves WHERE code = ? ORDER BY table_id, idx'),
      injects: db.prepare<[string], { data: string }>('SELECT data FROM injects WHERE code = ? ORDER BY idx'),
      upsertSeat: db.prepare('INSERT INTO seats (code, seat, data) VALUES (?, ?, ?) ON CONFLICT (code, seat) DO UPDATE SET data = excluded.data'),
      insertMove: db.prepare('INSERT INTO moves (code, table_id, idx, move, by, at) VALUES (?, ?, ?, ?, ?, ?)'),
      insertInject: db.prepare('INSERT INTO injects (code, idx, data) VALUES (?, ?, ?)'),
      setPause: db.prepare('UPDATE classes SET pause = ? WHERE code = ?'),
    };
  }

  private static record(row: ClassRow): ClassRecord {
    return { code: row.code, teacherKey: row.teacher_key, config: JSON.parse(row.config) as ClassRecord['config'], scenarioText: row.scenario_text, createdAt: row.created_at };
  }

  async createClass(r: ClassRecord): Promise<void> {
    try {
      this.stmts.insertClass.run(r.code, r.teacherKey, JSON.stringify(r.config), r.scenarioText, r.createdAt);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateClassError(r.code);
      throw error;
    }
  }

  async findClass(code: string): Promise<ClassRecord | undefined> {
    const row = this.stmts.findClass.get(code);
    return row && SqliteStore.record(row);
  }

  async countClasses(): Promise<number> {
    return this.stmts.countClasses.get()!.n;
  }

  async activeSince(since: number): Promise<string[]> {
    return this.stmts.activeSince.all(since).map((r) => r.code);
  }

  async touch(code: string, at: number): Promise<void> {
    this.stmts.touch.run(at, code);
  }

  async load(code: string): Promise<ClassData> {
    const row = this.stmts.findClass.get(code);
    return {
      seats: this.stmts.seats.all(code).map((r) => JSON.parse(r.data) as SeatRecord),
      moves: this.stmts.moves.all(code).map((r) => ({ table: r.table_id, index: r.idx, move: JSON.parse(r.move) as MoveRecord['move'], by: r.by as MoveRecord['by'], at: r.at })),
      injects: this.stmts.injects.all(code).map((r) => JSON.parse(r.data) as InjectRecord),
      pause: row?.pause ? (JSON.parse(row.pause) as PauseRecord) : null,
    };
  }

  async commit(code: string, changes: { seats: SeatRecord[]; moves: MoveRecord[]; injects: InjectRecord[]; pause: PauseRecord | null }): Promise<void> {
    if (changes.seats.length + changes.moves.length + changes.injects.length === 0 && !changes.pause) return;
    const run = this.db.transaction(() => {
      for (const s of changes.seats) this.stmts.upsertSeat.run(code, s.seat, JSON.stringify(s));
      for (const m of changes.moves) {
        try {
          this.stmts.insertMove.run(code, m.table, m.index, JSON.stringify(m.move), m.by, m.at);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateMoveError(code, m.table, m.index);
          throw error;
        }
      }
      for (const i of changes.injects) this.stmts.insertInject.run(code, i.index, JSON.stringify(i));
      if (changes.pause) this.stmts.setPause.run(JSON.stringify(changes.pause), code);
    });
    run();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
