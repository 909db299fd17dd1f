import { describe, expect, it } from 'vitest';
import { replay } from '../../src/core/engine';
import { historicalSpec } from '../../src/core/history';
import { INDICATORS } from '../../src/core/indicators';
import type { Explanation } from '../../src/core/types';
import { moveSummary } from '../../src/session/move-summary';
import { loadOrThrow, scenarioPath } from '../helpers';

const busan = loadOrThrow(scenarioPath('busan-2025.yaml'));

describe('a move in plain words', () => {
  const spec = historicalSpec(busan);
  const run = replay(busan, spec.seed, spec.options, spec.moves);

  it('says what changed most and why, in at most two sentences, without the model’s draws', () => {
    for (const e of run.explanations) {
      const text = moveSummary(busan, e);
      expect(text.split(/(?<=\.)\s/).length).toBeLessThanOrEqual(2);
      expect(text).not.toMatch(/drawn|sd |mean /);
    }
  });

  it('sums the changes of an indicator and names the larger first', () => {
    const tension: Explanation = { kind: 'effect', round: 1, indicator: 'tension', delta: 1, from: 5, to: 6, cause: { kind: 'threat-made' } };
    const trade: Explanation = { kind: 'effect', round: 1, indicator: 'us.tradeGains', delta: -5, from: 0, to: -5, cause: { kind: 'walkout' } };
    const text = moveSummary(busan, [trade, tension, { ...tension, delta: 0.5 }]);
    // Tension moved 1.5 of 10 rungs; trade gains 5 of a much wider range.
    expect(text).toBe(`${INDICATORS.tension.label} rose by 1.5 rungs and ${INDICATORS['us.tradeGains'].label} fell by 5.0 $B/yr. Mostly because of a public threat.`);
  });

  it('counts only the round the talks ended in when a move ends them', () => {
    const deal: Explanation = { kind: 'effect', round: 3, indicator: 'tension', delta: -1, from: 6, to: 5, cause: { kind: 'deal' } };
    const later: Explanation = { kind: 'effect', round: 9, indicator: 'tension', delta: 4, from: 5, to: 9, cause: { kind: 'event', event: 'x' } };
    const outcome = { kind: 'outcome', round: 3, outcome: { kind: 'deal', round: 3 }, deadline: 6 } as unknown as Explanation;
    expect(moveSummary(busan, [deal, outcome, later])).toBe(`${INDICATORS.tension.label} fell by 1.0 rungs. Mostly because a deal was struck.`);
  });

  it('says so when nothing changed', () => {
    expect(moveSummary(busan, [])).toBe('Nothing the model tracks changed noticeably.');
  });
});
