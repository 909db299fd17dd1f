import { describe, expect, it } from 'vitest';
import { applyMove, checkOptions, roundsRange, defaultOptions, IllegalMoveError, InvalidOptionsError, ModelError, newGame, ratification, replay } from '../../src/core/engine';
import { clampIndicator } from '../../src/core/indicators';
import type { GameState, Move, Scenario } from '../../src/core/types';
import { explanationText } from '../../src/session/explain-words';
import { mini } from '../helpers';

const scenario: Scenario = mini();
const start = (seed = 's') => newGame(scenario, seed, defaultOptions(scenario));

function play(moves: Move[], seed = 's'): GameState {
  return replay(scenario, seed, defaultOptions(scenario), moves).final;
}

describe('newGame', () => {
  it('starts at round 1 with the status quo in force and the scenario starting values', () => {
    const s = start();
    expect(s.round).toBe(1);
    expect(s.turn).toBe('us');
    expect(s.positions).toEqual({ chips: 'strict', beans: 'none' });
    expect(s.indicators['us.domesticSupport']).toBe(50);
    expect(s.indicators.tension).toBe(4);
    expect(s.indicators['us.securityCost']).toBe(30);
    expect(s.trajectory).toEqual([{ round: 0, indicators: s.indicators }]);
  });

  it('refuses options that name unknown or wrong-side doctrines', () => {
    const bad = { ...defaultOptions(scenario), doctrines: { us: 'china-d', china: 'nope' } };
    expect(checkOptions(scenario, bad)).toEqual([
      'doctrines.us: "china-d" is a doctrine of china',
      'doctrines.china: unknown doctrine "nope"',
    ]);
    expect(() => newGame(scenario, 's', bad)).toThrow(InvalidOptionsError);
  });
});

describe('applyMove', () => {
  it('enacts an accepted package, lowers tension, and runs the model to the horizon', () => {
    const s = play([
      { type: 'propose', side: 'us', package: { beans: 'lots' } },
      { type: 'accept', side: 'china' },
    ]);
    expect(s.outcome).toEqual({ kind: 'deal', round: 1, by: 'china', package: { beans: 'lots' } });
    expect(s.phase).toBe('ended');
    expect(s.positions.beans).toBe('lots');
    expect(s.indicators['us.tradeGains']).toBe(10);
    expect(s.indicators['us.domesticSupport']).toBe(55);
    // -1 for the deal, +1 from the event scheduled in round 2
    expect(s.indicators.tension).toBe(4);
    // strict chip controls drift self-reliance +1 a round for rounds 1..6
    expect(s.indicators['china.selfReliance']).toBe(46);
    expect(s.round).toBe(6);
    expect(s.trajectory.map((h) => h.round)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('snaps a time-limited concession back when it expires, keeping its one-off effects', () => {
    const s = play([
      { type: 'propose', side: 'us', package: { chips: 'relaxed', beans: 'lots' } },
      { type: 'accept', side: 'china' },
    ]);
    expect(s.trajectory[1]!.indicators['us.securityCost']).toBe(35);
    expect(s.trajectory[1]!.indicators['us.domesticSupport']).toBe(35);
    // in force for rounds 1 and 2; at the start of round 3 the in-force levels are undone
    expect(s.trajectory[2]!.indicators['us.securityCost']).toBe(35);
    expect(s.trajectory[3]!.indicators['us.securityCost']).toBe(30);
    expect(s.positions.chips).toBe('strict');
    expect(s.indicators['us.controlCredibility']).toBe(60);
    expect(s.indicators['us.domesticSupport']).toBe(55);
    // strict again from round 3: four rounds of drift
    expect(s.indicators['china.selfReliance']).toBe(44);
  });

  it('explains each change with its cause, its draw and its source', () => {
    const s0 = start();
    const s1 = applyMove(scenario, s0, { type: 'propose', side: 'us', package: { chips: 'relaxed', beans: 'lots' } }).state;
    const { explanations } = applyMove(scenario, s1, { type: 'accept', side: 'china' });
    const credibility = explanations.find((e) => e.indicator === 'us.controlCredibility')!;
    expect(credibility).toMatchObject({
      kind: 'effect',
      delta: -10,
      from: 70,
      to: 60,
      issue: 'chips',
      position: 'relaxed',
      source: 'src-a',
      cause: { kind: 'enacted', issue: 'chips', position: 'relaxed', through: 'deal' },
    });
    // The core says why as data; the session's words module says it in a sentence.
    expect(explanationText(scenario, credibility)).toBe('Credibility of US export controls −10.0 pts: Relaxed controls (Chip controls) through the deal.');
    const s2 = applyMove(scenario, s0, { type: 'propose', side: 'us', package: { beans: 'some' } }).state;
    const beans = applyMove(scenario, s2, { type: 'accept', side: 'china' }).explanations.find((e) => e.indicator === 'us.tradeGains')!;
    expect(beans.draw).toMatchObject({ stream: 'compliance', distribution: { uniform: [4, 6] } });
    expect(explanationText(scenario, beans)).toMatch(/^US trade gains \+\d\.\d \$B\/yr: Some \(Soybeans\), while in force \(drawn .* from uniform 4 to 6, compliance stream\)\.$/);
    expect(beans.draw!.value).toBeGreaterThanOrEqual(4);
    expect(beans.draw!.value).toBeLessThanOrEqual(6);
    expect(beans.delta).toBe(beans.draw!.value);
  });

  it('refuses a deal the domestic side would not ratify, and talks go on', () => {
    const s0 = start();
    expect(ratification(scenario, s0, { chips: 'relaxed' }, 'us')).toEqual({ side: 'us', ratified: false, projected: 30, threshold: 35 });
    const s1 = applyMove(scenario, s0, { type: 'propose', side: 'us', package: { chips: 'relaxed' } }).state;
    const { state, explanations } = applyMove(scenario, s1, { type: 'accept', side: 'china' });
    expect(state.phase).toBe('negotiation');
    expect(state.positions.chips).toBe('strict');
    expect(state.standing).toBeNull();
    expect(state.round).toBe(2);
    const refused = explanations.find((e) => e.kind === 'ratification')!;
    expect(refused).toMatchObject({ side: 'us', projected: 30, threshold: 35 });
    expect(explanationText(scenario, refused)).toContain('fails at home in the United States');
    expect(state.indicators.tension).toBe(4.5);
  });

  it('charges the audience cost when a public threat lapses', () => {
    const s = play([
      { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' },
      { type: 'propose', side: 'china', package: { beans: 'some' } },
      { type: 'propose', side: 'us', package: { beans: 'lots' } },
      { type: 'reject', side: 'china' },
    ]);
    expect(s.threats).toEqual([{ side: 'us', issue: 'chips', position: 'ban', madeRound: 1, dueRound: 2, status: 'backed-down' }]);
    expect(s.indicators['us.domesticSupport']).toBe(44);
    expect(s.indicators.tension).toBe(5.5);
    expect(s.round).toBe(3);
  });

  it('carries out pending threats when the other side walks out', () => {
    const s = play([
      { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' },
      { type: 'walkout', side: 'china' },
    ]);
    expect(s.outcome).toEqual({ kind: 'walkout', round: 1, by: 'china' });
    expect(s.threats[0]!.status).toBe('carried-out');
    expect(s.positions.chips).toBe('ban');
    expect(s.imposed).toEqual({ chips: 'us' });
    expect(s.indicators['china.chipAccess']).toBe(20);
    // 4 + 0.5 threat + 1.5 walkout + 2 ban + 1 scheduled event
    expect(s.indicators.tension).toBe(9);
    // tension above 6 costs US support 1 a round, every round 1..6
    expect(s.indicators['us.domesticSupport']).toBe(44);
  });

  it('ends at the deadline with no deal', () => {
    const moves: Move[] = [];
    for (let r = 0; r < 3; r++) moves.push({ type: 'propose', side: 'us', package: { beans: 'lots' } }, { type: 'reject', side: 'china' });
    const s = play(moves);
    expect(s.outcome).toEqual({ kind: 'deadline', round: 3 });
    expect(s.round).toBe(6);
    expect(s.trajectory).toHaveLength(7);
  });

  it('ends at a deadline the options set instead of the scenario\'s, and the model still runs to the horizon', () => {
    const rounds = (n: number) => {
      const moves: Move[] = [];
      for (let r = 0; r < n; r++) moves.push({ type: 'propose', side: 'us', package: { beans: 'lots' } }, { type: 'reject', side: 'china' });
      return moves;
    };
    const options = (n: number) => ({ ...defaultOptions(scenario), rounds: n });
    const longer = replay(scenario, 's', options(5), rounds(5)).final;
    expect(longer.outcome).toEqual({ kind: 'deadline', round: 5 });
    expect(longer.round).toBe(6);
    const shorter = replay(scenario, 's', options(2), rounds(2)).final;
    expect(shorter.outcome).toEqual({ kind: 'deadline', round: 2 });
    expect(shorter.trajectory).toHaveLength(7);
    // Past the set deadline there is no turn to play.
    expect(() => replay(scenario, 's', options(2), rounds(3))).toThrow();
  });

  it('refuses a deadline outside the scenario\'s range (half to twice its rounds, within the horizon)', () => {
    expect(roundsRange(scenario)).toEqual({ min: 2, max: 6 });
    expect(checkOptions(scenario, { ...defaultOptions(scenario), rounds: 6 })).toEqual([]);
    expect(checkOptions(scenario, { ...defaultOptions(scenario), rounds: 7 })).toEqual(['rounds: mini can be played in 2 to 6 rounds, not 7']);
    expect(checkOptions(scenario, { ...defaultOptions(scenario), rounds: 1 })).toEqual(['rounds: mini can be played in 2 to 6 rounds, not 1']);
  });

  it('rejects illegal moves with a reason', () => {
    const s0 = start();
    const illegal = (move: Move) => () => applyMove(scenario, s0, move);
    expect(illegal({ type: 'accept', side: 'us' })).toThrow('there is no offer from China to accept');
    expect(illegal({ type: 'propose', side: 'china', package: { beans: 'lots' } })).toThrow('it is not the turn of China: United States moves now');
    expect(illegal({ type: 'propose', side: 'us', package: { chips: 'ban' } })).toThrow('is a unilateral measure');
    expect(illegal({ type: 'propose', side: 'us', package: { chips: 'strict' } })).toThrow('changes nothing');
    expect(illegal({ type: 'propose', side: 'us', package: { nope: 'x' } })).toThrow('unknown issue "nope"');
    expect(illegal({ type: 'impose', side: 'us', issue: 'beans', position: 'lots' })).toThrow('is a lever of China');
    expect(illegal({ type: 'impose', side: 'us', issue: 'chips', position: 'relaxed' })).toThrow('not a unilateral measure');
    expect(illegal({ type: 'fly', side: 'us' } as unknown as Move)).toThrow(IllegalMoveError);
  });

  it('never changes the state it is given', () => {
    const s0 = start();
    const before = JSON.stringify(s0);
    const s1 = applyMove(scenario, s0, { type: 'propose', side: 'us', package: { chips: 'relaxed', beans: 'some' } }).state;
    applyMove(scenario, s1, { type: 'accept', side: 'china' });
    expect(JSON.stringify(s0)).toBe(before);
  });

  it('keeps one stream\'s draws apart from another\'s', () => {
    // The compliance draw for "some" is the first on its stream whatever the other streams did before.
    const direct = play([
      { type: 'propose', side: 'us', package: { beans: 'some' } },
      { type: 'accept', side: 'china' },
    ], 'x');
    const afterOtherDraws = play([
      { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' },
      { type: 'propose', side: 'china', package: { beans: 'some' } },
      { type: 'accept', side: 'us' },
    ], 'x');
    expect(afterOtherDraws.contributions.beans).toEqual(direct.contributions.beans);
  });
});

describe('what no input can do to the state', () => {
  it('keeps records keyed by ids free of inherited members, even for a scenario built without the schema', () => {
    // The schema refuses such ids; this scenario skips it, to show the state does not depend on that.
    const odd: Scenario = {
      ...scenario,
      issues: scenario.issues.map((i) => (i.id === 'beans' ? { ...i, id: 'constructor' } : i)),
      profiles: scenario.profiles.map((p) => ({ ...p, redLines: [] })),
    };
    const s0 = newGame(odd, 's', defaultOptions(odd));
    for (const record of [s0.positions, s0.enactedRound, s0.contributions, s0.imposed]) expect(Object.getPrototypeOf(record)).toBeNull();
    expect(s0.positions.constructor).toBe('none');
    const s1 = applyMove(odd, s0, { type: 'propose', side: 'us', package: { constructor: 'lots' } }).state;
    const s2 = applyMove(odd, s1, { type: 'accept', side: 'china' }).state;
    expect(s2.outcome).toMatchObject({ kind: 'deal', package: { constructor: 'lots' } });
    expect(s2.contributions.constructor).toEqual({ 'us.tradeGains': 10, 'us.domesticSupport': 5 });
    expect(Object.getPrototypeOf(s2.positions)).toBeNull();
    // Still plain JSON.
    expect(JSON.parse(JSON.stringify(s2.positions))).toEqual({ chips: 'strict', constructor: 'lots' });
  });

  it('never lets a number that is not finite into the state: the clamp refuses it by name', () => {
    expect(() => clampIndicator('tension', Number.NaN)).toThrow(ModelError);
    expect(() => clampIndicator('tension', Number.POSITIVE_INFINITY)).toThrow('the model computed Infinity for tension');
    // A scenario built without the schema, with an effect the schema would refuse.
    const broken: Scenario = {
      ...scenario,
      events: [{ id: 'nan', title: 'NaN', text: 'x', round: 1, effects: [{ indicator: 'tension', delta: Number.NaN }] }],
    };
    const s0 = newGame(broken, 's', defaultOptions(broken));
    const s1 = applyMove(broken, s0, { type: 'hold', side: 'us' }).state;
    expect(() => applyMove(broken, s1, { type: 'hold', side: 'china' })).toThrow(ModelError);
  });
});
