import pg from 'pg';
import type { ClassRecord, InjectRecord, MoveRecord, PauseRecord, SeatRecord } from '../session/class/model';
import { DuplicateClassError, DuplicateMoveError, StoreUnavailableError, type ClassData, type ClassStore } from './store';

/**
 * The class store in PostgreSQL (`pg`), for a school hosting many classes over several server
 * processes (DATABASE_URL). Same tables as the SQLite store; each commit is one transaction, so
 * a move is acknowledged only once PostgreSQL has it. The schema is created, and migrated from
 * older versions, by `PgStore.open` under an advisory lock, so processes starting together do
 * not race. Rows hold JSON the server wrote itself; parsed back without further checks.
 */

/** Migrations in order: index i takes the schema from version i to i + 1. */
const MIGRATIONS: string[] = [
  `CREATE TABLE classes (
     code TEXT PRIMARY KEY,
     teacher_key TEXT NOT NULL,
     config TEXT NOT NULL,
     scenario_text TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     pause TEXT
   );
   CREATE TABLE seats (
     code TEXT NOT NULL REFERENCES classes(code),
     seat TEXT NOT NULL,
     ord BIGSERIAL,
     data TEXT NOT NULL,
     PRIMARY KEY (code, seat)
   );
   CREATE TABLE moves (
     code TEXT NOT NULL REFERENCES classes(code),
     table_id INTEGER NOT NULL,
     idx INTEGER NOT NULL,
     move TEXT NOT NULL,
     by TEXT NOT NULL,
     at BIGINT NOT NULL,
     PRIMARY KEY (code, table_id, idx)
   );
   CREATE TABLE injects (
     code TEXT NOT NULL REFERENCES classes(code),
     idx INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (code, idx)
   );`,
  // Each class's last activity, read at start-up to reopen only the classes in use; filled in
  // from the records a class has (its creation, its latest move, news item or seat).
  `ALTER TABLE classes ADD COLUMN active_at BIGINT;
   UPDATE classes SET active_at = GREATEST(
     created_at,
     (SELECT max(at) FROM moves m WHERE m.code = classes.code),
     (SELECT max((data::json->>'at')::bigint) FROM injects i WHERE i.code = classes.code),
     (SELECT max((data::json->>'joinedAt')::bigint) FROM seats s WHERE s.code = classes.code)
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Any number: the key of the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 140_2026;

interface ClassRow {
  code: string;
  teacher_key: string;
  config: string;
  scenario_text: string;
  created_at: string;
  pause: string | null;
}

/** Errors that mean "the database could not be reached", as opposed to a refused statement. */
function unreachable(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code) ||
    code.startsWith('08') || // connection exceptions
    code === '57P01' || code === '57P02' || code === '57P03' || // admin shutdown, crash shutdown, cannot connect now
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message)
  );
}

/** The first key of the advisory locks that say which process holds a class's room. */
const CLASS_LOCKS = 14;

export class PgStore implements ClassStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  /** Connects, creates or migrates the schema, and returns the store. */
  static async open(url: string): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PgStore(pool, url);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const row = await client.query<{ version: number }>('SELECT version FROM schema_version');
      let version = row.rows[0]?.version ?? 0;
      if (row.rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)');
      if (version > SCHEMA_VERSION) throw new Error(`the database's schema is version ${version}, newer than this server knows (${SCHEMA_VERSION}): update the server`);
      for (; version < SCHEMA_VERSION; version++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[version]!);
          await client.query('UPDATE schema_version SET version = $1', [version + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  private static record(row: ClassRow): ClassRecord {
    return { code: row.code, teacherKey: row.teacher_key, config: JSON.parse(row.config) as ClassRecord['config'], scenarioText: row.scenario_text, createdAt: Number(row.created_at) };
  }

  /** A query whose failure to reach the database is reported as StoreUnavailableError. */
  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      if (unreachable(error)) throw new StoreUnavailableError(error);
      throw error;
    }
  }

  async createClass(r: ClassRecord): Promise<void> {
    try {
      await this.query('INSERT INTO classes (code, teacher_key, config, scenario_text, created_at) VALUES ($1, $2, $3, $4, $5)', [r.code, r.teacherKey, JSON.stringify(r.config), r.scenarioText, r.createdAt]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DuplicateClassError(r.code);
      throw error;
    }
  }

  async findClass(code: string): Promise<ClassRecord | undefined> {
    const result = await this.query<ClassRow>('SELECT * FROM classes WHERE code = $1', [code]);
    const row = result.rows[0];
    return row && PgStore.record(row);
  }

  async countClasses(): Promise<number> {
    const result = await this.query<{ n: string }>('SELECT count(*) AS n FROM classes', []);
    return Number(result.rows[0]?.n ?? 0);
  }

  async activeSince(since: number): Promise<string[]> {
    const result = await this.query<{ code: string }>('SELECT code FROM classes WHERE coalesce(active_at, created_at) >= $1 ORDER BY created_at, code', [since]);
    return result.rows.map((r) => r.code);
  }

  async touch(code: string, at: number): Promise<void> {
    await this.query('UPDATE classes SET active_at = GREATEST(coalesce(active_at, created_at), $1) WHERE code = $2', [at, code]);
  }

  async load(code: string): Promise<ClassData> {
    const [cls, seats, moves, injects] = await Promise.all([
      this.query<{ pause: string | null }>('SELECT pause FROM classes WHERE code = $1', [code]),
      this.query<{ data: string }>('SELECT data FROM seats WHERE code = $1 ORDER BY ord', [code]),
      this.query<{ table_id: number; idx: number; move: string; by: string; at: string }>('SELECT table_id, idx, move, by, at FROM moves WHERE code = $1 ORDER BY table_id, idx', [code]),
      this.query<{ data: string }>('SELECT data FROM injects WHERE code = $1 ORDER BY idx', [code]),
    ]);
    const pause = cls.rows[0]?.pause;
    return {
      seats: seats.rows.map((r) => JSON.parse(r.data) as SeatRecord),
      moves: moves.rows.map((r) => ({ table: r.table_id, index: r.idx, move: JSON.parse(r.move) as MoveRecord['move'], by: r.by as MoveRecord['by'], at: Number(r.at) })),
      injects: injects.rows.map((r) => JSON.parse(r.data) as InjectRecord),
      pause: pause ? (JSON.parse(pause) as PauseRecord) : null,
    };
  }

  async commit(code: string, changes: { seats: SeatRecord[]; moves: MoveRecord[]; injects: InjectRecord[]; pause: PauseRecord | null }): Promise<void> {
    if (changes.seats.length + changes.moves.length + changes.injects.length === 0 && !changes.pause) return;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      for (const s of changes.seats)
        await client.query('INSERT INTO seats (code, seat, data) VALUES ($1, $2, $3) ON CONFLICT (code, seat) DO UPDATE SET data = excluded.data', [code, s.seat, JSON.stringify(s)]);
      for (const m of changes.moves) {
        try {
          await client.query('INSERT INTO moves (code, table_id, idx, move, by, at) VALUES ($1, $2, $3, $4, $5, $6)', [code, m.table, m.index, JSON.stringify(m.move), m.by, m.at]);
        } catch (error) {
          if ((error as { code?: string }).code === '23505') throw new DuplicateMoveError(code, m.table, m.index);
          throw error;
        }
      }
      for (const i of changes.injects) await client.query('INSERT INTO injects (code, idx, data) VALUES ($1, $2, $3)', [code, i.index, JSON.stringify(i)]);
      if (changes.pause) await client.query('UPDATE classes SET pause = $1 WHERE code = $2', [JSON.stringify(changes.pause), code]);
      await client.query('COMMIT');
    } catch (error) {
      if (unreachable(error)) {
        broken = true;
        throw new StoreUnavailableError(error);
      }
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * A session-level advisory lock on a connection of its own, kept while the room lives: when the
   * process dies its connection closes and PostgreSQL lets the lock go, so another process can
   * rebuild the class. One connection per class held (count them against max_connections).
   * A session's locks vanish with the session, so when PostgreSQL restarts (or the connection
   * drops) the lock is taken again on a new connection, retried until PostgreSQL answers; if
   * another process took the class meanwhile, `lost` is called (the room closes, its students
   * rejoin the holder).
   */
  async claim(code: string, lost: () => void = () => undefined): Promise<(() => Promise<void>) | null> {
    const lock = async (): Promise<pg.Client | null> => {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const result = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS held', [CLASS_LOCKS, code]);
        if (result.rows[0]?.held) return client;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (unreachable(error)) throw new StoreUnavailableError(error);
        throw error;
      }
      await client.end().catch(() => undefined);
      return null;
    };
    let held = await lock();
    if (!held) return null;
    let released = false;
    const watch = (client: pg.Client) => {
      client.once('end', () => {
        if (released || held !== client) return;
        void relock();
      });
    };
    const relock = async () => {
      for (let pause = 100; !released; pause = Math.min(2000, pause * 2)) {
        try {
          const again = await lock();
          if (released) {
            await again?.end().catch(() => undefined);
            return;
          }
          if (!again) {
            lost();
            return;
          }
          held = again;
          watch(again);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, pause));
        }
      }
    };
    watch(held);
    return async () => {
      released = true;
      await held?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
