import { describe, expect, it } from 'vitest';
import { AGENTS } from '../../src/negotiators/agents';
import type { GameRecord } from '../../src/negotiators/bench';
import { advantage, advantageTable, agentStats, estimate, headToHead, roundRobin } from '../../src/negotiators/bench';
import { generateInstance } from '../../src/negotiators/instances';
import { INSTANCE } from './fixtures';

describe('benchmark statistics', () => {
  it('measures advantage as the share of the possible gain over no deal', () => {
    expect(advantage(0.1, 0.1, 1)).toBe(0);
    expect(advantage(1, 0.1, 1)).toBe(1);
    expect(advantage(0.55, 0.1, 1)).toBeCloseTo(0.5, 12);
    expect(advantage(0.5, 0.6, 0.6)).toBe(0);
  });

  it('gives a mean with a 95% interval', () => {
    const e = estimate([0, 1, 0, 1]);
    expect(e.mean).toBe(0.5);
    expect(e.half).toBeCloseTo(1.959963984540054 * Math.sqrt(1 / 3 / 4), 12);
    expect(estimate([0.3]).half).toBe(0);
  });

  const record = (first: string, second: string, advantages: [number, number], agreement = true): GameRecord => ({
    instance: 'i',
    first,
    second,
    agreement,
    outcome: agreement ? [0] : null,
    utilities: [0.5, 0.5],
    turn: 3,
    advantages,
    paretoDistance: 0.1,
    nashDistance: 0.2,
  });

  it('counts every seat, self-play twice, and the head-to-head differences', () => {
    const games = [record('a', 'b', [0.8, 0.2]), record('b', 'a', [0.4, 0.6]), record('a', 'a', [0.5, 0.3]), record('b', 'b', [0, 0], false)];
    const stats = agentStats(games, ['a', 'b'], () => 0.4);
    expect(stats[0]!.seats).toBe(4);
    expect(stats[0]!.advantage.mean).toBeCloseTo((0.8 + 0.6 + 0.5 + 0.3) / 4, 12);
    expect(stats[1]!.agreementRate).toBe(0.5);
    expect(stats[0]!.selfPlay).toEqual({ games: 1, agreementRate: 1, paretoDistance: 0.1, nashDistance: 0.2, advantage: 0.4 });
    expect(stats[0]!.irViolations).toBe(0);
    expect(agentStats(games, ['a'], () => 0.6)[0]!.irViolations).toBe(4);
    const h = headToHead(games, ['a', 'b']);
    expect(h[0]![1]).toBeCloseTo((0.6 + 0.2) / 2, 12);
    expect(h[1]![0]).toBeCloseTo(-(0.6 + 0.2) / 2, 12);
    expect(advantageTable(games, ['a', 'b'])[0]![1]).toBeCloseTo(0.7, 12);
  });

  it('plays every ordered pair, self-play included, and the same games each time', () => {
    const instances = [INSTANCE, generateInstance(1)];
    const games = roundRobin(instances, AGENTS, ['boulware', 'hard']);
    expect(games.map((g) => `${g.instance}:${g.first}-${g.second}`)).toEqual([
      'hand:boulware-boulware',
      'hand:boulware-hard',
      'hand:hard-boulware',
      'hand:hard-hard',
      '1:boulware-boulware',
      '1:boulware-hard',
      '1:hard-boulware',
      '1:hard-hard',
    ]);
    expect(roundRobin(instances, AGENTS, ['boulware', 'hard'])).toEqual(games);
  });
});
