import { Client, type Room } from '@colyseus/sdk';
import { CLASS_ROOM, createClassResponseSchema, type JoinOptions } from '../../session/class/protocol';
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

const origin = () => window.location.origin;

async function postJson(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${origin()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(serverText(text) || `the server answered ${response.status}`);
  return JSON.parse(text) as unknown;
}

/** A server's error answer in a sentence: its `message` field if it is JSON, else its text, cut short. */
function serverText(text: string): string {
  try {
    const data = JSON.parse(text) as { message?: unknown; problems?: unknown };
    if (Array.isArray(data.problems)) return data.problems.map(String).join('; ').slice(0, 400);
    if (typeof data.message === 'string') return data.message.slice(0, 400);
  } catch {
    // not JSON: the text as it is
  }
  return text.slice(0, 400);
}

async function connect(options: JoinOptions, dispatch: Dispatch): Promise<void> {
  if (room) {
    leaving = true;
    await room.leave(true).catch(() => undefined);
    room = null;
  }
  leaving = false;
  const client = new Client(origin());
  // joinOrCreate, as the bots do: over several processes the room of a class whose process died is
  // rebuilt from the move log by the process a student reaches first.
  const joined = await client.joinOrCreate(CLASS_ROOM, options);
  room = joined;
  joined.onMessage('*', (type: string | number, payload: unknown) => dispatch({ type: 'class-received', name: String(type), payload, at: Date.now() }));
  joined.onDrop(() => dispatch({ type: 'class-status', status: 'reconnecting' }));
  joined.onReconnect(() => dispatch({ type: 'class-status', status: 'connected' }));
  joined.onLeave((code: number, reason?: string) => {
    if (room === joined) room = null;
    if (leaving) return;
    dispatch({ type: 'class-status', status: 'closed', text: `The connection to the class closed${reason ? ` (${reason.slice(0, 200)})` : ` (code ${code})`}. Reload the page to join again: your seat is kept.` });
  });
  joined.onError((code: number, message?: string) => dispatch({ type: 'class-status', status: 'connected', text: `The class server reported a problem (${code}${message ? `: ${message.slice(0, 200)}` : ''}).` }));
  dispatch({ type: 'class-status', status: 'connected' });
}

/** Carry out one request; failures come back as a `class-failed` action naming the problem. */
export async function handleClassRequest(request: ClassRequest, dispatch: Dispatch): Promise<void> {
  try {
    switch (request.op) {
      case 'create': {
        const answer = createClassResponseSchema.safeParse(await postJson('/api/classes', { config: request.config }));
        if (!answer.success) throw new Error('the server’s answer to “create a class” could not be read');
        dispatch({ type: 'class-created', code: answer.data.code, teacherKey: answer.data.teacherKey });
        return;
      }
      case 'connect-teacher':
        await connect({ role: 'teacher', code: request.code, teacherKey: request.teacherKey }, dispatch);
        return;
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
        await room?.leave(true);
        room = null;
        return;
    }
  } catch (error) {
    dispatch({ type: 'class-failed', text: `The class server could not be reached or refused: ${errorText(error).slice(0, 400)}` });
  }
}
