import { describe, expect, it } from 'vitest';
import { defaultOptions, replay } from '../../src/core/engine';
import type { Move } from '../../src/core/types';
import { moveToSend, newLiveClass, pairInClassText, receive, seatMatch, tableSpec, type LiveClass } from '../../src/session/class-client';
import type { ClassInfo, SeatView, TableView } from '../../src/session/class/protocol';
import { busan } from '../helpers';

const b = busan();
const info: ClassInfo = {
  code: 'ABCDEFGH',
  title: null,
  config: { scenario: b.id, seed: 's', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines: { us: b.doctrines.find((d) => d.side === 'us')!.id, china: b.doctrines.find((d) => d.side === 'china')!.id } },
  scenarioTitle: b.title,
  rounds: b.rounds,
};
const seat = (side: 'us' | 'china', name: string): SeatView => ({ seat: `t0-${side}`, table: 0, side, kind: 'student', name, connected: true });
const table = (moves: Move[]): TableView => ({
  table: 0,
  scenario: { id: b.id, version: b.version },
  seed: 's',
  options: defaultOptions(b, { humans: ['us', 'china'] }),
  moves,
  seats: [seat('us', 'Ana'), seat('china', '<b>Bo</b>')],
  paused: false,
  turnDeadline: null,
  ended: false,
  injects: [],
});
const propose: Move = { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } };

function seated(): LiveClass {
  let live = newLiveClass('student', 'ABCDEFGH', 'Ana');
  live = receive(live, 'seat', { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-123', partner: seat('china', '<b>Bo</b>') }, b).live;
  return receive(live, 'table', table([]), b).live;
}

describe('the class client: a screen as a function of the server’s messages', () => {
  it('seats the student, takes the table, sends a move once, and appends the relayed moves in order', () => {
    let live = seated();
    expect(live.seat?.side).toBe('us');
    expect(live.partner?.name).toBe('<b>Bo</b>');
    expect(live.seatKey).toBe('seatkey-123');
    const m = seatMatch(b, live.table!, 'us');
    expect(m.ok && m.match.playerSide).toBe('us');
    expect(m.ok && m.match.humanToMove()).toBe('us');
    const sent = moveToSend(live, m.ok ? m.match : (null as never), propose);
    expect(sent.ok && sent.message).toEqual({ index: 0, move: propose, table: 0 });
    live = sent.ok ? sent.live : live;
    // A second move before the answer is held back.
    expect(moveToSend(live, m.ok ? m.match : (null as never), propose)).toEqual({ ok: false, reason: 'your last move is still on its way to the server' });
    live = receive(live, 'moveResult', { ok: true, index: 0, duplicate: false }, b).live;
    let r = receive(live, 'moved', { table: 0, index: 0, move: propose, by: 'student' }, b);
    live = r.live;
    expect(live.pending).toBeNull();
    expect(r.announce).toEqual([]); // one's own move is not announced back
    // The partner's move is announced, as the AI's are in solo play; a repeat is ignored.
    r = receive(live, 'moved', { table: 0, index: 1, move: { type: 'accept', side: 'china' }, by: 'student' }, b);
    expect(r.announce[0]).toMatch(/China accepts/);
    live = r.live;
    expect(receive(live, 'moved', { table: 0, index: 1, move: { type: 'accept', side: 'china' }, by: 'student' }, b).live).toBe(live);
    const spec = tableSpec(live.table!);
    expect(spec.ok && replay(b, spec.spec.seed, spec.spec.options, spec.spec.moves).final.outcome?.kind).toBe('deal');
    const after = seatMatch(b, live.table!, 'us');
    expect(after.ok && after.match.ended).toBe(true);
  });

  it('a move that skips ahead marks the screen behind until the next table; another table’s move is not ours', () => {
    const live = seated();
    expect(receive(live, 'moved', { table: 0, index: 3, move: propose, by: 'student' }, b).live.behind).toBe(true);
    expect(receive(live, 'moved', { table: 7, index: 0, move: propose, by: 'student' }, b).live).toBe(live);
    expect(receive(live, 'table', { ...table([propose]), table: 7 }, b).live).toBe(live);
  });

  it('a refused move is said in words and frees the seat to move again', () => {
    let live = seated();
    const m = seatMatch(b, live.table!, 'us');
    const sent = moveToSend(live, m.ok ? m.match : (null as never), propose);
    live = sent.ok ? sent.live : live;
    const r = receive(live, 'moveResult', { ok: false, index: 0, kind: 'paused', reason: 'the teacher has paused the tables' }, b);
    expect(r.live.pending).toBeNull();
    expect(r.live.problem).toBe('Your move was not accepted: the teacher has paused the tables');
    expect(r.announce).toHaveLength(1);
  });

  it('refuses here what the server would: not its turn, another side, an illegal move, a paused table', () => {
    const live = seated();
    const m = seatMatch(b, live.table!, 'us');
    const match = m.ok ? m.match : (null as never);
    expect(moveToSend(live, match, { type: 'accept', side: 'china' })).toEqual({ ok: false, reason: 'that is not your side' });
    expect(moveToSend(live, match, { type: 'accept', side: 'us' }).ok).toBe(false);
    expect(moveToSend({ ...live, table: { ...live.table!, paused: true } }, match, propose)).toEqual({ ok: false, reason: 'the teacher has paused the tables' });
    expect(() => match.receive({ type: 'accept', side: 'us' })).toThrow();
  });

  it('a message that does not parse, or of a name it does not know, is a problem named in words', () => {
    const live = seated();
    expect(receive(live, 'moved', { table: 0, index: 'x' }, b).live.problem).toMatch(/^The server’s “moved” message could not be read/);
    expect(receive(live, 'hello', {}, b).live.problem).toBe('The server sent a message this page does not know ("hello").');
    expect(receive(live, 'table', { ...table([]), options: { humans: 'everyone' } }, b).tableChanged).toBe(true);
    const bad = tableSpec({ ...table([]), options: { humans: 'everyone' } });
    expect(bad.ok).toBe(false);
    const illegal = seatMatch(b, table([{ type: 'accept', side: 'china' }]), 'us');
    expect(!illegal.ok && illegal.message).toMatch(/^the table’s moves do not replay here/);
  });

  it('the teacher keeps the dashboard; news arrives once', () => {
    let live = newLiveClass('teacher', 'ABCDEFGH');
    const dashboard = { info, tables: [], waiting: [seat('us', 'Ana')], injects: [], finished: 0 };
    live = receive(live, 'dashboard', dashboard, b).live;
    expect(live.dashboard?.waiting).toHaveLength(1);
    expect(live.status).toBe('connected');
    const inject = { index: 0, table: null, text: 'Breaking news', event: null };
    const r = receive(live, 'inject', inject, b);
    expect(r.announce).toEqual(['News: Breaking news']);
    expect(receive(r.live, 'inject', inject, b).live).toBe(r.live);
  });

  it('says where the pair sits in the class in words that fit the count (never "the 0 other pairs")', () => {
    expect(pairInClassText(1)).toBe('Your pair is the large point, the first of the class to finish; the other pairs join the chart as they finish.');
    expect(pairInClassText(2)).toBe('Your pair is the large point; the other is the one other pair that has finished so far (the chart follows as more finish).');
    expect(pairInClassText(5)).toBe('Your pair is the large point; the others are the 4 other pairs that have finished so far (the chart follows as more finish).');
  });

  it('a student who joins or reloads after the teacher’s news has it from the table message, once', () => {
    const flash = { index: 0, table: null, text: 'Congress holds hearings', event: null };
    const later = { index: 2, table: 0, text: 'Markets fall', event: null };
    let live = seated();
    expect(live.injects).toEqual([]);
    live = receive(live, 'table', { ...table([]), injects: [flash, later] }, b).live;
    expect(live.injects.map((i) => i.index)).toEqual([0, 2]);
    // The same news again (every table message carries it) adds nothing, and a live one joins in order.
    const again = receive(live, 'table', { ...table([]), injects: [flash, later] }, b).live;
    expect(again.injects).toBe(live.injects);
    live = receive(live, 'inject', { index: 3, table: null, text: 'Talks resume', event: null }, b).live;
    expect(live.injects.map((i) => i.index)).toEqual([0, 2, 3]);
  });
});

describe('the class client when the teacher starts another round', () => {
  it('moves the seat to its new table and side, drops the last round\'s game, and takes the new table', () => {
    let live = seated();
    live = receive(live, 'classResults', { replace: true, games: [{ table: 0, scenario: { id: b.id, version: b.version }, seed: 's', options: table([]).options, moves: [] }] }, b).live;
    live = { ...live, pending: { index: 0, move: propose } };
    const round2 = { ...info, classRound: 2, firstTable: 3 };
    const moved = receive(live, 'seat', { info: round2, seat: { ...seat('china', 'Ana'), seat: 't3-china', table: 3 }, seatKey: 'seatkey-123', partner: { ...seat('us', '<b>Bo</b>'), seat: 't3-us', table: 3 } }, b);
    expect(moved.live).toMatchObject({ seat: { table: 3, side: 'china' }, table: null, pending: null, classGames: [], injects: [], seatKey: 'seatkey-123' });
    expect(moved.announce).toEqual(['Round 2 of the class begins: you play at table 1, as China. Your partner: <b>Bo</b>.']);
    // The last round's table, or a move of it, is not this seat's any more; the new one is.
    expect(receive(moved.live, 'table', table([propose]), b).live.table).toBeNull();
    const next = receive(moved.live, 'table', { ...table([]), table: 3, seats: [{ ...seat('us', '<b>Bo</b>'), table: 3 }, { ...seat('china', 'Ana'), table: 3 }] }, b);
    expect(next.live.table?.table).toBe(3);
    const m = seatMatch(b, next.live.table!, 'china');
    expect(m.ok && m.match.playerSide).toBe('china');
  });
});

describe('the class client in a class of teams, with a time limit', () => {
  const teamInfo: ClassInfo = { ...info, config: { ...info.config, pairing: { kind: 'teams', size: 2 }, turnSeconds: 60 } };
  const cy: SeatView = { ...seat('us', 'Cy'), seat: 't0-us-2' };
  const teamTable = (moves: Move[], extra: Partial<TableView> = {}): TableView => ({ ...table(moves), seats: [seat('us', 'Ana'), cy, seat('china', 'Bo')], ...extra });

  function member(): LiveClass {
    let live = newLiveClass('student', 'ABCDEFGH', 'Cy');
    live = receive(live, 'seat', { info: teamInfo, seat: cy, seatKey: 'seatkey-456', partner: seat('china', 'Bo'), team: [seat('us', 'Ana')], opponents: [seat('china', 'Bo')] }, b).live;
    return receive(live, 'table', teamTable([], { turnMsLeft: 42_000 }), b, 1_000).live;
  }

  it('knows the team, and counts the turn down from the time left the server sent, on this device\'s clock', () => {
    const live = member();
    expect(live.team.map((s) => s.name)).toEqual(['Ana']);
    expect(live.clock).toEqual({ endsAt: 43_000, pausedLeft: null });
    // A move starts the next turn's full time; a pause holds the time left still.
    const moved = receive(live, 'moved', { table: 0, index: 0, move: propose, by: 'student' }, b, 5_000).live;
    expect(moved.clock).toEqual({ endsAt: 65_000, pausedLeft: null });
    const paused = receive(moved, 'table', teamTable([propose], { paused: true, turnDeadline: null, turnMsLeft: 30_000 }), b, 35_000).live;
    expect(paused.clock).toEqual({ endsAt: null, pausedLeft: 30_000 });
  });

  it('takes a teammate\'s draft for the next move (announced), and drops one overtaken by a move', () => {
    const live = member();
    const r = receive(live, 'draft', { table: 0, side: 'us', index: 0, package: { tariffTruce: 'extended-1yr' }, by: 'Ana' }, b);
    expect(r.live.teamDraft).toEqual({ index: 0, package: { tariffTruce: 'extended-1yr' }, by: 'Ana' });
    expect(r.announce).toEqual(['Ana changed your team’s draft: 1 chip.']);
    expect(receive(live, 'draft', { table: 0, side: 'us', index: 3, package: {}, by: 'Ana' }, b).live.teamDraft).toBeNull();
    expect(receive(live, 'draft', { table: 0, side: 'china', index: 0, package: {}, by: 'Bo' }, b).live.teamDraft).toBeNull();
    const after = receive(r.live, 'moved', { table: 0, index: 0, move: propose, by: 'student' }, b).live;
    expect(after.teamDraft).toBeNull();
  });

  it('says why a teammate\'s earlier commit refused this one', () => {
    const r = receive(member(), 'moveResult', { ok: false, index: 0, kind: 'already-committed', reason: "Ana has already committed United States's move for this turn; yours was not played" }, b);
    expect(r.announce).toEqual(["Your move was not accepted: Ana has already committed United States's move for this turn; yours was not played"]);
  });
});
