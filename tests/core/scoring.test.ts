import { describe, expect, it } from 'vitest';
import { defaultOptions, newGame } from '../../src/core/engine';
import { describeWeights, meanChanges, score, scoreAll, scoreChanges, scoreTotal } from '../../src/core/scoring';
import { loadAllShippedScenarios } from '../../src/cli/scenario-files';
import seedrandom from 'seedrandom';
import { INDICATOR_IDS } from '../../src/core/types';
import type { Doctrine, GameState } from '../../src/core/types';
import { mini } from '../helpers';

const doctrine: Doctrine = { id: 'd', side: 'us', label: 'D', summary: 'S', weights: { 'us.tradeGains': 1, 'us.securityCost': -1 } };

function withHistory(rows: { trade: number; security: number }[]): GameState {
  const scenario = mini();
  const s = newGame(scenario, 's', defaultOptions(scenario));
  const start = s.indicators;
  s.trajectory = rows.map((r, i) => ({ round: i, indicators: { ...start, 'us.tradeGains': r.trade, 'us.securityCost': r.security } }));
  return s;
}

describe('scoring', () => {
  it('weights each indicator\'s mean change as a share of its range', () => {
    // trade range 500, security range 100; |weights| sum to 2
    const changes = { 'us.tradeGains': 50, 'us.securityCost': 10 };
    const s = scoreChanges(changes, doctrine);
    expect(s.parts.map((p) => p.points)).toEqual([5, -5]);
    expect(s.total).toBe(0);
  });

  it('totals without the parts to the very number scoreChanges gives, for every shipped doctrine', () => {
    const rng = seedrandom.alea('score-total');
    let compared = 0;
    for (const scenario of loadAllShippedScenarios())
      for (const d of scenario.doctrines)
        for (let k = 0; k < 50; k++) {
          const changes = Object.fromEntries(
            INDICATOR_IDS.filter(() => rng() < 0.7).map((id) => [id, (rng() - 0.5) * 10 ** Math.floor(rng() * 4)]),
          );
          expect(scoreTotal(changes, d)).toBe(scoreChanges(changes, d).total);
          compared++;
        }
    expect(compared).toBeGreaterThan(500);
  });

  it('averages over the rounds recorded, not just the final one', () => {
    const s = withHistory([
      { trade: 0, security: 30 },
      { trade: 100, security: 30 },
      { trade: 0, security: 30 },
    ]);
    expect(meanChanges(s)['us.tradeGains']).toBe(50);
    expect(score(s, doctrine).total).toBe(5);
  });

  it('uses the current values before any round has ended', () => {
    const s = withHistory([{ trade: 0, security: 30 }]);
    s.indicators['us.securityCost'] = 50;
    expect(score(s, doctrine).total).toBe(-10);
  });

  it('scores every doctrine of a side, and describes weights strongest first', () => {
    const scenario = mini();
    const s = newGame(scenario, 's', defaultOptions(scenario));
    expect(scoreAll(scenario, s, 'us').map((x) => x.doctrine)).toEqual(['us-d']);
    expect(describeWeights({ ...doctrine, weights: { 'us.tradeGains': 0.2, 'us.securityCost': -1, tension: 0 } })).toBe('security cost (−), us trade (+)');
  });
});
