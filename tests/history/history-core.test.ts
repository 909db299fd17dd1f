import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultOptions, replay } from '../../src/core/engine';
import { compareWithHistory, GameReading, inBand, outcomeSpread, quantile, readMetric, readOutcome, seedRange } from '../../src/core/fidelity';
import {
  branchSpec,
  civilFromDays,
  compareDecisions,
  dateSpan,
  dayNumber,
  daysFromCivil,
  decisionBranch,
  followsHistory,
  historicalMoves,
  historicalOptions,
  historicalSpec,
  replayedSteps,
  replayHistory,
  roundOfDate,
  roundStartDate,
  sameMove,
} from '../../src/core/history';
import { historyTimeline } from '../../src/session/history-timeline';
import { quantityParts, quantityValue, quantityValues } from '../../src/core/quantities';
import { decodeResult, encodeResult } from '../../src/core/result-code';
import type { HistoryMetric, Scenario } from '../../src/core/types';
import { formatProblem, loadScenario } from '../../src/scenario/loader';

const fixture = fileURLToPath(new URL('./fixtures/mini-history.yaml', import.meta.url));
const text = readFileSync(fixture, 'utf8');
const load = (t: string) => loadScenario('mini-history.yaml', t);
const scenario: Scenario = (() => {
  const r = load(text);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.scenario;
})();
const metric = (id: string): HistoryMetric => scenario.history!.outcome.find((m) => m.id === id)!;

describe('quantities', () => {
  it('add what each position in force contributes to the base', () => {
    expect(quantityValue(scenario, { tariff: 'high', pledge: 'none' }, 'tariff')).toBe(20);
    expect(quantityValue(scenario, { tariff: 'cut', pledge: 'year1' }, 'tariff')).toBe(12.5);
    expect(quantityValues(scenario, { tariff: 'hike', pledge: 'none' })).toEqual({ tariff: 35 });
    expect(quantityParts(scenario, { tariff: 'cut', pledge: 'none' }, 'tariff')).toEqual([{ issue: 'tariff', position: 'cut', amount: -7.5 }]);
    expect(() => quantityValue(scenario, { tariff: 'cut' }, 'nope')).toThrow('declares no quantity "nope"');
  });
});

describe('the calendar', () => {
  it('counts days without Date, across leap years', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
    expect(daysFromCivil(2100, 3, 1) - daysFromCivil(2100, 2, 28)).toBe(1);
    for (const d of [-1000, 0, 11016, 20000, 20454, 30000]) expect(daysFromCivil(...(civilFromDays(d).split('-').map(Number) as [number, number, number]))).toBe(d);
    expect(civilFromDays(daysFromCivil(2025, 12, 31) + 1)).toBe('2026-01-01');
  });

  it('reads month-only dates as the whole month', () => {
    expect(dateSpan('2024-02')).toEqual([dayNumber('2024-02-01'), dayNumber('2024-02-29')]);
    expect(dateSpan('2025-12')).toEqual([dayNumber('2025-12-01'), dayNumber('2025-12-31')]);
    expect(dateSpan('2025-10-30')).toEqual([dayNumber('2025-10-30'), dayNumber('2025-10-30')]);
  });

  it('counts rounds in months as well as days', () => {
    const monthly: Scenario = { ...scenario, history: { ...scenario.history!, calendar: { start: '2019-12-01', roundMonths: 1 } } };
    expect(roundStartDate(monthly, 1)).toBe('2019-12-01');
    expect(roundStartDate(monthly, 2)).toBe('2020-01-01');
    expect(roundStartDate(monthly, 26)).toBe('2022-01-01');
    expect(roundOfDate(monthly, '2020-02-14')).toBe(3);
    expect(roundOfDate(monthly, '2019-11-30')).toBe(0);
    const halfYearly: Scenario = { ...scenario, history: { ...scenario.history!, calendar: { start: '2022-10-01', roundMonths: 6 } } };
    expect(roundStartDate(halfYearly, 3)).toBe('2023-10-01');
    expect(roundOfDate(halfYearly, '2024-12-03')).toBe(5);
  });

  it('dates the model rounds and places dates in rounds', () => {
    expect(roundStartDate(scenario, 1)).toBe('2030-01-07');
    expect(roundStartDate(scenario, 3)).toBe('2030-01-21');
    expect(roundOfDate(scenario, '2030-01-13')).toBe(1);
    expect(roundOfDate(scenario, '2030-01-14')).toBe(2);
    expect(roundOfDate(scenario, '2030-01-01')).toBe(0);
  });
});

describe('replaying and branching history', () => {
  it('replays the path under the reference seed, step by step', () => {
    const steps = replayedSteps(scenario);
    expect(steps.map((s) => s.round)).toEqual([1, 1, 2, 2]);
    expect(steps[3]!.after.outcome).toMatchObject({ kind: 'deal', round: 2 });
    expect(steps[0]!.after).toEqual(steps[1]!.before);
    expect(replayHistory(scenario).final).toEqual(steps[3]!.after);
    expect(historicalOptions(scenario).branchStep).toBe(4);
  });

  it("branches with history's moves, recorded in the result code", () => {
    const options = defaultOptions(scenario, { humans: ['us'] });
    const spec = branchSpec(scenario, 2, '9', options, [{ type: 'propose', side: 'us', package: { tariff: 'cut' } }]);
    expect(spec.options.branchStep).toBe(2);
    expect(spec.moves.slice(0, 2)).toEqual(historicalMoves(scenario).slice(0, 2));
    expect(followsHistory(scenario, spec)).toBe(true);
    const decoded = decodeResult(encodeResult(spec, scenario), () => scenario);
    expect(decoded.options.branchStep).toBe(2);
    expect(followsHistory(scenario, decoded)).toBe(true);
    // The state at the take-over is history's under the same seed.
    const branch = replay(scenario, '9', spec.options, spec.moves.slice(0, 2)).final;
    const history = replayHistory(scenario, '9').states[2]!;
    expect(branch.indicators).toEqual(history.indicators);
    expect(branch.positions).toEqual(history.positions);
    expect(() => branchSpec(scenario, 4, '9', options)).toThrow('not at 4');
  });

  it('does not call a game a branch of history when its first moves differ', () => {
    const options = { ...defaultOptions(scenario), branchStep: 1 };
    const spec = { scenario: { id: scenario.id, version: 1 }, seed: '1', options, moves: [{ type: 'hold' as const, side: 'us' as const }] };
    expect(followsHistory(scenario, spec)).toBe(false);
    expect(followsHistory(scenario, { ...spec, options: defaultOptions(scenario) })).toBe(false);
  });

  it("starts a branch from a decision point's alternative", () => {
    const spec = decisionBranch(scenario, 'threat', 1, '5', defaultOptions(scenario));
    expect(spec.moves).toEqual([{ type: 'propose', side: 'us', package: { tariff: 'cut' } }]);
    expect(spec.options.branchStep).toBe(0);
    expect(() => decisionBranch(scenario, 'nope', 0, '5', defaultOptions(scenario))).toThrow('no decision point "nope"');
    expect(() => decisionBranch(scenario, 'threat', 5, '5', defaultOptions(scenario))).toThrow('no alternative 5');
  });

  it('compares moves regardless of package order', () => {
    expect(sameMove(scenario, { type: 'propose', side: 'us', package: { pledge: 'year1', tariff: 'cut' } }, { type: 'propose', side: 'us', package: { tariff: 'cut', pledge: 'year1' } })).toBe(true);
    expect(sameMove(scenario, { type: 'hold', side: 'us' }, { type: 'hold', side: 'china' })).toBe(false);
  });

  it('says how a game handled each decision point', () => {
    const options = defaultOptions(scenario, { humans: ['us'] });
    // Took over at step 2 and offered a cut alone (the listed alternative), which China accepted.
    const branched = branchSpec(scenario, 2, '1', options, [{ type: 'propose', side: 'us', package: { tariff: 'cut' } }, { type: 'accept', side: 'china' }]);
    expect(compareDecisions(scenario, branched).map((d) => [d.id, d.status, d.byPlayer, d.alternative])).toEqual([
      ['threat', 'history', false, undefined],
      ['offer', 'different', true, 0],
    ]);
    // Played from the start: history's threat, then history's offer.
    const same = { scenario: { id: scenario.id, version: 1 }, seed: '1', options, moves: historicalMoves(scenario) };
    expect(compareDecisions(scenario, same).map((d) => d.status)).toEqual(['same', 'same']);
    // Walked out at once: the second decision was never reached.
    const out = { ...same, moves: [{ type: 'walkout' as const, side: 'us' as const }] };
    expect(compareDecisions(scenario, out).map((d) => d.status)).toEqual(['different', 'not-reached']);
  });
});

describe('the timeline', () => {
  it('lists the steps, then what the model did because of them, with real dates where history has them', () => {
    const timeline = historyTimeline(scenario, '3');
    expect(timeline.filter((e) => e.kind === 'step').map((e) => [e.step, e.round, e.date])).toEqual([
      [0, 1, '2030-01-07'],
      [1, 1, '2030-01'],
      [2, 2, '2030-01-15'],
      [3, 2, '2030-01-16'],
    ]);
    const lifted = timeline.find((e) => e.kind === 'event')!;
    expect(lifted).toMatchObject({ event: 'lifted', date: '2030-02-01', text: 'The order was lifted.', source: 'src-b' });
    expect(lifted.calendarDate).toBeUndefined();
    const expiries = timeline.filter((e) => e.kind === 'expiry');
    expect(expiries.map((e) => [e.round, e.date, e.calendarDate])).toEqual([
      [4, '2030-01-28', true],
      [6, '2030-02-11', true],
    ]);
    expect(timeline.find((e) => e.kind === 'outcome')).toMatchObject({ round: 2, date: '2030-01-16' });
    // In the order the model plays them: the outcome comes right after the accepting step.
    const kinds = timeline.map((e) => e.kind);
    expect(kinds.indexOf('outcome')).toBe(4);
  });
});

describe('reading metrics off a game', () => {
  const spec = historicalSpec(scenario, '3');
  const reading = new GameReading(scenario, spec);
  const draws = reading.replay.explanations.flat().filter((e) => e.draw?.stream === 'compliance');

  it('reads quantities at the end of the talks and after a number of moves', () => {
    expect(readMetric(reading, metric('tariff-after'))).toEqual({ value: 12.5 });
    expect(readMetric(reading, metric('tariff-before'))).toEqual({ value: 20 });
  });

  it('cuts the horizon to read the aftermath exactly as the full game played it', () => {
    const atTalksEnd = reading.stateAt('talks-end');
    expect(atTalksEnd.round).toBe(2);
    expect(atTalksEnd.positions).toEqual({ tariff: 'cut', pledge: 'year1' });
    expect(reading.stateAt({ round: 4 }).positions.pledge).toBe('year2');
    expect(reading.stateAt({ round: 6 }).positions.pledge).toBe('none');
    expect(reading.stateAt({ round: 5 }).trajectory).toEqual(reading.final.trajectory.slice(0, 6));
    expect(reading.stateAt({ afterMoves: 4 })).toEqual(atTalksEnd);
    expect(reading.stateAt({ afterMoves: 2 }).round).toBe(2);
  });

  it('reads the positions the talks left in force, before anything later in that round', () => {
    // An event that undoes the tariff cut in the very round of the deal.
    const relapse: Scenario = {
      ...scenario,
      events: [...scenario.events, { id: 'relapse', title: 'Relapse', text: 'The cut is undone.', when: [{ phase: 'aftermath' }], sets: { tariff: 'high' } }],
    };
    const r = new GameReading(relapse, spec);
    expect(r.stateAt('talks-end').positions.tariff).toBe('high');
    expect(r.positionsAt('talks-end')).toEqual({ tariff: 'cut', pledge: 'year1' });
    expect(r.positionsAt({ afterMoves: 4 })).toEqual({ tariff: 'cut', pledge: 'year1' });
    expect(readMetric(r, metric('tariff-after'))).toEqual({ value: 12.5 });
  });

  it('reads the share of a pledge kept from every compliance draw', () => {
    expect(draws.map((d) => [d.round, d.position])).toEqual([
      [2, 'year1'],
      [4, 'year2'],
    ]);
    const expected = (100 * (draws[0]!.draw!.value + draws[1]!.draw!.value)) / 30;
    expect(readMetric(reading, metric('kept')).value).toBeCloseTo(expected, 9);
  });

  it('reads the round an event fired, and indicators at a round or averaged', () => {
    const fired = reading.replay.explanations.flat().find((e) => e.kind === 'event')!;
    expect(readMetric(reading, metric('lifted-after'))).toEqual({ value: fired.round - 2 });
    expect(readMetric(reading, metric('china-gains'))).toEqual({ value: 10 });
    const h = reading.final.trajectory;
    const mean = (h[1]!.indicators.tension + h[2]!.indicators.tension) / 2 - h[0]!.indicators.tension;
    expect(readMetric(reading, metric('tension-mean')).value).toBeCloseTo(mean, 9);
  });

  it('reports a metric that does not apply to a game as null, with the reason', () => {
    // China walks out after the US threat, so the threat is carried out and the tariff rises.
    const walkout = { ...spec, moves: [spec.moves[0]!, { type: 'walkout' as const, side: 'china' as const }] };
    const results = readOutcome(scenario, walkout);
    expect(results.find((r) => r.metric === 'kept')).toMatchObject({ got: null, ok: false, why: 'the pledge never came into force in this game' });
    expect(results.find((r) => r.metric === 'tariff-after')).toMatchObject({ got: 35, ok: false });
    const unfinished = { ...spec, moves: spec.moves.slice(0, 1) };
    expect(readOutcome(scenario, unfinished).find((r) => r.metric === 'tariff-after')).toMatchObject({ got: null, why: expect.stringContaining('has not ended') });
  });

  it('checks bands inclusively', () => {
    expect(inBand(12, [12, 13])).toBe(true);
    expect(inBand(13.0000000001, [12, 13])).toBe(true);
    expect(inBand(13.01, [12, 13])).toBe(false);
    expect(inBand(null, [12, 13])).toBe(false);
  });
});

describe('percentiles over seeds', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1, 12);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, Infinity], 0.9)).toBe(Infinity);
    expect(() => quantile([], 0.5)).toThrow();
  });

  it('spreads each metric over the seeds and says whether history lies in [p10, p90]', () => {
    const spread = outcomeSpread(scenario, seedRange(1, 200));
    const by = Object.fromEntries(spread.map((s) => [s.metric, s]));
    expect(by['tariff-after']).toMatchObject({ p10: 12.5, p50: 12.5, p90: 12.5, within: true, deterministic: true, missing: 0 });
    // Two uniform draws over [0, 10] and [0, 20]: the share kept is centred on 50%.
    expect(by.kept!.deterministic).toBe(false);
    expect(by.kept!.p10!).toBeGreaterThan(20);
    expect(by.kept!.p10!).toBeLessThan(45);
    expect(by.kept!.p90!).toBeGreaterThan(55);
    expect(by.kept!.within).toBe(true);
    // The event fires with chance 1/2 a round from round 2 on, so it is usually soon.
    expect(by['lifted-after']!.p10).toBe(0);
    expect(by['lifted-after']!.within).toBe(true);
  });

  it("knows when history lies outside the model's range", () => {
    const biased: Scenario = { ...scenario, history: { ...scenario.history!, outcome: [{ ...metric('tariff-after'), expected: 15, band: [14, 16] }] } };
    expect(outcomeSpread(biased, seedRange(1, 20))[0]).toMatchObject({ within: false, p10: 12.5 });
    expect(readOutcome(biased)[0]).toMatchObject({ ok: false, got: 12.5 });
  });
});

describe('comparing a game with history', () => {
  it("replays history under the game's seed and reads the same metrics off both", () => {
    const options = defaultOptions(scenario, { humans: ['us'] });
    const spec = branchSpec(scenario, 2, '11', options, [{ type: 'propose', side: 'us', package: { tariff: 'cut' } }, { type: 'accept', side: 'china' }]);
    const c = compareWithHistory(scenario, spec);
    expect(c.seed).toBe('11');
    expect(c.branched).toBe(true);
    expect(c.history.final).toEqual(replayHistory(scenario, '11').final);
    expect(c.game.metrics.find((m) => m.metric === 'kept')!.got).toBeNull();
    expect(c.history.metrics.find((m) => m.metric === 'kept')!.got).not.toBeNull();
    expect(c.game.final.trajectory).toHaveLength(scenario.horizon + 1);
    expect(c.decisions.map((d) => d.status)).toEqual(['history', 'different']);
  });
});

describe('checking a history section', () => {
  const problems = (from: string, to: string) => {
    expect(text).toContain(from);
    const r = load(text.replace(from, to));
    if (r.ok) throw new Error('expected the file to be refused');
    return r.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it('accepts the fixture', () => {
    expect(load(text).ok).toBe(true);
  });

  it('reports an illegal historical move with its place in the file', () => {
    const r = load(text.replace('{ move: { type: hold, side: china }, date: 2030-01,', '{ move: { type: accept, side: china }, date: 2030-01,'));
    if (r.ok) throw new Error('expected the file to be refused');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ path: 'history.path[1].move', message: 'historical move 2 is not legal here: there is no offer from United States to accept' });
    expect(r.problems[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('{ type: hold, side: china }, date: 2030-01,')) + 1);
  });

  it('wants the path to end the talks', () => {
    expect(problems("    - { move: { type: accept, side: china }, date: 2030-01-16, account: China accepts., source: src-b }\n", '')).toEqual([
      'history.path: the path must end the talks (a deal, a walkout or the deadline) so that the outcome can be read off the model',
    ]);
  });

  it('names unknown references: sources, quantities, events, issues, positions', () => {
    expect(problems('account: China accepts., source: src-b', 'account: China accepts., source: src-z')).toEqual(['history.path[3].source: unknown source "src-z": add it to the sources list or fix the id']);
    expect(problems('quantity: tariff, at: talks-end', 'quantity: tarif, at: talks-end')).toEqual(['history.outcome[0].quantity: unknown quantity "tarif"']);
    expect(problems('quantities: { tariff: 15 }', 'quantities: { tarif: 15 }')).toEqual(['issues[0].positions[2].quantities.tarif: unknown quantity "tarif": declare it under "quantities"']);
    expect(problems('kind: eventRound, event: lifted', 'kind: eventRound, event: lift')).toEqual(['history.outcome[3].event: unknown event "lift"']);
    expect(problems("{ event: lifted, date: 2030-02-01", "{ event: lift, date: 2030-02-01")).toEqual(['history.events[0].event: unknown event "lift"']);
    expect(problems('package: { tariff: cut, pledge: year1 } }, date', 'package: { tariff: cut, pledge: year9 } }, date')[0]).toBe(
      'history.path[2].move.package.pledge: issue "pledge" has no position "year9" (it has: none, year1, year2)',
    );
    expect(problems('descriptionSources: [src-a]', 'descriptionSources: [src-q]')).toEqual(['descriptionSources[0]: unknown source "src-q": add it to the sources list or fix the id']);
  });

  it('wants compliance metrics to name a draw on the compliance stream', () => {
    expect(problems('{ issue: pledge, position: year1, indicator: us.tradeGains }', '{ issue: pledge, position: year1, indicator: us.securityCost }')).toEqual([
      'history.outcome[2].draws[0].indicator: "year1" on "pledge" has no effect on us.securityCost drawn on the compliance stream',
    ]);
  });

  it('wants the band to contain the expected value', () => {
    expect(problems('expected: 12.5, band: [12, 13]', 'expected: 12.5, band: [13, 14]')).toEqual(['history.outcome[0].band: the band [13, 14] must contain the expected value 12.5']);
  });

  it('wants the path to run forward in time and to fit the calendar', () => {
    expect(problems('date: 2030-01-15, account: A deal is offered.', 'date: 2029-12-15, account: A deal is offered.')).toEqual([
      'history.path[2].date: the path must run forward in time: 2029-12-15 comes before the step above it',
      'history.path[2].date: 2029-12-15 comes before the calendar starts (2030-01-07)',
      'history.path[2].date: 2029-12-15 is more than a round away from round 2 of the calendar (which starts 2030-01-07, 7 days a round)',
    ]);
    // A first step the day before the calendar opens (ZTE's denial order was once dated so) is
    // within a round of round 1, so only this check catches it; a month-dated step that
    // overlaps the start is fine.
    expect(problems('date: 2030-01-07, account: The US threatens', 'date: 2030-01-06, account: The US threatens')).toEqual([
      'history.path[0].date: 2030-01-06 comes before the calendar starts (2030-01-07)',
    ]);
    expect(problems('date: 2030-01-16, account: China accepts.', 'date: 2030-03-16, account: China accepts.')).toEqual([
      'history.path[3].date: 2030-03-16 is more than a round away from round 2 of the calendar (which starts 2030-01-07, 7 days a round)',
    ]);
  });

  it('wants decision points inside the path, with legal alternatives that differ from history', () => {
    expect(problems('      step: 2\n', '      step: 4\n')).toEqual(['history.decisionPoints[1].step: step 4 is past the end of the path (4 moves, numbered from 0)']);
    expect(problems('{ label: A cut alone, move: { type: propose, side: us, package: { tariff: cut } } }', '{ label: A cut alone, move: { type: accept, side: us } }')).toEqual([
      'history.decisionPoints[1].alternatives[0].move: this alternative is not legal at step 2: there is no offer from China to accept',
    ]);
    expect(problems('{ label: Impose at once, move: { type: impose, side: us, issue: tariff, position: hike } }', '{ label: Impose at once, move: { type: threaten, side: us, issue: tariff, position: hike } }')).toEqual([
      'history.decisionPoints[0].alternatives[0].move: this alternative is the move history made',
    ]);
  });

  it('wants a what-if to say what is real and what is supposed', () => {
    expect(problems('  kind: historical\n', '  kind: what-if\n')).toEqual(['history.whatIf: a what-if needs "whatIf": say what is real and what is supposed']);
  });

  it('wants the length of a round given one way', () => {
    expect(problems('calendar: { start: 2030-01-07, roundDays: 7 }', 'calendar: { start: 2030-01-07, roundDays: 7, roundMonths: 1 }')).toEqual([
      'history.calendar: give the length of a round as either "roundDays" or "roundMonths"',
    ]);
  });

  it('checks shapes: dates, lessons, metric kinds and moves', () => {
    expect(problems('date: 2030-01-15, account', 'date: 15 Jan 2030, account')).toEqual(['history.path[2].date: expected a date as YYYY-MM-DD, or YYYY-MM when only the month is known']);
    expect(problems('lessons: [commitments] }', 'lessons: [patience] }')[0]).toMatch(/^history\.questions\[0\]\.lessons\[0\]: expected one of the lessons/);
    expect(problems('kind: eventRound, event: lifted', 'kind: eventCount, event: lifted')[0]).toMatch(/^history\.outcome\[3\]/);
    expect(problems('{ move: { type: hold, side: china }', '{ move: { type: nap, side: china }')[0]).toMatch(/^history\.path\[1\]\.move/);
  });
});
