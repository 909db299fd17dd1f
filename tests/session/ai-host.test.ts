import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import type { GameOptions, GameSpec, Scenario } from '../../src/core/types';

type Player = GameOptions['difficulty']['us'];
import { negotiators } from '../../src/session/ai';
import { AiHost, type AiPrepare, type AiReply, type AiRequest } from '../../src/session/ai-host';
import { AI_ELSEWHERE, Match } from '../../src/session/match';
import { busan, loadOrThrow, mini, scenarioPath } from '../helpers';

/**
 * The AI the browser runs in its Web Worker (src/view/shell/ai-worker.ts answers each message
 * with AiHost.handle) must decide exactly as the AI in the page: over a corpus of positions from
 * games the in-page AI played, every request, sent as the worker receives it (a structured
 * clone), is answered with the decision the in-page match made there.
 */

const phaseOne = () => loadOrThrow(scenarioPath('phase-one-2020.yaml'));

interface Position {
  scenario: Scenario;
  spec: GameSpec;
  decision: { move: unknown; say: string; analysis: string; posture: string };
}

function corpus(scenario: Scenario, seeds: string[], players: [Player, Player][]): Position[] {
  const positions: Position[] = [];
  for (const seed of seeds) {
    for (const [us, china] of players) {
      const options = defaultOptions(scenario, { difficulty: { us, china } });
      const match = Match.start(scenario, seed, options, negotiators);
      const notes = new Map(match.aiNotes.map((n) => [n.move, n]));
      match.moves.forEach((move, i) => {
        const note = notes.get(i)!;
        positions.push({
          scenario,
          spec: { ...match.spec, moves: match.moves.slice(0, i) },
          decision: { move, say: note.say, analysis: note.analysis, posture: note.posture },
        });
      });
    }
  }
  return positions;
}

/** The game shown ahead through the worker's door: cloned in, nothing out. */
function show(host: AiHost, message: AiPrepare): void {
  host.prepare(structuredClone(message));
}

/** One request through the worker's door: cloned in, answered, cloned out. */
function ask(host: AiHost, request: AiRequest): AiReply {
  return structuredClone(host.handle(structuredClone(request)));
}

describe('the AI in its worker (AiHost)', () => {
  const scenarios: [string, Scenario][] = [
    ['busan-2025', busan()],
    ['phase-one-2020', phaseOne()],
    ['mini', mini()],
  ];
  const players: [Player, Player][] = [
    ['hard', 'normal'],
    ['easy', 'hard'],
    ['random', 'hard'],
  ];

  for (const [name, scenario] of scenarios) {
    const positions = corpus(scenario, ['w1', 'w2', 'w3'], players);

    it(`decides as the in-page AI at each of ${positions.length} positions of ${name}, asked in game order`, () => {
      expect(positions.length).toBeGreaterThan(20);
      const host = new AiHost();
      let sent: Scenario | null = null;
      positions.forEach((p, id) => {
        const reply = ask(host, p.scenario === sent ? { id, spec: p.spec } : { id, scenario: p.scenario, spec: p.spec });
        sent = p.scenario;
        expect(reply).toEqual({ id, ok: true, decision: p.decision });
      });
    });

    it(`decides as the in-page AI at each position of ${name} when shown the game one move before it is asked`, () => {
      const host = new AiHost();
      show(host, { prepare: true, scenario, spec: { ...positions[0]!.spec, moves: [] } });
      positions.forEach((p, id) => {
        if (p.spec.moves.length > 0) show(host, { prepare: true, spec: { ...p.spec, moves: p.spec.moves.slice(0, -1) } });
        expect(ask(host, { id, spec: p.spec })).toEqual({ id, ok: true, decision: p.decision });
      });
    });

    it(`decides as the in-page AI at positions of ${name} asked out of order (a rewind, another game)`, () => {
      const host = new AiHost();
      const shuffled = positions.filter((_, i) => i % 3 === 0).reverse();
      shuffled.forEach((p, id) => {
        expect(ask(host, { id, scenario: p.scenario, spec: p.spec })).toEqual({ id, ok: true, decision: p.decision });
      });
    });
  }

  it('a match that waits for the AI elsewhere plays the same game as one that runs it in place', () => {
    const scenario = busan();
    for (const [us, china] of players) {
      const options = defaultOptions(scenario, { humans: [], difficulty: { us, china } });
      const reference = Match.start(scenario, 'same', options, negotiators);
      const host = new AiHost();
      const waiting = Match.start(scenario, 'same', options, AI_ELSEWHERE);
      for (let guard = 0; waiting.aiToMove() !== null && guard < 200; guard++) {
        const reply = ask(host, { id: guard, scenario, spec: waiting.spec });
        if (!reply.ok) throw new Error(reply.message);
        waiting.playAi(reply.decision);
      }
      expect(waiting.spec).toEqual(reference.spec);
      expect(waiting.aiNotes).toEqual(reference.aiNotes);
    }
  });

  it('shown a game it cannot follow, does nothing and still answers the next request', () => {
    const host = new AiHost();
    const scenario = busan();
    const options = defaultOptions(scenario, { humans: ['us'] });
    const spec: GameSpec = { scenario: { id: scenario.id, version: scenario.version }, seed: 's', options, moves: [] };
    expect(() => show(host, { prepare: true, spec })).not.toThrow();
    const illegal: GameSpec = { ...spec, moves: [{ type: 'accept', side: 'us' }] };
    expect(() => show(host, { prepare: true, scenario, spec: illegal })).not.toThrow();
    const reference = Match.start(scenario, 's', options, negotiators);
    const reply = ask(host, { id: 7, spec: { ...spec, moves: [{ type: 'hold', side: 'us' }] } });
    reference.play({ type: 'hold', side: 'us' });
    expect(reply).toEqual({ id: 7, ok: true, decision: { move: reference.moves[1], ...pick(reference.aiNotes[0]!) } });
  });

  it('answers a request it cannot serve with the reason, and a match turns that into a safe move', () => {
    const host = new AiHost();
    const scenario = busan();
    const options = defaultOptions(scenario, { humans: ['us'] });
    const spec: GameSpec = { scenario: { id: scenario.id, version: scenario.version }, seed: 's', options, moves: [] };
    expect(ask(host, { id: 1, spec })).toEqual({ id: 1, ok: false, message: 'no scenario was sent' });
    const match = Match.start(scenario, 's', defaultOptions(scenario, { humans: ['china'] }), AI_ELSEWHERE);
    expect(match.aiToMove()).toBe('us');
    const turn = match.playAi(new Error('the worker stopped'));
    expect(turn.move.type).toMatch(/^(hold|reject)$/);
    expect(match.aiProblems[0]).toContain('the worker stopped');
    expect(match.humanToMove()).toBe('china');
  });
});

function pick(note: { say: string; analysis: string; posture: string }) {
  return { say: note.say, analysis: note.analysis, posture: note.posture };
}
