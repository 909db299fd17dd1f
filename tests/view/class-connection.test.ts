import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../src/view/state/actions';

/**
 * The browser's connection to the class server (src/view/shell/class-connection.ts) against a
 * stand-in for @colyseus/sdk: a first join the server lets expire is tried again, a final
 * refusal is said at once, and a room whose process died is joined again by code and seat key
 * after the SDK's few quick reconnection attempts.
 */

type Handler = (...args: unknown[]) => void;

class FakeRoom {
  readonly handlers: Record<string, Handler> = {};
  readonly reconnection = { maxRetries: 15 };
  left = false;
  onMessage(_type: string, handle: Handler) {
    this.handlers.message = handle;
  }
  onDrop(handle: Handler) {
    this.handlers.drop = handle;
  }
  onReconnect(handle: Handler) {
    this.handlers.reconnect = handle;
  }
  onLeave(handle: Handler) {
    this.handlers.leave = handle;
  }
  onError(handle: Handler) {
    this.handlers.error = handle;
  }
  send() {}
  leave() {
    this.left = true;
    return Promise.resolve(1000);
  }
}

/** What each joinOrCreate does, in order: throw this error or open a room. */
const script: (Error | 'room')[] = [];
const joins: unknown[] = [];
const rooms: FakeRoom[] = [];

vi.mock('@colyseus/sdk', () => ({
  Client: class {
    joinOrCreate(_name: string, options: unknown) {
      joins.push(structuredClone(options));
      const next = script.shift() ?? new Error('nothing scripted');
      if (next === 'room') {
        const room = new FakeRoom();
        rooms.push(room);
        return Promise.resolve(room);
      }
      return Promise.reject(next);
    }
  },
}));

const { handleClassRequest } = await import('../../src/view/shell/class-connection');

/** The server's answer to the join check (POST /api/classes/join-check), asked before each first join; and what was asked. */
let checkAnswer: unknown = { ok: true };
const checks: unknown[] = [];
const fetchStub = (url: string, init: { body: string }) => {
  checks.push({ url, options: JSON.parse(init.body) as unknown });
  return Promise.resolve({ ok: true, status: 200, text: () => Promise.resolve(JSON.stringify(checkAnswer)) });
};

const student = { op: 'connect-student', code: 'ABCD-EFGH', name: 'Ana', seatKey: null } as const;
let actions: Action[];
const dispatch = (a: Action) => void actions.push(a);
const statuses = () => actions.flatMap((a) => (a.type === 'class-status' ? [a.status] : []));

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', { location: { origin: 'http://localhost:2567' } });
  vi.stubGlobal('fetch', fetchStub);
  checkAnswer = { ok: true };
  checks.length = 0;
  actions = [];
  script.length = 0;
  joins.length = 0;
  rooms.length = 0;
});
afterEach(async () => {
  await handleClassRequest({ op: 'leave' }, dispatch);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a first join', () => {
  it('is tried again, with a growing wait, when the seat reservation expires', async () => {
    script.push(new Error('seat reservation expired.'), new Error('Failed to fetch'), 'room');
    const done = handleClassRequest(student, dispatch);
    await vi.advanceTimersByTimeAsync(400);
    expect(joins).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200); // 500 ms after the first
    expect(joins).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000); // 1 s after the second
    await done;
    expect(joins).toHaveLength(3);
    expect(statuses()).toEqual(['connecting', 'connecting', 'connected']);
    const notices = actions.flatMap((a) => (a.type === 'class-status' && a.notice ? [a.notice] : []));
    expect(notices[0]).toMatch(/^Joining the class: the server did not let this page in \(seat reservation expired\.\); trying again\.$/);
    expect(actions.some((a) => a.type === 'class-failed')).toBe(false);
  });

  it('fails with a clear message after five tries', async () => {
    script.push(...Array.from({ length: 5 }, () => new Error('seat reservation expired.')));
    const done = handleClassRequest(student, dispatch);
    await vi.advanceTimersByTimeAsync(20_000);
    await done;
    expect(joins).toHaveLength(5);
    const failed = actions.find((a) => a.type === 'class-failed');
    expect(failed).toMatchObject({ text: expect.stringContaining('5 tries to join failed; the last: seat reservation expired.') as unknown });
  });

  it('is not made when the server’s check refuses it (a wrong code is no failed request): the reason is said', async () => {
    checkAnswer = { ok: false, message: 'no class has the code “ABCD-EFGH”: check it with your teacher' };
    await handleClassRequest(student, dispatch);
    expect(checks).toEqual([{ url: 'http://localhost:2567/api/classes/join-check', options: { role: 'student', code: 'ABCD-EFGH', name: 'Ana' } }]);
    expect(joins).toHaveLength(0);
    expect(actions.find((a) => a.type === 'class-failed')).toMatchObject({ text: 'No class has the code “ABCD-EFGH”: check it with your teacher.' });
  });

  it('is not tried again when waiting cannot help', async () => {
    script.push(new Error('no class has the code “ZZZZ”: check it with your teacher'));
    await handleClassRequest(student, dispatch);
    expect(joins).toHaveLength(1);
    // Said as the server's own sentence, not behind "could not be reached": the student checks the code.
    expect(actions.find((a) => a.type === 'class-failed')).toMatchObject({ text: 'No class has the code “ZZZZ”: check it with your teacher.' });
  });
});

describe('a request the server refuses', () => {
  it('is said in the server’s own words, not as the JSON it came in', async () => {
    // The class server answers a refused create or export with {"error": "…"} (src/server/http.ts).
    const refusals = [
      { status: 400, error: 'config.seed: a seed has at most 100 characters' },
      { status: 413, error: "the request has more than 1,000,000 bytes: a class’s scenario file has at most 200,000 characters" },
    ];
    for (const { status, error } of refusals) {
      vi.stubGlobal('fetch', () => Promise.resolve({ ok: false, status, text: () => Promise.resolve(`${JSON.stringify({ error })}\n`) }));
      actions = [];
      await handleClassRequest({ op: 'create', config: { scenario: 'sandbox', seed: '7', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines: { us: 'a', china: 'b' } } }, dispatch);
      expect(actions).toEqual([{ type: 'class-failed', text: `The class server could not be reached or refused: ${error}.` }]);
    }
    vi.stubGlobal('fetch', () => Promise.resolve({ ok: false, status: 403, text: () => Promise.resolve('{"error":"no class with that code and teacher key"}\n') }));
    actions = [];
    await handleClassRequest({ op: 'export', code: 'ABCDEFGH', teacherKey: 'k'.repeat(32) }, dispatch);
    expect(actions).toEqual([{ type: 'class-failed', text: 'The class server could not be reached or refused: no class with that code and teacher key.' }]);
  });
});

describe('a class whose server process died', () => {
  it('limits the SDK to a few quick reconnections, then rejoins with the code and seat key', async () => {
    script.push('room');
    await handleClassRequest(student, dispatch);
    const first = rooms[0]!;
    expect(first.reconnection.maxRetries).toBe(4);
    const seatKey = 'k'.repeat(32);
    first.handlers.message!('seat', { seatKey: 'not a key!' });
    first.handlers.message!('seat', { seatKey });
    first.handlers.drop!();
    expect(statuses().at(-1)).toBe('reconnecting');
    script.push(new Error('Failed to fetch'), 'room');
    first.handlers.leave!(4003, 'failed to reconnect');
    await vi.advanceTimersByTimeAsync(500);
    expect(joins).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(joins).toHaveLength(3);
    expect(joins[2]).toEqual({ role: 'student', code: 'ABCD-EFGH', name: 'Ana', seatKey });
    expect(statuses().slice(-3)).toEqual(['reconnecting', 'reconnecting', 'connected']);
    expect(rooms).toHaveLength(2);
    expect(rooms[1]!.reconnection.maxRetries).toBe(4);
  });

  it('takes the socket’s error events while reconnecting (no code) for no problem, and still says the server’s own', async () => {
    script.push('room');
    await handleClassRequest(student, dispatch);
    rooms[0]!.handlers.drop!();
    // One per failed attempt to reach a server that is down: the WebSocket's error event has no code.
    rooms[0]!.handlers.error!(undefined, undefined);
    rooms[0]!.handlers.error!(undefined, undefined);
    expect(statuses().at(-1)).toBe('reconnecting');
    expect(actions.filter((a) => a.type === 'class-status' && a.text)).toEqual([]);
    // The server's own error message has a code, and is said.
    rooms[0]!.handlers.error!(4210, 'the move log could not be read');
    expect(actions.at(-1)).toMatchObject({ type: 'class-status', text: 'The class server reported a problem (4210: the move log could not be read).' });
  });

  it('says to reload when no process answers within a minute', async () => {
    script.push('room');
    await handleClassRequest(student, dispatch);
    script.push(...Array.from({ length: 30 }, () => new Error('Failed to fetch')));
    rooms[0]!.handlers.leave!(1006);
    await vi.advanceTimersByTimeAsync(70_000);
    const last = actions.at(-1);
    expect(last).toMatchObject({ type: 'class-status', status: 'closed', text: expect.stringContaining('Reload the page to try again: your seat is kept.') as unknown });
  });

  it('does not come back when the seat was opened from another connection', async () => {
    script.push('room');
    await handleClassRequest(student, dispatch);
    rooms[0]!.handlers.leave!(4000, 'this seat was opened from another connection');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(joins).toHaveLength(1);
    expect(actions.at(-1)).toMatchObject({ status: 'closed', text: expect.stringContaining('opened from another connection') as unknown });
  });

  it('stops rejoining once the page has left the class', async () => {
    script.push('room');
    await handleClassRequest(student, dispatch);
    script.push(new Error('Failed to fetch'), 'room');
    rooms[0]!.handlers.leave!(1006);
    await handleClassRequest({ op: 'leave' }, dispatch);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(joins).toHaveLength(1);
  });
});
