import { describe, expect, it } from 'vitest';
import { applyMove, defaultOptions, newGame, replay } from '../../src/core/engine';
import { issuePathSum, packageWorth, positionWorth, projectPackage } from '../../src/core/projection';
import { score } from '../../src/core/scoring';
import type { Doctrine } from '../../src/core/types';
import { busan, mini } from '../helpers';

const scenario = mini();
const start = () => newGame(scenario, 's', defaultOptions(scenario));
const trade: Doctrine = { id: 't', side: 'us', label: 'T', summary: 'S', weights: { 'us.tradeGains': 1 } };

describe('projection', () => {
  it('sums an issue\'s expected deviation over the rounds to the horizon, following snap-backs', () => {
    // relaxed in round 1: +5 security for rounds 1-2, then strict again
    const sum = issuePathSum(scenario, start(), 'chips', 'relaxed');
    expect(sum['us.securityCost']).toBe(10);
    expect(sum['us.controlCredibility']).toBe(-60);
    // strict's drift resumes in round 3: 1+2+3+4 over rounds 3..6
    expect(sum['china.selfReliance']).toBe(10);
    // keeping strict: drift 1..6 summed
    expect(issuePathSum(scenario, start(), 'chips', 'strict')['china.selfReliance']).toBe(21);
  });

  it('values a position as the change in the doctrine\'s time-averaged score', () => {
    // lots: +10 trade for 6 rounds of a 6-round horizon: mean +10, 10/500 of the range, weight 1 of 1
    expect(positionWorth(scenario, start(), trade, 'beans', 'lots')).toBe(2);
    expect(positionWorth(scenario, start(), trade, 'beans', 'none')).toBe(0);
    expect(packageWorth(scenario, start(), trade, { beans: 'lots', chips: 'strict' })).toBe(2);
  });

  it('agrees with the engine when nothing is random', () => {
    const s0 = start();
    const s1 = applyMove(scenario, s0, { type: 'propose', side: 'us', package: { beans: 'lots' } }).state;
    const predicted = positionWorth(scenario, s1, trade, 'beans', 'lots');
    const withDeal = applyMove(scenario, s1, { type: 'accept', side: 'china' }).state;
    const without = replay(scenario, 's', defaultOptions(scenario), [
      { type: 'propose', side: 'us', package: { beans: 'lots' } },
      { type: 'walkout', side: 'china' },
    ]).final;
    expect(score(withDeal, trade).total - score(without, trade).total).toBeCloseTo(predicted, 9);
  });

  it('projects a package\'s immediate effect with a 10-90% band inside what the draws allow', () => {
    const rows = projectPackage(scenario, start(), { beans: 'some', chips: 'relaxed' });
    const tradeRow = rows.find((r) => r.indicator === 'us.tradeGains')!;
    expect(tradeRow.mean).toBe(5);
    expect(tradeRow.low).toBeGreaterThanOrEqual(4);
    expect(tradeRow.high).toBeLessThanOrEqual(6);
    expect(tradeRow.low).toBeLessThan(5);
    const security = rows.find((r) => r.indicator === 'us.securityCost')!;
    expect(security).toMatchObject({ mean: 5, low: 5, high: 5 });
    expect(security.average).toBeCloseTo(10 / 6, 12);
  });

  it('knows that not extending a truce means the tariffs come back', () => {
    const b = busan();
    const s = newGame(b, '1', defaultOptions(b));
    const kept = issuePathSum(b, s, 'tariffTruce', 'truce-to-nov10');
    expect(kept['us.tradeGains']).toBeLessThan(0);
    const dealmaker = b.doctrines.find((d) => d.id === 'dealmaker')!;
    expect(positionWorth(b, s, dealmaker, 'tariffTruce', 'extended-1yr')).toBeGreaterThan(0);
  });
});
