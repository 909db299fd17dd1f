import { describe, expect, it } from 'vitest';
import { defaultOptions, newGame, replay } from '../../src/core/engine';
import { decodeResult } from '../../src/core/result-code';
import { score, scoreAll } from '../../src/core/scoring';
import type { GameSpec, Move, Scenario } from '../../src/core/types';
import { ledgerOf } from '../../src/negotiators/index';
import { findCounterfactual, playWithout } from '../../src/session/counterfactual';
import { buildDebrief } from '../../src/session/debrief';
import { assessDraft, chipsFor, escalationMoves, pruneDraft, toggleChip } from '../../src/session/draft';
import { debriefJson, trajectoriesCsv } from '../../src/session/export';
import { describeMove, packageItems } from '../../src/session/text';
import { busan, mini } from '../helpers';

const scenario: Scenario = mini();
const spec = (moves: Move[], seed = 's'): GameSpec => ({ scenario: { id: 'mini', version: 3 }, seed, options: defaultOptions(scenario, { humans: ['us'] }), moves });

describe('draft packages', () => {
  it('groups the chips a side can put on the table by category, its own as offers and the other side’s as asks', () => {
    const state = newGame(scenario, 's', defaultOptions(scenario));
    const { offers, asks } = chipsFor(scenario, state, 'us');
    expect(offers).toEqual([{ category: 'security-control', chips: [expect.objectContaining({ id: 'chips=relaxed', role: 'offer', holder: 'us' })] }]);
    expect(asks[0]!.chips.map((c) => c.id)).toEqual(['beans=some', 'beans=lots']);
  });

  it('keeps one position per issue and takes a chip out when toggled again', () => {
    let pkg = toggleChip({}, 'beans', 'some');
    pkg = toggleChip(pkg, 'beans', 'lots');
    expect(pkg).toEqual({ beans: 'lots' });
    expect(toggleChip(pkg, 'beans', 'lots')).toEqual({});
    const state = newGame(scenario, 's', defaultOptions(scenario));
    expect(pruneDraft(scenario, state, { beans: 'none', chips: 'ban', nope: 'x', ...pkg })).toEqual({ beans: 'lots' });
  });

  it('projects a draft from the core model and says when it cannot be proposed', () => {
    const state = newGame(scenario, 's', defaultOptions(scenario, { humans: ['us'] }));
    const empty = assessDraft(scenario, state, 'us', {});
    expect(empty.problem).toMatch(/at least one chip/);
    const a = assessDraft(scenario, state, 'us', { chips: 'relaxed' });
    expect(a.problem).toBeNull();
    expect(a.projections.find((p) => p.indicator === 'us.securityCost')?.mean).toBe(5);
    // Relaxed controls cost 20 points of US support: 50 − 20 = 30 is under the US threshold of 35.
    expect(a.ratification.us).toEqual({ ratified: false, projected: 30, threshold: 35 });
    expect(a.worth).toBeLessThan(0);
    expect(escalationMoves(scenario, state, 'us').map((m) => m.type)).toEqual(['impose', 'threaten']);
  });

  it('describes moves from the player’s point of view', () => {
    const state = newGame(scenario, 's', defaultOptions(scenario));
    expect(describeMove(scenario, { type: 'propose', side: 'us', package: { beans: 'lots' } }, state, 'us')).toBe('You propose: Soybeans: Lots.');
    expect(describeMove(scenario, { type: 'walkout', side: 'china' }, state, 'us')).toBe('China walks out of the talks.');
    expect(packageItems(scenario, state, { beans: 'lots' })[0]).toMatchObject({ issueLabel: 'Soybeans', positionLabel: 'Lots', currentLabel: 'None' });
  });
});

describe('counterfactual', () => {
  it('replays the game with one chip kept off the table, keeping the log legal', () => {
    const moves: Move[] = [
      { type: 'propose', side: 'us', package: { beans: 'lots' } },
      { type: 'accept', side: 'china' },
    ];
    const alt = playWithout(scenario, spec(moves), 'beans');
    // Without the beans the package is empty: the US makes no offer, China has nothing to accept.
    expect(alt.moves.slice(0, 2)).toEqual([
      { type: 'hold', side: 'us' },
      { type: 'hold', side: 'china' },
    ]);
    expect(alt.adjustments).toHaveLength(2);
    expect(alt.final.outcome?.kind).toBe('deadline');
    expect(alt.final).toEqual(replay(scenario, 's', spec(moves).options, alt.moves).final);
  });

  it('picks the chip whose absence moves the player’s score the most', () => {
    const moves: Move[] = [
      { type: 'propose', side: 'us', package: { beans: 'lots', chips: 'relaxed' } },
      { type: 'accept', side: 'china' },
    ];
    const cf = findCounterfactual(scenario, spec(moves), 'us')!;
    const doctrine = scenario.doctrines.find((d) => d.id === 'us-d')!;
    const options = spec(moves).options;
    const actual = score(replay(scenario, 's', options, moves).final, doctrine).total;
    const scores = ['beans', 'chips'].map((issue) => score(playWithout(scenario, spec(moves), issue).final, doctrine).total);
    const best = Math.abs(scores[0]! - actual) >= Math.abs(scores[1]! - actual) ? 'beans' : 'chips';
    expect(cf.issue).toBe(best);
    expect(cf.actual).toBe(actual);
    expect(cf.without).toBe(scores[best === 'beans' ? 0 : 1]);
  });

  it('has nothing to say when no chip was ever played', () => {
    expect(findCounterfactual(scenario, spec([{ type: 'walkout', side: 'us' }]), 'us')).toBeNull();
  });
});

describe('debrief and exports', () => {
  const b = busan();
  const bSpec: GameSpec = {
    scenario: { id: b.id, version: b.version },
    seed: '7',
    options: defaultOptions(b, { humans: ['us'] }),
    moves: [
      { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr', soybeanPurchases: '25mmt', rareEarthControls: 'general-licences-1yr', affiliatesRule: 'suspended-1yr' } },
      { type: 'accept', side: 'china' },
    ],
  };

  it('derives every figure from the core replay of the move log', () => {
    const d = buildDebrief(b, bSpec, ledgerOf);
    const final = replay(b, bSpec.seed, bSpec.options, bSpec.moves).final;
    expect(d.final).toEqual(final);
    expect(d.outcome.kind).toBe('deal');
    expect(d.deal.map((i) => i.issue)).toEqual(['affiliatesRule', 'tariffTruce', 'rareEarthControls', 'soybeanPurchases']);
    expect(d.scores[0]!.chosen).toBe(true);
    expect(d.scores[0]!.doctrine.id).toBe(bSpec.options.doctrines.us);
    expect(d.scores.map((s) => s.score.total).sort()).toEqual(scoreAll(b, final, 'us').map((s) => s.total).sort());
    expect(d.trajectories.find((t) => t.indicator.id === 'tension')!.values).toEqual(final.trajectory.map((h) => h.indicators.tension));
    expect(decodeResult(d.resultCode, (id) => (id === b.id ? b : undefined))).toEqual(bSpec);
    expect(d.redLines.map((r) => r.issue)).toEqual(['rareEarthControls']);
    expect(d.counterfactual?.issue).toBeDefined();
  });

  it('exports JSON and CSV with the same numbers', () => {
    const d = buildDebrief(b, bSpec, ledgerOf);
    const json = JSON.parse(debriefJson(d));
    expect(json.resultCode).toBe(d.resultCode);
    expect(json.scores.us[bSpec.options.doctrines.us]).toBe(d.scores[0]!.score.total);
    const csv = trajectoriesCsv(d).trim().split('\n');
    expect(csv).toHaveLength(d.final.trajectory.length + 1);
    expect(csv[0]).toMatch(/^round,phase,us\.tradeGains \(\$B\/yr\),/);
    const last = csv.at(-1)!.split(',');
    expect(Number(last[0])).toBe(b.horizon);
    expect(last[1]).toBe('aftermath');
    expect(Number(last[2])).toBe(d.final.indicators['us.tradeGains']);
  });

  it('refuses to debrief a game that has not ended', () => {
    expect(() => buildDebrief(b, { ...bSpec, moves: [] }, ledgerOf)).toThrow(/not ended/);
  });
});
