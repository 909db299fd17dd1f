import { readFileSync } from 'node:fs';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { applyMove } from '../../../src/core/engine';
import { checkMove } from '../../../src/core/rules';
import type { GameState, Move, Scenario, Side } from '../../../src/core/types';
import { SIDES } from '../../../src/core/types';
import { negotiators, randomMove } from '../../../src/session/ai';
import { newLiveClass, receive, seatMatch, type LiveClass } from '../../../src/session/class-client';
import { ClassModel, type Changes, type ClassRecord } from '../../../src/session/class/model';
import type { ClassConfig } from '../../../src/session/class/protocol';
import { assessDraft } from '../../../src/session/draft';
import { projectPackage } from '../../../src/core/projection';
import { decisionRng } from '../../../src/core/rng';
import { loadScenario } from '../../../src/session/scenario-loader';
import { scenarioPath } from '../../helpers';

/**
 * What a student's screen shows matches what the server computes, byte for byte (issue 12): the
 * server's class model plays a corpus of games; each student's screen takes the server's messages
 * through the wire encoding (msgpack, as Colyseus sends them) and the browser's own reducer
 * (class-client's `receive`, `seatMatch`). At every position the state the screen derives, the
 * preview of a draft it would show (projection, worth, ratification) and the state it predicts
 * after a move serialise to the same bytes as the server's.
 */

const packr = new Packr();
const wire = <T>(value: T): T => packr.unpack(packr.pack(value)) as T;
const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

/** Each end loads the scenario file itself, as the server and the browser do. */
function load(id: string): Scenario {
  const loaded = loadScenario(`${id}.yaml`, readFileSync(scenarioPath(`${id}.yaml`), 'utf8'));
  if (!loaded.ok) throw new Error(`${id} does not load`);
  return loaded.scenario;
}

function counterBytes(): (n: number) => Uint8Array {
  let k = 3;
  return (n) => Uint8Array.from({ length: n }, () => (k = (k * 73 + 41) % 256));
}

interface Screen {
  seat: string;
  side: Side;
  table: number;
  live: LiveClass;
}

/** Deliver the server's messages for `changes` to the screens, through the wire encoding. */
function deliver(model: ClassModel, screens: Screen[], changes: Changes, scenario: Scenario): void {
  const restate = new Set<number>([...changes.seats.map((s) => s.table), ...changes.moves.filter((m) => m.index === 0).map((m) => m.table)]);
  for (const s of screens) {
    if (restate.has(s.table)) {
      const view = model.tableView(s.table);
      if (view) s.live = receive(s.live, 'table', wire(view), scenario).live;
    }
    for (const m of changes.moves) if (m.table === s.table) s.live = receive(s.live, 'moved', wire({ table: m.table, index: m.index, move: m.move, by: m.by }), scenario).live;
  }
}

/** A draft the screen might be showing: some of the chips of a random proposal, or the standing offer. */
function draftsAt(scenario: Scenario, state: GameState, side: Side, pick: () => number): Record<string, string>[] {
  const drafts: Record<string, string>[] = [];
  const move = randomMove(scenario, state, side);
  if (move.type === 'propose') drafts.push(move.package);
  if (state.standing) drafts.push(state.standing.package);
  const issue = scenario.issues[Math.floor(pick() * scenario.issues.length)]!;
  const position = issue.positions[Math.floor(pick() * issue.positions.length)]!;
  drafts.push({ [issue.id]: position.id });
  return drafts;
}

/** Random play ends most games at once (a walkout, an early accept): mostly not, so the corpus has long games too. */
function longer(scenario: Scenario, state: GameState, move: Move, pick: () => number): Move {
  if ((move.type !== 'walkout' && move.type !== 'accept') || pick() < 0.15) return move;
  const side = move.side;
  const other = randomMove(scenario, state, side);
  if (other.type !== 'walkout' && other.type !== 'accept') return other;
  const hold: Move = { type: 'hold', side };
  const reject: Move = { type: 'reject', side };
  return applyMoveOk(scenario, state, hold) ? hold : applyMoveOk(scenario, state, reject) ? reject : move;
}

const applyMoveOk = (scenario: Scenario, state: GameState, move: Move) => checkMove(scenario, state, move).ok;

function playCorpus(scenarioId: string, seed: string, tables: number): number {
  const serverScenario = load(scenarioId);
  const clientScenario = load(scenarioId);
  const doctrines = { us: serverScenario.doctrines.find((d) => d.side === 'us')!.id, china: serverScenario.doctrines.find((d) => d.side === 'china')!.id };
  const config: ClassConfig = { scenario: scenarioId, seed, seedPolicy: 'table', pairing: { kind: 'pvp' }, doctrines };
  const record: ClassRecord = { code: 'PARITY22', teacherKey: 'k'.repeat(32), config, scenarioText: '', createdAt: 0 };
  const model = ClassModel.create(record, serverScenario, negotiators, counterBytes());
  const screens: Screen[] = [];
  for (let i = 0; i < tables * 2; i++) {
    const seated = model.seatStudent(`student ${i}`, undefined, 0);
    if (!seated.ok) throw new Error(seated.message);
    let live = newLiveClass('student', record.code, `student ${i}`);
    const seat = seated.seat;
    live = receive(live, 'seat', wire({ info: model.info(), seat: model.seatView(seat), seatKey: seat.seatKey!, partner: null }), clientScenario).live;
    screens.push({ seat: seat.seat, side: seat.side, table: seat.table, live });
    deliver(model, screens, seated.changes, clientScenario);
  }
  const pick = decisionRng(seed, 'parity-test', 0);
  const events = serverScenario.events.map((e) => e.id);
  let positions = 0;
  for (let step = 0; step < 400; step++) {
    const running = screens.filter((s) => { const st = model.finalState(s.table); return st && st.phase === 'negotiation' && st.turn === s.side; });
    if (running.length === 0) break;
    const screen = running[Math.floor(pick() * running.length)]!;
    const server = model.finalState(screen.table)!;
    const seen = seatMatch(clientScenario, screen.live.table!, screen.side);
    if (!seen.ok) throw new Error(seen.message);
    const client = seen.match.state;
    // The position the screen shows.
    expect(bytes(client).equals(bytes(server))).toBe(true);
    // The previews it would show for drafts.
    for (const draft of draftsAt(clientScenario, client, screen.side, pick)) {
      expect(bytes(assessDraft(clientScenario, client, screen.side, draft)).equals(bytes(assessDraft(serverScenario, server, screen.side, draft)))).toBe(true);
      expect(bytes(projectPackage(clientScenario, client, draft)).equals(bytes(projectPackage(serverScenario, server, draft)))).toBe(true);
    }
    // Now and then the teacher makes one of the scenario's events happen at this table.
    if (events.length > 0 && pick() < 0.08) {
      const event = events[Math.floor(pick() * events.length)]!;
      const done = model.teacherAction({ action: 'inject', table: screen.table, inject: { kind: 'event', event } }, step);
      if (done.ok) deliver(model, screens, done.changes, clientScenario);
      continue;
    }
    // The move: the screen predicts its result with the core; the server plays it.
    const move = longer(clientScenario, client, randomMove(clientScenario, client, screen.side), pick);
    const predicted = applyMove(clientScenario, client, move).state;
    const played = model.playMove(screen.seat, screen.live.table!.moves.length, wire(move), step);
    if (!played.ok) throw new Error(played.reason);
    expect(bytes(predicted).equals(bytes(model.finalState(screen.table)))).toBe(true);
    deliver(model, screens, played.changes, clientScenario);
    positions++;
  }
  // Both seats of every table end where the server's game ended.
  for (const s of screens) {
    const seen = seatMatch(clientScenario, s.live.table!, s.side);
    expect(seen.ok && bytes(seen.match.state).equals(bytes(model.finalState(s.table)))).toBe(true);
    expect(SIDES).toContain(s.side);
  }
  return positions;
}

describe('a student screen’s previews and the server', () => {
  it.each([
    ['busan-2025', 'corpus-a', 4],
    ['sandbox', 'corpus-b', 3],
    ['phase-one-2020', 'corpus-c', 5],
  ])('agree byte for byte at every position of %s games (seed %s)', (scenario, seed, tables) => {
    expect(playCorpus(scenario, seed, tables)).toBeGreaterThan(20);
  });
});
