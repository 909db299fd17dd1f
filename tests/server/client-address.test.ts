import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrustProxy } from '../../src/server/client-address';
import { DEFAULT_CLASSES_PER_HOUR, readClassesPerHour } from '../../src/server/host-settings';
import { isLoopback } from '../../src/server/http';
import { JOIN_CHECK_PATH } from '../../src/session/class/protocol';
import { config, createClass, startServer, stopServer, tempDirs, type ChildServer } from './helpers';

/**
 * The guess limit counts wrong codes by the address a request really comes from: one student's
 * wrong codes do not lock out the class, and naming another address in a header does not get
 * round the limit. Loopback has many addresses (127.0.0.2, 127.0.0.3, …): each stands for a
 * device here.
 */

let server: ChildServer;
beforeAll(async () => {
  server = await startServer(tempDirs());
});
afterAll(async () => {
  if (server) await stopServer(server);
});

/** A POST of JSON from one local address; its status and body. */
function postFrom(from: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A student's join through Colyseus' matchmaker, as the SDK sends it: whether a seat was reserved, else the refusal. */
async function joinFrom(from: string, code: string, headers: Record<string, string> = {}): Promise<string> {
  const { status, text } = await postFrom(from, '/matchmake/joinOrCreate/class', { role: 'student', code, name: `s${Math.random()}` }, headers);
  return status === 200 && text.includes('"sessionId"') ? 'seated' : text;
}

describe('the guess limit', () => {
  it('counts a join by the address it comes from, so one device guessing wrong codes locks out only itself', async () => {
    const cls = await createClass(server);
    for (let i = 0; i < 11; i++) await joinFrom('127.0.0.2', 'ZZZZZZZZ');
    expect(await joinFrom('127.0.0.2', cls.code)).toMatch(/too many attempts/);
    expect(await joinFrom('127.0.0.3', cls.code)).toBe('seated');
  });

  it('is not got round by naming another address in a forwarding header', async () => {
    const cls = await createClass(server);
    for (let i = 0; i < 11; i++) {
      const fake = { 'x-forwarded-for': `10.0.0.${i + 1}`, 'x-real-ip': `10.1.0.${i + 1}`, 'x-client-ip': `10.2.0.${i + 1}` };
      await joinFrom('127.0.0.4', 'ZZZZZZZZ', fake);
    }
    expect(await joinFrom('127.0.0.4', cls.code, { 'x-forwarded-for': '10.9.9.9' })).toMatch(/too many attempts/);
    // the join check counts the same way
    const checked = await postFrom('127.0.0.4', JOIN_CHECK_PATH, { role: 'student', code: cls.code, name: 'Ana' }, { 'x-real-ip': '10.8.8.8' });
    expect(checked.text).toMatch(/too many attempts/);
  });
});

describe('TRUST_PROXY', () => {
  it('is off unless set to 1 or true, and a value it does not know is named', () => {
    expect(readTrustProxy(undefined)).toBe(false);
    expect(readTrustProxy('0')).toBe(false);
    expect(readTrustProxy('true')).toBe(true);
    expect(readTrustProxy('1')).toBe(true);
    expect(readTrustProxy('yes please')).toEqual({ error: expect.stringContaining('"yes please"') as unknown });
  });
});

describe('the limit on classes made', () => {
  /** A server behind a (pretend) proxy: each X-Forwarded-For address stands for a device on the network. */
  let proxied: ChildServer;
  beforeAll(async () => {
    proxied = await startServer(tempDirs(), 0, { TRUST_PROXY: '1', CLASSES_PER_HOUR: '3' });
  });
  afterAll(async () => {
    if (proxied) await stopServer(proxied);
  });

  const make = (from: Record<string, string>) =>
    fetch(`${proxied.http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json', ...from }, body: JSON.stringify({ config: config() }) });

  it('refuses a device its next class once it has made CLASSES_PER_HOUR in the hour, by name; other devices and the server’s own computer go on', async () => {
    const device = { 'x-forwarded-for': '10.0.0.7' };
    for (let i = 0; i < 3; i++) expect((await make(device)).status).toBe(201);
    const refused = await make(device);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many classes in the last hour/);
    expect((await make({ 'x-forwarded-for': '10.0.0.8' })).status).toBe(201);
    // the host's own scripts (npm run class, the benchmarks) are not limited
    for (let i = 0; i < 4; i++) expect((await make({})).status).toBe(201);
  });

  it('counts only the classes made: a refused config does not use up the hour', async () => {
    const device = { 'x-forwarded-for': '10.0.0.9' };
    for (let i = 0; i < 5; i++) {
      const bad = await fetch(`${proxied.http}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json', ...device }, body: JSON.stringify({ config: { scenario: 'nope' } }) });
      expect(bad.status).toBe(400);
    }
    expect((await make(device)).status).toBe(201);
  });

  it('CLASSES_PER_HOUR is a whole number from 1, and a bad one is named', () => {
    expect(readClassesPerHour(undefined)).toEqual({ ok: true, value: DEFAULT_CLASSES_PER_HOUR });
    expect(readClassesPerHour('50')).toEqual({ ok: true, value: 50 });
    for (const bad of ['0', '-1', '1e3', 'many', ' 5'])
      expect(readClassesPerHour(bad)).toEqual({ ok: false, message: expect.stringContaining('CLASSES_PER_HOUR must be a whole number') as unknown });
  });
});

describe('isLoopback', () => {
  it('is the addresses of the server’s own computer only', () => {
    for (const a of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.4', '::ffff:10.0.0.1', 'fe80::1', '::11', 'unknown', '1127.0.0.1']) expect(isLoopback(a)).toBe(false);
  });
});
