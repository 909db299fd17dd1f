import { describe, expect, it } from 'vitest';
import { replay } from '../../../src/core/engine';
import { decodeResult } from '../../../src/core/result-code';
import type { Move } from '../../../src/core/types';
import { negotiators } from '../../../src/session/ai';
import { checkClassConfig } from '../../../src/session/class/config';
import { classCsv, classExport } from '../../../src/session/class/export';
import { ClassModel, type ClassRecord, type MoveRecord, type SeatRecord } from '../../../src/session/class/model';
import { SERVER_MESSAGES, teacherActionSchema, type ClassConfig } from '../../../src/session/class/protocol';
import { mini } from '../../helpers';

const scenario = mini();

function counterBytes(): (n: number) => Uint8Array {
  let k = 7;
  return (n) => Uint8Array.from({ length: n }, () => (k = (k * 73 + 41) % 256));
}

const teams = (size: 2 | 3, extra: Partial<ClassConfig> = {}): ClassConfig => ({ scenario: 'mini', seed: 'class-seed', seedPolicy: 'class', pairing: { kind: 'teams', size }, doctrines: { us: 'us-d', china: 'china-d' }, ...extra });

const record = (config: ClassConfig): ClassRecord => ({ code: 'ABCDEFGH', teacherKey: 'k'.repeat(32), config, scenarioText: '', createdAt: 0 });
const makeClass = (config: ClassConfig) => ClassModel.create(record(config), scenario, negotiators, counterBytes());

function seatAll(c: ClassModel, names: string[]): { seats: SeatRecord[]; moves: MoveRecord[] } {
  const seats: SeatRecord[] = [];
  const moves: MoveRecord[] = [];
  names.forEach((n, i) => {
    const r = c.seatStudent(n, undefined, i);
    if (!r.ok) throw new Error(r.message);
    seats.push(r.seat);
    seats.push(...r.changes.seats.filter((s) => s.seat !== r.seat.seat));
    moves.push(...r.changes.moves);
  });
  return { seats, moves };
}

const propose: Move = { type: 'propose', side: 'us', package: { beans: 'some' } };

describe('a class of teams', () => {
  it('fills each table\'s teams in turn and starts a table once each side has a member', () => {
    const c = makeClass(teams(2));
    const { seats } = seatAll(c, ['Ana', 'Bo', 'Cy', 'Di', 'Ed']);
    expect(seats.map((s) => s.seat)).toEqual(['t0-us', 't0-china', 't0-us-2', 't0-china-2', 't1-us']);
    expect(c.spec(0)).not.toBeNull();
    expect(c.spec(1)).toBeNull();
    expect(c.teammatesOf(seats[0]!).map((s) => s.name)).toEqual(['Cy']);
    expect(c.opponentsOf(seats[0]!).map((s) => s.name)).toEqual(['Bo', 'Di']);
    // Both US members play the table: the game's options name the US as a human side once.
    expect(c.spec(0)!.options.humans).toEqual(['us', 'china']);
    expect(c.tableView(0)!.seats.map((s) => s.name)).toEqual(['Ana', 'Cy', 'Bo', 'Di']);
  });

  it('takes the move of the side to move from any member, once; a teammate\'s second commit is refused by name', () => {
    const c = makeClass(teams(3));
    seatAll(c, ['Ana', 'Bo', 'Cy', 'Di', 'Ed']);
    // Cy (t0-us-2) commits; Ed (t0-us-3) commits the same turn a moment later.
    const first = c.playMove('t0-us-2', 0, propose, 100);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    const second = c.playMove('t0-us-3', 0, propose, 101);
    expect(second).toEqual({ ok: false, kind: 'already-committed', reason: "Cy has already committed the United States’ move for this turn; yours was not played" });
    const different = c.playMove('t0-us', 0, { type: 'hold', side: 'us' }, 101);
    expect(different).toMatchObject({ ok: false, kind: 'already-committed' });
    // Cy's own retry is a duplicate, acknowledged without playing it again.
    expect(c.playMove('t0-us-2', 0, propose, 102)).toMatchObject({ ok: true, duplicate: true });
    expect(c.spec(0)!.moves).toHaveLength(1);
    // A member of the other side cannot move for the US.
    expect(c.playMove('t0-china-2', 1, { type: 'hold', side: 'us' }, 103)).toMatchObject({ ok: false, kind: 'not-in-game' });
    expect(c.playMove('t0-china-2', 1, { type: 'reject', side: 'china' }, 103)).toMatchObject({ ok: true });
  });

  it('gets a member back the same seat by name or seat key, and keeps the teams across a restart', () => {
    const c = makeClass(teams(2));
    const { seats, moves } = seatAll(c, ['Ana', 'Bo', 'Cy', 'Di']);
    const played = c.playMove('t0-us-2', 0, propose, 50);
    if (!played.ok) throw new Error(played.reason);
    const back = c.seatStudent('cy', undefined, 60);
    expect(back).toMatchObject({ ok: true, rejoined: true, seat: { seat: 't0-us-2' } });
    const { model } = ClassModel.restore(record(teams(2)), scenario, negotiators, counterBytes(), { seats, moves: [...moves, ...played.changes.moves], injects: [], pause: null }, 70);
    expect(model.seatsOf(0).map((s) => `${s.seat}:${s.name}`)).toEqual(['t0-us:Ana', 't0-us-2:Cy', 't0-china:Bo', 't0-china-2:Di']);
    expect(model.seatStudent('Di', seats[3]!.seatKey!, 80)).toMatchObject({ ok: true, rejoined: true, seat: { seat: 't0-china-2' } });
    expect(model.spec(0)!.moves).toEqual(c.spec(0)!.moves);
    // A new student goes to the next table; the full one stays as it was.
    expect(model.seatStudent('Eve', undefined, 90)).toMatchObject({ ok: true, seat: { seat: 't1-us' } });
  });

  it('lists every member in the export and the CSV', () => {
    const c = makeClass(teams(2));
    seatAll(c, ['Ana', 'Bo', 'Cy', 'Di']);
    c.playMove('t0-us', 0, { type: 'walkout', side: 'us' }, 10);
    const exported = classExport(c);
    expect(exported.games[0]!.seats.map((s) => `${s.seat}:${s.name}`)).toEqual(['t0-us:Ana', 't0-us-2:Cy', 't0-china:Bo', 't0-china-2:Di']);
    const row = classCsv(c).split('\r\n')[1]!;
    expect(row).toContain('Ana; Cy');
    expect(row).toContain('Bo; Di');
  });

  it('gives the AI only a side with no member, and then seats no student on it', () => {
    const c = makeClass(teams(2));
    seatAll(c, ['Ana', 'Bo', 'Cy', 'Di', 'Ed']);
    expect(c.teacherAction({ action: 'fillWithAi', seat: 't0-us-2', difficulty: 'normal' }, 10)).toMatchObject({ ok: false });
    expect(c.teacherAction({ action: 'fillWithAi', seat: 't1-china', difficulty: 'normal' }, 10)).toMatchObject({ ok: true });
    expect(c.seatStudent('Fay', undefined, 11)).toMatchObject({ ok: true, seat: { seat: 't1-us-2' } });
    expect(c.seatStudent('Gus', undefined, 12)).toMatchObject({ ok: true, seat: { seat: 't2-us' } });
  });

  it('protocol: the pairing, the seat ids, the draft message and the refusal parse', () => {
    expect(checkClassConfig(scenario, teams(3))).toMatchObject({ ok: true });
    expect(checkClassConfig(scenario, { ...teams(2), pairing: { kind: 'teams', size: 4 } })).toMatchObject({ ok: false, problems: [expect.stringContaining('2 or 3')] });
    expect(teacherActionSchema.safeParse({ action: 'fillWithAi', seat: 't2-china-3', difficulty: 'hard' }).success).toBe(true);
    expect(teacherActionSchema.safeParse({ action: 'fillWithAi', seat: 't2-china-4', difficulty: 'hard' }).success).toBe(false);
    expect(SERVER_MESSAGES.draft.safeParse({ table: 0, side: 'us', index: 3, package: { beans: 'some' }, by: 'Ana' }).success).toBe(true);
    expect(SERVER_MESSAGES.moveResult.safeParse({ ok: false, index: 0, kind: 'already-committed', reason: 'x' }).success).toBe(true);
  });
});

describe('the teacher-set number of rounds', () => {
  it('goes into every table\'s options and result code, and ends the talks there', () => {
    const c = makeClass(teams(2, { rounds: 2 }));
    seatAll(c, ['Ana', 'Bo']);
    expect(c.info().rounds).toBe(2);
    expect(c.spec(0)!.options.rounds).toBe(2);
    for (let i = 0; i < 2; i++) {
      c.playMove('t0-us', 2 * i, { type: 'propose', side: 'us', package: { beans: 'lots' } }, 10 + i);
      c.playMove('t0-china', 2 * i + 1, { type: 'reject', side: 'china' }, 10 + i);
    }
    expect(c.finalState(0)!.outcome).toEqual({ kind: 'deadline', round: 2 });
    const game = classExport(c).games[0]!;
    expect(game.resultCode).toMatch(/^bc2-/);
    expect(game.verified).toBe(true);
    expect(decodeResult(game.resultCode, () => scenario).options.rounds).toBe(2);
  });

  it('is refused outside the scenario\'s range, by name', () => {
    expect(checkClassConfig(scenario, { ...teams(2), rounds: 9 })).toEqual({ ok: false, problems: ['rounds: mini can be played in 2 to 6 rounds, not 9'] });
  });
});

describe('the time limit per turn', () => {
  it('ends a team\'s turn with a recorded hold that replays to the same game', () => {
    const c = makeClass(teams(2, { turnSeconds: 30 }));
    seatAll(c, ['Ana', 'Bo', 'Cy']);
    // The table started at t=1 (Bo's arrival).
    expect(c.turnMsLeft(0, 11_001)).toBe(20_000 - 1_000);
    expect(c.expireTurns(30_000).tables).toEqual([]);
    const out = c.expireTurns(30_001);
    expect(out.changes.moves).toEqual([{ table: 0, index: 0, move: { type: 'hold', side: 'us' }, by: 'clock', at: 30_001 }]);
    const spec = c.spec(0)!;
    expect(replay(scenario, spec.seed, spec.options, spec.moves).final).toEqual(c.finalState(0));
  });

  it('stops while paused: the time left is given back on resuming, and kept through a restart', () => {
    const config = teams(2, { turnSeconds: 60 });
    const c = makeClass(config);
    const { seats, moves } = seatAll(c, ['Ana', 'Bo']);
    // Started at t=1: at t=20 001 the US has 40 s left.
    const paused = c.teacherAction({ action: 'pause', table: null }, 20_001);
    expect(c.turnDeadline(0)).toBeNull();
    expect(paused).toMatchObject({ ok: true, changes: { pause: { all: true, tables: [], left: { '0': 40_000 } } } });
    expect(c.turnDeadline(0)).toBeNull();
    expect(c.turnMsLeft(0, 500_000)).toBe(40_000);
    expect(c.expireTurns(500_000).tables).toEqual([]);
    // A restart while paused keeps the time left.
    const pause = paused.ok ? paused.changes.pause : null;
    const { model } = ClassModel.restore(record(config), scenario, negotiators, counterBytes(), { seats, moves, injects: [], pause }, 600_000);
    expect(model.turnMsLeft(0, 600_000)).toBe(40_000);
    model.teacherAction({ action: 'resume', table: null }, 700_000);
    expect(model.turnDeadline(0)).toBe(740_000);
    expect(model.expireTurns(739_999).tables).toEqual([]);
    expect(model.expireTurns(740_000).tables).toEqual([0]);
  });

  it('keeps the deadline across a restart that was not paused (the server clock runs on)', () => {
    const config = teams(2, { turnSeconds: 60 });
    const c = makeClass(config);
    const { seats, moves } = seatAll(c, ['Ana', 'Bo']);
    const { model } = ClassModel.restore(record(config), scenario, negotiators, counterBytes(), { seats, moves, injects: [], pause: null }, 30_000);
    expect(model.turnDeadline(0)).toBe(c.turnDeadline(0));
  });

  it('gives a turn that ran out, or nearly, while the server was down a minute from the restart (at most its length)', () => {
    for (const [turnSeconds, restartAt, left] of [
      [60, 500_000, 60_000], // long past its deadline (61 001): a minute from now, not timed out at once
      [60, 40_000, 60_000], // 21 s left: a minute
      [120, 100_000, 60_000], // 21 s left of a two-minute turn: a minute
      [30, 500_000, 30_000], // a half-minute turn: its whole length, no more
      [120, 30_000, 90_001], // more than a minute left: the clock ran on, nothing given
    ] as const) {
      const config = teams(2, { turnSeconds });
      const c = makeClass(config);
      const { seats, moves } = seatAll(c, ['Ana', 'Bo']);
      const { model } = ClassModel.restore(record(config), scenario, negotiators, counterBytes(), { seats, moves, injects: [], pause: null }, restartAt);
      model.giveGraceAfterRestart(restartAt);
      expect(model.turnMsLeft(0, restartAt), `${turnSeconds} s turns, restarted at ${restartAt}`).toBe(left);
      expect(model.expireTurns(restartAt + left - 1).tables).toEqual([]);
      expect(model.expireTurns(restartAt + left).tables).toEqual([0]);
    }
  });
});
