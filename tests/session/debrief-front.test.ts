import { describe, expect, it } from 'vitest';
import { applyMove, defaultOptions, newGame, replay } from '../../src/core/engine';
import { historicalSpec } from '../../src/core/history';
import { bargainingZone, rateReplay } from '../../src/core/rating';
import { doctrineOf } from '../../src/core/scenario-lookup';
import type { GameSpec, Move, Scenario, Side } from '../../src/core/types';
import { decideMove } from '../../src/negotiators/index';
import { discussionQuestion, KEY_MOVE_POINTS, movesThatMattered } from '../../src/session/debrief-front';
import { loadOrThrow, scenarioPath } from '../helpers';

const load = (id: string) => loadOrThrow(scenarioPath(`${id}.yaml`));

function aiGame(s: Scenario, seed: string): GameSpec {
  const options = defaultOptions(s);
  let state = newGame(s, seed, options);
  const moves: Move[] = [];
  while (state.phase === 'negotiation') {
    const move = decideMove(s, { scenario: { id: s.id, version: s.version }, seed, options, moves }, state.turn).move;
    state = applyMove(s, state, move).state;
    moves.push(move);
  }
  return { scenario: { id: s.id, version: s.version }, seed, options, moves };
}

describe('the moves that mattered most', () => {
  const busan = load('busan-2025');
  const spec = historicalSpec(busan);
  const run = replay(busan, spec.seed, spec.options, spec.moves);
  const rating = rateReplay(busan, run, spec.moves);

  it('gives at most three moves, in the order played, each moving the walk-away value by what it says', () => {
    for (const side of ['us', 'china'] as Side[]) {
      const key = movesThatMattered(busan, spec, run, rating, side);
      expect(key.length).toBeGreaterThan(0);
      expect(key.length).toBeLessThanOrEqual(3);
      expect(key.map((k) => k.index)).toEqual([...key.map((k) => k.index)].sort((a, b) => a - b));
      const doctrines = {
        us: doctrineOf(busan, spec.options.doctrines.us),
        china: doctrineOf(busan, spec.options.doctrines.china),
      };
      for (const k of key) {
        expect(Math.abs(k.points)).toBeGreaterThanOrEqual(KEY_MOVE_POINTS);
        if (k.index === spec.moves.length - 1) {
          expect(k.points).toBeCloseTo(rating.sides[side].expected - rating.sides[side].noDeal, 9);
        } else {
          const before = bargainingZone(busan, run.states[k.index]!, doctrines).noDeal[side];
          const after = bargainingZone(busan, run.states[k.index + 1]!, doctrines).noDeal[side];
          expect(k.points).toBeCloseTo(after - before, 9);
        }
        expect(k.text.length).toBeGreaterThan(10);
        expect(k.why).toMatch(/points/);
      }
    }
  });

  it('keeps the largest: no move left out moved the value more than one chosen', () => {
    const all = movesThatMattered(busan, spec, run, rating, 'us', { count: 100 });
    const top = movesThatMattered(busan, spec, run, rating, 'us');
    const least = Math.min(...top.map((k) => Math.abs(k.points)));
    for (const k of all) if (!top.some((t) => t.index === k.index)) expect(Math.abs(k.points)).toBeLessThanOrEqual(least);
  });

  it('leaves out moves before a take-over', () => {
    const key = movesThatMattered(busan, spec, run, rating, 'us', { firstMove: spec.moves.length - 1 });
    expect(key.every((k) => k.index === spec.moves.length - 1)).toBe(true);
  });

  it('works for a game between two AIs', () => {
    const s = load('geneva-london-2025');
    const g = aiGame(s, 'front-1');
    const r = replay(s, g.seed, g.options, g.moves);
    const key = movesThatMattered(s, g, r, rateReplay(s, r, g.moves), 'china');
    expect(key.length).toBeLessThanOrEqual(3);
  });
});

describe('the question to discuss', () => {
  const busan = load('busan-2025');
  const spec = historicalSpec(busan);
  const rating = rateReplay(busan, replay(busan, spec.seed, spec.options, spec.moves), spec.moves);

  it('is the episode question that shares a lesson the game illustrated', () => {
    const q = discussionQuestion(busan, ['commitments'], rating, 'us');
    expect(q).toBe(busan.history!.questions.find((x) => x.lessons.includes('commitments'))!.text);
  });

  it('falls back to the first question, then to one about the outcome', () => {
    expect(discussionQuestion(busan, [], rating, 'us')).toBe(busan.questions?.[0] ?? busan.history!.questions[0]!.text);
    const bare = { ...busan, history: undefined, questions: undefined } as Scenario;
    expect(discussionQuestion(bare, [], rating, 'us')).toMatch(/China/);
  });
});
