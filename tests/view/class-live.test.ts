import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import type { Move } from '../../src/core/types';
import { intelReport, ledgerOf } from '../../src/negotiators/index';
import { loadScenario } from '../../src/scenario/loader';
import { ScenarioCatalog } from '../../src/session/catalog';
import type { ClassInfo, SeatView, TableView } from '../../src/session/class/protocol';
import { resultCodeOf } from '../../src/session/games';
import { defaultSettings } from '../../src/session/settings';
import { historyData } from '../../src/view/history-data';
import type { Action, Effect } from '../../src/view/state/actions';
import { initialState, type AppState, type Lib } from '../../src/view/state/app-state';
import { Store } from '../../src/view/state/store';
import { update } from '../../src/view/state/update';
import { DEFAULT_RUN_CHOICES, joinPanelShown } from '../../src/view/state/class-live-state';
import { busan, fixturePath } from '../helpers';
import { classConnectionText, classNotKeptText, pausedText } from '../../src/view/screens/class-table';
import { classRequests } from '../../src/view/shell/class-shell';
import { MemoryStorage } from '../../src/session/storage';
import { debriefTitle, endedStatus } from '../../src/view/screens/class-live';
import { busanFile, scriptedAi } from '../session/helpers';

/** The live class as actions: a student's seat from the server's messages, and the teacher's debrief from its export. */

const b = busan();
function game() {
  const ai = scriptedAi();
  const lib: Lib = { catalog: new ScenarioCatalog([busanFile()], loadScenario), ai: { negotiators: ai.decide, ledgerOf, intelReport }, history: historyData };
  const store = new Store<AppState, Action, Effect>(initialState(defaultSettings()), (state, action) => update(state, action, { randomSeed: () => 'seed' }));
  const effects: Effect[] = [];
  store.subscribe((_n, _p, e) => effects.push(...e));
  store.dispatch({ type: 'started', lib, saved: { kind: 'empty' }, storageProblem: null });
  const take = () => effects.splice(0);
  return { dispatch: (a: Action) => store.dispatch(a), state: () => store.getState(), take };
}
const doctrines = { us: b.doctrines.find((d) => d.side === 'us')!.id, china: b.doctrines.find((d) => d.side === 'china')!.id };
const info: ClassInfo = { code: 'ABCDEFGH', title: null, config: { scenario: b.id, seed: 's', seedPolicy: 'class', pairing: { kind: 'pvp' }, doctrines }, scenarioTitle: b.title, rounds: b.rounds };
const seat = (side: 'us' | 'china', name: string): SeatView => ({ seat: `t0-${side}`, table: 0, side, kind: 'student', name, connected: true });
const options = defaultOptions(b, { humans: ['us', 'china'], doctrines });
const table = (moves: Move[], seats = [seat('us', 'Ana'), seat('china', 'Bo')]): TableView => ({ table: 0, scenario: { id: b.id, version: b.version }, seed: 's', options, moves, seats, paused: false, turnDeadline: null, ended: false, injects: [] });
const propose: Move = { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } };

describe('a student at a live class', () => {
  it('joins, waits in the lobby, plays through the server, and sees the partner’s moves announced', () => {
    const g = game();
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    expect(g.state().screen).toBe('class-lobby');
    expect(g.take()).toContainEqual({ kind: 'class', request: { op: 'connect-student', code: 'ABCDEFGH', name: 'Ana', seatKey: null } });
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-1', partner: null } });
    g.dispatch({ type: 'class-received', name: 'table', payload: table([], [seat('us', 'Ana')]) });
    expect(g.state().screen).toBe('class-lobby'); // no partner yet
    g.dispatch({ type: 'class-received', name: 'table', payload: table([]) });
    expect(g.state().screen).toBe('table');
    const m = g.state().match!;
    expect(m.remoteSide).toBe('us');
    expect(m.humanToMove()).toBe('us');
    g.take();
    g.dispatch({ type: 'play', move: propose });
    expect(g.take()).toContainEqual({ kind: 'class', request: { op: 'send-move', message: { index: 0, move: propose, table: 0 } } });
    expect(g.state().match!.moves).toHaveLength(0); // not applied until the server relays it
    g.dispatch({ type: 'class-received', name: 'moved', payload: { table: 0, index: 0, move: propose, by: 'student' } });
    expect(g.state().match!.moves).toEqual([propose]);
    expect(g.state().match!.humanToMove()).toBeNull(); // waiting for China
    g.take();
    g.dispatch({ type: 'class-received', name: 'moved', payload: { table: 0, index: 1, move: { type: 'accept', side: 'china' }, by: 'student' } });
    const said = g.take().filter((e) => e.kind === 'announce').map((e) => (e as { text: string }).text);
    expect(said.join(' ')).toMatch(/China accepts.*The talks are over: the debrief is ready\./);
    expect(g.state().match!.ended).toBe(true);
    g.dispatch({ type: 'navigate', screen: 'debrief' });
    expect(g.state().debrief?.debrief.outcome.kind).toBe('deal');
  });
});

describe('a student at a paused table, or whose join is refused', () => {
  it('is told the move waits for the teacher, and the refusal goes once the tables resume', () => {
    const g = game();
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-1', partner: seat('china', 'Bo') } });
    g.dispatch({ type: 'class-received', name: 'table', payload: { ...table([]), paused: true } });
    const said = () => g.take().filter((e) => e.kind === 'announce').map((e) => (e as { text: string }).text);
    // Seated at a paused table on its turn: not told "your move".
    expect(said().slice(-2)).toEqual(['The talks begin.', 'Your turn, once the teacher resumes the tables.']);
    g.dispatch({ type: 'play', move: propose });
    expect(g.state().notices).toEqual([{ kind: 'error', text: 'That move cannot be sent: the teacher has paused the tables.' }]);
    g.take();
    g.dispatch({ type: 'class-received', name: 'table', payload: table([]) });
    expect(g.state().notices).toEqual([]);
    expect(said()).toEqual(['The tables resume: your move.']);
    g.dispatch({ type: 'class-received', name: 'table', payload: { ...table([]), paused: true } });
    expect(said()).toEqual(['The teacher paused the tables.']);
    expect(pausedText(null)).toBe('Paused by the teacher: moves wait until the tables resume.');
    expect(pausedText(65_000)).toBe('Paused by the teacher: moves wait until the tables resume, with 1:05 left in this turn.');
  });

  it('goes back to the join form, code and name kept, when the server refuses the join', () => {
    const g = game();
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    g.dispatch({ type: 'class-failed', text: 'No class has the code "ABCDEFGH": check it with your teacher.' });
    expect(g.state().screen).toBe('class-join');
    expect(g.state().liveClass.error).toBe('No class has the code "ABCDEFGH": check it with your teacher.');
    expect(g.state().liveClass.live).toMatchObject({ code: 'ABCDEFGH', name: 'Ana' });
  });
});

describe('a student whose connection drops', () => {
  it('sees and hears "reconnecting" once, keeps the table, and hears a join tried again without it kept as a problem', () => {
    const g = game();
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    g.dispatch({ type: 'class-status', status: 'connecting', notice: 'Joining the class: the server did not let this page in (seat reservation expired.); trying again.' });
    expect(g.take().filter((e) => e.kind === 'announce')).toEqual([{ kind: 'announce', text: expect.stringMatching(/^Joining the class: .*trying again\.$/) as unknown }]);
    expect(g.state().liveClass.live!.problem).toBeNull();
    expect(g.state().liveClass.live!.status).toBe('connecting');
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-1', partner: seat('china', 'Bo') } });
    g.dispatch({ type: 'class-received', name: 'table', payload: table([]) });
    expect(g.state().screen).toBe('table');
    g.take();
    g.dispatch({ type: 'class-status', status: 'reconnecting' });
    g.dispatch({ type: 'class-status', status: 'reconnecting' }); // the SDK's drop, then the rejoin by code: said once
    expect(g.take().filter((e) => e.kind === 'announce')).toEqual([{ kind: 'announce', text: 'The connection to the class dropped; reconnecting…' }]);
    expect(classConnectionText(g.state())).toBe('The connection to the class dropped; reconnecting… Your seat is kept.');
    expect(g.state().screen).toBe('table');
    g.dispatch({ type: 'play', move: propose }); // sent as the connection went
    g.take();
    g.dispatch({ type: 'class-status', status: 'connected' });
    const back = g.take();
    expect(back.filter((e) => e.kind === 'announce')).toEqual([{ kind: 'announce', text: 'Reconnected to the class.' }]);
    // The move that may not have arrived goes again; the server answers a repeat as a duplicate.
    expect(back).toContainEqual({ kind: 'class', request: { op: 'send-move', message: { index: 0, move: propose, table: 0 } } });
    expect(classConnectionText(g.state())).toBeNull();
    g.dispatch({ type: 'class-status', status: 'closed', text: 'The class server could not be reached again. Reload the page to try again: your seat is kept.' });
    expect(classConnectionText(g.state())).toMatch(/Reload the page to try again: your seat is kept\.$/);
  });
});

describe('a member of a team at a live class', () => {
  it('shares the draft with the team as it is built, and takes a teammate\'s draft in place of its own', () => {
    const g = game();
    const teamInfo: ClassInfo = { ...info, config: { ...info.config, pairing: { kind: 'teams', size: 2 } } };
    const cy: SeatView = { ...seat('us', 'Cy'), seat: 't0-us-2' };
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Cy' });
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info: teamInfo, seat: cy, seatKey: 'seatkey-2', partner: seat('china', 'Bo'), team: [seat('us', 'Ana')], opponents: [seat('china', 'Bo')] } });
    g.dispatch({ type: 'class-received', name: 'table', payload: table([], [seat('us', 'Ana'), cy, seat('china', 'Bo')]) });
    expect(g.state().screen).toBe('table');
    g.take();
    g.dispatch({ type: 'set-chip', issue: 'tariffTruce', position: 'extended-1yr', inPackage: true });
    expect(g.take()).toContainEqual({ kind: 'class', request: { op: 'send-draft', message: { index: 0, package: { tariffTruce: 'extended-1yr' } } } });
    // Ana empties it: Cy's draft follows, and is not sent back.
    g.dispatch({ type: 'class-received', name: 'draft', payload: { table: 0, side: 'us', index: 0, package: {}, by: 'Ana' } });
    expect(g.state().draft).toEqual({});
    expect(g.take().filter((e) => e.kind === 'class')).toEqual([]);
  });

  it('sends no draft without teammates', () => {
    const g = game();
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-1', partner: seat('china', 'Bo') } });
    g.dispatch({ type: 'class-received', name: 'table', payload: table([]) });
    g.take();
    g.dispatch({ type: 'set-chip', issue: 'tariffTruce', position: 'extended-1yr', inPackage: true });
    expect(g.take().filter((e) => e.kind === 'class')).toEqual([]);
  });
});

describe('a teacher at a live class', () => {
  it('opens the class, keeps the dashboard, sends actions, and builds the class debrief from the export', () => {
    const g = game();
    g.dispatch({ type: 'class-create', config: info.config });
    expect(g.take()).toContainEqual({ kind: 'class', request: { op: 'create', config: info.config } });
    g.dispatch({ type: 'class-created', code: 'ABCDEFGH', teacherKey: 'k'.repeat(20) });
    expect(g.state().screen).toBe('class-teacher');
    expect(g.take()).toContainEqual({ kind: 'class', request: { op: 'connect-teacher', code: 'ABCDEFGH', teacherKey: 'k'.repeat(20) } });
    g.dispatch({ type: 'class-received', name: 'dashboard', payload: { info, tables: [], waiting: [], injects: [], finished: 0 } });
    expect(g.state().scenario?.id).toBe(b.id);
    g.dispatch({ type: 'class-teacher-action', action: { action: 'pause', table: null } });
    expect(g.take()).toContainEqual({ kind: 'class', request: { op: 'send-teacher-action', message: { action: 'pause', table: null } } });
    const deal = { scenario: { id: b.id, version: b.version }, seed: 's', options, moves: [propose, { type: 'accept', side: 'china' }] as Move[] };
    const walk = { ...deal, seed: 't', moves: [{ type: 'walkout', side: 'us' }] as Move[] };
    const exported = {
      format: 'bargaining-chips-class',
      version: 1,
      code: 'ABCDEFGH',
      title: null,
      config: info.config,
      games: [
        { table: 0, seats: [{ seat: 't0-us', side: 'us', kind: 'student', name: 'Ana' }, { seat: 't0-china', side: 'china', kind: 'student', name: 'Bo' }], ...deal, ended: true, outcome: null, resultCode: resultCodeOf(b, deal), verified: true, ratings: {} },
        { table: 1, seats: [{ seat: 't1-us', side: 'us', kind: 'student', name: 'Cy' }, { seat: 't1-china', side: 'china', kind: 'ai', name: 'AI' }], ...walk, ended: true, outcome: null, resultCode: resultCodeOf(b, walk), verified: true, ratings: {} },
        { table: 2, seats: [], ...walk, moves: [], ended: false, outcome: null, resultCode: '', verified: false, ratings: {} },
      ],
    };
    g.dispatch({ type: 'class-export-loaded', data: exported });
    const lc = g.state().liveClass;
    expect(lc.debrief?.games.map((x) => [x.label, x.outcome])).toEqual([
      ['1. Table 1: Ana v Bo', 'deal'],
      ['2. Table 2: Cy v AI', 'walkout'],
    ]);
    expect(lc.unfinished).toBe(1);
    // One pair's game opens at its own debrief, which leads back to the live class (its dashboard still there).
    g.dispatch({ type: 'class-open-game', index: 2, from: 'class-teacher' });
    expect(g.state().screen).toBe('debrief');
    expect(g.state().match?.state.outcome?.kind).toBe('walkout');
    expect(g.state().backToClass).toBe('class-teacher');
    g.dispatch({ type: 'navigate', screen: 'class-teacher' });
    expect(g.state().liveClass.debrief?.games).toHaveLength(2);
    expect(g.state().liveClass.live?.dashboard).not.toBeNull();
    g.dispatch({ type: 'class-export-loaded', data: { format: 'nope' } });
    expect(g.state().liveClass.error).toMatch(/^The class’s results could not be read/);
  });
});

describe('another round of a live class', () => {
  it('the teacher is asked to confirm while tables play, and the debrief shows one round at a time, the latest first', () => {
    const g = game();
    g.dispatch({ type: 'class-open-teacher', code: 'ABCDEFGH', teacherKey: 'k'.repeat(32) });
    g.take();
    g.dispatch({ type: 'class-round-confirm', sides: 'same' });
    expect(g.state().liveClass.confirmRound).toBe('same');
    g.take();
    g.dispatch({ type: 'class-teacher-action', action: { action: 'newRound', sides: 'same', endUnfinished: true } });
    expect(g.take()).toContainEqual({ kind: 'class', request: { op: 'send-teacher-action', message: { action: 'newRound', sides: 'same', endUnfinished: true } } });
    expect(g.state().liveClass.confirmRound).toBeNull();
    const deal = { scenario: { id: b.id, version: b.version }, seed: 's', options, moves: [propose, { type: 'accept', side: 'china' }] as Move[] };
    const seats = (us: string, china: string) => [{ seat: 't0-us', side: 'us', kind: 'student', name: us }, { seat: 't0-china', side: 'china', kind: 'student', name: china }];
    const game1 = { round: 1, table: 0, seats: seats('Ana', 'Bo'), ...deal, ended: true, outcome: null, resultCode: resultCodeOf(b, deal), verified: true, ratings: {} };
    const game2 = { ...game1, round: 2, seats: seats('Bo', 'Ana') };
    g.dispatch({ type: 'class-export-loaded', data: { format: 'bargaining-chips-class', version: 1, code: 'ABCDEFGH', title: null, config: info.config, games: [game1, game2] } });
    expect(g.state().liveClass).toMatchObject({ debriefRound: 2, debriefRounds: [1, 2] });
    expect(g.state().liveClass.debrief?.games.map((x) => x.label)).toEqual(['1. Table 1: Bo v Ana']);
    g.dispatch({ type: 'class-debrief-round', round: 1 });
    expect(g.state().liveClass.debriefRound).toBe(1);
    expect(g.state().liveClass.debrief?.games.map((x) => x.label)).toEqual(['1. Table 1: Ana v Bo']);
  });

  it('a refresh of the class debrief keeps an earlier round the teacher chose, and its one heading names the scenario and the round', () => {
    const g = game();
    g.dispatch({ type: 'class-open-teacher', code: 'ABCDEFGH', teacherKey: 'k'.repeat(32) });
    const deal = { scenario: { id: b.id, version: b.version }, seed: 's', options, moves: [propose, { type: 'accept', side: 'china' }] as Move[] };
    const seats = (us: string, china: string) => [{ seat: 't0-us', side: 'us', kind: 'student', name: us }, { seat: 't0-china', side: 'china', kind: 'student', name: china }];
    const game1 = { round: 1, table: 0, seats: seats('Ana', 'Bo'), ...deal, ended: true, outcome: null, resultCode: resultCodeOf(b, deal), verified: true, ratings: {} };
    const game2 = { ...game1, round: 2, table: 1, seats: seats('Bo', 'Ana') };
    const game3 = { ...game1, round: 3, table: 2 };
    const exported = (games: unknown[]) => ({ format: 'bargaining-chips-class', version: 1, code: 'ABCDEFGH', title: null, config: info.config, games });
    g.dispatch({ type: 'class-export-loaded', data: exported([game1]) });
    // One round: the heading needs no round; it names the scenario (the debrief below has no heading of its own).
    expect(debriefTitle(g.state())).toBe(`Class debrief: ${b.title}`);
    g.dispatch({ type: 'class-export-loaded', data: exported([game1, game2]) });
    expect(g.state().liveClass.debriefRound).toBe(2);
    expect(debriefTitle(g.state())).toBe(`Class debrief: ${b.title}, class round 2`);
    g.dispatch({ type: 'class-debrief-round', round: 1 });
    expect(debriefTitle(g.state())).toBe(`Class debrief: ${b.title}, class round 1`);
    // The refresh (the games finished since, a new round begun): still round 1, as chosen.
    g.dispatch({ type: 'class-export-loaded', data: exported([game1, game2, game3]) });
    expect(g.state().liveClass).toMatchObject({ debriefRound: 1, debriefRounds: [1, 2, 3] });
    expect(g.state().liveClass.debrief?.games.map((x) => x.label)).toEqual(['1. Table 1: Ana v Bo']);
    expect(debriefTitle(g.state())).toBe(`Class debrief: ${b.title}, class round 1`);
    // The latest chosen follows the class to its next round.
    g.dispatch({ type: 'class-debrief-round', round: 3 });
    g.dispatch({ type: 'class-export-loaded', data: exported([game1, game2, game3, { ...game1, round: 4, table: 3 }]) });
    expect(g.state().liveClass.debriefRound).toBe(4);
  });

  it('the debrief asked for from the dashboard is brought into view once loaded; the one asked for in its own section is not', () => {
    const g = game();
    g.dispatch({ type: 'class-open-teacher', code: 'ABCDEFGH', teacherKey: 'k'.repeat(32) });
    const deal = { scenario: { id: b.id, version: b.version }, seed: 's', options, moves: [propose, { type: 'accept', side: 'china' }] as Move[] };
    const seats = [{ seat: 't0-us', side: 'us', kind: 'student', name: 'Ana' }, { seat: 't0-china', side: 'china', kind: 'student', name: 'Bo' }];
    const exported = { format: 'bargaining-chips-class', version: 1, code: 'ABCDEFGH', title: null, config: info.config, games: [{ round: 1, table: 0, seats, ...deal, ended: true, outcome: null, resultCode: resultCodeOf(b, deal), verified: true, ratings: {} }] };
    g.take();
    g.dispatch({ type: 'class-load-debrief', goTo: true });
    g.take();
    g.dispatch({ type: 'class-export-loaded', data: exported });
    expect(g.take()).toContainEqual({ kind: 'scroll-to', id: 'class-debrief-title' });
    // A refresh from the debrief's own section leaves the view where it is.
    g.dispatch({ type: 'class-load-debrief' });
    g.dispatch({ type: 'class-export-loaded', data: exported });
    expect(g.take().filter((e) => e.kind === 'scroll-to')).toEqual([]);
  });

  it('a student moves to the new table and side on their own, through the lobby, without rejoining', () => {
    const g = game();
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-1', partner: seat('china', 'Bo') } });
    g.dispatch({ type: 'class-received', name: 'table', payload: table([{ type: 'walkout', side: 'us' }]) });
    expect(g.state().match?.ended).toBe(true);
    g.take();
    const round2 = { ...info, classRound: 2, firstTable: 1 };
    const at1 = (s: SeatView): SeatView => ({ ...s, seat: `t1-${s.side}`, table: 1 });
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info: round2, seat: at1(seat('china', 'Ana')), seatKey: 'seatkey-1', partner: at1(seat('us', 'Bo')) } });
    expect(g.state().screen).toBe('class-lobby');
    expect(g.state().match).toBeNull();
    g.dispatch({ type: 'class-received', name: 'table', payload: { ...table([], [at1(seat('us', 'Bo')), at1(seat('china', 'Ana'))]), table: 1 } });
    expect(g.state().screen).toBe('table');
    expect(g.state().match?.remoteSide).toBe('china');
    expect(g.state().match?.ended).toBe(false);
    expect(g.take().filter((e) => e.kind === 'announce').map((e) => (e as { text: string }).text)).toEqual(['Round 2 of the class begins: you play at table 1, as China. Your partner: Bo.', 'The talks begin.']);
  });
});

describe('the Run a class form', () => {
  const miniFile = () => ({ file: 'mini.yaml', text: readFileSync(fixturePath('mini.yaml'), 'utf8') });
  it('keeps the teacher’s choices in the state, so a redraw draws them again', () => {
    const g = game();
    g.dispatch({ type: 'navigate', screen: 'class-run' });
    expect(g.state().liveClass.runForm).toBeUndefined(); // the defaults
    g.dispatch({ type: 'class-run-change', change: { pairing: 'pve' } });
    g.dispatch({ type: 'class-run-change', change: { difficulty: 'hard', side: 'china' } });
    g.dispatch({ type: 'class-run-change', change: { doctrines: { us: doctrines.us } } });
    expect(g.state().liveClass.runForm).toEqual({ ...DEFAULT_RUN_CHOICES, pairing: 'pve', difficulty: 'hard', side: 'china', doctrines: { us: doctrines.us } });
    // Another scenario: the doctrines chosen for the last one go (the form shows the new one's first).
    g.dispatch({ type: 'class-run-change', change: { scenario: b.id } });
    expect(g.state().liveClass.runForm).toEqual({ ...DEFAULT_RUN_CHOICES, scenario: b.id, pairing: 'pve', difficulty: 'hard', side: 'china', doctrines: {} });
  });

  it('takes a scenario file opened under it as the scenario chosen, and keeps the other choices', () => {
    const g = game();
    g.dispatch({ type: 'navigate', screen: 'class-run' });
    g.dispatch({ type: 'class-run-change', change: { scenario: b.id, pairing: 'teams', teamSize: 3, seedPolicy: 'table', doctrines: { china: doctrines.china } } });
    g.dispatch({ type: 'open-scenario-file', file: miniFile() });
    expect(g.state().liveClass.runForm).toEqual({ ...DEFAULT_RUN_CHOICES, scenario: 'mini', pairing: 'teams', teamSize: 3, seedPolicy: 'table', doctrines: {} });
    // A file that does not load changes no choice.
    g.dispatch({ type: 'open-scenario-file', file: { file: 'broken.yaml', text: 'id: [' } });
    expect(g.state().liveClass.runForm).toMatchObject({ scenario: 'mini', pairing: 'teams' });
    expect(g.state().screen).toBe('class-run');
  });

  it('starts afresh each time the screen is entered', () => {
    const g = game();
    g.dispatch({ type: 'navigate', screen: 'class-run' });
    g.dispatch({ type: 'class-run-change', change: { pairing: 'pve' } });
    g.dispatch({ type: 'navigate', screen: 'class-run' }); // the same screen: kept
    expect(g.state().liveClass.runForm?.pairing).toBe('pve');
    g.dispatch({ type: 'navigate', screen: 'title' });
    g.dispatch({ type: 'navigate', screen: 'class-run' });
    expect(g.state().liveClass.runForm).toBeUndefined();
  });
});

describe('opening a class you run, from its code and teacher key', () => {
  const key = 'Ab-_'.repeat(8);

  it('asks the server to check the code and key as typed (the code normalised, a pasted key’s spaces and line breaks dropped)', () => {
    const g = game();
    g.dispatch({ type: 'navigate', screen: 'class-run' });
    g.take();
    g.dispatch({ type: 'class-open-check', code: ' abcd-efgh ', teacherKey: ` ${key.slice(0, 16)}\n${key.slice(16)}\n` });
    expect(g.state().liveClass).toMatchObject({ opening: true, openError: null });
    expect(g.take()).toEqual([{ kind: 'class', request: { op: 'check-teacher', code: 'ABCDEFGH', teacherKey: key } }]);
    // Refused: said under the form, which is there to try again; nothing is kept.
    g.dispatch({ type: 'class-open-refused', text: 'That is not the teacher key of this class.' });
    expect(g.state().screen).toBe('class-run');
    expect(g.state().liveClass).toMatchObject({ opening: false, openError: 'That is not the teacher key of this class.', teacher: null });
  });

  it('says a missing code, a missing key or half a key on the form, asking the server nothing', () => {
    const g = game();
    g.dispatch({ type: 'navigate', screen: 'class-run' });
    g.take();
    const refused = (code: string, teacherKey: string) => {
      g.dispatch({ type: 'class-open-check', code, teacherKey });
      expect(g.take().filter((e) => e.kind === 'class')).toEqual([]);
      return g.state().liveClass.openError;
    };
    expect(refused('', key)).toMatch(/^Type the class code/);
    expect(refused('ABCDEFGH', '  ')).toMatch(/^Paste the teacher key: it is on the dashboard of the browser that made the class, under “Show the teacher key”\.$/);
    expect(refused('ABCDEFGH', key.slice(0, 10))).toBe('That is not a whole teacher key (a teacher key is 16 to 64 letters, digits, “-” or “_”): copy it again, all of it.');
  });

  it('opens the dashboard once the server has let the key in, keeps the key in this browser, and shows it only when asked', () => {
    const storage = new MemoryStorage();
    const g = game();
    const listen = classRequests(storage, (a) => g.dispatch(a));
    const before = g.state();
    g.dispatch({ type: 'class-open-teacher', code: 'ABCDEFGH', teacherKey: key });
    listen(g.state(), before, []);
    expect(g.state().screen).toBe('class-teacher');
    expect(JSON.parse(storage.getItem('bargaining-chips.class-teacher')!)).toEqual({ code: 'ABCDEFGH', teacherKey: key });
    expect(g.state().liveClass.keyShown).toBeUndefined();
    g.dispatch({ type: 'class-key-shown', shown: true });
    expect(g.state().liveClass.keyShown).toBe(true);
  });
});

describe('the teacher’s join panel', () => {
  const started = { table: 0, seats: [seat('us', 'Ana'), seat('china', 'Bo')], started: true, round: 1, moves: 0, turn: 'us', standing: null, tension: 0, outcome: null, paused: false, idle: false, lastMoveAt: null };
  it('is large until the first table starts, then folds into the class bar; one press shows it again, and the teacher’s choice holds', () => {
    const g = game();
    g.dispatch({ type: 'class-open-teacher', code: 'ABCDEFGH', teacherKey: 'k'.repeat(32) });
    expect(joinPanelShown(g.state().liveClass)).toBe(true);
    g.dispatch({ type: 'class-received', name: 'dashboard', payload: { info, tables: [], waiting: [seat('us', 'Ana')], injects: [], finished: 0 } });
    expect(joinPanelShown(g.state().liveClass)).toBe(true);
    g.dispatch({ type: 'class-received', name: 'dashboard', payload: { info, tables: [started], waiting: [], injects: [], finished: 0 } });
    expect(joinPanelShown(g.state().liveClass)).toBe(false);
    g.take();
    // A late student: one press shows the code large, at the top of the panel.
    g.dispatch({ type: 'class-join-panel', shown: true });
    expect(joinPanelShown(g.state().liveClass)).toBe(true);
    expect(g.take()).toContainEqual({ kind: 'scroll-top' });
    g.dispatch({ type: 'class-received', name: 'dashboard', payload: { info, tables: [started], waiting: [], injects: [], finished: 0 } });
    expect(joinPanelShown(g.state().liveClass)).toBe(true);
    g.dispatch({ type: 'class-join-panel', shown: false });
    expect(joinPanelShown(g.state().liveClass)).toBe(false);
    expect(g.take()).toEqual([]);
    // Hidden before any table, as the teacher chose.
    g.dispatch({ type: 'class-received', name: 'dashboard', payload: { info, tables: [], waiting: [], injects: [], finished: 0 } });
    expect(joinPanelShown(g.state().liveClass)).toBe(false);
  });
});

describe('the dashboard’s status of a finished table', () => {
  it('says how the talks ended in words, not the outcome’s bare kind', () => {
    expect(endedStatus('deal')).toBe('deal struck');
    expect(endedStatus('walkout')).toBe('ended in a walkout');
    expect(endedStatus('deadline')).toBe('no deal by the deadline');
    expect(endedStatus('something-new')).toBe('ended (something-new)');
  });
});

describe('a browser that will not keep the class seat', () => {
  it('a full storage: the student plays on, told to rejoin with the code and the same name after a reload', () => {
    const storage = new MemoryStorage();
    storage.failWrites.add('*');
    const g = game();
    const listen = classRequests(storage, (a) => g.dispatch(a));
    const seatIt = () => {
      g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
      const before = g.state();
      g.dispatch({ type: 'class-received', name: 'seat', payload: { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-1', partner: null } });
      // The listener throwing here broke the dispatch of the server's message (and every action queued behind it).
      expect(() => listen(g.state(), before, [])).not.toThrow();
    };
    seatIt();
    expect(classNotKeptText(g.state())).toBe('This browser would not keep your seat (storage is full). Play on: if this page reloads or closes, join again with the code ABCD EFGH and the name “Ana”, and you get your seat back.');
    g.dispatch({ type: 'class-received', name: 'table', payload: table([]) });
    expect(g.state().screen).toBe('table');
    expect(classNotKeptText(g.state())).not.toBeNull();
    // Another join starts with nothing said, until its seat fails to be kept too.
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    expect(classNotKeptText(g.state())).toBeNull();
  });

  it('a storage refused altogether (kept in memory only): said as soon as the seat or the teacher key would be kept', () => {
    const storage = new MemoryStorage();
    const g = game();
    const listen = classRequests(storage, (a) => g.dispatch(a), true);
    g.dispatch({ type: 'class-created', code: 'ABCDEFGH', teacherKey: 'key-123' });
    listen(g.state(), initialState(defaultSettings()), []);
    expect(classNotKeptText(g.state())).toMatch(/^This browser would not keep this class’s teacher key \(it lets this page keep nothing\)\. Write the key down now: .*the code ABCD EFGH and the key \(Run a class, then “Open a class you run”\)\. The key: key-123$/);
  });

  it('a storage that keeps the seat says nothing', () => {
    const storage = new MemoryStorage();
    const g = game();
    const listen = classRequests(storage, (a) => g.dispatch(a));
    g.dispatch({ type: 'class-join', code: 'ABCDEFGH', name: 'Ana' });
    const before = g.state();
    g.dispatch({ type: 'class-received', name: 'seat', payload: { info, seat: seat('us', 'Ana'), seatKey: 'seatkey-1', partner: null } });
    listen(g.state(), before, []);
    expect(JSON.parse(storage.getItem('bargaining-chips.class-seat')!)).toEqual({ code: 'ABCDEFGH', name: 'Ana', seatKey: 'seatkey-1' });
    expect(classNotKeptText(g.state())).toBeNull();
  });
});
