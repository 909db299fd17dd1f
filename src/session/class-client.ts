import { gameSpecSchema } from '../core/schema/game';
import { schemaProblems } from '../core/schema/problems';
import type { GameSpec, Move, Package, Scenario, Side } from '../core/types';
import { classDebrief, type ClassDebrief, type ClassInput } from './class-debrief';
import {
  classExportSchema,
  SERVER_MESSAGES,
  type ClassInfo,
  type Dashboard,
  type InjectView,
  type SeatView,
  type ServerMessage,
  type ServerMessageName,
  type TableView,
  tableNumber,
} from './class/protocol';
import { describeMove } from './text';
import { encodeResult } from '../core/result-code';
import { Match } from './match';
import { failureText } from './games';
import { sideInSentence } from '../core/sentence';

/**
 * What a class screen knows of its class, built from the server's messages (their schemas are
 * src/session/class/protocol.ts): a pure reducer, so a student's and a teacher's screens are a
 * function of the messages received, tested without a server. Every message is parsed before it
 * is used; one that does not parse, or that does not fit what came before, becomes a problem
 * named in words, never a crash. The game itself is `(scenario, seed, options, moves)` replayed
 * with the core, as the server replays it.
 */

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface LiveClass {
  role: 'teacher' | 'student';
  status: ConnectionStatus;
  code: string;
  /** A student's display name (as the server keeps it, once seated). */
  name: string;
  info: ClassInfo | null;
  seat: SeatView | null;
  /** The key that gets the same seat back after a reload (kept in the browser). */
  seatKey: string | null;
  partner: SeatView | null;
  /** A class of teams: the other members of the student's team. */
  team: SeatView[];
  /** A class of teams: the draft a teammate last shared for the game's next move (shown in place of one's own). */
  teamDraft: { index: number; package: Package; by: string } | null;
  /**
   * The turn's time limit on this device's clock: when it runs out (`endsAt`, ms, counted from the
   * time a message arrived and the time left it carried, so the server's clock need not agree with
   * this one), or the time left held while the tables are paused.
   */
  clock: { endsAt: number | null; pausedLeft: number | null };
  /** The student's table as the server last sent it, its log extended by each `moved`. */
  table: TableView | null;
  dashboard: Dashboard | null;
  /** This seat's move sent and not yet answered (its index in the log). */
  pending: { index: number; move: Move } | null;
  injects: InjectView[];
  /** The last thing that went wrong, in a sentence (a refused move, a message that could not be read). */
  problem: string | null;
  /** Set when a `moved` skipped ahead of the log: the screen shows what it has and waits for the next `table`. */
  behind: boolean;
  /** The class's scenario file when the server sent it (the teacher's own): the page loads it with its scenario loader. */
  scenarioFile: { file: string; text: string } | null;
  /** The class's finished games (asked for once this seat's talks are over), by table. */
  classGames: ClassResultGame[];
}

export type ClassResultGame = ServerMessage<'classResults'>['games'][number];

export function newLiveClass(role: LiveClass['role'], code: string, name = ''): LiveClass {
  return { role, status: 'connecting', code, name, info: null, seat: null, seatKey: null, partner: null, team: [], teamDraft: null, clock: { endsAt: null, pausedLeft: null }, table: null, dashboard: null, pending: null, injects: [], problem: null, behind: false, scenarioFile: null, classGames: [] };
}

/** What a received message changed, and what a screen reader should hear of it. */
export interface Received {
  live: LiveClass;
  announce: string[];
  /** The table's game changed (a new `table`, or a move appended). */
  tableChanged: boolean;
}

/** A table's game as a spec, parsed by the core's own schema (the protocol keeps options loose). */
export function tableSpec(table: TableView): { ok: true; spec: GameSpec } | { ok: false; message: string } {
  const data = { scenario: table.scenario, seed: table.seed, options: table.options, moves: table.moves };
  const parsed = gameSpecSchema.safeParse(data);
  if (!parsed.success) return { ok: false, message: `the server sent a table whose game cannot be read (${schemaProblems(parsed.error, data).slice(0, 3).map((p) => p.message).join('; ')})` };
  return { ok: true, spec: parsed.data };
}

/** The seat's match: the table's game replayed by the core, seen from the seat's side. */
export function seatMatch(scenario: Scenario, table: TableView, side: Side): { ok: true; match: Match } | { ok: false; message: string } {
  const spec = tableSpec(table);
  if (!spec.ok) return spec;
  if (spec.spec.scenario.id !== scenario.id || spec.spec.scenario.version !== scenario.version)
    return { ok: false, message: `the table plays ${spec.spec.scenario.id} v${spec.spec.scenario.version}, which this page does not have` };
  try {
    return { ok: true, match: Match.remote(scenario, spec.spec, side) };
  } catch (error) {
    return { ok: false, message: `the table’s moves do not replay here: ${failureText(error)}` };
  }
}

const SENTENCE_END = /[.!?]$/;

/**
 * Take one message from the server. `scenario` is the class's scenario when the page has it (for
 * words about a move); `at` is when the message arrived, on this device's clock (for the turn's
 * countdown); a message of a name the protocol does not know, or whose payload does not parse,
 * is a problem.
 */
export function receive(live: LiveClass, name: string, payload: unknown, scenario: Scenario | null, at = 0): Received {
  const same = (l: LiveClass = live): Received => ({ live: l, announce: [], tableChanged: false });
  if (!Object.hasOwn(SERVER_MESSAGES, name)) return same({ ...live, problem: `The server sent a message this page does not know (${JSON.stringify(name.slice(0, 40))}).` });
  const schema = SERVER_MESSAGES[name as ServerMessageName];
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const why = schemaProblems(parsed.error, payload).slice(0, 2).map((p) => p.message).join('; ');
    return same({ ...live, problem: `The server’s “${name}” message could not be read: ${why}.` });
  }
  const data = parsed.data;
  switch (name as ServerMessageName) {
    case 'scenario': {
      const s = data as ServerMessage<'scenario'>;
      return same({ ...live, scenarioFile: { file: s.file, text: s.text } });
    }
    case 'classResults': {
      const r = data as ServerMessage<'classResults'>;
      const kept = r.replace ? [] : live.classGames.filter((g) => !r.games.some((n) => n.table === g.table));
      return same({ ...live, classGames: [...kept, ...r.games].sort((a, b) => a.table - b.table) });
    }
    case 'seat': {
      const m = data as { info: ClassInfo; seat: SeatView; seatKey: string; partner: SeatView | null; team?: SeatView[] };
      const partner = m.partner ? ` Your partner: ${m.partner.name}${m.partner.kind === 'ai' ? ' (the AI)' : ''}.` : ' You wait for a partner.';
      const team = m.team ?? [];
      const mates = team.length > 0 ? ` Your team: ${team.map((t) => t.name).join(', ')}.` : '';
      // The teacher started another round: a table of the new round, its game new (the last round's is over for this seat).
      const moved = live.seat !== null && live.seat.seat !== m.seat.seat && live.seat.table !== m.seat.table;
      const fresh = moved ? { table: null, pending: null, teamDraft: null, injects: [], classGames: [], behind: false, clock: { endsAt: null, pausedLeft: null } } : {};
      const round = m.info.classRound ?? 1;
      const where = `table ${tableNumber(m.info, m.seat.table)}, as ${sideInSentence(scenario?.sides[m.seat.side].label ?? m.seat.side)}`;
      return {
        live: { ...live, ...fresh, info: m.info, seat: m.seat, seatKey: m.seatKey, partner: m.partner, team, name: m.seat.name, status: 'connected' },
        announce: [moved ? `Round ${round} of the class begins: you play at ${where}.${mates}${partner}` : `You are seated at ${where}.${mates}${partner}`],
        tableChanged: false,
      };
    }
    case 'table': {
      const t = data as TableView;
      if (live.role === 'student' && live.seat && t.table !== live.seat.table) return same();
      const partner = live.seat ? (t.seats.find((s) => s.side !== live.seat!.side) ?? live.partner) : live.partner;
      // A pending move the table already holds was accepted while the answer was lost.
      const pending = live.pending && t.moves.length > live.pending.index ? null : live.pending;
      const team = live.seat ? t.seats.filter((s) => s.side === live.seat!.side && s.seat !== live.seat!.seat) : live.team;
      const left = t.turnMsLeft ?? null;
      const clock = t.paused ? { endsAt: null, pausedLeft: left } : { endsAt: left === null ? null : at + left, pausedLeft: null };
      const teamDraft = live.teamDraft && live.teamDraft.index === t.moves.length ? live.teamDraft : null;
      // The table's news so far (a page that joined or reloaded after it was sent has it from here).
      const injects = t.injects.some((i) => !live.injects.some((x) => x.index === i.index)) ? [...live.injects, ...t.injects.filter((i) => !live.injects.some((x) => x.index === i.index))].sort((a, b) => a.index - b.index) : live.injects;
      return { live: { ...live, table: t, partner, team, teamDraft, clock, pending, injects, behind: false }, announce: [], tableChanged: true };
    }
    case 'moved': {
      const m = data as { table: number; index: number; move: Move; by: 'student' | 'ai' | 'clock' | 'teacher' };
      const t = live.table;
      if (!t || t.table !== m.table) return same();
      if (m.index < t.moves.length) return same(); // already in the log (a table message carried it)
      if (m.index > t.moves.length) return same({ ...live, behind: true });
      const before = live.seat && scenario ? seatMatch(scenario, t, live.seat.side) : null;
      const announce: string[] = [];
      // An event the teacher made happen is announced by its `inject` message.
      if (before?.ok && live.seat && m.move.side !== live.seat.side && m.move.type !== 'event') {
        let sentence = describeMove(scenario!, m.move, before.match.state, live.seat.side);
        if (!SENTENCE_END.test(sentence)) sentence += '.';
        announce.push(m.by === 'clock' ? `Time ran out: ${sentence}` : sentence);
      }
      const pending = live.pending && live.pending.index === m.index ? null : live.pending;
      // Every move starts the next turn's full time (the server counts from the move too).
      const seconds = live.info?.config.turnSeconds;
      const clock = seconds !== undefined && !t.paused ? { endsAt: at + seconds * 1000, pausedLeft: null } : live.clock;
      return { live: { ...live, table: { ...t, moves: [...t.moves, m.move] }, pending, teamDraft: null, clock }, announce, tableChanged: true };
    }
    case 'moveResult': {
      const r = data as { ok: true; index: number; duplicate: boolean } | { ok: false; index: number; kind: string; reason: string };
      // Accepted: the move joins the log when its `moved` arrives (which also clears `pending`).
      if (r.ok) return same();
      return { live: { ...live, pending: null, problem: `Your move was not accepted: ${r.reason}` }, announce: [`Your move was not accepted: ${r.reason}`], tableChanged: false };
    }
    case 'dashboard':
      return same({ ...live, dashboard: data as Dashboard, info: (data as Dashboard).info, status: 'connected' });
    case 'draft': {
      const d = data as { table: number; side: Side; index: number; package: Package; by: string };
      const t = live.table;
      if (!t || !live.seat || d.table !== t.table || d.side !== live.seat.side || d.index !== t.moves.length) return same();
      const items = Object.keys(d.package).length;
      return { live: { ...live, teamDraft: { index: d.index, package: d.package, by: d.by } }, announce: [`${d.by} changed your team’s draft: ${items === 0 ? 'now empty' : `${items} chip${items === 1 ? '' : 's'}`}.`], tableChanged: false };
    }
    case 'inject': {
      const i = data as InjectView;
      if (live.injects.some((x) => x.index === i.index)) return same();
      return { live: { ...live, injects: [...live.injects, i] }, announce: [`News: ${i.text}`], tableChanged: false };
    }
    case 'problem': {
      const p = data as { message: string; about: string };
      return { live: { ...live, problem: p.message }, announce: [p.message], tableChanged: false };
    }
  }
  return same();
}

/** This seat's move, to send: refused here first if it is not its turn or a move is already on its way. */
export function moveToSend(live: LiveClass, match: Match, move: Move): { ok: true; live: LiveClass; message: { index: number; move: Move; table: number } } | { ok: false; reason: string } {
  if (live.role !== 'student' || !live.seat || !live.table) return { ok: false, reason: 'you have no seat at a table' };
  if (live.pending) return { ok: false, reason: 'your last move is still on its way to the server' };
  if (live.table.paused) return { ok: false, reason: 'the teacher has paused the tables' };
  if (move.side !== live.seat.side) return { ok: false, reason: 'that is not your side' };
  const problem = match.check(move);
  if (problem !== null) return { ok: false, reason: problem };
  const message = { index: live.table.moves.length, move, table: live.table.table };
  return { ok: true, live: { ...live, pending: message, problem: null }, message };
}

/**
 * Where this seat's pair sits among the class's finished games: the class debrief of those games
 * (the same `classDebrief`, so the same chart, as the teacher's) and the index of the pair's own
 * game in it, or null until the pair's game is among them. Pairs are named by table only.
 */
/** What the student's class chart shows, in words: their pair's point and how many others have finished so far. */
export function pairInClassText(finished: number): string {
  const others = finished - 1;
  if (others <= 0) return 'Your pair is the large point, the first of the class to finish; the other pairs join the chart as they finish.';
  return `Your pair is the large point; the ${others === 1 ? 'other is the one other pair that has' : `others are the ${others} other pairs that have`} finished so far (the chart follows as more finish).`;
}

export function pairInClass(live: LiveClass, scenario: Scenario): { debrief: ClassDebrief; mine: number; finished: number } | null {
  const own = live.seat?.table;
  if (own === undefined || !live.info) return null;
  const inputs: ClassInput[] = [];
  let mine = -1;
  for (const g of live.classGames) {
    const spec = tableSpec({ ...g, seats: [], paused: false, turnDeadline: null, ended: true, injects: [] });
    if (!spec.ok || spec.spec.scenario.id !== scenario.id || spec.spec.scenario.version !== scenario.version) continue;
    let code: string;
    try {
      code = encodeResult(spec.spec, scenario);
    } catch {
      continue;
    }
    if (g.table === own) mine = inputs.length;
    const n = tableNumber(live.info, g.table);
    inputs.push({ name: g.table === own ? `Table ${n} (your pair)` : `Table ${n}`, line: n, code, spec: spec.spec });
  }
  if (mine < 0) return null;
  try {
    return { debrief: classDebrief(scenario, inputs, live.info.config.doctrines), mine, finished: inputs.length };
  } catch {
    return null;
  }
}

/**
 * The class debrief from the server's export (the teacher's view, live or after the end): the
 * finished games of one round (`round`, else the last) whose codes the server verified, each
 * labelled by its pair, through the same `classDebrief` (and so the same chart) as the class
 * page from result codes; `rounds` lists the rounds the class has played, to choose from.
 */
export function liveClassDebrief(
  data: unknown,
  find: (id: string) => Scenario | undefined,
  round?: number,
): { ok: true; debrief: ClassDebrief | null; unfinished: number; round: number; rounds: number[] } | { ok: false; message: string } {
  const parsed = classExportSchema.safeParse(data);
  if (!parsed.success) return { ok: false, message: `The class’s results could not be read: ${schemaProblems(parsed.error, data).slice(0, 2).map((p) => p.message).join('; ')}.` };
  const scenario = find(parsed.data.config.scenario);
  if (!scenario) return { ok: false, message: `This page does not have the class’s scenario (${parsed.data.config.scenario}).` };
  // One round's games at a time: the round asked for if the class has it, else the last (the current one).
  const rounds = [...new Set(parsed.data.games.map((g) => g.round ?? 1))].sort((a, b) => a - b);
  const shown = round !== undefined && rounds.includes(round) ? round : (rounds[rounds.length - 1] ?? 1);
  const inputs: ClassInput[] = [];
  let unfinished = 0;
  for (const g of parsed.data.games) {
    if ((g.round ?? 1) !== shown) continue;
    const spec = tableSpec({ table: g.table, scenario: g.scenario, seed: g.seed, options: g.options, moves: g.moves, seats: [], paused: false, turnDeadline: null, ended: g.ended, injects: [] });
    if (!g.ended || !g.verified || !spec.ok || spec.spec.scenario.id !== scenario.id) {
      unfinished++;
      continue;
    }
    const names = [...g.seats].sort((a, b) => (a.side === 'us' ? -1 : b.side === 'us' ? 1 : 0)).map((s) => s.name);
    inputs.push({ name: `Table ${g.table + 1}: ${names.join(' v ')}`, line: g.table + 1, code: g.resultCode, spec: spec.spec });
  }
  const { config } = parsed.data;
  return { ok: true, debrief: inputs.length ? classDebrief(scenario, inputs, config.doctrines) : null, unfinished, round: shown, rounds };
}
