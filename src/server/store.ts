import type { ClassRecord, InjectRecord, MoveRecord, PauseRecord, SeatRecord } from '../session/class/model';

/**
 * Where classes are kept: everything a class needs to come back after a restart. The room
 * writes each operation's records (src/session/class/model.ts's `Changes`) with `commit` and only
 * then answers anyone, so an acknowledged move is on disk. A move is keyed by (class, table,
 * index): storing one twice is refused, which is how a retried or replayed move can never be
 * applied twice. Asynchronous, so a store over the network (PostgreSQL, issue 14) fits the same
 * interface; tests/server/store-contract.ts is the suite every store must pass.
 */

export interface ClassData {
  seats: SeatRecord[];
  moves: MoveRecord[];
  injects: InjectRecord[];
  pause: PauseRecord | null;
}

export interface ClassStore {
  /** Refuses a code already used (the caller draws another). */
  createClass(record: ClassRecord): Promise<void>;
  findClass(code: string): Promise<ClassRecord | undefined>;
  /** How many classes the store holds. */
  countClasses(): Promise<number>;
  /**
   * The codes of the classes last active at or after `since` (ms since 1970; a class's activity is
   * its creation, or the latest `touch`), oldest first: those reopened when the server starts.
   */
  activeSince(since: number): Promise<string[]>;
  /** Someone used the class at `at` (a join, a committed change): its last activity becomes `at` unless later already. */
  touch(code: string, at: number): Promise<void>;
  load(code: string): Promise<ClassData>;
  /** All of one operation's records in one transaction: seats upserted, moves and injects inserted (a move already stored fails the whole commit), pause replaced. */
  commit(code: string, changes: { seats: SeatRecord[]; moves: MoveRecord[]; injects: InjectRecord[]; pause: PauseRecord | null }): Promise<void>;
  close(): Promise<void>;
  /**
   * Several processes (a store they share): hold the class for this process, so that only one
   * room anywhere plays it. Resolves to a release, or null if another process holds it. The
   * hold ends by itself when the holding process dies, and is kept across a restart of the
   * store; `lost` is called if another process took the class meanwhile. A store only one
   * process uses has none.
   */
  claim?(code: string, lost?: () => void): Promise<(() => Promise<void>) | null>;
}

export class DuplicateMoveError extends Error {
  constructor(readonly code: string, readonly table: number, readonly index: number) {
    super(`class ${code}, table ${table}: move ${index} is already stored`);
    this.name = 'DuplicateMoveError';
  }
}

export class DuplicateClassError extends Error {
  constructor(readonly code: string) {
    super(`a class with the code ${code} already exists`);
    this.name = 'DuplicateClassError';
  }
}

/** The store could not be reached (a database over the network down or restarting): nothing was recorded, the caller may try again. */
export class StoreUnavailableError extends Error {
  constructor(readonly reason: unknown) {
    super(`the class records cannot be reached just now (${reason instanceof Error ? reason.message : String(reason)}); nothing was recorded`);
    this.name = 'StoreUnavailableError';
  }
}

/** Another server process holds this class's room (see ClassStore.claim): the room is there, not here. */
export class HeldElsewhereError extends Error {
  constructor(readonly code: string) {
    super(`class ${code} is being opened by another server process: try again`);
    this.name = 'HeldElsewhereError';
  }
}
