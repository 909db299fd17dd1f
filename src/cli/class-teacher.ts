import { Client, type Room } from '@colyseus/sdk';
import { CLASS_ROOM, SERVER_MESSAGES, type Dashboard, type TeacherAction } from '../session/class/protocol';

/**
 * The teacher's actions from the command line (`npm run class -- round|pause|resume`): the CLI
 * joins the class's room as the teacher, over the same websocket and with the same join options
 * as the teacher's browser (`{ role: 'teacher', code, teacherKey }`), and sends the same
 * `teacherAction` message. The server answers a teacher action with no acknowledgement of its
 * own: a refusal comes back as a `problem` message (about `teacherAction`), and what it did shows
 * in the next dashboards, so the action is done once a dashboard shows it (`isDone`), or refused
 * with the server's words.
 */

export class TeacherActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeacherActionError';
  }
}

export interface TeacherSession {
  /** The latest dashboard. */
  readonly dashboard: Dashboard;
  /**
   * Send an action and wait until a dashboard that came after it passes `isDone` (resolved with
   * it), or the server refuses it (rejected with its message), or `timeoutMs` passes.
   */
  act(action: TeacherAction, isDone: (d: Dashboard) => boolean, timeoutMs?: number): Promise<Dashboard>;
  /** Wait until a dashboard (the latest, or one to come) passes `test`. */
  until(test: (d: Dashboard) => boolean, timeoutMs: number, what: string): Promise<Dashboard>;
  leave(): Promise<void>;
}

type Waiter = { test: (d: Dashboard) => boolean; done: (d: Dashboard) => void; fail: (e: Error) => void };

/** Join as the teacher; the first dashboard has arrived when this resolves. */
export async function teacherSession(url: string, code: string, teacherKey: string, timeoutMs = 15_000): Promise<TeacherSession> {
  let room: Room;
  try {
    room = await new Client(url).joinOrCreate(CLASS_ROOM, { role: 'teacher', code, teacherKey });
  } catch (error) {
    throw new TeacherActionError(`the server refused the teacher's connection: ${error instanceof Error ? error.message : String(error)}`);
  }
  let latest: Dashboard | null = null;
  let waiters: Waiter[] = [];
  const refusals: ((message: string) => void)[] = [];
  let closed: string | null = null;
  room.onMessage('dashboard', (payload: unknown) => {
    const parsed = SERVER_MESSAGES.dashboard.safeParse(payload);
    if (!parsed.success) return;
    const dashboard = parsed.data;
    latest = dashboard;
    waiters = waiters.filter((w) => {
      if (!w.test(dashboard)) return true;
      w.done(dashboard);
      return false;
    });
  });
  room.onMessage('problem', (payload: unknown) => {
    const parsed = SERVER_MESSAGES.problem.safeParse(payload);
    if (parsed.success && parsed.data.about === 'teacherAction') for (const refuse of refusals.splice(0)) refuse(parsed.data.message);
  });
  // Everything else the room sends a teacher (moves, the scenario file, news) is not needed here.
  room.onMessage('*', () => undefined);
  room.onLeave((closeCode: number) => {
    closed = `the connection to the class closed (code ${closeCode})`;
    for (const w of waiters.splice(0)) w.fail(new TeacherActionError(closed));
  });

  const wait = (test: (d: Dashboard) => boolean, ms: number, what: string, fromLatest: boolean): Promise<Dashboard> =>
    new Promise<Dashboard>((resolve, reject) => {
      if (closed !== null) return reject(new TeacherActionError(closed));
      if (fromLatest && latest && test(latest)) return resolve(latest);
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== waiter);
        reject(new TeacherActionError(`${what} within ${Math.round(ms / 1000)} s`));
      }, ms);
      const waiter: Waiter = {
        test,
        done: (d) => (clearTimeout(timer), resolve(d)),
        fail: (e) => (clearTimeout(timer), reject(e)),
      };
      waiters.push(waiter);
    });

  try {
    await wait(() => true, timeoutMs, 'the server sent no dashboard', true);
  } catch (error) {
    await room.leave(true).catch(() => undefined);
    throw error;
  }
  return {
    get dashboard() {
      return latest!;
    },
    until: (test, ms, what) => wait(test, ms, what, true),
    async act(action, isDone, ms = timeoutMs) {
      let refuse: (message: string) => void = () => undefined;
      const refused = new Promise<never>((_, reject) => (refuse = (message) => reject(new TeacherActionError(`the server refused: ${message}`))));
      refusals.push(refuse);
      const shown = wait(isDone, ms, `the server did not show the ${action.action} done`, false);
      room.send('teacherAction', action);
      try {
        return await Promise.race([shown, refused]);
      } finally {
        refused.catch(() => undefined);
        shown.catch(() => undefined);
        const i = refusals.indexOf(refuse);
        if (i >= 0) refusals.splice(i, 1);
      }
    },
    async leave() {
      await room.leave(true).catch(() => undefined);
    },
  };
}

/** Whether every started table of the round's dashboard has ended (and at least one started). */
export function roundPlayed(d: Dashboard): boolean {
  const started = d.tables.filter((t) => t.started);
  return started.length > 0 && started.every((t) => t.outcome !== null);
}

/** A table of the dashboard as the CLI prints it: its number in the round and who sits where. */
export function tableLine(d: Dashboard, t: Dashboard['tables'][number]): { table: number; started: boolean; paused: boolean; outcome: string | null; seats: string[] } {
  const first = d.info.firstTable ?? 0;
  return { table: t.table - first + 1, started: t.started, paused: t.paused, outcome: t.outcome, seats: t.seats.map((s) => `${s.name} (${s.side}${s.kind === 'ai' ? ', AI' : ''})`) };
}
