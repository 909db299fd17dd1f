import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { join } from 'node:path';
import { PgStore } from './pg-store';
import { SqliteStore } from './sqlite-store';
import type { ClassStore } from './store';

/**
 * Hosting many classes (issue 14): with DATABASE_URL the classes go to PostgreSQL instead of the
 * SQLite file; with REDIS_URL several server processes share Colyseus' matchmaker through Redis
 * (its own presence and driver), each reached at its own public address. Without either nothing
 * changes: one process, one SQLite file.
 */

export interface ScaleSettings {
  databaseUrl?: string;
  redisUrl?: string;
  /** host:port at which clients reach this process (the seat reservation names it). */
  publicAddress?: string;
}

export function openStore(dataDir: string, databaseUrl: string | undefined): Promise<ClassStore> {
  return databaseUrl ? PgStore.open(databaseUrl) : Promise.resolve(new SqliteStore(join(dataDir, 'classes.sqlite'), process.env.SQLITE_SYNC === 'FULL' ? 'FULL' : 'NORMAL'));
}

/** Colyseus server options for several processes, or none for one. */
export function sharedMatchmaker(settings: ScaleSettings): { presence: RedisPresence; driver: RedisDriver; publicAddress?: string } | Record<string, never> {
  if (!settings.redisUrl) return {};
  return {
    presence: new RedisPresence(settings.redisUrl),
    driver: new RedisDriver(settings.redisUrl),
    ...(settings.publicAddress ? { publicAddress: settings.publicAddress } : {}),
  };
}
