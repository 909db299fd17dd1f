import { CloseCode, ErrorCode, Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import type { ClassModel, Changes, MoveRecord } from '../session/class/model';
import { readClientMessage } from '../session/class/messages';
import type {
  CLIENT_MESSAGES} from '../session/class/protocol';
import {
  RECONNECT_SECONDS,
  type ClientMessage,
  type ServerMessage,
  type ServerMessageName,
} from '../session/class/protocol';
import { admit, type Auth } from './admission';
import type { ClassService, AddressLimiter } from './classes';
import { HeldElsewhereError } from './store';

/**
 * One Colyseus room per class, authoritative: students' moves are checked by the class model
 * (the core's own rules), committed to the store, and only then acknowledged and relayed. Every
 * message a client sends is parsed with the protocol's schemas; anything else is answered with
 * a `problem` message naming what was wrong, and nothing is done.
 */

interface Seated {
  role: 'student' | 'teacher';
  seat: string | null;
  table: number | null;
}

/**
 * A class's room closes once no one has been connected to it, and nothing has happened in it, for
 * this long (and no turn clock of its is running): its model leaves the server's memory, and the
 * class is rebuilt from the store (its move log) when someone joins again. Students away for a
 * break come back to it as before, a few seconds of replay later at most.
 */
export const IDLE_CLOSE_MS = 2 * 3_600_000;

/** Set once by the server before any room is made (Colyseus builds rooms and calls the static onAuth itself). */
export const context: { service: ClassService | null; limiter: AddressLimiter | null; idleCloseMs: number; idleCheckMs: number | null; reconnectSeconds: number } = {
  service: null,
  limiter: null,
  idleCloseMs: IDLE_CLOSE_MS,
  idleCheckMs: null,
  reconnectSeconds: RECONNECT_SECONDS,
};

/** The server's line for a room closed while idle: how long since anyone was last there or anything happened. */
export function idleCloseLine(code: string, idleMs: number): string {
  const minutes = Math.floor(idleMs / 60_000);
  return `class ${code}: closed after ${minutes} minute${minutes === 1 ? '' : 's'} with no one connected; it reopens when someone joins`;
}

const refuse = (message: string) => new ServerError(ErrorCode.AUTH_FAILED, message);

export const MAX_MESSAGES_PER_SECOND = 60;

export class ClassRoom extends Room {
  override autoDispose = false;
  /**
   * A connection sending more messages than this in a second is closed (Colyseus' own limit; its
   * seat is kept, to rejoin). A page sends a move per turn and a draft per click; a flood from one
   * connection (tens of thousands of messages, each answered) held every room of the process up.
   */
  override maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
  private code = '';
  private dashboardDue = false;
  private release: (() => Promise<void>) | null = null;
  /** Each team's latest draft, by "table-side": shown to members who join or reconnect; never recorded (only moves are). */
  private readonly drafts = new Map<string, ServerMessage<'draft'>>();
  /** The class's scenario file when clients may not have it (the teacher's own), sent to everyone joining. */
  private scenarioFile: ServerMessage<'scenario'> | null = null;
  /** Students who asked for the class's finished games, and the tables whose end has been sent to them. */
  private readonly watchers = new Set<Client>();
  private readonly endedTables = new Set<number>();
  /** The last time anyone joined, left, dropped, sent a message, or the class changed (the turn clock's moves too). */
  private lastActive = 0;
  /**
   * Connections dropped and awaited back: when the wait ends, Colyseus calls onLeave for them,
   * which is no one's activity (the student was last there when the connection dropped). Counted
   * as activity, it restarted the idle clock, and the room's close said it had been idle for less
   * time than it had.
   */
  private readonly awaited = new WeakSet<Client>();
  private closing = false;

  /**
   * The model leaves memory once every operation queued on the class has been committed; only
   * then is the class's lock let go (several processes), so that no other process rebuilds it
   * from the store before this one's last records are in.
   */
  override async onDispose(): Promise<void> {
    this.closing = true;
    try {
      await this.service.drop(this.code, this);
    } finally {
      await this.release?.();
    }
  }

  private active(): void {
    this.lastActive = this.service.now();
  }

  /**
   * Whether the room may close: no one connected, joining or awaited back (a dropped connection's
   * reconnection), nothing for `context.idleCloseMs`, and no turn clock running (a clock plays
   * for an absent student when it runs out: that is the class going on, not idle).
   */
  private idle(now: number): boolean {
    const internals = this as unknown as { _reservedSeats: object; _reconnections: object };
    if (this.clients.length > 0 || Object.keys(internals._reservedSeats).length > 0 || Object.keys(internals._reconnections).length > 0) return false;
    if (now - this.lastActive < context.idleCloseMs) return false;
    const model = this.model;
    return !model.tableIds().some((t) => model.isCurrent(t) && (model.turnDeadline(t) ?? -Infinity) > now);
  }

  private closeIfIdle(): void {
    const now = this.service.now();
    if (this.closing || !this.idle(now)) return;
    this.closing = true;
    console.log(idleCloseLine(this.code, now - this.lastActive));
    void this.disconnect();
  }

  /** Before any room is looked up: the options' shape, the guess limit, the code and the key or name (see admission.ts). */
  static override async onAuth(_token: string, options: unknown, auth: AuthContext): Promise<Auth> {
    const admitted = await admit(context.service!, context.limiter!, auth.ip ?? 'unknown', options);
    if (!admitted.ok) throw refuse(admitted.message);
    // The room is found by the normalised code (filterBy), so it is written back into the options.
    (options as { code: string }).code = admitted.code;
    return admitted.auth;
  }

  override async onCreate(options: { code: string }): Promise<void> {
    this.code = options.code;
    // Several processes: only the one holding the class plays it (another may be making its room now).
    if (this.service.shared && this.service.store.claim) {
      // PostgreSQL restarted and another process took the class meanwhile: this room closes, and
      // its students' rejoins reach the room there.
      const release = await this.service.store.claim(this.code, () => void this.disconnect(CloseCode.SERVER_SHUTDOWN));
      if (!release) throw new HeldElsewhereError(this.code);
      this.release = release;
    }
    const model = await this.service.open(this.code, this.service.shared, this);
    if (!model) throw new Error(`no class ${this.code}`);
    this.active();
    this.scenarioFile = this.service.scenarioToSend(model.record, model.scenario);
    for (const t of model.tableIds()) if (model.finalState(t)?.phase === 'ended') this.endedTables.add(t);
    void this.setMetadata({ code: this.code });
    // Every type, known or not, goes through the protocol's reader: a bad message is answered, never acted on.
    this.onMessage('*', (client: Client, type: string | number, data: unknown) => {
      const read = readClientMessage(type, data);
      const about = String(type).slice(0, 40);
      if (!read.ok) {
        this.tell(client, 'problem', { about, message: read.message });
        return;
      }
      void this.handle(client, read.value.type, read.value.message).catch((error: unknown) => {
        this.tell(client, 'problem', { about, message: `the server could not record this (${error instanceof Error ? error.message : String(error)}); try again` });
      });
    });
    if (model.config.turnSeconds !== undefined) {
      this.clock.setInterval(() => {
        if (this.closing) return;
        void this.service.run(this.code, (m) => m.expireTurns(this.service.now())).then((r) => this.afterChanges(r.changes, r.tables), () => undefined);
      }, 1000);
    }
    this.clock.setInterval(() => this.closeIfIdle(), context.idleCheckMs ?? Math.min(60_000, Math.max(20, context.idleCloseMs / 4)));
  }

  private get service(): ClassService {
    return context.service!;
  }

  private get model(): ClassModel {
    return this.service.model(this.code)!;
  }

  private tell<K extends ServerMessageName>(client: Client, type: K, message: ServerMessage<K>): void {
    client.send(type, message);
  }

  private seated(client: Client): Seated {
    return client.userData as Seated;
  }

  override async onJoin(client: Client, _options: unknown, auth: Auth): Promise<void> {
    this.active();
    void this.service.touch(this.code);
    if (auth.role === 'teacher') {
      client.userData = { role: 'teacher', seat: null, table: null } satisfies Seated;
      if (this.scenarioFile) this.tell(client, 'scenario', this.scenarioFile);
      this.tell(client, 'dashboard', this.model.dashboard(this.service.now()));
      return;
    }
    const result = await this.service.run(this.code, (m) => m.seatStudent(auth.name, auth.seatKey, this.service.now()));
    if (!result.ok) throw refuse(result.message);
    const seat = result.seat;
    // A seat rejoined from a new connection takes over from a stale one still open. The stale one
    // gives the seat up at once: its close may wait many seconds for a sleeping laptop's reply, and
    // while it held the seat a leave of the new connection would not show the student as away.
    for (const other of this.clients)
      if (other !== client && this.seated(other)?.seat === seat.seat) {
        other.userData = { role: 'student', seat: null, table: null } satisfies Seated;
        this.watchers.delete(other);
        other.leave(4000, 'this seat was opened from another connection');
      }
    client.userData = { role: 'student', seat: seat.seat, table: seat.table } satisfies Seated;
    this.model.setConnected(seat.seat, true);
    if (this.scenarioFile) this.tell(client, 'scenario', this.scenarioFile);
    this.greet(client);
    this.afterChanges(result.changes, [seat.table]);
  }

  /**
   * A student's seat of the current round: a connection seated before the teacher started
   * another round (a reconnection, a message sent meanwhile) is moved to its new table's seat.
   */
  private follow(client: Client): Seated {
    const who = this.seated(client);
    if (who?.role !== 'student' || !who.seat || this.model.isCurrent(who.table ?? -1)) return who;
    const now = this.model.currentSeat(who.seat);
    client.userData = { role: 'student', seat: now?.seat ?? null, table: now?.table ?? null } satisfies Seated;
    return client.userData as Seated;
  }

  /** A student's seat and, once its table has started, its game. */
  private greet(client: Client): void {
    const { seat } = this.follow(client);
    const record = seat ? this.model.findSeat(seat) : undefined;
    if (!record) return;
    const partner = this.model.partnerOf(record);
    const team = this.model.teammatesOf(record).map((s) => this.model.seatView(s));
    const opponents = this.model.opponentsOf(record).map((s) => this.model.seatView(s));
    this.tell(client, 'seat', { info: this.model.info(), seat: this.model.seatView(record), seatKey: record.seatKey!, partner: partner && this.model.seatView(partner), team, opponents });
    const table = this.model.tableView(record.table, this.service.now());
    if (table) this.tell(client, 'table', table);
    const draft = this.drafts.get(`${record.table}-${record.side}`);
    if (table && draft && draft.index === table.moves.length) this.tell(client, 'draft', draft);
  }

  /** A team member's draft, relayed to the side's other members at the table (only while it is for the game's next move). */
  private relayDraft(client: Client, seatId: string, data: ClientMessage<'draft'>): void {
    const seat = this.model.findSeat(seatId);
    const spec = seat ? this.model.spec(seat.table) : null;
    if (!seat || !spec) {
      this.tell(client, 'problem', { about: 'draft', message: 'your table has not started: there is nothing to draft for yet' });
      return;
    }
    if (data.index !== spec.moves.length) return; // overtaken by a move: nothing to show
    const draft = { table: seat.table, side: seat.side, index: data.index, package: data.package, by: seat.name };
    this.drafts.set(`${seat.table}-${seat.side}`, draft);
    const mates = new Set(this.model.teammatesOf(seat).map((s) => s.seat));
    for (const c of this.clients) if (c !== client && mates.has(this.seated(c)?.seat ?? '')) this.tell(c, 'draft', draft);
  }

  override onDrop(client: Client): void {
    this.active();
    this.watchers.delete(client);
    const { seat } = this.seated(client);
    if (seat) this.model.setConnected(seat, false);
    this.scheduleDashboard();
    // A connection whose seat was taken over has nothing to come back to.
    // Refused while the room is disposing (the server stopping): nothing to wait for then.
    if (seat || this.seated(client).role === 'teacher') {
      this.awaited.add(client);
      this.allowReconnection(client, context.reconnectSeconds).catch(() => undefined);
    }
  }

  override onReconnect(client: Client): void {
    this.active();
    const { seat } = this.follow(client);
    if (seat) {
      this.model.setConnected(seat, true);
      this.greet(client);
    } else if (this.seated(client).role === 'teacher') this.tell(client, 'dashboard', this.model.dashboard(this.service.now()));
    this.scheduleDashboard();
  }

  override onLeave(client: Client): void {
    if (this.awaited.has(client)) this.awaited.delete(client);
    else this.active();
    this.watchers.delete(client);
    const { seat } = this.seated(client) ?? {};
    // Only if no other connection holds the seat now (a rejoin may have replaced this one).
    if (seat && ![...this.clients].some((c) => c !== client && this.seated(c)?.seat === seat)) this.model.setConnected(seat, false);
    this.scheduleDashboard();
  }

  private async handle(client: Client, type: keyof typeof CLIENT_MESSAGES, data: unknown): Promise<void> {
    this.active();
    const who = this.follow(client);
    if (type === 'draft') {
      if (who.role !== 'student' || !who.seat) this.tell(client, 'problem', { about: type, message: 'only a seated student can draft a move' });
      else this.relayDraft(client, who.seat, data as ClientMessage<'draft'>);
      return;
    }
    if (type === 'move') {
      const { index, move, table } = data as { index: number; move: MoveRecord['move']; table?: number };
      if (who.role !== 'student' || !who.seat) {
        this.tell(client, 'moveResult', { ok: false, index, kind: 'not-seated', reason: 'only a seated student can move' });
        return;
      }
      const seat = who.seat;
      const result = await this.service.run(this.code, (m) => m.playMove(seat, index, move, this.service.now(), table));
      if (!result.ok) {
        this.tell(client, 'moveResult', { ok: false, index, kind: result.kind, reason: result.reason });
        return;
      }
      this.tell(client, 'moveResult', { ok: true, index, duplicate: result.duplicate });
      this.afterChanges(result.changes, []);
      return;
    }
    if (type === 'watchResults') {
      const ended = who.table !== null && this.model.finalState(who.table)?.phase === 'ended';
      if (who.role !== 'student' || !ended) {
        this.tell(client, 'problem', { about: type, message: 'the class’s results open to a student whose own talks are over' });
        return;
      }
      this.watchers.add(client);
      this.tell(client, 'classResults', { replace: true, games: this.finishedGames([...this.endedTables].filter((t) => this.model.isCurrent(t))) });
      return;
    }
    if (who.role !== 'teacher') {
      this.tell(client, 'problem', { about: type, message: 'only the teacher can do this' });
      return;
    }
    const action = data as Parameters<ClassModel['teacherAction']>[0];
    const result = await this.service.run(this.code, (m) => m.teacherAction(action, this.service.now()));
    if (!result.ok) {
      this.tell(client, 'problem', { about: type, message: result.message });
      return;
    }
    if (action.action === 'newRound') {
      // Every student moves to their table of the new round, without rejoining; the class's
      // results they watched were the last round's.
      this.watchers.clear();
      this.drafts.clear();
      for (const c of this.clients) this.follow(c);
    }
    this.afterChanges(result.changes, result.tables);
    if (action.action === 'inject') {
      const inject = result.changes.injects[0]!;
      const view = { index: inject.index, table: inject.table, text: inject.text, event: inject.event };
      for (const c of this.clients) if (this.atTables(c, result.tables)) this.tell(c, 'inject', view);
    }
  }

  /** The games of these tables as the core defines them, in table order. */
  private finishedGames(tables: number[]): ServerMessage<'classResults'>['games'] {
    return tables
      .sort((a, b) => a - b)
      .flatMap((table) => {
        const spec = this.model.spec(table);
        return spec ? [{ table, scenario: spec.scenario, seed: spec.seed, options: spec.options, moves: spec.moves }] : [];
      });
  }

  private atTables(client: Client, tables: number[]): boolean {
    const t = this.seated(client)?.table;
    return t !== null && t !== undefined && tables.includes(t);
  }

  /**
   * After committed changes: relay the new moves to their tables and the teacher, send the whole
   * game to the players of tables that changed otherwise (started, paused, resumed, seats
   * filled), and refresh the dashboard.
   */
  private afterChanges(changes: Changes, tables: number[]): void {
    if (this.closing) return;
    if (changes.moves.length + changes.seats.length + changes.injects.length > 0 || changes.pause) this.active();
    for (const m of changes.moves) {
      const message = { table: m.table, index: m.index, move: m.move, by: m.by };
      for (const c of this.clients) if (this.atTables(c, [m.table]) || this.seated(c)?.role === 'teacher') this.tell(c, 'moved', message);
    }
    const restate = new Set(tables);
    for (const s of changes.seats) restate.add(s.table);
    for (const m of changes.moves) if (m.index === 0) restate.add(m.table);
    // Games that have just ended go to the students watching the class's results.
    const ended = [...new Set(changes.moves.map((m) => m.table))].filter((t) => !this.endedTables.has(t) && this.model.finalState(t)?.phase === 'ended');
    for (const t of ended) this.endedTables.add(t);
    if (ended.length > 0 && this.watchers.size > 0) {
      const games = this.finishedGames(ended);
      for (const c of this.watchers) this.tell(c, 'classResults', { replace: false, games });
    }
    if (restate.size > 0) {
      for (const c of this.clients) {
        const who = this.seated(c);
        if (who?.role === 'student' && who.table !== null && restate.has(who.table)) this.greet(c);
      }
    }
    this.scheduleDashboard();
  }

  /** The dashboard, at most four times a second. */
  private scheduleDashboard(): void {
    if (this.dashboardDue) return;
    this.dashboardDue = true;
    this.clock.setTimeout(() => {
      this.dashboardDue = false;
      const teachers = [...this.clients].filter((c) => this.seated(c)?.role === 'teacher');
      if (teachers.length === 0) return;
      const dashboard = this.model.dashboard(this.service.now());
      for (const c of teachers) this.tell(c, 'dashboard', dashboard);
    }, 250);
  }
}
