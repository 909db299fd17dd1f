import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { MemoryLimiter, type AddressLimiter } from './classes';
import { readSqliteSync, serviceFailure, sqliteFailure } from './host-settings';
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
  // main.ts has refused a value it does not know.
  const sync = readSqliteSync(process.env.SQLITE_SYNC);
  try {
    return new SqliteStore(file, sync.ok ? sync.value : 'NORMAL');
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

/**
 * A limit counted in Redis, shared by every process with the same REDIS_URL: each address's
 * events are a sorted set (score: the time) under `bc:limit:NAME:ADDRESS`, expiring with the
 * window. While Redis cannot be reached, this process counts in memory instead, so the limit
 * still holds (per process) and no one is refused for Redis' sake.
 */
export class RedisLimiter implements AddressLimiter {
  private readonly local: MemoryLimiter;

  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    max = 10,
    windowMs = 60_000,
  ) {
    this.local = new MemoryLimiter(max, windowMs);
  }

  private key(address: string): string {
    return `bc:limit:${this.name}:${address}`;
  }

  async blocked(address: string, now: number): Promise<boolean> {
    const key = this.key(address);
    try {
      const replies = await this.redis.multi().zremrangebyscore(key, '-inf', now - this.local.windowMs).zcard(key).exec();
      const [error, n] = replies?.[1] ?? [new Error('no reply')];
      if (error) throw error;
      return Number(n) >= this.local.max || (await this.local.blocked(address, now));
    } catch {
      return this.local.blocked(address, now);
    }
  }

  async count(address: string, now: number): Promise<void> {
    const key = this.key(address);
    try {
      const replies = await this.redis.multi().zadd(key, now, `${now}:${randomUUID()}`).pexpire(key, this.local.windowMs).exec();
      const failed = replies?.find(([error]) => error);
      if (!replies || failed) throw failed?.[0] ?? new Error('no reply');
    } catch {
      await this.local.count(address, now);
    }
  }
}

/**
 * The guess limit and the limit on classes made: in Redis with a REDIS_URL (several processes
 * count together), else in this process. `close` lets go of the Redis connection.
 */
export function openLimiters(redisUrl: string | undefined, classesPerHour: number): { guesses: AddressLimiter; creations: AddressLimiter; close(): void } {
  if (!redisUrl) return { guesses: new MemoryLimiter(), creations: new MemoryLimiter(classesPerHour, 3_600_000), close: () => undefined };
  // Fails fast while Redis is away (the limiters then count in memory), and quietly: ioredis
  // printed each failed reconnection with a stack trace unless the error is listened to.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  return { guesses: new RedisLimiter(redis, 'guesses'), creations: new RedisLimiter(redis, 'classes', classesPerHour, 3_600_000), close: () => redis.disconnect() };
}
