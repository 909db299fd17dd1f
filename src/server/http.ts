import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { sameSecret } from '../session/class/codes';
import { classCsv, classExportJson } from '../session/class/export';
import { CLASS_SCENARIO_MAX_CHARS, JOIN_CHECK_PATH, normaliseJoinCode } from '../session/class/protocol';
import { checkJoin } from './admission';
import type { ClassService, AddressLimiter } from './classes';

/**
 * The HTTP side of the one port: creating a class, checking a join, exporting a class, and the built game (dist/)
 * with the headers its strict CSP needs. The matchmaking routes are Colyseus' own.
 */

type Next = () => void;

/** The page's policy as a header too (the same as index.html's meta), plus what only a header can say: no framing. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
};

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

function sendJson(res: ServerResponse, status: number, data: unknown): void {
  securityHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${JSON.stringify(data)}\n`);
}

/** A create request may carry a teacher's scenario file (CLASS_SCENARIO_MAX_CHARS characters, escaped as JSON). */
const MAX_BODY = 1_000_000;
/**
 * A body over MAX_BODY is read to its end (and thrown away) up to this size, so that the sender
 * gets the 413 answer saying why: a connection cut mid-upload reaches a browser as "Failed to
 * fetch", naming nothing. Past this the connection is cut all the same.
 */
const DRAIN_LIMIT = 16_000_000;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const tooLarge = () => new BodyTooLarge(`the request has more than ${MAX_BODY.toLocaleString('en')} bytes: a class’s scenario file has at most ${CLASS_SCENARIO_MAX_CHARS.toLocaleString('en')} characters`);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        fail(tooLarge());
        req.destroy();
      } else if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? fail(tooLarge()) : done(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', fail);
  });
}

/**
 * The address a guess is counted against, as Colyseus names a joining client's: the first hop of
 * x-real-ip, x-forwarded-for or x-client-ip, else the connection's own. Unless a proxy in front is
 * trusted, the server has already written the connection's own address into x-real-ip
 * (client-address.ts), so a join, a join check and an export count alike.
 */
function address(req: IncomingMessage): string {
  for (const name of ['x-real-ip', 'x-forwarded-for', 'x-client-ip']) {
    const value = req.headers[name];
    const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** A POST's JSON body, to `handle`; a body that is not JSON (it should be `what`), or a failure, is answered 400. */
function withJsonBody(req: IncomingMessage, res: ServerResponse, what: string, handle: (body: unknown) => Promise<void>): void {
  void readBody(req)
    .then(async (text) => {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return sendJson(res, 400, { error: `the request body is not JSON: send ${what}` });
      }
      await handle(body);
    })
    .catch((error: unknown) => sendJson(res, error instanceof BodyTooLarge ? 413 : 400, { error: error instanceof Error ? error.message : String(error) }));
}

/**
 * Whether a request comes from the computer the server runs on. Its classes are not limited:
 * whoever sits there can already do anything to the server (a host's scripts, `npm run class`,
 * the benchmarks); the limit is for the rest of the network, where anyone can post a class.
 */
export function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/.test(address);
}

export function apiHandler(service: ClassService, limiter: AddressLimiter, creations: AddressLimiter) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const url = new URL(req.url ?? '/', 'http://server');
    if (url.pathname === '/api/classes' && req.method === 'POST') {
      const who = address(req);
      const limited = !isLoopback(who);
      // Every class is kept, and one made is open (in memory) until it has been idle for
      // IDLE_CLOSE_MS: without a limit, anyone on the network could fill the host's memory and
      // disk with classes (1,000 took 97 s and 300 MB).
      withJsonBody(req, res, '{"config": {...}}', async (body) => {
        if (limited && (await creations.blocked(who, service.now())))
          return sendJson(res, 429, { error: 'this device has made too many classes in the last hour: use one of them (its code and key are on its page), or wait an hour' });
        const created = await service.createClass(body);
        if (!created.ok) return sendJson(res, created.status, { error: created.message });
        if (limited) await creations.count(who, service.now());
        await openRoom(created.response.code);
        sendJson(res, 201, created.response);
      });
      return;
    }
    if (url.pathname === JOIN_CHECK_PATH && req.method === 'POST') {
      // A refusal is this request's answer, not its failure: 200 either way (a page's console stays
      // clean for a mistyped code or a taken name); counted by the same guess limit as a join.
      withJsonBody(req, res, 'the join options', async (options) => sendJson(res, 200, await checkJoin(service, limiter, address(req), options)));
      return;
    }
    const exportMatch = /^\/api\/classes\/([^/]{1,40})\/export$/.exec(url.pathname);
    if (exportMatch && req.method === 'GET') {
      void (async () => {
        const now = service.now();
        if (await limiter.blocked(address(req), now)) return sendJson(res, 429, { error: 'too many attempts with wrong class codes or keys: wait a minute' });
        let typed: string;
        try {
          typed = decodeURIComponent(exportMatch[1]!);
        } catch {
          return sendJson(res, 400, { error: `the class code in the address is not valid (a “%” not followed by two hex digits): ${exportMatch[1]!.slice(0, 40)}` });
        }
        const code = normaliseJoinCode(typed);
        const key = req.headers['x-teacher-key'];
        const record = await service.store.findClass(code);
        if (!record || typeof key !== 'string' || !sameSecret(key, record.teacherKey)) {
          await limiter.count(address(req), now);
          return sendJson(res, 403, { error: 'no class with that code and teacher key' });
        }
        // The class as this process's room holds it, else as the store has it: an export does not
        // open a closed class (its model would stay in memory with no room to close it).
        const model = (!service.shared && service.model(code)) || (await service.snapshot(code));
        const format = url.searchParams.get('format') ?? 'json';
        if (format !== 'json' && format !== 'csv') return sendJson(res, 400, { error: `format: expected json or csv, not “${format.slice(0, 20)}”` });
        securityHeaders(res);
        res.setHeader('Cache-Control', 'no-store');
        if (format === 'csv') {
          res.setHeader('Content-Type', 'text/csv; charset=utf-8');
          res.setHeader('Content-Disposition', `attachment; filename="class-${code}.csv"`);
          res.end(classCsv(model!));
        } else {
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.end(classExportJson(model!));
        }
      })().catch((error: unknown) => sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) }));
      return;
    }
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { error: `no such endpoint: ${req.method} ${url.pathname.slice(0, 80)}` });
    next();
  };
}

/** Set by the server: makes the room of a class that was just created. */
let openRoom: (code: string) => Promise<void> = async () => undefined;
export function setRoomOpener(open: (code: string) => Promise<void>): void {
  openRoom = open;
}

/** The built game: files under `dist`, index.html for the root, with the security headers; nothing outside `dist`. */
export function staticHandler(dist: string) {
  const root = resolve(dist);
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://server').pathname);
    } catch {
      return next();
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    securityHeaders(res);
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    // Vite's hashed assets never change; the page itself is always asked for again.
    res.setHeader('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };
}
