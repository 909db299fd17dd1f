import { describe, expect, it } from 'vitest';
import type { Move } from '../../../src/core/types';
import { negotiators } from '../../../src/session/ai';
import { roundSeed, tableSeed } from '../../../src/session/class/config';
import { classCsv, classExport } from '../../../src/session/class/export';
import { readClientMessage } from '../../../src/session/class/messages';
import {
  ClassModel,
  type ClassRecord,
  type InjectRecord,
  type MoveRecord,
  type PauseRecord,
  type SeatRecord,
} from '../../../src/session/class/model';
import { classExportSchema, tableNumber, type ClassConfig } from '../../../src/session/class/protocol';
import { liveClassDebrief } from '../../../src/session/class-client';
import { mini } from '../../helpers';

/** Another round of a class: the same students at the same tables, a new game each, sides swapped or kept. */

const scenario = mini();

function counterBytes(): (n: number) => Uint8Array {
  let k = 7;
  return (n) => Uint8Array.from({ length: n }, () => (k = (k * 73 + 41) % 256));
}

const pvp: ClassConfig = {
  scenario: 'mini',
  seed: 'class-seed',
  seedPolicy: 'class',
  pairing: { kind: 'pvp' },
  doctrines: { us: 'us-d', china: 'china-d' },
};
const propose: Move = { type: 'propose', side: 'us', package: { beans: 'some' } };
const accept: Move = { type: 'accept', side: 'china' };

function makeClass(config: ClassConfig = pvp): ClassModel {
  const record: ClassRecord = {
    code: 'ABCDEFGH',
    teacherKey: 'k'.repeat(32),
    config,
    scenarioText: '',
    createdAt: 0,
  };
  return ClassModel.create(record, scenario, negotiators, counterBytes());
}

/** Everything a store would hold after these operations' changes. */
function recorder() {
  const seats = new Map<string, SeatRecord>();
  const moves: MoveRecord[] = [];
  const injects: InjectRecord[] = [];
  return {
    take<T>(r: T): T {
      const changes = (
        r as { changes?: { seats: SeatRecord[]; moves: MoveRecord[]; injects: InjectRecord[] } }
      ).changes;
      if (changes) {
        for (const s of changes.seats) seats.set(s.seat, s);
        moves.push(...changes.moves);
        injects.push(...changes.injects);
      }
      return r;
    },
    data: () => ({ seats: [...seats.values()], moves: [...moves], injects: [...injects], pause: null }),
  };
}

/** Two pairs: Ana (US) v Bo (China) at table 1, Cy (US) v Di (China) at table 2; table 1 strikes a deal. */
function twoPairs() {
  const c = makeClass();
  const rec = recorder();
  for (const [i, name] of ['Ana', 'Bo', 'Cy', 'Di'].entries()) {
    rec.take(c.seatStudent(name, undefined, i));
    c.setConnected(`t${Math.floor(i / 2)}-${i % 2 === 0 ? 'us' : 'china'}`, true);
  }
  rec.take(c.playMove('t0-us', 0, propose, 10));
  rec.take(c.playMove('t0-china', 1, accept, 11));
  return { c, rec };
}

describe('another round of a class', () => {
  it('is a teacher action with a checked payload, refused by name when malformed', () => {
    expect(
      readClientMessage('teacherAction', { action: 'newRound', sides: 'swap', endUnfinished: false }),
    ).toMatchObject({ ok: true });
    const bad = readClientMessage('teacherAction', {
      action: 'newRound',
      sides: 'mirror',
      endUnfinished: false,
    });
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining('“swap” or “same”') });
    expect(readClientMessage('teacherAction', { action: 'newRound', sides: 'swap' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('endUnfinished'),
    });
  });

  it('is refused before any table has started, and while tables play unless the teacher confirms', () => {
    const empty = makeClass();
    empty.seatStudent('Ana', undefined, 0);
    expect(empty.teacherAction({ action: 'newRound', sides: 'swap', endUnfinished: true }, 1)).toMatchObject({
      ok: false,
      message: expect.stringContaining('no table has started'),
    });
    const { c } = twoPairs();
    expect(c.teacherAction({ action: 'newRound', sides: 'swap', endUnfinished: false }, 20)).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^table 2 is still playing \(table 2\): starting another round leaves their games unfinished as they stand/,
      ),
    });
    expect(c.round).toBe(1);
  });

  it('seats the same students at the same tables, sides swapped, each with a new game of the round’s seed, and moves them without a rejoin', () => {
    const { c, rec } = twoPairs();
    const started = rec.take(c.teacherAction({ action: 'newRound', sides: 'swap', endUnfinished: true }, 30));
    expect(started).toMatchObject({ ok: true, tables: [2, 3] });
    expect(c.round).toBe(2);
    expect(c.info()).toMatchObject({ classRound: 2, firstTable: 2 });
    // Table 1 of round 2 holds Ana and Bo again, Ana now China.
    expect(c.seatsOf(2).map((s) => [s.seat, s.name, s.side, s.round])).toEqual([
      ['t2-us', 'Bo', 'us', 2],
      ['t2-china', 'Ana', 'china', 2],
    ]);
    expect(c.seatsOf(3).map((s) => [s.name, s.side])).toEqual([
      ['Di', 'us'],
      ['Cy', 'china'],
    ]);
    expect(tableNumber(c.info(), 3)).toBe(2);
    // A new game: no moves, the round's seed (from the class seed and the round number), both students playing.
    expect(c.tableView(2)).toMatchObject({
      moves: [],
      seed: roundSeed(pvp, 2, 0),
      ended: false,
      options: { humans: ['us', 'china'] },
    });
    expect(roundSeed(pvp, 2, 0)).not.toBe(tableSeed(pvp, 0));
    expect(roundSeed(pvp, 1, 3)).toBe(tableSeed(pvp, 3));
    expect(roundSeed({ ...pvp, seedPolicy: 'table' }, 2, 1)).toBe('class-seed/r2/t1');
    // Each student's seat now is the new round's (by the seat key), still connected.
    expect(c.currentSeat('t0-us')).toMatchObject({ seat: 't2-china', name: 'Ana' });
    expect(c.seatView(c.currentSeat('t0-us')!).connected).toBe(true);
    // The dashboard shows the new round; the last round's games stay as they were, no longer played.
    expect(c.dashboard(31).tables.map((t) => t.table)).toEqual([2, 3]);
    expect(c.finalState(0)?.outcome?.kind).toBe('deal');
    expect(c.playMove('t1-us', 0, propose, 32)).toMatchObject({
      ok: false,
      kind: 'ended',
      reason: expect.stringContaining('round 1 of the class, which is over'),
    });
    expect(c.teacherAction({ action: 'pause', table: 1 }, 32)).toMatchObject({
      ok: false,
      message: expect.stringContaining('played in round 1'),
    });
    // A student who comes back by name lands in the current round.
    c.setConnected('t2-china', false);
    expect(c.seatStudent('Ana', undefined, 40)).toMatchObject({
      ok: true,
      rejoined: true,
      seat: { seat: 't2-china', side: 'china' },
    });
    expect(c.playMove('t2-us', 0, { ...propose, side: 'us' }, 41)).toMatchObject({ ok: true });
  });

  it('keeps the sides when asked, and a table waiting for a partner carries its student over', () => {
    const c = makeClass();
    c.seatStudent('Ana', undefined, 0);
    c.seatStudent('Bo', undefined, 0);
    c.seatStudent('Cy', undefined, 0);
    c.playMove('t0-us', 0, propose, 1);
    c.playMove('t0-china', 1, accept, 2);
    expect(c.teacherAction({ action: 'newRound', sides: 'same', endUnfinished: false }, 3)).toMatchObject({
      ok: true,
      tables: [2, 3],
    });
    expect(c.seatsOf(2).map((s) => [s.name, s.side])).toEqual([
      ['Ana', 'us'],
      ['Bo', 'china'],
    ]);
    expect(c.dashboard(4).waiting.map((s) => [s.name, s.table])).toEqual([['Cy', 3]]);
    // A new student joins this round's waiting table.
    expect(c.seatStudent('Eve', undefined, 5)).toMatchObject({
      ok: true,
      seat: { seat: 't3-china', round: 2 },
    });
    expect(c.tableView(3)?.seed).toBe(roundSeed(pvp, 2, 1));
  });

  it('refuses a move sent for the last round’s game, which crossed the new seat on the wire, and takes the same move for the new table', () => {
    const c = makeClass();
    c.seatStudent('Ana', undefined, 0);
    c.seatStudent('Bo', undefined, 0);
    c.playMove('t0-us', 0, propose, 1, 0);
    // sides kept: Ana is the US again, at a new table whose game also starts with a US move at index 0
    expect(c.teacherAction({ action: 'newRound', sides: 'same', endUnfinished: true }, 2)).toMatchObject({ ok: true, tables: [1] });
    // the room hands the move to the seat its connection holds now: Ana's seat at the new table
    expect(c.seatsOf(1).map((x) => [x.name, x.seat])).toEqual([['Ana', 't1-us'], ['Bo', 't1-china']]);
    expect(c.playMove('t1-us', 0, propose, 3, 0)).toEqual({
      ok: false,
      kind: 'ended',
      reason: 'that move was for a game your seat has left: you now play at table 1 of round 2',
    });
    expect(c.tableView(1)?.moves).toEqual([]);
    expect(c.playMove('t1-us', 0, propose, 4, 1)).toMatchObject({ ok: true, duplicate: false });
    expect(c.tableView(1)?.moves).toEqual([propose]);
    // the table is named in the message as the protocol reads it
    expect(readClientMessage('move', { index: 1, move: accept, table: 1 })).toMatchObject({ ok: true });
  });

  it('comes back from its records after a restart: the round, the seats, every game', () => {
    const { c, rec } = twoPairs();
    rec.take(c.teacherAction({ action: 'newRound', sides: 'swap', endUnfinished: true }, 30));
    rec.take(
      c.teacherAction(
        { action: 'inject', table: null, inject: { kind: 'news', text: 'Round two news' } },
        31,
      ),
    );
    rec.take(c.playMove('t2-us', 0, propose, 32));
    const { model } = ClassModel.restore(c.record, scenario, negotiators, counterBytes(), rec.data(), 40);
    expect(model.round).toBe(2);
    expect(model.info()).toMatchObject({ classRound: 2, firstTable: 2 });
    for (const t of [0, 1, 2, 3]) expect(model.spec(t)).toEqual(c.spec(t));
    expect(model.seatStudent('Bo', undefined, 41)).toMatchObject({
      ok: true,
      rejoined: true,
      seat: { seat: 't2-us' },
    });
    // News sent in round 2 is round 2's only.
    expect(model.injectsFor(2).map((i) => i.text)).toEqual(['Round two news']);
    expect(model.injectsFor(0)).toEqual([]);
  });

  it('ends a class-wide pause: the new round is played at once, the dashboard and the records say so, and a restart keeps it', () => {
    const { c, rec } = twoPairs();
    let pause: PauseRecord | null = null;
    const keep = <T extends { ok: boolean }>(r: T): T => {
      const p = (r as { changes?: { pause: PauseRecord | null } }).changes?.pause;
      if (p) pause = p;
      return rec.take(r);
    };
    keep(c.teacherAction({ action: 'pause', table: null }, 20));
    expect(c.dashboard(21)).toMatchObject({ pausedAll: true, tables: [{ paused: true }, { paused: true }] });
    expect(pause).toMatchObject({ all: true });
    keep(c.teacherAction({ action: 'newRound', sides: 'swap', endUnfinished: true }, 30));
    // The new round's tables are not paused, and the dashboard says no class-wide pause holds.
    const dash = c.dashboard(31);
    expect(dash.tables.map((t) => [t.table, t.paused])).toEqual([
      [2, false],
      [3, false],
    ]);
    expect(dash.pausedAll).toBeUndefined();
    expect(c.tableView(2)).toMatchObject({ paused: false });
    // The store is told: the pause it keeps is replaced.
    expect(pause).toEqual({ all: false, tables: [] });
    expect(keep(c.playMove('t2-us', 0, propose, 32))).toMatchObject({ ok: true });
    // After a restart from those records the round is still played.
    const { model } = ClassModel.restore(c.record, scenario, negotiators, counterBytes(), { ...rec.data(), pause }, 40);
    expect(model.dashboard(41).tables.map((t) => t.paused)).toEqual([false, false]);
    expect(model.playMove('t2-china', 1, accept, 42)).toMatchObject({ ok: true });
  });

  it('keeps a class-wide pause the teacher set in the new round, once it has started', () => {
    const { c } = twoPairs();
    c.teacherAction({ action: 'newRound', sides: 'swap', endUnfinished: true }, 30);
    expect(c.teacherAction({ action: 'pause', table: null }, 31)).toMatchObject({ ok: true, tables: [2, 3] });
    expect(c.dashboard(32)).toMatchObject({ pausedAll: true });
    expect(c.playMove('t2-us', 0, propose, 33)).toMatchObject({ ok: false, kind: 'paused' });
  });

  it('exports every round’s games with their round and table number; the debrief shows one round, the latest by default', () => {
    const { c } = twoPairs();
    c.teacherAction({ action: 'newRound', sides: 'swap', endUnfinished: true }, 30);
    c.playMove('t3-us', 0, propose, 31);
    c.playMove('t3-china', 1, accept, 32);
    const data = classExport(c);
    expect(classExportSchema.safeParse(data).success).toBe(true);
    expect(data.games.map((g) => [g.round, g.table, g.ended, g.verified])).toEqual([
      [1, 0, true, true],
      [1, 1, false, true],
      [2, 0, false, true],
      [2, 1, true, true],
    ]);
    const rows = classCsv(c).split('\r\n');
    expect(rows[0]).toMatch(/^\uFEFFround,table,us player/);
    expect(rows.slice(1, 5).map((r) => r.split(',').slice(0, 3).join(','))).toEqual([
      '1,1,Ana',
      '1,2,Cy',
      '2,1,Bo',
      '2,2,Di',
    ]);
    const find = (id: string) => (id === scenario.id ? scenario : undefined);
    const latest = liveClassDebrief(data, find);
    expect(latest).toMatchObject({ ok: true, round: 2, rounds: [1, 2], unfinished: 1 });
    expect(latest.ok && latest.debrief?.games.map((g) => g.name)).toEqual(['Table 2: Di v Cy']);
    const first = liveClassDebrief(data, find, 1);
    expect(first.ok && first.debrief?.games.map((g) => g.name)).toEqual(['Table 1: Ana v Bo']);
  });
});
