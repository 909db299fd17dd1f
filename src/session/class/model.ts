import type { GameSpec, GameState, Move, Scenario, Side } from '../../core/types';
import { SIDES } from '../../core/types';
import type { AiPlayer } from '../../core/schema/vocabulary';
import { Match, type Ai } from '../match';
import { roundSeed, tableOptions } from './config';
import { makeKey, type RandomBytes } from './codes';
import { cleanName, sameName } from './names';
import {
  IDLE_SECONDS,
  RESTART_GRACE_SECONDS,
  type ClassConfig,
  type ClassInfo,
  type Dashboard,
  type InjectView,
  type MoveAuthor,
  type RejectionKind,
  type SeatView,
  type TableSummary,
  type TableView,
  type TeacherAction,
} from './protocol';
import { possessive, sideInSentence } from '../../core/sentence';

/**
 * A class as a pure model: its roster, its tables (one game each, a session Match) and the
 * teacher's controls. No I/O and no clock: the server passes the time and the randomness in,
 * writes the records each operation returns (`Changes`) to its store before it answers anyone,
 * and after a restart rebuilds the class from those records with `ClassModel.restore`.
 */

export interface ClassRecord {
  code: string;
  teacherKey: string;
  config: ClassConfig;
  /** The scenario file's text, kept with the class so it replays whatever happens to the file. */
  scenarioText: string;
  createdAt: number;
}

export interface SeatRecord {
  seat: string;
  table: number;
  side: Side;
  kind: 'student' | 'ai';
  name: string;
  /** A student's secret for rejoining; null for the AI. */
  seatKey: string | null;
  difficulty: AiPlayer | null;
  joinedAt: number;
  /** In a class of teams, a side's second or third member (seat `t3-us-2`); absent for a side's first. */
  member?: number;
  /** The class's round the seat's table plays in; absent: round 1. A new round's seats are new records (new tables), so every round's roster is kept. */
  round?: number;
}

export interface MoveRecord {
  table: number;
  /** The move's place in its game's log: with the table, its key (a move is never stored twice). */
  index: number;
  move: Move;
  by: MoveAuthor;
  at: number;
}

export interface InjectRecord {
  index: number;
  table: number | null;
  text: string;
  event: string | null;
  at: number;
  /** The class's round it was sent in (its tables' news); absent: round 1. */
  round?: number;
}

export interface PauseRecord {
  all: boolean;
  tables: number[];
  /** Milliseconds left in each paused table's turn (keyed by table), so a pause stops the clock across a restart too. */
  left?: Record<string, number>;
}

/** What an operation changed, for the store: new or changed seats, new moves and injects, the pause state if it changed. */
export interface Changes {
  seats: SeatRecord[];
  moves: MoveRecord[];
  injects: InjectRecord[];
  pause: PauseRecord | null;
}

const noChanges = (): Changes => ({ seats: [], moves: [], injects: [], pause: null });

export type SeatResult = { ok: true; seat: SeatRecord; rejoined: boolean; changes: Changes } | { ok: false; message: string };

export type MoveResult =
  | { ok: true; duplicate: boolean; changes: Changes }
  | { ok: false; kind: RejectionKind; reason: string };

export type ActionResult = { ok: true; changes: Changes; tables: number[] } | { ok: false; message: string };

/** The class round a record belongs to: round 1 when it has none (records made before rounds, and all of round 1). */
const roundOf = (r: { round?: number }): number => r.round ?? 1;
/** A record's round field: written only from round 2 on, so round 1's records stay as they were. */
const roundField = (round: number): { round?: number } => (round > 1 ? { round } : {});

interface Table {
  id: number;
  /** The class's round this table plays in (1, 2, …): a new round's tables follow the last's ids. */
  round: number;
  /** Each side's seat (in a class of teams, its first member). */
  seats: Record<Side, SeatRecord | null>;
  /** A class of teams: each side's further members, in the order they joined. */
  team: Record<Side, SeatRecord[]>;
  /** The seat whose commit made each student move (this process's memory; unknown after a restart). */
  committers: (string | undefined)[];
  /** While paused with a time limit: the milliseconds the turn had left, given back on resuming. */
  pausedLeft: number | null;
  match: Match | null;
  /** Who made each move of the log. */
  authors: MoveAuthor[];
  paused: boolean;
  startedAt: number | null;
  lastMoveAt: number | null;
  /** Extra seconds the teacher gave the current turn. */
  extension: number;
}

export const seatId = (table: number, side: Side, member = 1) => `t${table}-${side}${member > 1 ? `-${member}` : ''}`;

/** A name held by a connected student: refused, by the join check and by the room alike. */
const nameTakenMessage = (name: string) => `the name “${name}” is already taken in this class: choose another, or rejoin from the device that holds it`;

export class ClassModel {
  private readonly tables: Table[] = [];
  private pausedAll = false;
  private readonly injects: InjectRecord[] = [];
  private readonly connected = new Set<string>();

  private constructor(
    readonly record: ClassRecord,
    readonly scenario: Scenario,
    private readonly ai: Ai,
    private readonly random: RandomBytes,
  ) {}

  static create(record: ClassRecord, scenario: Scenario, ai: Ai, random: RandomBytes): ClassModel {
    return new ClassModel(record, scenario, ai, random);
  }

  /**
   * A class rebuilt from its records: seats, then each table's game replayed from its moves
   * (the AI's recorded moves included). If the AI was due to move when the records end (the
   * process stopped between a student's move and the AI's reply), it moves now: those moves
   * come back as `changes` for the store.
   */
  static restore(
    record: ClassRecord,
    scenario: Scenario,
    ai: Ai,
    random: RandomBytes,
    data: { seats: SeatRecord[]; moves: MoveRecord[]; injects: InjectRecord[]; pause: PauseRecord | null },
    now: number,
  ): { model: ClassModel; changes: Changes } {
    const model = new ClassModel(record, scenario, ai, random);
    const changes = noChanges();
    for (const seat of [...data.seats].sort((a, b) => (a.member ?? 1) - (b.member ?? 1))) {
      const table = model.table(seat.table, roundOf(seat));
      if ((seat.member ?? 1) > 1) table.team[seat.side].push({ ...seat });
      else table.seats[seat.side] = { ...seat };
    }
    const byTable = new Map<number, MoveRecord[]>();
    for (const m of data.moves) byTable.set(m.table, [...(byTable.get(m.table) ?? []), m]);
    for (const table of model.tables) {
      const moves = (byTable.get(table.id) ?? []).sort((a, b) => a.index - b.index);
      moves.forEach((m, i) => {
        if (m.index !== i) throw new Error(`class ${record.code}, table ${table.id}: move ${i} is missing from the records`);
      });
      if (!table.seats.us || !table.seats.china) continue;
      const spec: GameSpec = { scenario: { id: scenario.id, version: scenario.version }, seed: model.seedOf(table), options: model.optionsOf(table), moves: moves.map((m) => m.move) };
      table.match = Match.resume(scenario, spec, [], ai);
      table.authors = moves.map((m) => m.by);
      // A table starts when its second side is seated.
      table.startedAt = Math.max(table.seats.us.joinedAt, table.seats.china.joinedAt);
      table.lastMoveAt = moves.length > 0 ? moves[moves.length - 1]!.at : table.startedAt;
      changes.moves.push(...model.newMoves(table, moves.length, 'ai', now));
    }
    model.injects.push(...data.injects);
    if (data.pause) {
      model.pausedAll = data.pause.all;
      for (const t of data.pause.tables) if (model.tables[t]) model.tables[t].paused = true;
      for (const [t, left] of Object.entries(data.pause.left ?? {})) if (model.tables[Number(t)]) model.tables[Number(t)]!.pausedLeft = left;
    }
    return { model, changes };
  }

  get code(): string {
    return this.record.code;
  }

  get config(): ClassConfig {
    return this.record.config;
  }

  /** The class's round now: the last round any table plays in (1 before the teacher starts another). */
  get round(): number {
    return this.tables.reduce((r, t) => Math.max(r, t.round), 1);
  }

  /** The current round's tables (earlier rounds' games are kept, no longer played). */
  private current(): Table[] {
    const round = this.round;
    return this.tables.filter((t) => t.round === round);
  }

  /** The current round's seats (a student of an earlier round is at their table of this one). */
  private currentSeats(): SeatRecord[] {
    return this.current().flatMap((t) => this.seatsOf(t.id));
  }

  /** The id of a round's first table: a round's tables have consecutive ids. */
  firstTable(round = this.round): number {
    return this.tables.find((t) => t.round === round)?.id ?? this.tables.length;
  }

  /** A table's round and its place in that round (0: table 1), which is the same for the same students every round. */
  placeOf(tableId: number): { round: number; table: number } {
    const round = this.tables[tableId]?.round ?? this.round;
    return { round, table: tableId - this.firstTable(round) };
  }

  private seedOf(table: Table): string {
    return roundSeed(this.config, table.round, this.placeOf(table.id).table);
  }

  private table(id: number, round = this.round): Table {
    while (this.tables.length <= id)
      this.tables.push({ id: this.tables.length, round, seats: { us: null, china: null }, team: { us: [], china: [] }, committers: [], pausedLeft: null, match: null, authors: [], paused: false, startedAt: null, lastMoveAt: null, extension: 0 });
    return this.tables[id]!;
  }

  private optionsOf(table: Table) {
    const humans = SIDES.filter((s) => table.seats[s]?.kind === 'student');
    const ai: Partial<Record<Side, AiPlayer>> = {};
    for (const s of SIDES) if (table.seats[s]?.kind === 'ai') ai[s] = table.seats[s]!.difficulty ?? 'normal';
    return tableOptions(this.config, humans, ai);
  }

  private seats(): SeatRecord[] {
    return this.tables.flatMap((t) => this.seatsOf(t.id));
  }

  /** Every seat of a side at a table: its first and, in a class of teams, the further members. */
  private sideSeats(table: Table, side: Side): SeatRecord[] {
    const first = table.seats[side];
    return first ? [first, ...table.team[side]] : [];
  }

  findSeat(id: string): SeatRecord | undefined {
    return this.seats().find((s) => s.seat === id);
  }

  /**
   * The seat its holder has now: the seat itself in the current round, else the current round's
   * seat with the same key (a new round moved its student to a table of the new round), or undefined.
   */
  currentSeat(id: string): SeatRecord | undefined {
    const seat = this.findSeat(id);
    if (!seat || roundOf(seat) === this.round) return seat;
    return seat.seatKey === null ? undefined : this.currentSeats().find((s) => s.seatKey === seat.seatKey);
  }

  // --- students -------------------------------------------------------------------------------

  /**
   * The seat a student joining with this name (cleaned) and seat key would get back: the key's,
   * else the name's; `taken` when the name's seat is held by a connected student (the join is
   * refused then). A seat the AI took over mid-game keeps its student's name and key: see `takeOver`.
   */
  private heldSeat(name: string, seatKey: string | undefined): { seat: SeatRecord; taken: boolean } | null {
    const students = this.currentSeats().filter((s) => s.kind === 'student' || s.seatKey !== null);
    const byKey = seatKey ? students.find((s) => s.seatKey === seatKey) : undefined;
    if (byKey) return { seat: byKey, taken: false };
    const byName = students.find((s) => sameName(s.name, name));
    return byName ? { seat: byName, taken: this.connected.has(byName.seat) } : null;
  }

  /**
   * Why a student joining now with this name (cleaned) and seat key would be refused their seat,
   * or null: the join check asks it, so a taken name is said before a join the room would refuse.
   */
  nameRefusal(name: string, seatKey: string | undefined): string | null {
    return this.heldSeat(name, seatKey)?.taken ? nameTakenMessage(name) : null;
  }

  /**
   * Seat a student: the seat already held under this name (or this seat key) if its holder is
   * not connected or the key is right, else a new seat; in a pvp class the first open seat of a
   * table waiting for a partner, in a pve class a table of its own against the AI.
   */
  seatStudent(rawName: string, seatKey: string | undefined, now: number): SeatResult {
    const checked = cleanName(rawName);
    if (!checked.ok) return checked;
    const name = checked.name;
    const held = this.heldSeat(name, seatKey);
    if (held) {
      if (held.taken) return { ok: false, message: nameTakenMessage(name) };
      return this.rejoin(held.seat, now);
    }
    const changes = noChanges();
    const key = makeKey(this.random, 12);
    const seatFor = (table: number, side: Side): SeatRecord => ({ seat: seatId(table, side), table, side, kind: 'student', name, seatKey: key, difficulty: null, joinedAt: now, ...roundField(this.round) });
    let seat: SeatRecord;
    if (this.config.pairing.kind === 'pvp') {
      const open = this.current().find((t) => !t.match && (t.seats.us === null) !== (t.seats.china === null));
      const table = open ?? this.table(this.tables.length);
      const side: Side = table.seats.us ? 'china' : 'us';
      seat = seatFor(table.id, side);
      table.seats[side] = seat;
      changes.seats.push(seat);
      if (table.seats.us && table.seats.china) this.start(table, now, changes);
    } else if (this.config.pairing.kind === 'teams') {
      // Tables fill in order, the sides in turn: the first table with room on a side the AI does not hold.
      const size = this.config.pairing.size;
      const roomOn = (t: Table): Side[] => (t.match?.ended ? [] : SIDES.filter((sd) => t.seats[sd]?.kind !== 'ai' && this.sideSeats(t, sd).length < size));
      const table = this.current().find((t) => roomOn(t).length > 0) ?? this.table(this.tables.length);
      const side = roomOn(table).reduce((a, b) => (this.sideSeats(table, b).length < this.sideSeats(table, a).length ? b : a));
      const member = this.sideSeats(table, side).length + 1;
      seat = { ...seatFor(table.id, side), seat: seatId(table.id, side, member), ...(member > 1 ? { member } : {}) };
      if (member > 1) table.team[side].push(seat);
      else table.seats[side] = seat;
      changes.seats.push(seat);
      if (!table.match && table.seats.us && table.seats.china) this.start(table, now, changes);
    } else {
      const table = this.table(this.tables.length);
      const side = this.config.pairing.side;
      const other: Side = side === 'us' ? 'china' : 'us';
      seat = seatFor(table.id, side);
      table.seats[side] = seat;
      table.seats[other] = this.aiSeat(table.id, other, this.config.pairing.difficulty, now);
      changes.seats.push(seat, table.seats[other]);
      this.start(table, now, changes);
    }
    return { ok: true, seat, rejoined: false, changes };
  }

  /** A student back at their seat; one the AI took over mid-game is handed back (the AI's moves stay in the log as the AI's). */
  private rejoin(seat: SeatRecord, now: number): SeatResult {
    const changes = noChanges();
    if (seat.kind === 'ai') {
      const back: SeatRecord = { ...seat, kind: 'student', difficulty: null };
      const table = this.tables[seat.table]!;
      table.seats[seat.side] = back;
      changes.seats.push(back);
      this.replay(table, now, changes);
      return { ok: true, seat: back, rejoined: true, changes };
    }
    return { ok: true, seat, rejoined: true, changes };
  }

  /**
   * The table's game again with options that follow its seats now (who is a student, who the
   * AI): the moves are the log's, so the game is the same; the AI then moves if it is due.
   * Options say who plays a side, never what the moves did, so replay and result codes verify.
   */
  private replay(table: Table, now: number, changes: Changes): void {
    if (!table.match) return;
    const spec: GameSpec = { ...table.match.spec, options: this.optionsOf(table) };
    const from = spec.moves.length;
    table.match = Match.resume(this.scenario, spec, [], this.ai);
    changes.moves.push(...this.newMoves(table, from, 'ai', now));
  }

  private aiSeat(table: number, side: Side, difficulty: AiPlayer, now: number): SeatRecord {
    return { seat: seatId(table, side), table, side, kind: 'ai', name: `AI (${difficulty})`, seatKey: null, difficulty, joinedAt: now, ...roundField(this.tables[table]?.round ?? this.round) };
  }

  private start(table: Table, now: number, changes: Changes): void {
    const seed = this.seedOf(table);
    table.match = Match.start(this.scenario, seed, this.optionsOf(table), this.ai);
    table.startedAt = now;
    table.lastMoveAt = now;
    changes.moves.push(...this.newMoves(table, 0, 'ai', now));
  }

  /** Records for the moves of `table` from `from` on, the first by `first`, the rest by the AI. */
  private newMoves(table: Table, from: number, first: MoveAuthor, now: number): MoveRecord[] {
    const moves = table.match!.moves;
    const records: MoveRecord[] = [];
    for (let i = from; i < moves.length; i++) {
      const by = i === from ? first : 'ai';
      table.authors[i] = by;
      records.push({ table: table.id, index: i, move: moves[i]!, by, at: now });
    }
    if (records.length > 0) {
      table.lastMoveAt = now;
      table.extension = 0;
    }
    return records;
  }

  /** The room tells the model who is connected, so a name held by a connected student is not handed to another. */
  setConnected(seat: string, connected: boolean): void {
    if (connected) this.connected.add(seat);
    else this.connected.delete(seat);
  }

  isConnected(seat: string): boolean {
    return this.connected.has(seat);
  }

  // --- moves ----------------------------------------------------------------------------------

  /**
   * A student's move: `index` is the number of moves the game had when the student decided.
   * Refused with a reason unless it is the student's own table and side, its turn, the table is
   * running and the core finds the move legal; a move sent again at an index already played is
   * acknowledged as a duplicate if it is the one recorded there, so a retry is never applied twice.
   */
  playMove(seatIdentity: string, index: number, move: Move, now: number, forTable?: number): MoveResult {
    const seat = this.findSeat(seatIdentity);
    if (!seat || seat.kind !== 'student') return { ok: false, kind: 'not-seated', reason: 'you have no seat in this class' };
    const table = this.tables[seat.table]!;
    if (forTable !== undefined && forTable !== seat.table)
      return { ok: false, kind: 'ended', reason: `that move was for a game your seat has left: you now play at table ${this.placeOf(table.id).table + 1} of round ${table.round}` };
    const sideName = (s: Side) => sideInSentence(this.scenario.sides[s].label);
    if (table.round !== this.round) return { ok: false, kind: 'ended', reason: `that game was in round ${table.round} of the class, which is over: the class is in round ${this.round}` };
    if (!table.match) return { ok: false, kind: 'not-in-game', reason: `table ${this.placeOf(table.id).table + 1} has not started: it is waiting for a second player` };
    if (move.side !== seat.side) return { ok: false, kind: 'not-in-game', reason: `you play ${sideName(seat.side)} at table ${this.placeOf(table.id).table + 1}; a move for ${sideName(move.side)} is not yours to make` };
    const log = table.match.moves;
    if (index < log.length) {
      const played = log[index]!;
      const committer = table.committers[index];
      // A retry of this seat's own commit is acknowledged; a teammate's commit of the same turn is not this seat's.
      if (played.side === seat.side && committer !== undefined && committer !== seat.seat) {
        const by = this.findSeat(committer)?.name ?? 'a teammate';
        return { ok: false, kind: 'already-committed', reason: `${by} has already committed ${possessive(sideName(seat.side))} move for this turn; yours was not played` };
      }
      return JSON.stringify(played) === JSON.stringify(move) && played.side === seat.side
        ? { ok: true, duplicate: true, changes: noChanges() }
        : { ok: false, kind: 'stale-index', reason: `move ${index + 1} of this game has already been played; the game has ${log.length} moves` };
    }
    if (index > log.length) return { ok: false, kind: 'stale-index', reason: `the game has ${log.length} moves; a move numbered ${index + 1} is ahead of it` };
    const state = table.match.state;
    if (state.phase === 'ended') return { ok: false, kind: 'ended', reason: 'the talks at this table are over' };
    if (this.isPaused(table)) return { ok: false, kind: 'paused', reason: 'the teacher has paused the tables' };
    if (state.turn !== seat.side) return { ok: false, kind: 'not-your-turn', reason: `it is ${possessive(sideName(state.turn))} turn` };
    if (move.type === 'event') return { ok: false, kind: 'illegal', reason: 'an event is the teacher’s to inject, not a move a player makes' };
    const illegal = table.match.check(move);
    if (illegal) return { ok: false, kind: 'illegal', reason: illegal };
    table.match.play(move);
    table.committers[index] = seat.seat;
    const changes = noChanges();
    changes.moves.push(...this.newMoves(table, index, 'student', now));
    return { ok: true, duplicate: false, changes };
  }

  private isPaused(table: Table): boolean {
    return this.pausedAll || table.paused;
  }

  /** The pause state as the store keeps it (replaced whole at each change). */
  private pauseRecord(): PauseRecord {
    const kept = Object.fromEntries(this.tables.filter((t) => this.isPaused(t) && t.pausedLeft !== null).map((t) => [String(t.id), t.pausedLeft!]));
    return { all: this.pausedAll, tables: this.tables.filter((t) => t.paused).map((t) => t.id), ...(Object.keys(kept).length > 0 ? { left: kept } : {}) };
  }

  /** When the current turn of a table runs out (with a time limit; not while paused or over), or null. */
  turnDeadline(tableId: number): number | null {
    const table = this.tables[tableId];
    const seconds = this.config.turnSeconds;
    if (!table?.match || seconds === undefined || this.isPaused(table) || table.match.ended) return null;
    return (table.lastMoveAt ?? 0) + (seconds + table.extension) * 1000;
  }

  /**
   * After the class is rebuilt in a server that was down (a restart, or another process taking
   * it over): a turn's clock runs on through the outage, but none ends sooner than
   * RESTART_GRACE_SECONDS from now (at most its whole length), so that students whose pages are
   * still reconnecting are not timed out by the server's own absence.
   */
  giveGraceAfterRestart(now: number): void {
    const seconds = this.config.turnSeconds;
    if (seconds === undefined) return;
    for (const table of this.current()) {
      const deadline = this.turnDeadline(table.id);
      if (deadline === null) continue;
      const length = (seconds + table.extension) * 1000;
      const earliest = now + Math.min(RESTART_GRACE_SECONDS * 1000, length);
      if (deadline < earliest) table.lastMoveAt = earliest - length;
    }
  }

  /** Milliseconds left in the current turn at `now` (held still while paused), or null without a running clock. */
  turnMsLeft(tableId: number, now: number): number | null {
    const table = this.tables[tableId];
    if (!table?.match || this.config.turnSeconds === undefined || table.match.ended) return null;
    if (this.isPaused(table)) return table.pausedLeft;
    return Math.max(0, this.turnDeadline(tableId)! - now);
  }

  /**
   * The turns that ran out by `now`: each waiting student's side holds (or, with an offer on
   * the table, rejects it), a move of the clock's; the AI then replies as usual.
   */
  expireTurns(now: number): { changes: Changes; tables: number[] } {
    const changes = noChanges();
    const tables: number[] = [];
    for (const table of this.current()) {
      const deadline = this.turnDeadline(table.id);
      if (deadline === null || deadline > now) continue;
      const match = table.match!;
      const side = match.state.turn;
      if (table.seats[side]?.kind !== 'student') continue;
      const hold: Move = { type: 'hold', side };
      const reject: Move = { type: 'reject', side };
      const move = match.check(hold) === null ? hold : match.check(reject) === null ? reject : null;
      if (!move) continue;
      const from = match.moves.length;
      match.play(move);
      changes.moves.push(...this.newMoves(table, from, 'clock', now));
      tables.push(table.id);
    }
    return { changes, tables };
  }

  // --- the teacher ----------------------------------------------------------------------------

  teacherAction(action: TeacherAction, now: number): ActionResult {
    const changes = noChanges();
    // Every table, or one, of the current round (an earlier round's games are no longer played).
    const target = (table: number | null): Table[] | string => {
      if (table === null) return this.current();
      const t = this.tables[table];
      if (t && t.round !== this.round) return `that table played in round ${t.round}; the class is in round ${this.round}`;
      return t ? [t] : `there is no table ${table - this.firstTable() + 1} in this class`;
    };
    switch (action.action) {
      case 'pause':
      case 'resume': {
        const tables = target(action.table);
        if (typeof tables === 'string') return { ok: false, message: tables };
        const paused = action.action === 'pause';
        const wasPaused = new Map(this.tables.map((t) => [t.id, this.isPaused(t)] as const));
        // A pause stops the clock: the turn's time left is kept, and given back on resuming.
        const left = new Map(this.tables.map((t) => [t.id, this.turnMsLeft(t.id, now)] as const));
        if (action.table === null) {
          this.pausedAll = paused;
          for (const t of this.tables) t.paused = false;
        } else tables[0]!.paused = paused;
        for (const t of this.tables) {
          if (!wasPaused.get(t.id) && this.isPaused(t)) t.pausedLeft = left.get(t.id) ?? null;
          if (wasPaused.get(t.id) && !this.isPaused(t) && t.match) {
            const seconds = this.config.turnSeconds;
            // Without a record of the time left (paused before a restart by an older server), the turn starts afresh.
            t.lastMoveAt = seconds !== undefined && t.pausedLeft !== null ? now + t.pausedLeft - (seconds + t.extension) * 1000 : now;
            if (t.pausedLeft === null) t.extension = 0;
            t.pausedLeft = null;
          }
        }
        changes.pause = this.pauseRecord();
        return { ok: true, changes, tables: tables.map((t) => t.id) };
      }
      case 'extend': {
        if (this.config.turnSeconds === undefined) return { ok: false, message: 'this class has no time limit to extend' };
        const tables = target(action.table);
        if (typeof tables === 'string') return { ok: false, message: tables };
        for (const t of tables) t.extension += action.seconds;
        return { ok: true, changes, tables: tables.map((t) => t.id) };
      }
      case 'fillWithAi': {
        const match = /^t(\d+)-(us|china)$/.exec(action.seat);
        const table = match ? this.tables[Number(match[1])] : undefined;
        if (!match || !table) return { ok: false, message: `there is no seat ${action.seat} in this class` };
        if (table.round !== this.round) return { ok: false, message: `seat ${action.seat} was in round ${table.round}; the class is in round ${this.round}` };
        const side = match[2] as Side;
        const held = table.seats[side];
        if (held && !table.match) return { ok: false, message: `seat ${action.seat} is taken: before the table starts, only its empty seat can be given to the AI` };
        if (held) return this.takeOver(table, held, action.difficulty, now);
        const seat = this.aiSeat(table.id, side, action.difficulty, now);
        table.seats[side] = seat;
        changes.seats.push(seat);
        if (table.seats.us && table.seats.china) this.start(table, now, changes);
        return { ok: true, changes, tables: [table.id] };
      }
      case 'inject': {
        const tables = target(action.table);
        if (typeof tables === 'string') return { ok: false, message: tables };
        let text: string;
        let event: string | null = null;
        const inject = action.inject;
        if (inject.kind === 'event') {
          const found = this.scenario.events.find((e) => e.id === inject.event);
          if (!found) return { ok: false, message: `the scenario has no event “${inject.event}”` };
          text = found.title;
          event = found.id;
        } else {
          text = inject.text.trim();
          if (text === '') return { ok: false, message: 'a news flash needs some words: this one is only spaces' };
        }
        // The event happens in each targeted game that is running and where it still can.
        if (event !== null) for (const t of tables) {
          if (!t.match || t.match.ended) continue;
          const from = t.match.moves.length;
          if (t.match.happen(event).ok) changes.moves.push(...this.newMoves(t, from, 'teacher', now));
        }
        const record: InjectRecord = { index: this.injects.length, table: action.table, text, event, at: now, ...roundField(this.round) };
        this.injects.push(record);
        changes.injects.push(record);
        return { ok: true, changes, tables: tables.map((t) => t.id) };
      }
      case 'newRound':
        return this.newRound(action.sides, action.endUnfinished, now);
    }
  }

  /**
   * Another round: each table of this round gets a table of the next with the same seats (the
   * students, their keys, the AI), every side swapped or kept, and its game starts at once with
   * the round's seed. A game still going on stays as it stands (unfinished, kept and exported,
   * no longer played) only if the teacher said so (`endUnfinished`): the core has no move that
   * ends talks by fiat, so the log is left as it is rather than given an ending nobody played.
   * A table still waiting for a partner carries its student over, waiting again.
   */
  private newRound(sides: 'swap' | 'same', endUnfinished: boolean, now: number): ActionResult {
    const from = this.current();
    if (!from.some((t) => t.match)) return { ok: false, message: 'no table has started in this round yet: another round can start once this one has been played' };
    const playing = from.filter((t) => t.match && !t.match.ended).map((t) => `table ${this.placeOf(t.id).table + 1}`);
    if (playing.length > 0 && !endUnfinished)
      return { ok: false, message: `${playing.length === 1 ? `${playing[0]} is` : `${playing.length} tables are`} still playing (${playing.join(', ')}): starting another round leaves their games unfinished as they stand; confirm to start it anyway, or wait until they finish` };
    const round = this.round + 1;
    const flip = (side: Side): Side => (sides === 'swap' ? (side === 'us' ? 'china' : 'us') : side);
    const changes = noChanges();
    const made: Table[] = [];
    for (const old of from) {
      const table = this.table(this.tables.length, round);
      for (const side of SIDES)
        for (const seat of this.sideSeats(old, side)) {
          const next: SeatRecord = { ...seat, seat: seatId(table.id, flip(side), seat.member ?? 1), table: table.id, side: flip(side), round, joinedAt: now };
          if ((seat.member ?? 1) > 1) table.team[next.side].push(next);
          else table.seats[next.side] = next;
          changes.seats.push(next);
          if (this.connected.delete(seat.seat)) this.connected.add(next.seat);
        }
      made.push(table);
    }
    // A teacher who starts a round wants it played: a class-wide pause ("Pause all tables") ends
    // with the round it paused, or the new round's games would start paused with nothing to say
    // why. A pause of one table stays with that table, an earlier round's, no longer played.
    if (this.pausedAll) {
      this.pausedAll = false;
      changes.pause = this.pauseRecord();
    }
    for (const table of made) if (table.seats.us && table.seats.china) this.start(table, now, changes);
    return { ok: true, changes, tables: made.map((t) => t.id) };
  }

  /**
   * Fill-with-AI in the middle of a game: the AI plays on for a student who left (not
   * connected), from the move log as it stands. The seat keeps the student's name and key, so
   * the student who comes back (same key, or same name) gets the seat back at once (`rejoin`);
   * the moves the AI made meanwhile stay in the log as the AI's.
   */
  private takeOver(table: Table, held: SeatRecord, difficulty: AiPlayer, now: number): ActionResult {
    if (held.kind === 'ai') return { ok: false, message: `seat ${held.seat} is already played by the AI` };
    if (this.connected.has(held.seat)) return { ok: false, message: `${held.name} is still connected at seat ${held.seat}: the AI can take over a seat only when its student has left` };
    if (table.match?.ended) return { ok: false, message: `the talks at table ${this.placeOf(table.id).table + 1} are over` };
    const changes = noChanges();
    const seat: SeatRecord = { ...held, kind: 'ai', difficulty };
    table.seats[held.side] = seat;
    changes.seats.push(seat);
    this.replay(table, now, changes);
    return { ok: true, changes, tables: [table.id] };
  }

  // --- what clients see -----------------------------------------------------------------------

  info(): ClassInfo {
    return { code: this.code, title: this.config.title ?? null, config: this.config, scenarioTitle: this.scenario.title, rounds: this.config.rounds ?? this.scenario.rounds, classRound: this.round, firstTable: this.firstTable() };
  }

  seatView(seat: SeatRecord): SeatView {
    // A seat the AI took over shows whose it is (its student may come back to it).
    const name = seat.kind === 'ai' && seat.seatKey !== null ? `AI (${seat.difficulty ?? 'normal'}) for ${seat.name}` : seat.name;
    return { seat: seat.seat, table: seat.table, side: seat.side, kind: seat.kind, name, connected: seat.kind === 'ai' || this.connected.has(seat.seat) };
  }

  partnerOf(seat: SeatRecord): SeatRecord | null {
    return this.tables[seat.table]!.seats[seat.side === 'us' ? 'china' : 'us'];
  }

  /** The other members of a student's team (empty outside a class of teams). */
  teammatesOf(seat: SeatRecord): SeatRecord[] {
    return this.sideSeats(this.tables[seat.table]!, seat.side).filter((s) => s.seat !== seat.seat);
  }

  /** Every seat of the other side at a student's table. */
  opponentsOf(seat: SeatRecord): SeatRecord[] {
    return this.sideSeats(this.tables[seat.table]!, seat.side === 'us' ? 'china' : 'us');
  }

  private injectView(r: InjectRecord): InjectView {
    return { index: r.index, table: r.table, text: r.text, event: r.event };
  }

  /** A table's news: sent to it, or to every table during its round. */
  injectsFor(table: number): InjectView[] {
    const round = this.tables[table]?.round ?? this.round;
    return this.injects.filter((i) => roundOf(i) === round && (i.table === null || i.table === table)).map((i) => this.injectView(i));
  }

  /** A table's whole game, for its players: clients replay the moves with the core. */
  tableView(tableId: number, now?: number): TableView | null {
    const table = this.tables[tableId];
    if (!table?.match) return null;
    const spec = table.match.spec;
    return {
      table: table.id,
      scenario: spec.scenario,
      seed: spec.seed,
      options: spec.options,
      moves: spec.moves,
      seats: this.seatsOf(table.id).map((s) => this.seatView(s)),
      paused: this.isPaused(table),
      turnDeadline: this.turnDeadline(table.id),
      ...(now !== undefined ? { turnMsLeft: this.turnMsLeft(table.id, now) } : {}),
      ended: table.match.ended,
      injects: this.injectsFor(table.id),
    };
  }

  /** Every table of every round, in order. */
  tableIds(): number[] {
    return this.tables.map((t) => t.id);
  }

  /** Whether a table plays in the current round. */
  isCurrent(tableId: number): boolean {
    return this.tables[tableId]?.round === this.round;
  }

  /** The game of a table as the core defines it, or null before it starts. */
  spec(tableId: number): GameSpec | null {
    return this.tables[tableId]?.match?.spec ?? null;
  }

  finalState(tableId: number): GameState | null {
    return this.tables[tableId]?.match?.state ?? null;
  }

  authors(tableId: number): MoveAuthor[] {
    return [...(this.tables[tableId]?.authors ?? [])];
  }

  seatsOf(tableId: number): SeatRecord[] {
    const t = this.tables[tableId];
    return t ? SIDES.flatMap((s) => this.sideSeats(t, s)) : [];
  }

  /** The last move of a table and who made it (for relaying). */
  moveAt(tableId: number, index: number): { move: Move; by: MoveAuthor } | null {
    const t = this.tables[tableId];
    const move = t?.match?.moves[index];
    return move ? { move, by: t!.authors[index] ?? 'student' } : null;
  }

  summary(tableId: number, now: number): TableSummary {
    const table = this.tables[tableId]!;
    const state = table.match?.state ?? null;
    const running = state !== null && state.phase === 'negotiation';
    return {
      table: table.id,
      seats: this.seatsOf(table.id).map((s) => this.seatView(s)),
      started: state !== null,
      // Once the talks are over, the round they ended in (the model runs on to the scenario's horizon).
      round: state?.outcome?.round ?? state?.round ?? 0,
      moves: table.match?.moves.length ?? 0,
      turn: running ? state.turn : null,
      standing: state?.standing ? { by: state.standing.by, package: { ...state.standing.package } } : null,
      deal: state?.outcome?.package ? { ...state.outcome.package } : null,
      tension: state ? state.indicators.tension : 0,
      outcome: state?.outcome?.kind ?? null,
      paused: this.isPaused(table),
      idle: running && !this.isPaused(table) && table.lastMoveAt !== null && now - table.lastMoveAt >= IDLE_SECONDS * 1000,
      lastMoveAt: table.lastMoveAt,
    };
  }

  /** The current round's tables (earlier rounds are in the export and the class debrief). */
  dashboard(now: number): Dashboard {
    const round = this.round;
    const current = this.current();
    const tables = current.map((t) => this.summary(t.id, now));
    return {
      info: this.info(),
      tables: tables.filter((t) => t.started),
      waiting: current.filter((t) => !t.match).flatMap((t) => this.seatsOf(t.id).map((s) => this.seatView(s))),
      injects: this.injects.filter((i) => roundOf(i) === round).map((i) => this.injectView(i)),
      finished: tables.filter((t) => t.outcome !== null).length,
      ...(this.pausedAll ? { pausedAll: true } : {}),
    };
  }
}
