import type { Move } from '../../core/types';
import {
  liveClassDebrief,
  moveToSend,
  newLiveClass,
  receive,
  seatMatch,
  type LiveClass,
} from '../../session/class-client';
import type { Match, Turn } from '../../session/match';
import { describeMove } from '../../session/text';
import { pruneDraft } from '../../session/draft';
import type { Package } from '../../core/types';
import type { AppState, Notice } from './app-state';
import { NO_LIVE_CLASS, type ClassLiveAction, type ClassRequest, type LiveClassView } from './class-live-state';

export type { ClassLiveAction, ClassRequest, LiveClassView, TeacherClass } from './class-live-state';
import { findScenario } from './selectors';
import type { Step } from './store';

/**
 * The live class in the browser: the teacher's class (its code, key, dashboard and debrief) and
 * a student's seat (lobby, then the table). The server's messages go through the session's pure
 * reducer (src/session/class-client.ts); the connection itself is the shell's
 * (src/view/shell/class-connection.ts, loaded with @colyseus/sdk only when a class screen asks).
 */

type ClassEffect = { kind: 'class'; request: ClassRequest } | { kind: 'announce'; text: string };
type Result = Step<AppState, ClassEffect>;

const same = (state: AppState): Result => ({ state, effects: [] });
const request = (r: ClassRequest): ClassEffect => ({ kind: 'class', request: r });
const say = (texts: string[]): ClassEffect[] => texts.filter(Boolean).map((text) => ({ kind: 'announce', text }));
const NO_NOTICES: readonly Notice[] = [];

function withLive(state: AppState, change: Partial<LiveClassView>): AppState {
  return { ...state, liveClass: { ...state.liveClass, ...change } };
}

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
  if (!scenario) return withLive(state, { live: { ...live, problem: `This page does not have the class's scenario (${table.scenario.id}).` } });
  const built = seatMatch(scenario, table, seat.side);
  if (!built.ok) return withLive(state, { live: { ...live, problem: `The table cannot be shown: ${built.message}.` } });
  const match = built.match;
  const started = table.seats.length >= 2;
  const screen = state.screen === 'class-lobby' && started ? 'table' : state.screen;
  return {
    ...state,
    screen,
    notices: screen === state.screen ? state.notices : NO_NOTICES,
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

/** The class actions; null for any other action. */
export function classLiveUpdate(state: AppState, action: { type: string }): Result | null {
  const lc = state.liveClass;
  const a = action as ClassLiveAction;
  switch (a.type) {
    case 'class-create':
      return { state: withLive(state, { busy: true, error: null }), effects: [request({ op: 'create', config: a.config })] };
    case 'class-created':
    case 'class-open-teacher': {
      const teacher = { code: a.code, teacherKey: a.teacherKey };
      const next = withLive({ ...state, screen: 'class-teacher', notices: NO_NOTICES }, { ...NO_LIVE_CLASS, teacher, live: newLiveClass('teacher', a.code) });
      return { state: next, effects: [request({ op: 'connect-teacher', code: a.code, teacherKey: a.teacherKey }), ...say([`The class is open. Its code is ${a.code.split('').join(' ')}.`])] };
    }
    case 'class-failed':
      return { state: withLive(state, { busy: false, error: a.text, live: lc.live && { ...lc.live, status: lc.live.status === 'connecting' ? 'closed' : lc.live.status } }), effects: say([a.text]) };
    case 'class-join': {
      const live = newLiveClass('student', a.code, a.name);
      const next = withLive({ ...state, screen: 'class-lobby', notices: NO_NOTICES }, { ...NO_LIVE_CLASS, live });
      return { state: next, effects: [request({ op: 'connect-student', code: a.code, name: a.name, seatKey: a.seatKey ?? null })] };
    }
    case 'class-status': {
      if (!lc.live) return same(state);
      const live = { ...lc.live, status: a.status, ...(a.text ? { problem: a.text } : {}) };
      const words = a.status === 'reconnecting' ? 'The connection to the class dropped; reconnecting…' : a.status === 'connected' && lc.live.status === 'reconnecting' ? 'Reconnected to the class.' : '';
      return { state: withLive(state, { live }), effects: say([words, a.text ?? '']) };
    }
    case 'class-received': {
      if (!lc.live) return same(state);
      const scenarioId = lc.live.table?.scenario.id ?? lc.live.info?.config.scenario;
      const scenario = scenarioId ? (findScenario(state, scenarioId) ?? null) : null;
      const r = receive(lc.live, a.name, a.payload, scenario, a.at ?? 0);
      let next = withLive(state, { live: r.live });
      // A teammate's draft replaces this member's own: the team builds one package.
      const shared = r.live.teamDraft;
      if (shared && shared !== lc.live.teamDraft && next.match?.remoteSide && next.match.humanToMove() === next.match.remoteSide)
        next = { ...next, draft: pruneDraft(next.match.scenario, next.match.state, shared.package) };
      // The teacher's screens name the sides and chips by the class's scenario.
      const classScenario = r.live.info ? findScenario(state, r.live.info.config.scenario) : undefined;
      if (r.live.role === 'teacher' && classScenario && state.scenario !== classScenario) next = { ...next, scenario: classScenario };
      if (r.tableChanged) next = followTable(next, r.live);
      const m = next.match;
      const ended = r.tableChanged && m?.remoteSide && m.ended && !(state.match?.remoteSide && state.match.ended);
      const yourTurn = r.tableChanged && m?.remoteSide && m.humanToMove() === m.remoteSide && state.match?.humanToMove() !== m.remoteSide;
      const extra = ended ? ['The talks are over: the debrief is ready.'] : yourTurn ? ['Your move.'] : [];
      const entered = next.screen === 'table' && state.screen !== 'table' ? ['The talks begin.'] : [];
      return { state: next, effects: [...say([...entered, ...r.announce, ...extra])] };
    }
    case 'class-teacher-action':
      if (!lc.teacher) return same(state);
      return { state, effects: [request({ op: 'send-teacher-action', message: a.action })] };
    case 'class-load-debrief':
      if (!lc.teacher) return same(state);
      return { state: withLive(state, { busy: true, error: null }), effects: [request({ op: 'export', code: lc.teacher.code, teacherKey: lc.teacher.teacherKey })] };
    case 'class-export-loaded': {
      const built = liveClassDebrief(a.data, (id) => findScenario(state, id));
      if (!built.ok) return { state: withLive(state, { busy: false, error: built.message }), effects: say([built.message]) };
      const n = built.debrief?.games.length ?? 0;
      return {
        state: withLive({ ...state, screen: 'class-teacher' }, { busy: false, error: null, debrief: built.debrief, unfinished: built.unfinished }),
        effects: say([`The class debrief holds ${n} finished game${n === 1 ? '' : 's'}${built.unfinished ? `; ${built.unfinished} still playing` : ''}.`]),
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
  if (!sent.ok) return { state: { ...state, notices: [{ kind: 'error', text: `That move cannot be sent: ${sent.reason}.` }] }, effects: say([`That move cannot be sent: ${sent.reason}.`]) };
  const sentence = describeMove(match.scenario, move, match.state, match.remoteSide);
  return {
    state: { ...withLive(state, { live: sent.live }), notices: NO_NOTICES, confirmingWalkout: false },
    effects: [request({ op: 'send-move', message: sent.message }), ...say([`${sentence} Sent to the class server.`])],
  };
}
