import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import type { Explanation } from '../../src/core/types';
import { plainWords, withWordsOf } from '../../src/negotiators/decision-words';
import { withWords } from '../../src/session/explain-words';
import { playScriptedMatch } from '../../src/session/scripted';
import type * as Voice from '../../src/negotiators/game/voice';
import type * as Reasons from '../../src/negotiators/game/reasons';

/**
 * The AI's words, and the engine's explanations, are written when first read, long after the move
 * was played: a wording that throws then must not lose the turn or the move. It gives plain words.
 */

const failing = vi.hoisted(() => ({ say: false, analysis: false }));
vi.mock('../../src/negotiators/game/voice', async (importOriginal) => {
  const actual = await importOriginal<typeof Voice>();
  return {
    ...actual,
    sayFor: (...args: Parameters<typeof actual.sayFor>) => {
      if (failing.say) throw new Error('the voice broke');
      return actual.sayFor(...args);
    },
  };
});
vi.mock('../../src/negotiators/game/reasons', async (importOriginal) => {
  const actual = await importOriginal<typeof Reasons>();
  return {
    ...actual,
    analysisFor: (...args: Parameters<typeof actual.analysisFor>) => {
      if (failing.analysis) throw new Error('the analysis broke');
      return actual.analysisFor(...args);
    },
  };
});

afterEach(() => {
  failing.say = false;
  failing.analysis = false;
});

const BUSAN = loadShippedScenario('busan-2025');

function game() {
  const { match } = playScriptedMatch(BUSAN, 'words-fail', 'repeat-offer', 'china', 'hard');
  return match;
}

describe('a wording that throws when read', () => {
  it('gives the move plain words and keeps every move of the game', () => {
    const played = game();
    const moves = played.turns().map((t) => t.move);
    const said = played.turns().filter((t) => t.ai).map((t) => t.ai!.say);
    expect(said.length).toBeGreaterThan(1);

    failing.say = true;
    failing.analysis = true;
    const broken = game();
    // the moves were decided without reading any words: the same game
    expect(broken.turns().map((t) => t.move)).toEqual(moves);
    const turns = broken.turns();
    for (const t of turns.filter((x) => x.ai)) {
      expect(t.ai!.say).toBe(plainWords(t.move).say);
      expect(t.ai!.say).toMatch(/^[A-Z].*\.$/);
      expect(t.ai!.analysis).toContain('could not be put into words');
      expect(t.ai!.analysis).toContain('the analysis broke');
    }
    expect(broken.aiProblems).toEqual([]);
  });

  it('fails only the words that failed: the say may fail and the analysis stand', () => {
    failing.say = true;
    const turns = game().turns().filter((t) => t.ai);
    expect(turns.length).toBeGreaterThan(0);
    for (const t of turns) {
      expect(t.ai!.say).toBe(plainWords(t.move).say);
      expect(t.ai!.analysis).not.toContain('could not be put into words');
    }
  });

  it('a copy of a decision whose words throw reads plain words for its move', () => {
    const words = {
      get say(): string {
        throw new Error('no voice');
      },
      analysis: 'It accepts.',
    };
    const copy = withWordsOf(words, { move: 0 }, { posture: 'deal' }, { type: 'accept' });
    expect(copy.say).toBe('We accept your offer.');
    expect(copy.analysis).toBe('It accepts.');
    expect(JSON.parse(JSON.stringify(copy))).toEqual({ move: 0, say: 'We accept your offer.', analysis: 'It accepts.', posture: 'deal' });
  });

  it('an explanation that cannot be worded gets a plain sentence, and the others their own', () => {
    const bad = { kind: 'effect', round: 3, indicator: 'no-such-indicator', delta: 1, from: 0, to: 1, cause: { kind: 'deal' } } as unknown as Explanation;
    const good: Explanation = { kind: 'round', round: 3 };
    expect(withWords(BUSAN, [bad, good]).map((e) => e.text)).toEqual(['Round 3: a change the game could not put into words.', 'End of round 3.']);
  });
});
