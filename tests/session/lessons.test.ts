import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { applyMove, defaultOptions, newGame } from '../../src/core/engine';
import { historicalSpec } from '../../src/core/history';
import { randomMove } from '../../src/negotiators/game/random-player';
import type { GameSpec, Move } from '../../src/core/types';
import { lessonsIllustrated } from '../../src/session/lessons';

const ids = (spec: GameSpec, id: string) =>
  lessonsIllustrated(loadShippedScenario(id), spec).map((l) => l.lesson.id);

describe('lessonsIllustrated: which lessons a game showed, with its evidence', () => {
  it('reads the ZTE episode as controls traded, issues linked and a pledge partly kept', () => {
    const zte = loadShippedScenario('zte-2018');
    const lessons = lessonsIllustrated(zte, historicalSpec(zte));
    expect(lessons.map((l) => l.lesson.id)).toEqual(['controls-not-chips', 'linkage', 'commitments']);
    expect(lessons[0]!.evidence[0]).toMatch(/traded a security control: ZTE denial order/);
    for (const l of lessons) expect(l.evidence.length).toBeGreaterThan(0);
  });

  it('finds the audience cost of a lapsed threat (two-level) and levers pulled (chokepoints) in TikTok', () => {
    const tiktok = loadShippedScenario('tiktok-2020');
    expect(ids(historicalSpec(tiktok), 'tiktok-2020')).toEqual(
      expect.arrayContaining(['two-level', 'chokepoints']),
    );
  });

  it('illustrates nothing in a game where nobody did anything', () => {
    const s = loadShippedScenario('zte-2018');
    const options = defaultOptions(s);
    const moves: Move[] = [];
    let state = newGame(s, '4', options);
    while (state.phase === 'negotiation') {
      const m: Move = { type: 'hold', side: state.turn };
      moves.push(m);
      state = applyMove(s, state, m).state;
    }
    const spec = { scenario: { id: s.id, version: s.version }, seed: '4', options, moves };
    expect(lessonsIllustrated(s, spec).filter((l) => l.lesson.id !== 'chokepoints')).toEqual([]);
  });

  it('gives evidence for every lesson it names, in any random game', () => {
    for (const id of ['busan-2025', 'sandbox', 'phase-one-2020']) {
      const s = loadShippedScenario(id);
      const options = defaultOptions(s);
      let state = newGame(s, '9', options);
      const moves: Move[] = [];
      while (state.phase === 'negotiation') {
        const m = randomMove(s, state, state.turn);
        moves.push(m);
        state = applyMove(s, state, m).state;
      }
      for (const l of lessonsIllustrated(s, {
        scenario: { id: s.id, version: s.version },
        seed: '9',
        options,
        moves,
      })) {
        expect(l.evidence.length).toBeGreaterThan(0);
        for (const e of l.evidence) expect(e).toMatch(/\S/);
      }
    }
  });
});
