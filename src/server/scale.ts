import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { serviceFailure, sqliteFailure } from './host-settings';
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

/**
 * The class store: PostgreSQL with a database URL, else the SQLite file in `dataDir`. One that
 * cannot be opened is refused with a message naming the file or the URL (without its password)
 * and what to do, for the host to read in a line: the driver's own ("unable to open database
 * file", "connect ECONNREFUSED 127.0.0.1:5432") named neither the file nor the setting.
 */
export async function openStore(dataDir: string, databaseUrl: string | undefined): Promise<ClassStore> {
  if (databaseUrl) {
    try {
      return await PgStore.open(databaseUrl);
    } catch (error) {
      throw new Error(serviceFailure('DATABASE_URL', serviceUrl(databaseUrl), error), { cause: error });
    }
  }
  const file = join(dataDir, 'classes.sqlite');
  try {
    return new SqliteStore(file, process.env.SQLITE_SYNC === 'FULL' ? 'FULL' : 'NORMAL');
  } catch (error) {
    throw new Error(sqliteFailure(error, file), { cause: error });
  }
}

/** A service URL as given (main.ts checked its shape); one that does not parse is named by its setting alone. */
function serviceUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    return new URL('unknown://(not-a-url)');
  }
}

/**
 * Redis answers, before Colyseus' presence and driver connect to it: they retry forever, each
 * failure printing a stack trace ("[ioredis] Unhandled error event"), and the server then failed
 * with "Reached the max retries per request limit", naming neither Redis nor REDIS_URL.
 */
export async function checkRedis(redisUrl: string, timeoutMs = 5000): Promise<void> {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The connection's own error ("connect ECONNREFUSED …") says more than the command's ("Connection is closed.").
  let cause: unknown;
  client.on('error', (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(serviceFailure('REDIS_URL', serviceUrl(redisUrl), cause ?? error), { cause: error });
  } finally {
    client.disconnect();
  }
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
