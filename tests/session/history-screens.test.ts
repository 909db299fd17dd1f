import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultOptions, replay } from '../../src/core/engine';
import { compareWithHistory } from '../../src/core/fidelity';
import { decisionBranch, historicalSpec, replayHistory } from '../../src/core/history';
import { historyTimeline } from '../../src/session/history-timeline';
import { INDICATORS } from '../../src/core/indicators';
import type { Indicators, Scenario } from '../../src/core/types';
import { historyDebrief, historySeriesLabel, historySoFar } from '../../src/session/history-debrief';
import { canTakeOver, chartedIndicators, clampPosition, historyEpisodes, historyReplay, positionTitle, teachingNotes } from '../../src/session/history-replay';
import { formatDate, sourceDate } from '../../src/session/text';
import { loadScenario, formatProblem } from '../../src/scenario/loader';
import { readFileSync } from 'node:fs';
import { loadOrThrow, scenarioPath } from '../helpers';

const all: Scenario[] = readdirSync(fileURLToPath(new URL('../../scenarios', import.meta.url)))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => loadOrThrow(scenarioPath(f)));
const byId = (id: string) => all.find((s) => s.id === id)!;
const zte = byId('zte-2018');
const mini: Scenario = loadOrThrow(fileURLToPath(new URL('../history/fixtures/mini-history.yaml', import.meta.url)));

describe('the episodes on the history screen', () => {
  it('lists every scenario with a history, in the order the episodes happened, what-ifs labelled', () => {
    const episodes = historyEpisodes(all);
    expect(episodes.map((e) => e.id)).toEqual([
      'zte-2018',
      'huawei-osaka-2019',
      'phase-one-2020',
      'tiktok-2020',
      'meng-glasgow-2021',
      'chips-minerals-2022',
      'geneva-london-2025',
      'busan-2025',
      'beijing-2026',
    ]);
    expect(episodes.filter((e) => e.whatIf).map((e) => e.id)).toEqual(['meng-glasgow-2021']);
    for (const e of episodes) {
      expect(Number(e.start.slice(0, 4))).toBeGreaterThanOrEqual(2018);
      expect(Number(e.end.slice(0, 4))).toBeLessThanOrEqual(2026);
      expect(e.stepDates).toHaveLength(e.steps);
    }
    expect(episodes[0]).toMatchObject({ title: zte.title, steps: 8, decisionPoints: 4 });
  });

  it('writes month-only history dates as the month', () => {
    expect(formatDate('2018-05')).toBe('May 2018');
    expect(formatDate('2018-05-03')).toBe('3 May 2018');
    expect(formatDate('someday')).toBe('someday');
  });
});

describe('the replay of an episode', () => {
  const r = historyReplay(zte);
  const run = replayHistory(zte);
  const outcome = run.final.outcome!;

  it('has a frame for the start, after every step, and the model’s end, each the model’s own numbers', () => {
    expect(r.seed).toBe(zte.history!.seed);
    expect(r.frames.map((f) => f.kind)).toEqual(['start', ...zte.history!.path.map(() => 'step'), 'aftermath']);
    expect(r.frames[0]!.indicators).toEqual(run.states[0]!.indicators);
    for (let k = 1; k < r.steps.length; k++) expect(r.frames[k]!.indicators).toEqual(run.states[k]!.indicators);
    // The move that ends the talks is shown at the end of its round; the aftermath at the horizon.
    expect(r.frames[r.steps.length]!.indicators).toEqual(run.final.trajectory.find((h) => h.round === outcome.round)!.indicators);
    expect(r.frames.at(-1)).toMatchObject({ kind: 'aftermath', round: zte.horizon, indicators: run.final.indicators });
    expect(r.aftermath).toMatchObject({ talksEnded: outcome.round, horizon: zte.horizon, outcomeText: `Deal in round ${outcome.round}.` });
  });

  it('tells each step with its date, account, source, side and move, and marks history’s choices', () => {
    const third = r.steps[2]!;
    expect(third).toMatchObject({ index: 2, side: 'us', date: '2018-05-03', sourceId: 'hill-200b-demand', whatIf: false, round: run.states[2]!.round });
    expect(third.source?.id).toBe('hill-200b-demand');
    expect(third.moveText).toMatch(/^The United States proposes: /);
    expect(third.decision?.id).toBe('opening-ask');
    expect(r.steps.filter((s) => s.decision).map((s) => s.index)).toEqual(zte.history!.decisionPoints.map((d) => d.step));
    expect(third.roundDate).toBe('2018-04-30');
  });

  it('places every model event of the timeline exactly once: after its step, or in the aftermath', () => {
    const timeline = historyTimeline(zte).filter((e) => e.kind !== 'step' && e.kind !== 'epilogue');
    const placed = [...r.steps.flatMap((s) => s.following), ...(r.aftermath?.entries ?? [])];
    expect(placed).toHaveLength(timeline.length);
    expect(new Set(placed)).toEqual(new Set(timeline));
    for (const e of r.aftermath!.entries) expect(e.round).toBeGreaterThan(outcome.round);
    expect(r.steps.at(-1)!.following.some((e) => e.kind === 'outcome')).toBe(true);
    // The termination of the order comes after the deal, with its real date.
    expect(r.aftermath!.entries.find((e) => e.event === 'order-terminated')).toMatchObject({ date: '2018-07-13', source: 'th-zte-terminated' });
    expect(r.epilogue.map((e) => e.date)).toEqual(['2019-05-16']);
  });

  it('charts trade gains, security cost and the indicators that move most, never one that stays put', () => {
    expect(r.charted.slice(0, 2)).toEqual(['us.tradeGains', 'us.securityCost']);
    expect(r.charted.length).toBeLessThanOrEqual(6);
    const flat = { ...INDICATORS_AT(0), 'china.selfReliance': 10 } as Indicators;
    const moved = { ...flat, tension: 9, 'us.supplySecurity': 60 } as Indicators;
    expect(chartedIndicators([flat, moved])).toEqual(['us.tradeGains', 'us.securityCost', 'us.supplySecurity', 'tension']);
  });

  it('knows where a class can stand and take over', () => {
    expect(positionTitle(r, 0)).toBe('The starting position');
    expect(positionTitle(r, 3)).toBe('Step 3 of 8');
    expect(positionTitle(r, 9)).toBe('After the talks');
    expect(clampPosition(r, -2)).toBe(0);
    expect(clampPosition(r, 99)).toBe(9);
    expect([0, 7, 8, 9].map((p) => canTakeOver(r, p))).toEqual([true, true, false, false]);
  });

  it('labels a what-if episode’s supposed steps', () => {
    const meng = historyReplay(byId('meng-glasgow-2021'));
    expect(meng.steps.every((s) => s.whatIf)).toBe(true);
  });
});

function INDICATORS_AT(value: number): Indicators {
  return Object.fromEntries(Object.keys(INDICATORS).map((id) => [id, value])) as unknown as Indicators;
}

describe('the teaching notes', () => {
  it('gives the calibration, questions with their lessons, decision points and the epilogue, unverified items labelled', () => {
    const withEpilogue: Scenario = {
      ...mini,
      history: {
        ...mini.history!,
        epilogue: [
          { date: '2031-01', text: 'A later law.', source: 'src-a' },
          { date: '2031-02-03', text: 'A rumoured deal.', source: 'src-b', unverified: true },
        ],
      },
    };
    const notes = teachingNotes(withEpilogue);
    expect(notes.kind).toBe('historical');
    expect(notes.calibration).toBe('A test fixture.');
    expect(notes.questions).toEqual([{ text: 'Was the pledge worth it?', lessons: [expect.objectContaining({ id: 'commitments', number: 5, short: 'commitments are not outcomes' })], source: null }]);
    expect(notes.decisions.map((d) => [d.id, d.stepNumber, d.date, d.alternatives.map((a) => a.playable)])).toEqual([
      ['threat', 1, '2030-01-07', [true, true]],
      ['offer', 3, '2030-01-15', [true]],
    ]);
    expect(notes.epilogue.map((e) => [e.text, e.unverified, e.source?.id])).toEqual([
      ['A later law.', false, 'src-a'],
      ['A rumoured deal.', true, 'src-b'],
    ]);
    const meng = teachingNotes(byId('meng-glasgow-2021'));
    expect(meng.kind).toBe('what-if');
    expect(meng.whatIf).toMatch(/What is supposed/);
  });
});

describe('the side-by-side debrief', () => {
  it('sets the game beside history replayed under the game’s seed, metric by metric, as compareWithHistory does', () => {
    const options = defaultOptions(zte, { humans: ['us'] });
    const spec = decisionBranch(zte, 'zte-on-the-table', 0, 'class-7', options);
    // Play on to the end with stand-in moves: no offer, or turning the offer down, until the deadline.
    const moves = [...spec.moves];
    for (let guard = 0; guard < 40; guard++) {
      const state = replay(zte, spec.seed, spec.options, moves).final;
      if (state.phase === 'ended') break;
      moves.push(state.standing && state.standing.by !== state.turn ? { type: 'reject', side: state.turn } : { type: 'hold', side: state.turn });
    }
    const played = { ...spec, moves };
    const d = historyDebrief(zte, played, 'us');
    const c = compareWithHistory(zte, played);
    expect(d.seed).toBe('class-7');
    expect(d.branch).toEqual({ step: 4, last: { date: '2018-05', account: zte.history!.path[3]!.account, whatIf: false } });
    expect(d.historyLabel).toBe('History');
    expect(d.decisions.every((x) => x.historyWhatIf === false)).toBe(true);
    expect(d.metrics.map((m) => [m.id, m.expected, m.history, m.game])).toEqual(c.game.metrics.map((g, i) => [g.metric, g.expected, c.history.metrics[i]!.got, g.got]));
    expect(d.metrics.every((m) => m.source !== null)).toBe(true);
    expect(d.decisions.map((x) => [x.id, x.status])).toEqual([
      ['beijing-answer', 'history'],
      ['opening-ask', 'history'],
      ['zte-on-the-table', 'different'],
      ['accept-no-figure', expect.stringMatching(/^(different|not-reached)$/)],
    ]);
    const onTable = d.decisions[2]!;
    expect(onTable.verdict).toBe('You made a different choice from history’s.');
    expect(onTable.alternative).toBe("Keep the order out of the talks and refuse Beijing's precondition");
    expect(onTable.gameMove).toBe('You reject China’s offer.');
    expect(d.trajectories['us.tradeGains']).toEqual(c.history.final.trajectory.map((h) => h.indicators['us.tradeGains']));
    expect(d.historyOutcome).toMatch(/^Deal in round/);
  });

  it('says history’s path is history’s own, and a game played from the start has no branch point', () => {
    const own = historyDebrief(zte, historicalSpec(zte), null);
    expect(own.decisions.every((x) => x.status === 'history')).toBe(true);
    expect(own.metrics.every((m) => m.game === m.history)).toBe(true);
    const fresh = historyDebrief(zte, { scenario: { id: zte.id, version: zte.version }, seed: 'x', options: defaultOptions(zte, { humans: ['china'] }), moves: [{ type: 'walkout', side: 'us' }] }, 'china');
    expect(fresh.branch).toBeNull();
    expect(fresh.decisions.map((x) => x.status)).toEqual(['not-reached', 'not-reached', 'not-reached', 'not-reached']);
    expect(fresh.metrics.find((m) => m.id === 'lifting-after-settlement')).toMatchObject({ game: null, gameInBand: false });
    expect(fresh.metrics.find((m) => m.id === 'lifting-after-settlement')!.gameWhy).toBe('It never happened within the model’s span.');
  });
});

describe('what-if steps are never labelled as history', () => {
  it('names history’s series a what-if and tags supposed steps in the briefing’s history so far', () => {
    const meng = byId('meng-glasgow-2021');
    expect(historySeriesLabel(meng)).toBe('History (what-if)');
    expect(historySeriesLabel(zte)).toBe('History');
    expect(historySoFar(meng, 2).map((x) => x.tag)).toEqual(['What-if', 'What-if']);
    expect(historySoFar(zte, 2).every((x) => x.tag === null)).toBe(true);
    const d = historyDebrief(meng, historicalSpec(meng), null);
    expect(d.historyLabel).toBe('History (what-if)');
    expect(d.decisions.every((x) => x.historyWhatIf)).toBe(true);
  });
});

describe('the replay beside the model’s calendar', () => {
  const fixture = fileURLToPath(new URL('../history/fixtures/mini-history.yaml', import.meta.url));
  /** The fixture with its third step moved two days before the round the model plays it in. */
  const early = (() => {
    const text = readFileSync(fixture, 'utf8').replace('date: 2030-01-15, account: A deal is offered.', 'date: 2030-01-12, account: A deal is offered.');
    const result = loadScenario('early.yaml', text);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    return result.scenario;
  })();

  it('says where a real date falls outside its model round, so the two dates do not contradict each other', () => {
    const steps = historyReplay(early).steps;
    // Round 2 runs from 14 to 20 January; the step really happened on the 12th.
    expect(steps[2]!.round).toBe(2);
    expect(steps[2]!.calendarGap).toEqual({ round: 'starts-after', date: '2030-01-14' });
    // A date known to the month only overlaps the round: nothing to say.
    expect(steps[1]!.date).toBe('2030-01');
    expect(steps[1]!.calendarGap).toBeNull();
    expect(historyReplay(mini).steps.map((s) => s.calendarGap)).toEqual([null, null, null, null]);
  });

  it('writes a source’s ISO date as the page writes every other date, and free text as given', () => {
    expect(sourceDate('2018-05-18')).toBe('18 May 2018');
    expect(sourceDate('2018-05')).toBe('May 2018');
    expect(sourceDate('spring 2018')).toBe('spring 2018');
    expect(sourceDate('2018-05 (updated 2019)')).toBe('2018-05 (updated 2019)');
  });
});
