import { describe, expect, it } from 'vitest';
import { applyMove, newGame } from '../../../src/core/engine';
import { decodeResult, encodeResult } from '../../../src/core/result-code';
import { checkMove } from '../../../src/core/rules';
import type { Move } from '../../../src/core/types';
import { negotiators } from '../../../src/session/ai';
import { exportGames } from '../../../src/session/class/export';
import { ClassModel, type ClassRecord } from '../../../src/session/class/model';
import type { ClassConfig } from '../../../src/session/class/protocol';
import { mini } from '../../helpers';

/** Fill-with-AI in the middle of a game, and injects of the scenario's events that happen in the game (issue 12). */

const scenario = mini();

function counterBytes(): (n: number) => Uint8Array {
  let k = 11;
  return (n) => Uint8Array.from({ length: n }, () => (k = (k * 73 + 41) % 256));
}

const pvp: ClassConfig = { scenario: 'mini', seed: 'mid-seed', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines: { us: 'us-d', china: 'china-d' } };

function makeClass(config: ClassConfig = pvp): ClassModel {
  const record: ClassRecord = { code: 'ABCDEFGH', teacherKey: 'k'.repeat(32), config, scenarioText: '', createdAt: 0 };
  return ClassModel.create(record, scenario, negotiators, counterBytes());
}

const propose: Move = { type: 'propose', side: 'us', package: { beans: 'some' } };

/** Two students at table 0, the US proposing; both connected. */
function twoPlaying(): { c: ClassModel; keys: { ana: string; bo: string } } {
  const c = makeClass();
  const a = c.seatStudent('Ana', undefined, 0);
  const b = c.seatStudent('Bo', undefined, 0);
  if (!a.ok || !b.ok) throw new Error('not seated');
  c.setConnected('t0-us', true);
  c.setConnected('t0-china', true);
  const played = c.playMove('t0-us', 0, propose, 1);
  if (!played.ok) throw new Error(played.reason);
  return { c, keys: { ana: a.seat.seatKey!, bo: b.seat.seatKey! } };
}

describe('fill with AI mid-game', () => {
  it('refuses the seat of a connected student, then the AI plays on from the log once the student has left', () => {
    const { c } = twoPlaying();
    expect(c.teacherAction({ action: 'fillWithAi', seat: 't0-china', difficulty: 'hard' }, 2)).toMatchObject({ ok: false, message: expect.stringContaining('still connected') });
    c.setConnected('t0-china', false);
    const before = c.spec(0)!.moves;
    const filled = c.teacherAction({ action: 'fillWithAi', seat: 't0-china', difficulty: 'hard' }, 2);
    if (!filled.ok) throw new Error(filled.message);
    // The log is kept; China (now the AI) replies at once, and the seat is stored as the AI's with Bo's name kept.
    expect(c.spec(0)!.moves.slice(0, before.length)).toEqual(before);
    expect(filled.changes.moves.map((m) => [m.index, m.by, m.move.side])).toEqual([[1, 'ai', 'china']]);
    expect(filled.changes.seats).toMatchObject([{ seat: 't0-china', kind: 'ai', name: 'Bo', difficulty: 'hard' }]);
    expect(c.tableView(0)?.options).toMatchObject({ humans: ['us'], difficulty: { china: 'hard' } });
    expect(c.tableView(0)?.seats.find((s) => s.side === 'china')?.name).toBe('AI (hard) for Bo');
    expect(c.teacherAction({ action: 'fillWithAi', seat: 't0-china', difficulty: 'easy' }, 3)).toMatchObject({ ok: false, message: expect.stringContaining('already played by the AI') });
    // The student's moves are refused while the AI holds the seat.
    expect(c.playMove('t0-china', 2, { type: 'hold', side: 'china' }, 3)).toMatchObject({ ok: false, kind: 'not-seated' });
  });

  it('gives the seat back to its student (by key or by name); the AI’s moves stay the AI’s, the game replays and its code verifies', () => {
    const { c, keys } = twoPlaying();
    // Ana (the US) leaves while China is to move; the AI takes her seat, Bo rejects its offer, the AI plays the US's turn.
    c.setConnected('t0-us', false);
    expect(c.teacherAction({ action: 'fillWithAi', seat: 't0-us', difficulty: 'normal' }, 2)).toMatchObject({ ok: true, changes: { moves: [] } });
    const rejected = c.playMove('t0-china', 1, { type: 'reject', side: 'china' }, 3);
    expect(rejected.ok && rejected.changes.moves.map((m) => [m.by, m.move.side])).toEqual([['student', 'china'], ['ai', 'us']]);
    const back = c.seatStudent('someone else', keys.ana, 5);
    expect(back).toMatchObject({ ok: true, rejoined: true, seat: { seat: 't0-us', kind: 'student', name: 'Ana', difficulty: null } });
    expect(back.ok && back.changes.seats).toMatchObject([{ seat: 't0-us', kind: 'student' }]);
    expect(c.tableView(0)?.options).toMatchObject({ humans: ['us', 'china'] });
    expect(c.authors(0)).toEqual(['student', 'student', 'ai']);
    // The game is as its log says, and its result code decodes to the same game.
    const [game] = exportGames(c);
    expect(game).toMatchObject({ verified: true });
    expect(decodeResult(game!.resultCode, () => scenario)).toEqual(c.spec(0));
    // Taken over again, then back by name after a reload (no key).
    c.setConnected('t0-us', false);
    c.teacherAction({ action: 'fillWithAi', seat: 't0-us', difficulty: 'easy' }, 7);
    expect(c.seatStudent(' ana ', undefined, 8)).toMatchObject({ ok: true, seat: { seat: 't0-us', kind: 'student' } });
  });

  it('comes back the same after a restart from its records', () => {
    const { c } = twoPlaying();
    c.setConnected('t0-china', false);
    const filled = c.teacherAction({ action: 'fillWithAi', seat: 't0-china', difficulty: 'hard' }, 2);
    if (!filled.ok) throw new Error(filled.message);
    const moves = c.spec(0)!.moves.map((move, index) => ({ table: 0, index, move, by: c.authors(0)[index]!, at: 2 }));
    const { model, changes } = ClassModel.restore(c.record, scenario, negotiators, counterBytes(), { seats: c.seatsOf(0), moves, injects: [], pause: null }, 9);
    expect(changes.moves).toEqual([]);
    expect(model.spec(0)).toEqual(c.spec(0));
    expect(model.findSeat('t0-china')).toMatchObject({ kind: 'ai', name: 'Bo' });
  });
});

describe('an event move (the core)', () => {
  it('fires the event at once, keeps the turn, is refused a second time when it happens once, and round-trips through a result code', () => {
    const s0 = newGame(scenario, 'ev', { doctrines: { us: 'us-d', china: 'china-d' }, humans: ['us', 'china'], difficulty: { us: 'normal', china: 'normal' } });
    const event: Move = { type: 'event', side: 'us', event: 'scheduled' };
    expect(checkMove(scenario, s0, { ...event, event: 'nope' })).toMatchObject({ ok: false, reason: expect.stringContaining('no event "nope"') });
    const after = applyMove(scenario, s0, event);
    expect(after.state.turn).toBe('us');
    expect(after.state.movesThisRound).toBe(0);
    expect(after.state.firedEvents).toEqual(['scheduled']);
    expect(after.state.indicators.tension).toBe(s0.indicators.tension + 1);
    expect(after.explanations.map((e) => e.kind)).toContain('event');
    expect(checkMove(scenario, after.state, event)).toMatchObject({ ok: false, reason: expect.stringContaining('already happened') });
    // `tense` happens every time it is made to.
    const tense: Move = { type: 'event', side: 'us', event: 'tense' };
    const twice = applyMove(scenario, applyMove(scenario, after.state, tense).state, tense).state;
    expect(twice.indicators['us.domesticSupport']).toBe(s0.indicators['us.domesticSupport'] - 2);
    const spec = { scenario: { id: scenario.id, version: scenario.version }, seed: 'ev', options: s0.options, moves: [event, propose, tense] };
    expect(decodeResult(encodeResult(spec, scenario), () => scenario)).toEqual(spec);
  });
});

describe('injects of the scenario’s events', () => {
  it('happen in every targeted running game as a teacher’s move; a news flash changes nothing; a student cannot play an event', () => {
    const c = makeClass();
    for (const name of ['Ana', 'Bo', 'Cy', 'Di', 'Ed']) c.seatStudent(name, undefined, 0); // tables 0 and 1 start, Ed waits
    const tension = (t: number) => c.summary(t, 0).tension;
    const t0 = tension(0);
    const news = c.teacherAction({ action: 'inject', table: null, inject: { kind: 'news', text: 'Markets fall' } }, 1);
    expect(news.ok && news.changes.moves).toEqual([]);
    const all = c.teacherAction({ action: 'inject', table: null, inject: { kind: 'event', event: 'scheduled' } }, 2);
    if (!all.ok) throw new Error(all.message);
    expect(all.changes.moves.map((m) => [m.table, m.index, m.by, m.move])).toEqual([
      [0, 0, 'teacher', { type: 'event', side: 'us', event: 'scheduled' }],
      [1, 0, 'teacher', { type: 'event', side: 'us', event: 'scheduled' }],
    ]);
    expect(tension(0)).toBe(t0 + 1);
    // It happens once: a second inject is still news, but changes no game.
    const again = c.teacherAction({ action: 'inject', table: 0, inject: { kind: 'event', event: 'scheduled' } }, 3);
    expect(again.ok && again.changes.moves).toEqual([]);
    const one = c.teacherAction({ action: 'inject', table: 1, inject: { kind: 'event', event: 'tense' } }, 4);
    expect(one.ok && one.changes.moves.map((m) => m.table)).toEqual([1]);
    // The students play on after it; the game, with its event moves, verifies.
    expect(c.playMove('t0-us', 1, propose, 5)).toMatchObject({ ok: true });
    expect(c.playMove('t0-china', 2, { type: 'event', side: 'china', event: 'tense' }, 6)).toMatchObject({ ok: false, kind: 'illegal', reason: expect.stringContaining('teacher') });
    expect(exportGames(c).map((g) => g.verified)).toEqual([true, true]);
    expect(decodeResult(exportGames(c)[0]!.resultCode, () => scenario).moves[0]).toEqual({ type: 'event', side: 'us', event: 'scheduled' });
  });
});
