import { readJoinLink } from '../../session/class/join-link';
import { errorText, type KeyValueStorage } from '../../session/storage';
import type { Dispatch, Effect } from '../state/actions';
import type { AppState } from '../state/app-state';
import type * as Connection from './class-connection';

/**
 * The live class's side of the shell, without the WebSocket library: it keeps the teacher's key
 * and the student's seat in the browser's storage (a reload rejoins the seat, the teacher gets
 * the class back), and fetches the connection module (with @colyseus/sdk) on the first request.
 */

const SEAT_KEY = 'bargaining-chips.class-seat';
const TEACHER_KEY = 'bargaining-chips.class-teacher';

type Listener = (next: AppState, prev: AppState, effects: readonly Effect[]) => void;

/**
 * `storageRefused`: the browser's storage cannot be used at all (main.ts then passes a storage in
 * memory, which a reload empties). A seat or key that cannot be kept, for that reason or because
 * the write fails (storage full, or refused as in Safari's private mode), is said on the class's
 * screens, with what to do after a reload; the class plays on either way.
 */
export function classRequests(storage: KeyValueStorage, dispatch: Dispatch, storageRefused = false): Listener {
  let connection: Promise<typeof Connection> | null = null;
  const keep = (key: string, value: unknown) => {
    try {
      if (storageRefused) throw new Error('it lets this page keep nothing');
      storage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Said in brackets within a sentence: without its own full stop.
      dispatch({ type: 'class-not-kept', reason: errorText(error).slice(0, 200).replace(/[.\s]+$/, '') });
    }
  };
  return (next, prev, effects) => {
    for (const effect of effects) {
      if (effect.kind !== 'class') continue;
      connection ??= import('./class-connection');
      void connection.then(
        (c) => c.handleClassRequest(effect.request, dispatch),
        (error: unknown) => dispatch({ type: 'class-failed', text: `The class code could not be loaded: ${String(error).slice(0, 200)}` }),
      );
      if (effect.request.op === 'leave') {
        try {
          storage.removeItem(SEAT_KEY);
          storage.removeItem(TEACHER_KEY);
        } catch {
          // A storage that refuses has kept nothing to remove.
        }
      }
    }
    const live = next.liveClass;
    if (live === prev.liveClass) return;
    if (live.teacher && live.teacher !== prev.liveClass.teacher) keep(TEACHER_KEY, live.teacher);
    const l = live.live;
    if (l?.role === 'student' && l.seatKey && l.seatKey !== prev.liveClass.live?.seatKey) keep(SEAT_KEY, { code: l.code, name: l.name, seatKey: l.seatKey });
  };
}

function readJson(storage: KeyValueStorage, key: string): Record<string, unknown> | null {
  try {
    const text = storage.getItem(key);
    const data = text ? (JSON.parse(text) as unknown) : null;
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** After a reload: a student rejoins the seat kept here; a teacher's class is offered on the title. */
export function resumeClass(storage: KeyValueStorage, dispatch: Dispatch): void {
  const seat = readJson(storage, SEAT_KEY);
  if (seat && typeof seat.code === 'string' && typeof seat.name === 'string' && typeof seat.seatKey === 'string') {
    dispatch({ type: 'class-join', code: seat.code, name: seat.name, seatKey: seat.seatKey });
  }
}

/**
 * A class's join link opened (`?join=CODE`, the teacher's printed address and QR code): the seat
 * kept here for that class is rejoined (a reload), else the join screen with the code filled in,
 * or the link's problem said. False when the address is no join link.
 */
export function openJoinLink(storage: KeyValueStorage, dispatch: Dispatch, query: string): boolean {
  const link = readJoinLink(query);
  if (link.kind === 'none') return false;
  const seat = readJson(storage, SEAT_KEY);
  if (link.kind === 'join' && seat?.code === link.code) {
    resumeClass(storage, dispatch);
    return true;
  }
  dispatch({ type: 'class-join-link', code: link.kind === 'join' ? link.code : null, problem: link.kind === 'invalid' ? link.problem : null });
  return true;
}

/** The teacher's class kept in this browser, if any (the title offers to open it again). */
export function keptTeacherClass(storage: KeyValueStorage): { code: string; teacherKey: string } | null {
  const t = readJson(storage, TEACHER_KEY);
  return t && typeof t.code === 'string' && typeof t.teacherKey === 'string' ? { code: t.code, teacherKey: t.teacherKey } : null;
}
