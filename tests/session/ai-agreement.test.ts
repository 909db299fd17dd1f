import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { historyOf, replayHistory } from '../../src/core/history';
import { checkMove } from '../../src/core/rules';
import { aiAgreement, aiChoiceAt } from '../../src/session/ai-agreement';

describe('aiAgreement: what the AI would have done at each real step', () => {
  it('compares every real step, counts what it reports, and proposes only legal moves', () => {
    const scenario = loadShippedScenario('huawei-osaka-2019');
    const a = aiAgreement(scenario);
    const path = historyOf(scenario).path;
    expect(a.total).toBe(path.length);
    expect(a.steps.map((s) => s.step)).toEqual(path.map((_, i) => i));
    expect(a.matched).toBe(a.steps.filter((s) => s.matched).length);
    expect(a.sameType).toBe(a.steps.filter((s) => s.sameType).length);
    const states = replayHistory(scenario).states;
    for (const s of a.steps) {
      expect(checkMove(scenario, states[s.step]!, s.ai).ok, JSON.stringify(s.ai)).toBe(true);
      expect(s.ai.side).toBe(path[s.step]!.move.side);
      if (s.matched) expect(s.sameType).toBe(true);
      expect(s.reason.length).toBeGreaterThan(0);
      expect(s.aiText.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic, and leaves out the supposed steps of a what-if', () => {
    const zte = loadShippedScenario('zte-2018');
    expect(JSON.stringify(aiAgreement(zte))).toBe(JSON.stringify(aiAgreement(zte)));
    const meng = loadShippedScenario('meng-glasgow-2021');
    expect(aiChoiceAt(meng, 0)).toBeNull();
    expect(aiAgreement(meng)).toMatchObject({ total: 0, matched: 0 });
    expect(() => aiChoiceAt(zte, 99)).toThrow('historical steps');
  });
});
