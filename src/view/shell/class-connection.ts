import { Client, type Room } from '@colyseus/sdk';
import { CLASS_ROOM, createClassResponseSchema, JOIN_CHECK_PATH, joinCheckResponseSchema, seatKeySchema, type JoinOptions } from '../../session/class/protocol';
import { classFailureText, FIRST_JOIN_TRIES, joinRefusalIsFinal, REJOIN_FOR_MS, retryDelayMs } from '../../session/class/join-retry';
import { errorText } from '../../session/storage';
import type { Dispatch } from '../state/actions';
import type { ClassRequest } from '../state/class-live';

/**
 * The connection to the class server: the one module that imports @colyseus/sdk, fetched by the
 * shell (class-shell.ts) only when a class screen first talks to the server, so solo play never
 * downloads it. It turns requests into HTTP calls and room messages, and everything the server
 * says into actions; what a message means is the session's class client's business.
 */

let room: Room | null = null;
/** Set when this page leaves on purpose, so the close is not reported as a lost connection. */
let leaving = false;
/** The close code of a leave on purpose (ours, or the server handing the seat to a newer connection). */
const CONSENTED = 4000;

const origin = () => window.location.origin;

async function postJson(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${origin()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(serverText(text) || `the server answered ${response.status}`);
  return JSON.parse(text) as unknown;
}

/** A server's error answer in a sentence: its `error` (the class server's) or `message` field if it is JSON, else its text, cut short. */
function serverText(text: string): string {
  try {
    const data = JSON.parse(text) as { error?: unknown; message?: unknown; problems?: unknown };
    if (Array.isArray(data.problems)) return data.problems.map(String).join('; ').slice(0, 400);
    if (typeof data.error === 'string') return data.error.slice(0, 400);
    if (typeof data.message === 'string') return data.message.slice(0, 400);
  } catch {
    // not JSON: the text as it is
  }
  return text.slice(0, 400);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Why the server would refuse this join (a wrong code, key or name), asked before joining: a
 * refused join is a failed request, which the browser logs as an error, and a mistyped code is
 * ordinary input. Null when the join may go ahead, or when the check itself could not be made
 * (the join then tries, and says what is wrong).
 */
async function joinRefusal(options: JoinOptions): Promise<string | null> {
  try {
    const answer = joinCheckResponseSchema.safeParse(await postJson(JOIN_CHECK_PATH, options));
    return answer.success && !answer.data.ok ? answer.data.message : null;
  } catch {
    return null;
  }
}

/** Counts connections begun: a rejoin loop whose page has since left or joined again stops. */
let generation = 0;

/**
 * Join the class, the first join tried again with a growing wait when the server is busy or
 * cannot be reached (a reservation expired under a join storm), and said at once when waiting
 * cannot help (a wrong code, a taken name).
 */
async function connect(options: JoinOptions, dispatch: Dispatch): Promise<void> {
  if (room) {
    leaving = true;
    await room.leave(true).catch(() => undefined);
    room = null;
  }
  leaving = false;
  const mine = ++generation;
  const refusal = await joinRefusal(options);
  if (mine !== generation) return;
  if (refusal !== null) throw new Error(refusal);
  const client = new Client(origin());
  for (let attempt = 1; ; attempt++) {
    try {
      // joinOrCreate, as the bots do: over several processes the room of a class whose process died is
      // rebuilt from the move log by the process a student reaches first.
      attach(await client.joinOrCreate(CLASS_ROOM, options), options, client, mine, dispatch);
      return;
    } catch (error) {
      const why = errorText(error).slice(0, 300);
      if (mine !== generation) return;
      if (joinRefusalIsFinal(why)) throw error;
      if (attempt >= FIRST_JOIN_TRIES) throw new Error(`${FIRST_JOIN_TRIES} tries to join failed; the last: ${why}`, { cause: error });
      dispatch({ type: 'class-status', status: 'connecting', notice: `Joining the class: the server did not let this page in (${why.slice(0, 120)}); trying again.` });
      await sleep(retryDelayMs(attempt));
      if (mine !== generation) return;
    }
  }
}

function attach(joined: Room, options: JoinOptions, client: Client, mine: number, dispatch: Dispatch): void {
  room = joined;
  let seatKey = options.role === 'student' ? options.seatKey : undefined;
  joined.onMessage('*', (type: string | number, payload: unknown) => {
    // The key that gets this seat back (the message itself is read by the session's class client).
    if (type === 'seat' && payload && typeof payload === 'object') {
      const key = seatKeySchema.safeParse((payload as { seatKey?: unknown }).seatKey);
      if (key.success) seatKey = key.data;
    }
    dispatch({ type: 'class-received', name: String(type), payload, at: Date.now() });
  });
  // The SDK's own reconnection goes back to the same process: right after a network blip, but
  // after a process died it would try a dead address for about a minute. A few quick attempts
  // (about 3 s), then a rejoin with the code and seat key (or teacher key), which reaches
  // whichever process holds or rebuilds the class; the bots do the same.
  joined.reconnection.maxRetries = 4;
  joined.onDrop(() => dispatch({ type: 'class-status', status: 'reconnecting' }));
  joined.onReconnect(() => dispatch({ type: 'class-status', status: 'connected' }));
  joined.onLeave((code: number, reason?: string) => {
    if (room === joined) room = null;
    if (leaving || mine !== generation) return;
    const said = reason ? ` (${reason.slice(0, 200)})` : ` (code ${code})`;
    // Closed on purpose (this seat opened from another tab or device): coming back would take it from there.
    if (code === CONSENTED) {
      dispatch({ type: 'class-status', status: 'closed', text: `The connection to the class closed${said}. Reload the page to join again: your seat is kept.` });
      return;
    }
    const again: JoinOptions = options.role === 'student' ? { ...options, ...(seatKey ? { seatKey } : {}) } : options;
    void rejoin(client, again, mine, dispatch);
  });
  // The server's own error message has a code. The socket's error event has none: it comes with
  // every failed attempt to reconnect while the server is down (a restart), and the drop and the
  // rejoin already say what is happening; reported, it read "a problem (undefined)" and marked a
  // connection that was down as up.
  joined.onError((code: number | undefined, message?: string) => {
    if (typeof code !== 'number') return;
    dispatch({ type: 'class-status', status: 'connected', text: `The class server reported a problem (${code}${message ? `: ${message.slice(0, 200)}` : ''}).` });
  });
  dispatch({ type: 'class-status', status: 'connected' });
}

/** The server holding the class went away: join again by code and key until a process answers. */
async function rejoin(client: Client, options: JoinOptions, mine: number, dispatch: Dispatch): Promise<void> {
  dispatch({ type: 'class-status', status: 'reconnecting' });
  const until = Date.now() + REJOIN_FOR_MS;
  let last = '';
  for (let attempt = 1; Date.now() < until; attempt++) {
    await sleep(retryDelayMs(attempt));
    if (leaving || mine !== generation) return;
    try {
      const back = await client.joinOrCreate(CLASS_ROOM, options);
      if (leaving || mine !== generation) {
        await back.leave(true).catch(() => undefined);
        return;
      }
      attach(back, options, client, mine, dispatch);
      return;
    } catch (error) {
      last = errorText(error).slice(0, 200);
      if (joinRefusalIsFinal(last)) break;
    }
  }
  if (leaving || mine !== generation) return;
  dispatch({ type: 'class-status', status: 'closed', text: `The class server could not be reached again${last ? ` (${last})` : ''}. Reload the page to try again: your seat is kept.` });
}

/** Carry out one request; failures come back as a `class-failed` action naming the problem. */
export async function handleClassRequest(request: ClassRequest, dispatch: Dispatch): Promise<void> {
  try {
    switch (request.op) {
      case 'create': {
        const answer = createClassResponseSchema.safeParse(await postJson('/api/classes', { config: request.config, ...(request.scenarioFile ? { scenarioFile: request.scenarioFile } : {}) }));
        if (!answer.success) throw new Error('the server’s answer to “create a class” could not be read');
        dispatch({ type: 'class-created', code: answer.data.code, teacherKey: answer.data.teacherKey });
        return;
      }
      case 'connect-teacher':
        await connect({ role: 'teacher', code: request.code, teacherKey: request.teacherKey }, dispatch);
        return;
      case 'check-teacher': {
        // Asked before the dashboard opens (and before the key is kept here): a wrong key is said on
        // the form, counted by the server's guess limit; the key goes in the request's body, never in an address.
        let answer: { ok: true } | { ok: false; message: string };
        try {
          const parsed = joinCheckResponseSchema.safeParse(await postJson(JOIN_CHECK_PATH, { role: 'teacher', code: request.code, teacherKey: request.teacherKey }));
          if (!parsed.success) throw new Error('its answer could not be read');
          answer = parsed.data;
        } catch (error) {
          dispatch({ type: 'class-open-refused', text: `The class server could not check the key: ${errorText(error).slice(0, 300).replace(/\.+$/, '')}. Is npm run serve running, and is this page opened from its address?` });
          return;
        }
        if (answer.ok) dispatch({ type: 'class-open-teacher', code: request.code, teacherKey: request.teacherKey });
        else dispatch({ type: 'class-open-refused', text: classFailureText(answer.message) });
        return;
      }
      case 'connect-student':
        await connect({ role: 'student', code: request.code, name: request.name, ...(request.seatKey ? { seatKey: request.seatKey } : {}) }, dispatch);
        return;
      case 'send-move':
        if (!room) throw new Error('not connected to the class: the move was not sent');
        room.send('move', request.message);
        return;
      case 'send-draft':
        // A draft is only shown to teammates: one lost while the connection is down is simply not shown.
        room?.send('draft', request.message);
        return;
      case 'watch-results':
        room?.send('watchResults', {});
        return;
      case 'send-teacher-action':
        if (!room) throw new Error('not connected to the class: the action was not sent');
        room.send('teacherAction', request.message);
        return;
      case 'export': {
        const response = await fetch(`${origin()}/api/classes/${encodeURIComponent(request.code)}/export?format=json`, { headers: { 'x-teacher-key': request.teacherKey } });
        const text = await response.text();
        if (!response.ok) throw new Error(serverText(text) || `the server answered ${response.status}`);
        dispatch({ type: 'class-export-loaded', data: JSON.parse(text) as unknown });
        return;
      }
      case 'leave':
        leaving = true;
        generation++;
        await room?.leave(true);
        room = null;
        return;
    }
  } catch (error) {
    dispatch({ type: 'class-failed', text: classFailureText(errorText(error).slice(0, 400)) });
  }
}
