/**
 * The storage the session writes to. The browser passes `window.localStorage`; tests pass a
 * `MemoryStorage`. Every method may throw (a browser with storage disabled throws SecurityError,
 * a full one QuotaExceededError): callers catch and report, they never let it crash the game.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** An in-memory storage, for tests and for browsers where localStorage is unavailable. */
export class MemoryStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  /** Keys whose writes fail, to test a full or read-only storage. */
  readonly failWrites = new Set<string>();
  failReads = false;

  getItem(key: string): string | null {
    if (this.failReads) throw new Error('storage is not readable');
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites.has(key) || this.failWrites.has('*')) throw new Error('storage is full');
    this.data.set(key, String(value));
  }

  removeItem(key: string): void {
    this.data.delete(key);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
