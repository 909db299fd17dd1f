import { describe, expect, it } from 'vitest';
import { colyseusLogger, logLine, MAX_MESSAGE_BYTES } from '../../src/server/server';
import { STACK_TRACE } from '../bad-inputs/corpus';
import { createClass, Probe, serverPerFile, startServer, stopServer, tempDirs } from './helpers';

/**
 * What a hostile page can send the class server over its WebSocket that the protocol's schemas
 * never see: a message over the size limit is refused by the transport itself. It closes only
 * that connection, and the host's terminal gets one line for it, not a stack trace per attempt.
 */

const served = serverPerFile();

/** The largest message the protocol's schema accepts: a proposal naming 24 issues (the limit), every id of 64 characters. */
function largestMove(): { index: number; table: number; move: { type: 'propose'; side: 'us'; package: Record<string, string> } } {
  const pkg: Record<string, string> = {};
  for (let i = 0; i < 24; i++) pkg[`issue-${String(i).padStart(2, '0')}-`.padEnd(64, 'x')] = `position-${i}-`.padEnd(64, 'y');
  return { index: 10_000, table: 0, move: { type: 'propose', side: 'us', package: pkg } };
}

describe('a message over the size limit', () => {
  it('is not the largest legal one: that reaches the room and is answered', async () => {
    const { server } = served;
    const cls = await createClass(server);
    const ana = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Ana' });
    await ana.next('seat');
    expect(JSON.stringify(largestMove()).length).toBeGreaterThan(3_000);
    ana.room.send('move', largestMove());
    expect(await ana.next('moveResult')).toMatchObject({ ok: false, index: 10_000 });
    await ana.room.leave();
  });

  it('closes only its connection (the seat is kept), logged in one line without a stack trace', async () => {
    const { server } = served;
    const cls = await createClass(server);
    const ana = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Ana' });
    const bo = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Bo' });
    const seat = await ana.next<{ seatKey: string; seat: { seat: string } }>('seat');
    await ana.next('table');
    const closed = new Promise<number>((done) => ana.room.onLeave((code: number) => done(code)));
    const before = server.output().length;
    for (let i = 0; i < 20; i++) ana.room.send('draft', { index: 0, package: { x: 'y'.repeat(MAX_MESSAGE_BYTES) } });
    expect(await closed).toBe(1009); // WebSocket's "message too big"
    await new Promise((r) => setTimeout(r, 500));
    const logged = server.output().slice(before);
    expect(logged).not.toMatch(STACK_TRACE);
    expect(logged.trim().split('\n')).toEqual([expect.stringMatching(/^class server: closed a connection from 127\.0\.0\.1: Max payload size exceeded$/)]);
    // Bo's connection is untouched; Ana comes back to her seat.
    bo.room.send('move', { index: 0, move: { type: 'hold', side: 'china' } });
    expect(await bo.next('moveResult')).toMatchObject({ ok: false, kind: expect.any(String) });
    const back = await Probe.join(server.url, { role: 'student', code: cls.code, name: 'Ana', seatKey: seat.seatKey });
    expect(await back.next('seat')).toMatchObject({ seat: { seat: seat.seat.seat } });
    for (const p of [back, bo]) await p.room.leave();
  });
});

describe('the host’s log', () => {
  it('gets no line from a request naming a room that is gone (Colyseus wrote the id the request chose, with two lines of hints)', async () => {
    const server = await startServer(tempDirs());
    const forged = 'abc%0Aserve:%20stopped;%20every%20acknowledged%20move%20is%20in%20the%20class%20store';
    for (const route of ['reconnect', 'joinById']) {
      const response = await fetch(`${server.http}/matchmake/${route}/${forged}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reconnectionToken":"x"}' });
      expect(response.ok).toBe(false);
    }
    // The stop's own lines come after anything the requests made it write.
    await stopServer(server);
    expect(server.output()).not.toContain('abc');
    expect(server.output()).not.toContain('allowReconnection');
    expect(server.output().match(/serve: stopped/g)).toHaveLength(1);
  });

  it('writes each of Colyseus’ warnings and errors on one line, whatever text they carry', () => {
    expect(logLine(['a name\nserve: stopped', { x: 'y\r' }])).toBe('a name\\nserve: stopped {"x":"y\\r"}');
    expect(logLine([new Error('two\nlines')]).split('\n')).toHaveLength(1);
    expect(colyseusLogger.info()).toBeUndefined();
  });
});
