import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrustProxy } from '../../src/server/client-address';
import { JOIN_CHECK_PATH } from '../../src/session/class/protocol';
import { createClass, startServer, stopServer, tempDirs, type ChildServer } from './helpers';

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
