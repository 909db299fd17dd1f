import { describe, expect, it } from 'vitest';
import { applyMove, defaultOptions, newGame, replay } from '../../src/core/engine';
import { historicalSpec } from '../../src/core/history';
import { randomMove } from '../../src/negotiators/game/random-player';
import { rateGame, type GameRating, type SideRating } from '../../src/core/rating';
import { doctrineOf } from '../../src/core/scenario-lookup';
import { score } from '../../src/core/scoring';
import type { Difficulty, GameSpec, Move, Scenario, Side } from '../../src/core/types';
import { SIDES } from '../../src/core/types';
import { decideMove, ledgerOf } from '../../src/negotiators/index';
import { dealChart, gameDealChart } from '../../src/session/deal-chart';
import { buildDebrief } from '../../src/session/debrief';
import { debriefJson } from '../../src/session/export';
import { RATING_HELP, ratingsJson } from '../../src/session/outcome';
import { draftRating, leversFor, mainChartFor } from '../../src/session/perspective';
import { fixturePath, loadOrThrow, scenarioPath } from '../helpers';

const load = (id: string) => loadOrThrow(scenarioPath(`${id}.yaml`));
const zone = loadOrThrow(fixturePath('zone.yaml'));
const spec = (s: Scenario, moves: Move[], seed = 's', humans: Side[] = ['us']): GameSpec => ({
  scenario: { id: s.id, version: s.version },
  seed,
  options: defaultOptions(s, { humans }),
  moves,
});

type Player = Difficulty | 'random';

/** A whole game between two players (AI difficulties or the random baseline), as its spec. */
function play(s: Scenario, seed: string, players: Record<Side, Player>): GameSpec {
  const options = defaultOptions(s, {
    difficulty: {
      us: players.us === 'random' ? 'normal' : players.us,
      china: players.china === 'random' ? 'normal' : players.china,
    },
  });
  let state = newGame(s, seed, options);
  const moves: Move[] = [];
  while (state.phase === 'negotiation') {
    const side = state.turn;
    const move =
      players[side] === 'random'
        ? randomMove(s, state, side)
        : decideMove(s, { scenario: { id: s.id, version: s.version }, seed, options, moves }, side).move;
    state = applyMove(s, state, move).state;
    moves.push(move);
  }
  return { scenario: { id: s.id, version: s.version }, seed, options, moves };
}

/** The parts of "value − no deal" that are negative, each named by a reason whose figure is that part. */
function explainsBelowZero(r: SideRating, outcome: GameRating['outcome']): boolean {
  const parts: { kind: string; points: number }[] = [
    { kind: outcome === 'deal' ? 'below-no-deal' : 'ending', points: r.expected - r.noDeal },
    { kind: 'afterwards', points: r.value - r.expected },
  ];
  const negative = parts.filter((p) => p.points < 0);
  return (
    negative.length > 0 &&
    negative.every((p) =>
      r.reasons.some((x) => x.kind === p.kind && 'points' in x && Math.abs(x.points - p.points) < 1e-9),
    ) &&
    r.reasons.every((x) => x.text.endsWith('.'))
  );
}

describe('an accepted deal is never rated below 0 for the side that accepted it without a reason that says why', () => {
  const scenarios = [
    'busan-2025',
    'zte-2018',
    'geneva-london-2025',
    'huawei-osaka-2019',
    'chips-minerals-2022',
    'meng-glasgow-2021',
  ].map(load);
  const games: { s: Scenario; rating: GameRating; players: Record<Side, Player> }[] = [];
  const pairs: Record<Side, Player>[] = [
    { us: 'hard', china: 'normal' },
    { us: 'easy', china: 'hard' },
    { us: 'normal', china: 'easy' },
    { us: 'random', china: 'normal' },
    { us: 'normal', china: 'random' },
  ];
  scenarios.forEach((s, i) => {
    for (let k = 0; k < 5; k++) {
      const players = pairs[(i + k) % pairs.length]!;
      games.push({ s, rating: rateGame(s, play(s, String(100 + k), players)), players });
    }
  });

  it('over AI and random players in six scenarios', () => {
    const deals = games.filter((g) => g.rating.outcome === 'deal');
    expect(deals.length).toBeGreaterThan(10);
    for (const { rating } of deals) {
      const accepter = SIDES.find((side) => rating.sides[side].accepted)!;
      const r = rating.sides[accepter];
      if (r.rating === null) expect(r.reasons.map((x) => x.kind)).toContain('no-zone');
      else if (r.rating < 0) expect(explainsBelowZero(r, rating.outcome), JSON.stringify(r)).toBe(true);
    }
    // The AI never accepts what the model expects to be worth less to it than no deal: its reservation is the same no deal.
    for (const { rating, players } of deals) {
      const accepter = SIDES.find((side) => rating.sides[side].accepted)!;
      if (players[accepter] !== 'random')
        expect(rating.sides[accepter].expected).toBeGreaterThanOrEqual(rating.sides[accepter].noDeal - 1e-6);
    }
  });

  it('rates every ending on the same scale, with the joint gap never negative', () => {
    for (const { rating } of games) {
      expect(rating.jointGap).toBeGreaterThanOrEqual(0);
      for (const side of SIDES) {
        const r = rating.sides[side];
        if (r.rating !== null && r.rating < 0)
          expect(explainsBelowZero(r, rating.outcome), JSON.stringify(r)).toBe(true);
        if (r.rating === null) expect(r.reasons[0]!.kind).toBe('no-zone');
      }
    }
  });
});

describe('the debrief’s outcome figures', () => {
  const moves: Move[] = [
    { type: 'propose', side: 'us', package: { tariffs: 'low' } },
    { type: 'accept', side: 'china' },
  ];
  const d = buildDebrief(zone, spec(zone, moves), ledgerOf);

  it('shows both ratings, the joint gap and the doctrine scores, each in one sentence', () => {
    expect(d.rating).toEqual(rateGame(zone, spec(zone, moves)));
    expect(d.figures.map((f) => [f.kind, f.side, f.text])).toEqual([
      ['rating', 'us', '44'],
      ['rating', 'china', '100'],
      ['joint-gap', null, '0.0'],
      ['score', 'us', '+2.0'],
      ['score', 'china', '+4.0'],
    ]);
    for (const f of d.figures) expect(f.explanation).toMatch(/^[^.]+(\.\d[^.]*)*\.$/);
    expect(d.figures[0]!.explanation).toContain('0 is no deal for the United States');
    expect(d.figures[3]!.explanation).toContain('US doctrine weighs us trade (+), security cost (−)');
  });

  it('names the sides as a sentence does: the United States, China', () => {
    expect(d.figures.filter((f) => f.kind === 'rating').map((f) => f.label)).toEqual(['Rating for the United States', 'Rating for China']);
    const chart = gameDealChart(zone, spec(zone, moves));
    expect([chart.best.us?.label, chart.best.china?.label]).toEqual(['Best for the United States', 'Best for China']);
  });

  it('puts the ratings in the JSON export', () => {
    const json = JSON.parse(debriefJson(d));
    expect(json.ratings.china).toMatchObject({ rating: 100, value: 4, noDeal: 0, best: 4, accepted: true });
    expect(json.jointGap).toBe(0);
    expect(ratingsJson(null)).toEqual({ ratings: null, jointGap: null });
  });

  it('explains the scale as Raiffa’s efficient frontier', () => {
    expect(RATING_HELP).toMatch(/Raiffa/);
    expect(RATING_HELP).toMatch(/efficient frontier/);
    expect(RATING_HELP).not.toMatch(/<[a-z]/i);
  });
});

describe('the deal chart', () => {
  it('plots no deal, the frontier, the Nash point, each side’s best and the game, judged as its rating is', () => {
    const game = spec(zone, [
      { type: 'propose', side: 'us', package: { purchases: 'some' } },
      { type: 'accept', side: 'china' },
    ]);
    const chart = gameDealChart(zone, game);
    expect(chart.judgedAt).toBe('round 1, when the talks ended');
    expect([chart.noDeal.x, chart.noDeal.y]).toEqual([0, 0]);
    expect(
      chart.frontier.map((f) => [Math.round(f.x * 10) / 10, Math.round(f.y * 10) / 10, f.inZone]),
    ).toEqual([
      [-3, 9, false],
      [-0.5, 8, false],
      [2, 4, true],
      [4.5, 3, true],
    ]);
    expect(chart.nash!.package).toEqual({ tariffs: 'low', purchases: 'some' });
    // Named in plain words first (a class is not game theorists), the term in brackets; said in words for a screen reader.
    expect(chart.nash!.label).toBe('The fair split (Nash point)');
    expect(chart.nash!.description).toMatch(/^The fair split \(Nash point\), the deal that best balances what each side gains over no deal/);
    expect(chart.summary.join(' ')).not.toMatch(/'/);
    expect(chart.best.us!.package).toEqual({ tariffs: 'low', purchases: 'some' });
    expect(chart.best.china!.package).toEqual({ tariffs: 'low' });
    expect(chart.games).toHaveLength(1);
    expect([chart.games[0]!.x, chart.games[0]!.y]).toEqual([2.5, -1]);
    expect(chart.games[0]!.rating.jointGap).toBeCloseTo(6, 9);
    expect(chart.history).toBeNull();
    // Every mark lies inside the axes.
    for (const m of [chart.noDeal, chart.nash!, chart.best.us!, chart.best.china!, ...chart.games]) {
      expect(m.x).toBeGreaterThanOrEqual(chart.x.min);
      expect(m.x).toBeLessThanOrEqual(chart.x.max);
      expect(m.y).toBeGreaterThanOrEqual(chart.y.min);
      expect(m.y).toBeLessThanOrEqual(chart.y.max);
    }
    expect(chart.summary.join(' ')).toContain(
      '4 deals both sides would ratify, 2 of them better than no deal for both',
    );
  });

  it('places a whole class in one frame judged at the start, with history’s own outcome', () => {
    const zte = load('zte-2018');
    const games = ['1', '2', '3'].map((seed) => ({
      label: `Pair ${seed}`,
      spec: play(zte, seed, { us: 'normal', china: 'normal' }),
    }));
    const chart = dealChart(zte, { moment: 'start', games });
    expect(chart.judgedAt).toBe('the start of the game');
    expect(chart.games.map((g) => g.label)).toEqual(['Pair 1', 'Pair 2', 'Pair 3']);
    const us = doctrineOf(zte, games[0]!.spec.options.doctrines.us);
    const first = replay(zte, games[0]!.spec.seed, games[0]!.spec.options, games[0]!.spec.moves).final;
    expect(chart.games[0]!.x).toBe(score(first, us).total);
    const h = historicalSpec(zte);
    const real = replay(zte, h.seed, h.options, h.moves).final;
    expect(chart.history).toMatchObject({
      kind: 'history',
      label: 'What happened',
      x: score(real, us).total,
    });
    // The start is the same for every game: a chart of other games has the same frontier.
    expect(dealChart(zte, { moment: 'start', games: games.slice(0, 1) }).frontier).toEqual(chart.frontier);
    expect(chart.x.label).toBe(`United States: ${us.label} score`);
  });
});

describe('levers from the chooser’s point of view (Geneva–London 2025)', () => {
  const geneva = load('geneva-london-2025');
  const start = newGame(geneva, '1', defaultOptions(geneva));
  const chip = (state: typeof start, side: Side, issue: string, position: string) =>
    leversFor(geneva, state, side)
      .find((l) => l.issue === issue)!
      .chips.find((c) => c.position === position)!;

  it('does not call a licence on a chip that sells freely something the US gives', () => {
    const h20 = leversFor(geneva, start, 'us').find((l) => l.issue === 'h20Exports')!;
    expect(h20.inForce.label).toMatch(/without a licence/);
    expect(h20.yours).toBe(true);
    expect(chip(start, 'us', 'h20Exports', 'licensed-15pct').role).toBe('get');
    // Once the licence requirement is in force, licensing sales is a concession China gains from.
    const required = applyMove(geneva, start, {
      type: 'impose',
      side: 'us',
      issue: 'h20Exports',
      position: 'licence-required',
    }).state;
    const l = leversFor(geneva, required, 'us').find((x) => x.issue === 'h20Exports')!;
    expect(l.inForce.imposedBy).toBe('us');
    expect(l.chips.find((c) => c.position === 'licensed-15pct')!.them).toBeGreaterThan(0);
  });

  it('does not call magnet licences an offer while no licences are required', () => {
    expect(chip(start, 'china', 'rareEarthControls', 'expedited').role).toBe('costly');
    expect(chip(start, 'us', 'rareEarthControls', 'expedited').you).toBeLessThan(0);
    const s1 = applyMove(geneva, start, { type: 'hold', side: 'us' }).state;
    const controls = applyMove(geneva, s1, {
      type: 'impose',
      side: 'china',
      issue: 'rareEarthControls',
      position: 'april-7',
    }).state;
    expect(chip(controls, 'us', 'rareEarthControls', 'expedited').you).toBeGreaterThan(0);
    expect(chip(controls, 'china', 'rareEarthControls', 'expedited').role).toBe('give');
  });

  it('plots on each side’s main chart what its doctrine weighs most', () => {
    const stability = mainChartFor(doctrineOf(geneva, 'stability-seeker'));
    expect([stability.x.indicator, stability.y?.indicator]).toEqual(['china.tradeGains', 'tension']);
    expect(stability.caption).toBe('Better under Stability seeker: to the right and down.');
    const security = mainChartFor(doctrineOf(geneva, 'security-first'));
    expect([security.x.indicator, security.y?.indicator, security.x.moreIsBetter]).toEqual([
      'us.securityCost',
      'us.controlCredibility',
      false,
    ]);
    // a tie of weights keeps the model's indicator order
    expect(security.others.map((o) => o.indicator)).toEqual(['us.tradeGains', 'us.supplySecurity']);
    const empty = mainChartFor({
      id: 'none',
      side: 'china',
      label: 'Nothing',
      summary: 'Nothing.',
      weights: {},
    });
    expect([empty.x.indicator, empty.y?.indicator, empty.caption]).toEqual([
      'china.tradeGains',
      'tension',
      'Nothing weighs no indicator, so nothing on this chart is better or worse under it.',
    ]);
    for (const d of geneva.doctrines) {
      const m = mainChartFor(d);
      expect(d.weights[m.x.indicator]).toBeDefined();
      expect(Math.abs(d.weights[m.x.indicator]!)).toBe(
        Math.max(...Object.values(d.weights).map((w) => Math.abs(w!))),
      );
    }
  });
});

describe('a draft’s rating during play', () => {
  it('rates the draft as if agreed now, for each doctrine the other side might hold', () => {
    const state = newGame(zone, 's', defaultOptions(zone, { humans: ['us'] }));
    const r = draftRating(zone, state, 'us', { tariffs: 'low', purchases: 'some' });
    expect(r.value).toBeCloseTo(4.5, 9);
    expect(r.noDeal).toBe(0);
    expect(r.byTheirDoctrine).toEqual([
      {
        doctrine: 'china-d',
        label: 'China doctrine',
        rating: 100,
        best: expect.closeTo(4.5, 9),
        theyPreferIt: true,
      },
    ]);
    expect(r.range).toEqual([100, 100]);
    expect(draftRating(zone, state, 'us', { purchases: 'some' }).byTheirDoctrine[0]).toMatchObject({
      rating: expect.closeTo(100 * (2.5 / 4.5), 9),
      theyPreferIt: false,
    });
  });

  it('gives a range over the other side’s published doctrines, not its hidden one', () => {
    const geneva = load('geneva-london-2025');
    const state = newGame(geneva, '1', defaultOptions(geneva, { humans: ['us'] }));
    const r = draftRating(geneva, state, 'us', { fentanylTariff: '10pct', chinaEarlierTariffs: 'suspended' });
    expect(r.byTheirDoctrine.map((d) => d.doctrine)).toEqual(
      geneva.doctrines.filter((d) => d.side === 'china').map((d) => d.id),
    );
    const defined = r.byTheirDoctrine.map((d) => d.rating).filter((x): x is number => x !== null);
    expect(r.range).toEqual([Math.min(...defined), Math.max(...defined)]);
  });
});
