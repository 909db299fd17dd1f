import { defineRoom, defineServer, matchMaker, type Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { webcrypto } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { negotiators } from '../session/ai';
import { CLASS_ROOM, RECONNECT_SECONDS } from '../session/class/protocol';
import { ClassService } from './classes';
import { pinClientAddresses } from './client-address';
import { apiHandler, setRoomOpener, staticHandler } from './http';
import { ClassRoom, context, IDLE_CLOSE_MS } from './room';
import { DEFAULT_CLASSES_PER_HOUR, listenFailure } from './host-settings';
import { checkRedis, openLimiters, openStore, sharedMatchmaker, type ScaleSettings } from './scale';
import { HeldElsewhereError, type ClassStore } from './store';

/**
 * The class server: one process, one port, serving the built game, the class API and the class
 * rooms. A class outlives the process: the classes active in the last REOPEN_ACTIVE_WITHIN_MS get
 * their rooms back on start (a lesson under way when the computer restarted goes on at once), and
 * every other class is rebuilt from the store when someone joins it. A room no one has used for
 * IDLE_CLOSE_MS closes (room.ts), so the server's memory holds the classes in use, not every class
 * ever made.
 */

/** A class with activity (its creation, a join, a move) this recently gets its room back when the server starts. */
export const REOPEN_ACTIVE_WITHIN_MS = 12 * 3_600_000;

export interface ClassServerOptions {
  port: number;
  host?: string;
  /** Where the SQLite file lives (classes.sqlite). */
  dataDir: string;
  /** The built game (vite build output). */
  distDir: string;
  store?: ClassStore;
  /** PostgreSQL and Redis for many processes (src/server/scale.ts); none by default. */
  scale?: ScaleSettings;
  /** A reverse proxy in front sets X-Forwarded-For / X-Real-IP: count guesses by them (see client-address.ts). */
  trustProxy?: boolean;
  /** Classes one address other than this computer's own may make in an hour (CLASSES_PER_HOUR; 20 by default). */
  classesPerHour?: number;
  /** Classes active this recently are reopened at start (REOPEN_ACTIVE_WITHIN_MS by default). */
  reopenActiveWithinMs?: number;
  /** A room with no one connected and nothing happening for this long closes (IDLE_CLOSE_MS by default). */
  idleCloseMs?: number;
  /** How often a room checks whether it is idle (a quarter of idleCloseMs, at most a minute, by default). */
  idleCheckMs?: number;
  /** How long a dropped connection may come back to its seat (RECONNECT_SECONDS by default). */
  reconnectSeconds?: number;
  /** The server's clock (Date.now by default): tests move it on to stand for hours of a class. */
  now?: () => number;
}

export interface RunningServer {
  port: number;
  server: Server;
  service: ClassService;
  close(): Promise<void>;
}

/**
 * @colyseus/core 0.18 declares Node 22 and reads the global WebSocket's OPEN constant when a
 * client reconnects (Room.mjs, `client.readyState !== WebSocket.OPEN`); Node 20 has no global
 * WebSocket, so every reconnection failed with "WebSocket is not defined". Its value is fixed by
 * the WebSocket standard (1), the same in the `ws` package the transport uses.
 */
function provideWebSocketConstants(): void {
  const g = globalThis as { WebSocket?: unknown };
  if (g.WebSocket === undefined) g.WebSocket = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 };
}

/**
 * The largest message a client may send, in bytes: a connection sending more is closed (1009,
 * "message too big") before it is read. The largest legal message, a move or a draft naming every
 * issue of a scenario at the limits, takes under 3.5 KB; Colyseus' default, stated here.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024;

/**
 * The WebSocket transport, its limit stated, and each connection's protocol errors (a message over
 * the limit, a frame that is not WebSocket's) logged in one line: the transport printed each one's
 * stack trace, so any page could fill the host's terminal with them.
 */
class ClassTransport extends WebSocketTransport {
  constructor(http: ReturnType<typeof createServer>) {
    super({ server: http, maxPayload: MAX_MESSAGE_BYTES });
    // After the transport's own 'connection' listener, which gives the socket its printing 'error' listener.
    this.wss.on('connection', (socket: { removeAllListeners(e: 'error'): void; on(e: 'error', f: (error: Error) => void): void }, req: IncomingMessage) => {
      socket.removeAllListeners('error');
      socket.on('error', (error: Error) => console.error(`class server: closed a connection from ${req.socket.remoteAddress ?? 'an unknown address'}: ${error.message}`));
    });
  }
}

/** One log entry on one line: a line break or other control character in it (text a request chose, a stack) is written escaped, so no one can add lines to the host's log. */
export function logLine(args: unknown[]): string {
  const text = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : (JSON.stringify(a) ?? String(a)))).join(' ');
  // eslint-disable-next-line no-control-regex -- the control characters are what is escaped
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * Colyseus' log. Its `info` lines are hints for a developer, in two lines with emoji ("room
 * \"…\" has been disposed. Did you miss .allowReconnection()?"), written for any request that
 * names a room that is gone, quoting the id the request chose: anyone could write into the host's
 * log. They are dropped; warnings and errors are kept, each on one line.
 */
export const colyseusLogger = {
  debug: (): void => undefined,
  trace: (): void => undefined,
  info: (): void => undefined,
  warn: (...args: unknown[]): void => console.warn(logLine(args)),
  error: (...args: unknown[]): void => console.error(logLine(args)),
};

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Colyseus' `listen` settles only once the port is listening: when it cannot be (in use, a port
 * this user may not take, a HOST that is not this computer's), the transport printed the error's
 * stack trace and the promise never settled, so `npm run serve` hung with a stack on the screen.
 * Here the HTTP server's first error rejects; the transport's printing listener is replaced by a
 * one-line log for errors after the start.
 */
function listen(server: Server, http: ReturnType<typeof createServer>, port: number, host: string | undefined): Promise<void> {
  http.removeAllListeners('error');
  return new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    http.once('error', failed);
    server.listen(port, host).then(() => {
      http.off('error', failed);
      http.on('error', (error: Error) => console.error(`serve: the HTTP server: ${error.message}`));
      resolve();
    }, reject);
  });
}

/** The start-up's account of the classes: how many got their rooms back, how many wait for a join. */
export function startupLine(reopened: number, closed: number, withinMs: number): string {
  const n = (k: number) => `${k} ${k === 1 ? 'class' : 'classes'}`;
  const hours = withinMs / 3_600_000;
  const within = hours >= 1 ? `${Number(hours.toFixed(1))} hours` : `${Math.round(withinMs / 1000)} seconds`;
  return `classes: ${n(reopened)} reopened (active in the last ${within}), ${closed} kept closed until someone joins`;
}

export async function startClassServer(options: ClassServerOptions): Promise<RunningServer> {
  provideWebSocketConstants();
  const scale = options.scale ?? {};
  if (scale.redisUrl) await checkRedis(scale.redisUrl);
  const store = options.store ?? (await openStore(options.dataDir, scale.databaseUrl));
  const shared = Boolean(scale.redisUrl);
  const random = (n: number) => webcrypto.getRandomValues(new Uint8Array(n));
  const service = new ClassService({ store, ai: negotiators, random, now: options.now ?? (() => Date.now()), shared });
  const limiters = openLimiters(scale.redisUrl, options.classesPerHour ?? DEFAULT_CLASSES_PER_HOUR);
  const { guesses: limiter, creations } = limiters;
  context.service = service;
  context.limiter = limiter;
  context.idleCloseMs = options.idleCloseMs ?? IDLE_CLOSE_MS;
  context.idleCheckMs = options.idleCheckMs ?? null;
  context.reconnectSeconds = options.reconnectSeconds ?? RECONNECT_SECONDS;

  const http = createServer();
  const server = defineServer({
    transport: new ClassTransport(http),
    greet: false,
    logger: colyseusLogger,
    // main.ts stops the server on SIGINT/SIGTERM, closing the store after the rooms; Colyseus' own
    // handler raced it ("error during shutdown: already_shutting_down") and could exit first
    gracefullyShutdown: false,
    ...sharedMatchmaker(scale),
    rooms: { [CLASS_ROOM]: defineRoom(ClassRoom).filterBy(['code']) },
    express: (app: { use(m: Middleware): void }) => {
      app.use(apiHandler(service, limiter, creations));
      app.use(staticHandler(options.distDir));
    },
  });
  const openRoom = async (code: string) => {
    try {
      await matchMaker.createRoom(CLASS_ROOM, { code });
    } catch (error) {
      // Colyseus makes the room here when the process it asked answers late; that one has it.
      if (!(error instanceof HeldElsewhereError)) throw error;
    }
  };
  setRoomOpener(openRoom);
  try {
    await listen(server, http, options.port, options.host);
  } catch (error) {
    await store.close().catch(() => undefined);
    limiters.close();
    throw new Error(listenFailure(error, options.port, options.host), { cause: error });
  }
  pinClientAddresses(http, options.trustProxy ?? false);
  // One process: the classes in use get their rooms back now, the others when someone joins
  // (a student's or the teacher's joinOrCreate makes the room, as for several processes, where a
  // class's room is made by whichever process a joinOrCreate reaches first).
  // A class that no longer opens (its stored scenario refused by today's loader, a damaged record)
  // is named and left closed: it must not keep the server, and every other class, from starting.
  if (!shared) {
    const withinMs = options.reopenActiveWithinMs ?? REOPEN_ACTIVE_WITHIN_MS;
    const { active, total } = await service.activeSince(service.now() - withinMs);
    let reopened = 0;
    for (const code of active) {
      try {
        await openRoom(code);
        reopened++;
      } catch (error) {
        console.error(logLine([`class ${code} was not opened: ${error instanceof Error ? error.message : String(error)}`]));
      }
    }
    if (total > 0) console.log(startupLine(reopened, total - active.length, withinMs));
  }
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    server,
    service,
    close: async () => {
      await server.gracefullyShutdown(false);
      await store.close();
      limiters.close();
    },
  };
}
