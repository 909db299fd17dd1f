import type { Move } from '../../core/types';
import {
  liveClassDebrief,
  moveToSend,
  newLiveClass,
  pairInClass,
  receive,
  seatMatch,
  type LiveClass,
} from '../../session/class-client';
import type { Match, Turn } from '../../session/match';
import { describeMove } from '../../session/text';
import { normaliseJoinCode, teacherKeySchema } from '../../session/class/protocol';
import { pruneDraft } from '../../session/draft';
import type { Package } from '../../core/types';
import type { AppState, Notice } from './app-state';
import { DEFAULT_RUN_CHOICES, keptDebriefRound, NO_LIVE_CLASS, type ClassLiveAction, type ClassRequest, type LiveClassView } from './class-live-state';

export type { ClassLiveAction, ClassRequest, ClassRunChoices, LiveClassView, TeacherClass } from './class-live-state';
import { findScenario } from './selectors';
import type { Step } from './store';

/**
 * The live class in the browser: the teacher's class (its code, key, dashboard and debrief) and
 * a student's seat (lobby, then the table). The server's messages go through the session's pure
 * reducer (src/session/class-client.ts); the connection itself is the shell's
 * (src/view/shell/class-connection.ts, loaded with @colyseus/sdk only when a class screen asks).
 */

type ClassEffect = { kind: 'class'; request: ClassRequest } | { kind: 'announce'; text: string } | { kind: 'scroll-top' } | { kind: 'scroll-to'; id: string };
type Result = Step<AppState, ClassEffect>;

const same = (state: AppState): Result => ({ state, effects: [] });
const request = (r: ClassRequest): ClassEffect => ({ kind: 'class', request: r });
const say = (texts: string[]): ClassEffect[] => texts.filter(Boolean).map((text) => ({ kind: 'announce', text }));
const NO_NOTICES: readonly Notice[] = [];

function withLive(state: AppState, change: Partial<LiveClassView>): AppState {
  return { ...state, liveClass: { ...state.liveClass, ...change } };
}

/** How a move this page would not send begins (its notice goes once the table changes). */
const REFUSED_SEND = 'That move cannot be sent: ';
const isRefusedSend = (n: Notice) => n.text.startsWith(REFUSED_SEND);

/** The moves since this seat's last one: the "what just happened" report of the table. */
function turnsSinceMine(match: Match): Turn[] {
  const turns = match.turns();
  const side = match.remoteSide;
  let k = turns.length;
  while (k > 0 && turns[k - 1]!.move.side !== side) k--;
  return turns.slice(k);
}

/** A table message or a move: the seat's match rebuilt from the log; the lobby gives way to the table once the game has begun. */
function followTable(state: AppState, live: LiveClass): AppState {
  const table = live.table;
  const seat = live.seat;
  if (!table || !seat || !state.lib) return state;
  const scenario = findScenario(state, table.scenario.id);
  if (!scenario) return withLive(state, { live: { ...live, problem: `This page does not have the class’s scenario (${table.scenario.id}).` } });
  const built = seatMatch(scenario, table, seat.side);
  if (!built.ok) return withLive(state, { live: { ...live, problem: `The table cannot be shown: ${built.message}.` } });
  const match = built.match;
  const started = table.seats.length >= 2;
  const screen = state.screen === 'class-lobby' && started ? 'table' : state.screen;
  // A move refused here (the tables paused, a move already on its way) is stale once the table changes (resumed, moved on).
  const notices = screen !== state.screen ? NO_NOTICES : state.notices.some(isRefusedSend) ? state.notices.filter((n) => !isRefusedSend(n)) : state.notices;
  return {
    ...state,
    screen,
    notices,
    match,
    matchVersion: state.matchVersion + 1,
    scenario,
    scenarioFile: undefined,
    lastTurns: turnsSinceMine(match),
    // The draft survives a partner's move only if the seat is still to move (its chips are still legal then).
    draft: match.humanToMove() === seat.side ? state.draft : {},
    confirmingWalkout: false,
  };
}

/** A scenario file the class server sent, into the page's catalog (its problems, if any, said as the class's problem). */
function openClassScenario(state: AppState, file: { file: string; text: string }): AppState {
  const lib = state.lib;
  if (!lib) return state;
  const opened = lib.catalog.open(file);
  const scenarios = { entries: [...lib.catalog.entries], failures: [...lib.catalog.failures] };
  if (opened.ok) return { ...state, scenarios };
  const problem = `The class’s scenario file does not load here: ${opened.problems.slice(0, 3).map((p) => p.message).join('; ')}.`;
  return withLive({ ...state, scenarios }, { live: state.liveClass.live && { ...state.liveClass.live, problem } });
}

/** The class actions; null for any other action. */
export function classLiveUpdate(state: AppState, action: { type: string }): Result | null {
  const lc = state.liveClass;
  const a = action as ClassLiveAction;
  switch (a.type) {
    case 'class-run-change': {
      const was = lc.runForm ?? DEFAULT_RUN_CHOICES;
      // Another scenario: its doctrines start at its own first again (unless chosen with it).
      const doctrines = a.change.scenario !== undefined && a.change.scenario !== was.scenario ? (a.change.doctrines ?? {}) : { ...was.doctrines, ...a.change.doctrines };
      return same(withLive(state, { runForm: { ...was, ...a.change, doctrines } }));
    }
    case 'class-create': {
      // A scenario the teacher opened goes with the request (the server has only the shipped ones).
      const entry = state.scenarios.entries.find((e) => e.scenario.id === a.config.scenario);
      const upload = entry?.origin === 'opened' ? { scenarioFile: { file: entry.source.file, text: entry.source.text } } : {};
      return { state: withLive(state, { busy: true, error: null }), effects: [request({ op: 'create', config: a.config, ...upload })] };
    }
    case 'class-created':
    case 'class-open-teacher': {
      const teacher = { code: a.code, teacherKey: a.teacherKey };
      const next = withLive({ ...state, screen: 'class-teacher', notices: NO_NOTICES }, { ...NO_LIVE_CLASS, teacher, live: newLiveClass('teacher', a.code) });
      return { state: next, effects: [request({ op: 'connect-teacher', code: a.code, teacherKey: a.teacherKey }), ...say([`The class is open. Its code is ${a.code.split('').join(' ')}.`])] };
    }
    case 'class-open-check': {
      const code = normaliseJoinCode(a.code);
      // A key pasted from a note or an email may carry spaces or a line break; a key has none.
      const teacherKey = a.teacherKey.replace(/\s+/g, '');
      const keyShape = teacherKeySchema.safeParse(teacherKey);
      const missing =
        code === ''
          ? 'Type the class code (eight letters and digits, on the dashboard and the students’ screens).'
          : teacherKey === ''
            ? 'Paste the teacher key: it is on the dashboard of the browser that made the class, under “Show the teacher key”.'
            : !keyShape.success
              ? `That is not a whole teacher key (${keyShape.error.issues[0]?.message ?? 'its shape is wrong'}): copy it again, all of it.`
              : null;
      if (missing) return { state: withLive(state, { openError: missing, opening: false }), effects: say([missing]) };
      return { state: withLive(state, { opening: true, openError: null }), effects: [request({ op: 'check-teacher', code, teacherKey })] };
    }
    case 'class-open-refused':
      return { state: withLive(state, { opening: false, openError: a.text }), effects: say([a.text]) };
    case 'class-key-shown':
      return lc.teacher ? same(withLive(state, { keyShown: a.shown })) : same(state);
    case 'class-failed': {
      // A join refused before a seat (a wrong code, a taken name): back on the join form, the code and name kept, the reason said there.
      const unseated = state.screen === 'class-lobby' && lc.live?.role === 'student' && !lc.live.seat;
      const next = withLive(unseated ? { ...state, screen: 'class-join' } : state, { busy: false, error: a.text, live: lc.live && { ...lc.live, status: lc.live.status === 'connecting' ? 'closed' : lc.live.status } });
      return { state: next, effects: say([a.text]) };
    }
    case 'class-join': {
      const live = newLiveClass('student', a.code, a.name);
      const next = withLive({ ...state, screen: 'class-lobby', notices: NO_NOTICES }, { ...NO_LIVE_CLASS, live });
      return { state: next, effects: [request({ op: 'connect-student', code: a.code, name: a.name, seatKey: a.seatKey ?? null })] };
    }
    case 'class-join-link':
      return same(withLive({ ...state, screen: 'class-join', notices: NO_NOTICES }, { ...NO_LIVE_CLASS, error: a.problem, ...(a.code ? { prefill: a.code } : {}) }));
    case 'class-status': {
      if (!lc.live) return same(state);
      const live = { ...lc.live, status: a.status, ...(a.text ? { problem: a.text } : {}) };
      const words = a.status === 'reconnecting' && lc.live.status !== 'reconnecting' ? 'The connection to the class dropped; reconnecting…' : a.status === 'connected' && lc.live.status === 'reconnecting' ? 'Reconnected to the class.' : '';
      // Back after a dropped connection with the talks over: the class's results are asked for again.
      const rewatch = a.status === 'connected' && lc.live.status === 'reconnecting' && lc.live.role === 'student' && state.match?.remoteSide && state.match.ended ? [request({ op: 'watch-results' })] : [];
      // A notice (a join tried again) is said, not kept as the class's problem.
      // A move sent as the connection went may never have arrived: sent again (the server answers a repeat as a duplicate).
      const resend = a.status === 'connected' && lc.live.status === 'reconnecting' && lc.live.pending ? [request({ op: 'send-move', message: lc.live.pending })] : [];
      return { state: withLive(state, { live }), effects: [...rewatch, ...resend, ...say([words, a.text ?? '', a.notice ?? ''])] };
    }
    case 'class-not-kept':
      return lc.live && lc.notKept === undefined ? same(withLive(state, { notKept: a.reason })) : same(state);
    case 'class-received': {
      if (!lc.live) return same(state);
      const scenarioId = lc.live.table?.scenario.id ?? lc.live.info?.config.scenario;
      const scenario = scenarioId ? (findScenario(state, scenarioId) ?? null) : null;
      const r = receive(lc.live, a.name, a.payload, scenario, a.at ?? 0);
      let next = withLive(state, { live: r.live });
      // Another round: this seat is at a table of the new round, its game yet to come (the lobby until it arrives, then the table).
      const newRound = lc.live.seat !== null && r.live.seat !== null && r.live.seat.table !== lc.live.seat.table;
      if (newRound) next = withLive({ ...next, screen: 'class-lobby', match: null, matchVersion: next.matchVersion + 1, draft: {}, notices: NO_NOTICES }, { pairChart: null });
      // A teammate's draft replaces this member's own: the team builds one package.
      const shared = r.live.teamDraft;
      if (shared && shared !== lc.live.teamDraft && next.match?.remoteSide && next.match.humanToMove() === next.match.remoteSide)
        next = { ...next, draft: pruneDraft(next.match.scenario, next.match.state, shared.package) };
      // The teacher's own scenario, sent by the room: loaded here as an opened file, so the class's screens find it.
      if (r.live.scenarioFile && r.live.scenarioFile !== lc.live.scenarioFile) next = openClassScenario(next, r.live.scenarioFile);
      // The teacher's screens name the sides and chips by the class's scenario.
      const classScenario = r.live.info ? findScenario(state, r.live.info.config.scenario) : undefined;
      if (r.live.role === 'teacher' && classScenario && state.scenario !== classScenario) next = { ...next, scenario: classScenario };
      if (r.tableChanged) next = followTable(next, r.live);
      // The class's finished games: where this pair sits among them, built once per update.
      if (r.live.classGames !== lc.live.classGames && scenario) next = withLive(next, { pairChart: pairInClass(r.live, scenario) });
      const m = next.match;
      const ended = r.tableChanged && m?.remoteSide && m.ended && !(state.match?.remoteSide && state.match.ended);
      const yourTurn = r.tableChanged && m?.remoteSide && m.humanToMove() === m.remoteSide && state.match?.humanToMove() !== m.remoteSide;
      // The teacher pausing or resuming the tables is said at the table (a paused seat is not told "your move").
      const pausedNow = r.live.table?.paused === true;
      const pauseChanged = r.tableChanged && lc.live.table !== null && (lc.live.table.paused === true) !== pausedNow;
      const pauseWords = pauseChanged && m?.remoteSide && !m.ended ? [pausedNow ? 'The teacher paused the tables.' : m.humanToMove() === m.remoteSide ? 'The tables resume: your move.' : 'The tables resume.'] : [];
      const extra = ended ? ['The talks are over: the debrief is ready.'] : pauseWords.length > 0 ? pauseWords : yourTurn ? [pausedNow ? 'Your turn, once the teacher resumes the tables.' : 'Your move.'] : [];
      const entered = next.screen === 'table' && state.screen !== 'table' ? ['The talks begin.'] : [];
      const watch = ended && r.live.role === 'student' ? [request({ op: 'watch-results' })] : [];
      return { state: next, effects: [...watch, ...say([...entered, ...r.announce, ...extra])] };
    }
    case 'class-teacher-action':
      if (!lc.teacher) return same(state);
      return { state: a.action.action === 'newRound' ? withLive(state, { confirmRound: null }) : state, effects: [request({ op: 'send-teacher-action', message: a.action })] };
    case 'class-round-confirm':
      if (!lc.teacher) return same(state);
      return { state: withLive(state, { confirmRound: a.sides }), effects: a.sides ? say(['Some tables are still playing: confirm to start another round, or wait.']) : [] };
    case 'class-debrief-round': {
      if (lc.exportData === undefined) return same(state);
      const built = liveClassDebrief(lc.exportData, (id) => findScenario(state, id), a.round);
      if (!built.ok) return same(state);
      const n = built.debrief?.games.length ?? 0;
      return { state: withLive(state, { debrief: built.debrief, unfinished: built.unfinished, debriefRound: built.round, debriefRounds: built.rounds }), effects: say([`Round ${built.round}: ${n} finished game${n === 1 ? '' : 's'} on the class chart.`]) };
    }
    case 'class-load-debrief':
      if (!lc.teacher) return same(state);
      return { state: withLive(state, { busy: true, error: null, goToDebrief: a.goTo === true }), effects: [request({ op: 'export', code: lc.teacher.code, teacherKey: lc.teacher.teacherKey })] };
    case 'class-join-panel':
      // Shown from the class bar while scrolled down (a late student at the door): the panel scrolls up to it.
      if (!lc.teacher) return same(state);
      return { state: withLive(state, { joinShown: a.shown }), effects: a.shown ? [{ kind: 'scroll-top' }] : [] };
    case 'class-export-loaded': {
      // A refresh keeps an earlier round the teacher chose; otherwise the latest (the current round).
      const built = liveClassDebrief(a.data, (id) => findScenario(state, id), keptDebriefRound(lc));
      if (!built.ok) return { state: withLive(state, { busy: false, error: built.message, goToDebrief: false }), effects: say([built.message]) };
      const n = built.debrief?.games.length ?? 0;
      return {
        state: withLive({ ...state, screen: 'class-teacher' }, { busy: false, error: null, debrief: built.debrief, unfinished: built.unfinished, debriefRound: built.round, debriefRounds: built.rounds, exportData: a.data, goToDebrief: false }),
        effects: [...(lc.goToDebrief ? [{ kind: 'scroll-to', id: 'class-debrief-title' } satisfies ClassEffect] : []), ...say([`The class debrief${built.rounds.length > 1 ? ` of round ${built.round}` : ''} holds ${n} finished game${n === 1 ? '' : 's'}${built.unfinished ? `; ${built.unfinished} ${built.round < built.rounds[built.rounds.length - 1]! ? 'left unfinished' : 'still playing'}` : ''}.`])],
      };
    }
    case 'class-leave':
      return { state: { ...state, liveClass: NO_LIVE_CLASS, screen: 'title', match: state.match?.remoteSide ? null : state.match, matchVersion: state.matchVersion + 1 }, effects: [request({ op: 'leave' })] };
  }
  return null;
}

/** A team member's changed draft, shared with the rest of the team (nothing for a student without teammates, or solo play). */
export function shareDraft(state: AppState, draft: Readonly<Package>): ClassEffect[] {
  const live = state.liveClass.live;
  if (!live || live.role !== 'student' || live.team.length === 0 || !live.table || !state.match?.remoteSide) return [];
  return [request({ op: 'send-draft', message: { index: live.table.moves.length, package: { ...draft } } })];
}

/** A move at a class table: checked here, then sent; it joins the log when the server relays it. */
export function playAtClassTable(state: AppState, match: Match, move: Move): Result {
  const live = state.liveClass.live;
  if (!live) return same(state);
  const sent = moveToSend(live, match, move);
  if (!sent.ok) return { state: { ...state, notices: [{ kind: 'error', text: `${REFUSED_SEND}${sent.reason}.` }] }, effects: say([`${REFUSED_SEND}${sent.reason}.`]) };
  const sentence = describeMove(match.scenario, move, match.state, match.remoteSide);
  return {
    state: { ...withLive(state, { live: sent.live }), notices: NO_NOTICES, confirmingWalkout: false },
    effects: [request({ op: 'send-move', message: sent.message }), ...say([`${sentence} Sent to the class server.`])],
  };
}
