import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMove, defaultOptions, newGame, replay } from '../../src/core/engine';
import {
  bargainingZone,
  bestDealFor,
  bothRatify,
  dealValues,
  jointGap,
  nashDeal,
  outcomeOfPackage,
  packageOfOutcome,
  rateGame,
  ratifiableFrontier,
  ratingOf,
  type BargainingZone,
  type ZoneDeal,
} from '../../src/core/rating';
import { legalMoveSpace, legalMoveTypes, packageAt, canonicalPackage } from '../../src/core/rules';
import { doctrineOf } from '../../src/core/scenario-lookup';
import { score } from '../../src/core/scoring';
import type {
  Doctrine,
  GameSpec,
  GameState,
  IndicatorId,
  Move,
  Package,
  Scenario,
  Side,
} from '../../src/core/types';
import { INDICATOR_IDS, SIDES } from '../../src/core/types';
import { fixturePath, loadOrThrow } from '../helpers';

const zoneScenario = loadOrThrow(fixturePath('zone.yaml'));
const doctrinesOf = (s: Scenario, state: GameState): Record<Side, Doctrine> => ({
  us: doctrineOf(s, state.options.doctrines.us),
  china: doctrineOf(s, state.options.doctrines.china),
});
const start = (s: Scenario = zoneScenario) => newGame(s, 's', defaultOptions(s));
const zoneAtStart = (s: Scenario = zoneScenario) => bargainingZone(s, start(s), doctrinesOf(s, start(s)));
const specOf = (s: Scenario, moves: Move[], seed = 's'): GameSpec => ({
  scenario: { id: s.id, version: s.version },
  seed,
  options: defaultOptions(s),
  moves,
});
const close = (a: Record<Side, number>, b: Record<Side, number>) => {
  expect(a.us).toBeCloseTo(b.us, 9);
  expect(a.china).toBeCloseTo(b.china, 9);
};

describe('the bargaining zone, worked out by hand (tests/fixtures/zone.yaml)', () => {
  it('values packages on the debrief’s scale: US trade/10 − security/2, China trade/10 + chip access/2', () => {
    const zone = zoneAtStart();
    close(zone.noDeal, { us: 0, china: 0 });
    close(dealValues(zone, { tariffs: 'low' }), { us: 2, china: 4 });
    close(dealValues(zone, { tariffs: 'low', purchases: 'some' }), { us: 4.5, china: 3 });
    close(dealValues(zone, { chips: 'relaxed' }), { us: -5, china: 5 });
    // Lots of purchases and no tariffs at all would fail at home.
    expect(bothRatify(zone, { purchases: 'lots' })).toBe(false);
    expect(bothRatify(zone, { tariffs: 'none' })).toBe(false);
    expect(bothRatify(zone, { tariffs: 'low', purchases: 'some', chips: 'relaxed' })).toBe(true);
  });

  it('finds each side’s best deal, the frontier, the Nash point and the joint gap', () => {
    const zone = zoneAtStart();
    expect(bestDealFor(zone, 'us')).toEqual({
      package: { tariffs: 'low', purchases: 'some' },
      values: expect.objectContaining({}),
    });
    close(bestDealFor(zone, 'us')!.values, { us: 4.5, china: 3 });
    expect(bestDealFor(zone, 'china')!.package).toEqual({ tariffs: 'low' });
    const frontier = ratifiableFrontier(zone);
    expect(frontier.map((d) => [d.values.us, d.values.china].map((x) => Math.round(x * 100) / 100))).toEqual([
      [-3, 9],
      [-0.5, 8],
      [2, 4],
      [4.5, 3],
    ]);
    expect(nashDeal(frontier, zone.noDeal)!.package).toEqual({ tariffs: 'low', purchases: 'some' });
    expect(jointGap(zone, dealValues(zone, { tariffs: 'low' })).gap).toBe(0);
    const fromSome = jointGap(zone, dealValues(zone, { purchases: 'some' }));
    expect(fromSome.gap).toBeCloseTo(6, 9);
    expect(fromSome.deal!.package).toEqual({ tariffs: 'low', purchases: 'some' });
    expect(jointGap(zone, zone.noDeal).gap).toBeCloseTo(7.5, 9);
  });

  it('rates no deal 0 and the best deal 100, for both sides', () => {
    const walkout = rateGame(zoneScenario, specOf(zoneScenario, [{ type: 'walkout', side: 'us' }]));
    for (const side of SIDES) {
      expect(walkout.sides[side].rating).toBe(0);
      expect(walkout.sides[side].reasons).toEqual([]);
    }
    expect(walkout.jointGap).toBeCloseTo(7.5, 9);
    const best = rateGame(
      zoneScenario,
      specOf(zoneScenario, [
        { type: 'propose', side: 'us', package: { tariffs: 'low', purchases: 'some' } },
        { type: 'accept', side: 'china' },
      ]),
    );
    expect(best.sides.us.rating).toBe(100);
    expect(best.sides.china.rating).toBeCloseTo(75, 9);
    expect(best.sides.china.accepted).toBe(true);
    expect(best.sides.us.value).toBe(4.5);
    expect(best.jointGap).toBe(0);
    const chinas = rateGame(
      zoneScenario,
      specOf(zoneScenario, [
        { type: 'propose', side: 'us', package: { tariffs: 'low' } },
        { type: 'accept', side: 'china' },
      ]),
    );
    expect(chinas.sides.china.rating).toBe(100);
    expect(chinas.sides.us.rating).toBeCloseTo(44.444444, 5);
  });

  it('says why an accepted deal rates below 0, and why the other side then rates above 100', () => {
    // China offers relaxed chip controls in exchange for nothing; the US would take them, but it is China that accepts its own loss here.
    const r = rateGame(
      zoneScenario,
      specOf(zoneScenario, [
        { type: 'propose', side: 'us', package: { chips: 'relaxed' } },
        { type: 'accept', side: 'china' },
      ]),
    );
    // Relaxed controls alone: US −5, China +5 (China's best in the zone is +4).
    expect(r.sides.china.rating).toBeCloseTo(125, 9);
    expect(r.sides.us.rating).toBeCloseTo((100 * -5) / 4.5, 9);
    expect(r.sides.us.reasons.map((x) => x.kind)).toEqual(['below-no-deal']);
    expect(r.sides.us.reasons[0]!.text).toMatch(
      /agreed to a deal the model already expected to be worth 5\.0 points less/,
    );
    expect(r.sides.china.reasons.map((x) => x.kind)).toEqual(['beyond-best']);
  });

  it('names the events that made an accepted deal worse than no deal', () => {
    const withBacklash: Scenario = {
      ...zoneScenario,
      events: [
        {
          id: 'backlash',
          title: 'Backlash',
          text: 'Importers pull back.',
          when: [{ phase: 'aftermath' }, { issue: 'tariffs', is: 'low' }],
          effects: [{ indicator: 'us.tradeGains', delta: -40 }],
        },
      ],
    };
    const moves: Move[] = [
      { type: 'hold', side: 'us' },
      { type: 'propose', side: 'china', package: { tariffs: 'low' } },
      { type: 'accept', side: 'us' },
    ];
    const r = rateGame(withBacklash, specOf(withBacklash, moves)).sides.us;
    // Struck in round 2 of 4: low tariffs are worth +20 US trade for 3 rounds, +1.5 points; the
    // backlash at the close of that round takes 40 for 3 rounds, −3 points.
    expect(r.accepted).toBe(true);
    expect(r.expected).toBeCloseTo(1.5, 9);
    expect(r.value).toBe(-1.5);
    expect(r.rating!).toBeLessThan(0);
    expect(r.expectedRating!).toBeGreaterThan(0);
    expect(r.reasons).toEqual([
      {
        kind: 'afterwards',
        points: expect.closeTo(-3, 9),
        events: ['Backlash'],
        text: 'What happened after the deal, the events (Backlash), made the outcome worth 3.0 points less to United States than the model expected when it was judged.',
      },
    ]);
  });

  it('counts pending threats in no deal: they are carried out when talks break down', () => {
    const s0 = start();
    const s1 = applyMove(zoneScenario, s0, { type: 'hold', side: 'us' }).state;
    const s2 = applyMove(zoneScenario, s1, {
      type: 'threaten',
      side: 'china',
      issue: 'purchases',
      position: 'boycott',
    }).state;
    const zone = bargainingZone(zoneScenario, s2, doctrinesOf(zoneScenario, s2));
    // Round 2 of 4: a boycott from now costs −20 US trade for 3 of 4 rounds, −15/10 = −1.5 points.
    expect(zone.noDeal.us).toBeCloseTo(-1.5, 9);
    expect(zone.kept.us).toBe(0);
    // A deal settles the threat.
    close(dealValues(zone, { tariffs: 'low' }), { us: 1.5, china: 3 });
  });

  it('refuses a game that has not ended, and a zone after the talks', () => {
    expect(() => rateGame(zoneScenario, specOf(zoneScenario, [{ type: 'hold', side: 'us' }]))).toThrow(
      /once its talks have ended/,
    );
    const ended = replay(zoneScenario, 's', defaultOptions(zoneScenario), [
      { type: 'walkout', side: 'us' },
    ]).final;
    expect(() => bargainingZone(zoneScenario, ended, doctrinesOf(zoneScenario, ended))).toThrow(
      /while the talks go on/,
    );
    expect(ratingOf(1, 2, 2)).toBeNull();
    expect(ratingOf(1, 2, null)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Generated games: small scenarios with fixed numbers, so the model's expectation is exact.

const TRACKED: IndicatorId[] = [
  'us.tradeGains',
  'us.securityCost',
  'us.supplySecurity',
  'china.tradeGains',
  'china.selfReliance',
  'china.chipAccess',
  'us.domesticSupport',
  'china.domesticSupport',
];
/** Swapping the sides maps each indicator to its counterpart (all index indicators share the 0..100 range). */
const MIRROR: Record<IndicatorId, IndicatorId> = {
  'us.tradeGains': 'china.tradeGains',
  'china.tradeGains': 'us.tradeGains',
  'us.domesticSupport': 'china.domesticSupport',
  'china.domesticSupport': 'us.domesticSupport',
  'us.securityCost': 'china.selfReliance',
  'china.selfReliance': 'us.securityCost',
  'us.supplySecurity': 'china.chipAccess',
  'china.chipAccess': 'us.supplySecurity',
  'us.controlCredibility': 'china.rareEarthLeverage',
  'china.rareEarthLeverage': 'us.controlCredibility',
  tension: 'tension',
};

const effectArb = fc.record({
  indicator: fc.constantFrom(...TRACKED),
  delta: fc.integer({ min: -6, max: 6 }),
});
const positionArb = fc.record({
  effects: fc.array(effectArb, { maxLength: 2 }),
  inForce: fc.array(effectArb, { maxLength: 2 }),
  perRound: fc.array(
    fc.record({ indicator: fc.constantFrom(...TRACKED), delta: fc.integer({ min: -1, max: 1 }) }),
    { maxLength: 1 },
  ),
  expires: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
});
const scenarioArb = fc.record({
  issues: fc.array(
    fc.record({
      holder: fc.constantFrom<Side>('us', 'china'),
      positions: fc.array(positionArb, { minLength: 2, maxLength: 3 }),
      escalation: fc.option(positionArb, { nil: undefined }),
    }),
    { minLength: 2, maxLength: 4 },
  ),
  weights: fc.tuple(
    fc.array(
      fc.tuple(fc.constantFrom(...TRACKED, 'tension' as IndicatorId), fc.integer({ min: -3, max: 3 })),
      { minLength: 1, maxLength: 4 },
    ),
    fc.array(
      fc.tuple(fc.constantFrom(...TRACKED, 'tension' as IndicatorId), fc.integer({ min: -3, max: 3 })),
      { minLength: 1, maxLength: 4 },
    ),
  ),
  thresholds: fc.tuple(fc.integer({ min: 30, max: 60 }), fc.integer({ min: 30, max: 60 })),
  supports: fc.tuple(fc.integer({ min: 45, max: 65 }), fc.integer({ min: 45, max: 65 })),
  horizon: fc.integer({ min: 3, max: 6 }),
  opener: fc.constantFrom<Side>('us', 'china'),
});
type ScenarioInput = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** A valid scenario from generated numbers (no events, no random draws). */
function buildScenario(g: ScenarioInput): Scenario {
  const weights = (pairs: [IndicatorId, number][]) => {
    const w: Partial<Record<IndicatorId, number>> = {};
    for (const [id, x] of pairs) if (x !== 0) w[id] = x;
    if (Object.keys(w).length === 0) w[pairs[0]![0]] = 1;
    return w;
  };
  const indicators: Scenario['indicators'] = {};
  for (const id of INDICATOR_IDS)
    indicators[id] = { initial: id.endsWith('tradeGains') ? 0 : id === 'tension' ? 4 : 50 };
  indicators['us.domesticSupport'] = { initial: g.supports[0] };
  indicators['china.domesticSupport'] = { initial: g.supports[1] };
  return {
    id: 'gen',
    version: 1,
    title: 'Generated',
    summary: 'Generated.',
    dates: { start: '2030-01-01', end: '2030-02-01' },
    roundLength: 'a week',
    rounds: Math.min(3, g.horizon),
    horizon: g.horizon,
    opener: g.opener,
    threatWindow: 1,
    sources: [],
    sides: {
      us: {
        label: 'United States',
        negotiators: ['A'],
        ratificationThreshold: g.thresholds[0],
        audienceCost: 4,
        defaultProfile: 'us-p',
      },
      china: {
        label: 'China',
        negotiators: ['B'],
        ratificationThreshold: g.thresholds[1],
        audienceCost: 3,
        defaultProfile: 'china-p',
      },
    },
    indicators,
    issues: g.issues.map((issue, i) => ({
      id: `i${i}`,
      label: `Issue ${i}`,
      holder: issue.holder,
      category: 'economic',
      statusQuo: 'p0',
      positions: [
        ...issue.positions.map((p, k) => ({
          id: `p${k}`,
          label: `Position ${k}`,
          ...(k === 0 ? {} : { effects: p.effects, inForce: p.inForce }),
          perRound: p.perRound,
          ...(k > 0 && p.expires !== undefined ? { expiresAfter: p.expires } : {}),
        })),
        ...(issue.escalation
          ? [
              {
                id: 'esc',
                label: 'Escalation',
                escalation: true,
                inForce: issue.escalation.inForce,
                perRound: issue.escalation.perRound,
              },
            ]
          : []),
      ],
    })),
    events: [],
    doctrines: [
      { id: 'us-d', side: 'us', label: 'US', summary: 'US.', weights: weights(g.weights[0]) },
      { id: 'china-d', side: 'china', label: 'China', summary: 'China.', weights: weights(g.weights[1]) },
    ],
    profiles: [
      {
        id: 'us-p',
        side: 'us',
        label: 'US',
        doctrine: 'us-d',
        concession: 1,
        patience: 2,
        domesticSensitivity: 0.5,
        redLines: [],
      },
      {
        id: 'china-p',
        side: 'china',
        label: 'China',
        doctrine: 'china-d',
        concession: 1,
        patience: 2,
        domesticSensitivity: 0.5,
        redLines: [],
      },
    ],
  };
}

/** The same scenario with the sides swapped: holders, side information, doctrines and indicators. */
function mirror(s: Scenario): Scenario {
  const flip = (side: Side): Side => (side === 'us' ? 'china' : 'us');
  const mapEffects = <T extends { indicator: IndicatorId }>(es: T[] | undefined) =>
    es?.map((e) => ({ ...e, indicator: MIRROR[e.indicator] }));
  const indicators: Scenario['indicators'] = {};
  for (const [id, v] of Object.entries(s.indicators ?? {}) as [IndicatorId, { initial?: number }][])
    indicators[MIRROR[id]] = v;
  return {
    ...s,
    opener: flip(s.opener),
    sides: {
      us: { ...s.sides.china, defaultProfile: 'us-p' },
      china: { ...s.sides.us, defaultProfile: 'china-p' },
    },
    indicators,
    issues: s.issues.map((i) => ({
      ...i,
      holder: flip(i.holder),
      positions: i.positions.map((p) => ({
        ...p,
        effects: mapEffects(p.effects),
        inForce: mapEffects(p.inForce),
        perRound: mapEffects(p.perRound),
      })),
    })),
    doctrines: s.doctrines.map((d) => ({
      ...d,
      id: d.side === 'us' ? 'china-d' : 'us-d',
      side: flip(d.side),
      weights: Object.fromEntries(
        (Object.entries(d.weights) as [IndicatorId, number][]).map(([id, w]) => [MIRROR[id], w]),
      ),
    })),
  };
}

/** Every package of the zone, by brute force. */
function allDeals(zone: BargainingZone): (ZoneDeal & { ratified: boolean })[] {
  const out: (ZoneDeal & { ratified: boolean })[] = [];
  const radices = zone.issues.map((i) => i.options.length);
  const total = radices.reduce((a, b) => a * b, 1);
  for (let code = 0; code < total; code++) {
    let rest = code;
    const outcome = radices.map((r) => {
      const o = rest % r;
      rest = Math.floor(rest / r);
      return o;
    });
    if (outcome.every((o, i) => o === zone.issues[i]!.current)) continue;
    const pkg = packageOfOutcome(zone, outcome);
    out.push({ package: pkg, values: dealValues(zone, pkg), ratified: bothRatify(zone, pkg) });
  }
  return out;
}

/** Play a few generated legal moves (no walkout), stopping while the talks go on. */
function prefix(s: Scenario, picks: number[]): { state: GameState; moves: Move[] } {
  let state = start(s);
  const moves: Move[] = [];
  for (const pick of picks) {
    const space = legalMoveSpace(s, state, state.turn);
    const kinds = legalMoveTypes(space).filter((k) => k !== 'walkout' && k !== 'accept');
    const kind = kinds[pick % kinds.length]!;
    const move: Move =
      kind === 'propose'
        ? {
            type: 'propose',
            side: state.turn,
            package: canonicalPackage(s, packageAt(space.packages, pick % space.packageCount)),
          }
        : space.moves.filter((m) => m.type === kind)[
            pick % space.moves.filter((m) => m.type === kind).length
          ]!;
    const next = applyMove(s, state, move).state;
    if (next.phase !== 'negotiation') break;
    state = next;
    moves.push(move);
  }
  return { state, moves };
}

const gameArb = fc.record({
  scenario: scenarioArb,
  picks: fc.array(fc.nat(1000), { maxLength: 4 }),
  choice: fc.nat(10_000),
});
const RUNS = { numRuns: 120, seed: 11 };

describe('properties of the rating over generated games', () => {
  it('finds by branch and bound exactly what brute force finds: best deals, frontier, joint gap', () => {
    fc.assert(
      fc.property(gameArb, ({ scenario: g, picks, choice }) => {
        const s = buildScenario(g);
        const { state } = prefix(s, picks);
        const zone = bargainingZone(s, state, doctrinesOf(s, state));
        const deals = allDeals(zone).filter((d) => d.ratified);
        for (const side of SIDES) {
          const other = side === 'us' ? 'china' : 'us';
          const eligible = deals.filter((d) => d.values[other] >= zone.noDeal[other] - 1e-9);
          const best = bestDealFor(zone, side);
          if (eligible.length === 0) expect(best).toBeNull();
          else expect(best!.values[side]).toBeCloseTo(Math.max(...eligible.map((d) => d.values[side])), 9);
        }
        const frontier = ratifiableFrontier(zone);
        const brute = deals.filter(
          (d) =>
            !deals.some(
              (e) =>
                e.values.us >= d.values.us - 1e-12 &&
                e.values.china >= d.values.china - 1e-12 &&
                (e.values.us > d.values.us + 1e-9 || e.values.china > d.values.china + 1e-9),
            ),
        );
        const key = (d: ZoneDeal) => `${d.values.us.toFixed(6)}/${d.values.china.toFixed(6)}`;
        expect(frontier.map(key)).toEqual([
          ...new Set(brute.sort((a, b) => a.values.us - b.values.us).map(key)),
        ]);
        // The joint gap of any ratifiable deal, against brute force.
        if (deals.length > 0) {
          const d = deals[choice % deals.length]!;
          const gains = deals
            .filter((e) => e.values.us >= d.values.us - 1e-9 && e.values.china >= d.values.china - 1e-9)
            .map((e) => e.values.us - d.values.us + e.values.china - d.values.china);
          expect(jointGap(zone, d.values).gap).toBeCloseTo(Math.max(0, ...gains), 9);
        }
      }),
      RUNS,
    );
  });

  it('rates no deal 0, the best deal 100, and no deal in the zone above 100', () => {
    fc.assert(
      fc.property(gameArb, ({ scenario: g, picks }) => {
        const s = buildScenario(g);
        const { state } = prefix(s, picks);
        const zone = bargainingZone(s, state, doctrinesOf(s, state));
        const deals = allDeals(zone).filter((d) => d.ratified);
        for (const side of SIDES) {
          const other = side === 'us' ? 'china' : 'us';
          const best = bestDealFor(zone, side);
          const rate = (v: number) => ratingOf(v, zone.noDeal[side], best?.values[side] ?? null);
          if (rate(zone.noDeal[side]) === null) continue;
          expect(rate(zone.noDeal[side])).toBe(0);
          expect(rate(best!.values[side])).toBe(100);
          for (const d of deals)
            if (d.values[other] >= zone.noDeal[other])
              expect(rate(d.values[side])!).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
      RUNS,
    );
  });

  it('expects exactly what the engine then records, when nothing is drawn', () => {
    fc.assert(
      fc.property(gameArb, ({ scenario: g, picks, choice }) => {
        const s = buildScenario(g);
        const { state } = prefix(s, picks);
        const zone = bargainingZone(s, state, doctrinesOf(s, state));
        const deals = allDeals(zone).filter((d) => d.ratified);
        const doctrines = doctrinesOf(s, state);
        const walked = applyMove(s, state, { type: 'walkout', side: state.turn }).state;
        const indicatorsInRange = (st: GameState) =>
          st.trajectory.every((h) =>
            INDICATOR_IDS.every(
              (id) =>
                h.indicators[id] > (id === 'tension' ? 0 : id.endsWith('tradeGains') ? -250 : 0) &&
                h.indicators[id] < (id === 'tension' ? 10 : id.endsWith('tradeGains') ? 250 : 100),
            ),
          );
        // The projection is linear: it is exact when no indicator reaches the end of its range.
        if (indicatorsInRange(walked))
          for (const side of SIDES)
            expect(score(walked, doctrines[side]).total).toBeCloseTo(zone.walkout[side], 3);
        if (deals.length === 0) return;
        const d = deals[choice % deals.length]!;
        let st = state;
        const proposer = st.standing && st.standing.by !== st.turn ? null : st.turn;
        if (!proposer) st = applyMove(s, st, { type: 'reject', side: st.turn }).state;
        if (st.phase !== 'negotiation') return;
        st = applyMove(s, st, { type: 'propose', side: st.turn, package: d.package }).state;
        if (st.phase !== 'negotiation') return;
        // Judged where the deal is struck: just before the accept (the proposal may have closed a round).
        const expected = dealValues(bargainingZone(s, st, doctrines), d.package);
        const done = applyMove(s, st, { type: 'accept', side: st.turn }).state;
        expect(done.outcome?.kind).toBe('deal');
        if (indicatorsInRange(done))
          for (const side of SIDES) expect(score(done, doctrines[side]).total).toBeCloseTo(expected[side], 3);
      }),
      RUNS,
    );
  });

  it('is symmetric in the sides: swapping them swaps the ratings', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(10_000), (g, choice) => {
        const s = buildScenario(g);
        const m = mirror(s);
        const a = zoneAtStart(s);
        const b = zoneAtStart(m);
        expect(b.noDeal.us).toBeCloseTo(a.noDeal.china, 9);
        expect(b.noDeal.china).toBeCloseTo(a.noDeal.us, 9);
        for (const side of SIDES) {
          const flipped = side === 'us' ? 'china' : 'us';
          const x = bestDealFor(a, side);
          const y = bestDealFor(b, flipped);
          expect(y === null).toBe(x === null);
          if (x && y) expect(y.values[flipped]).toBeCloseTo(x.values[side], 9);
        }
        const deals = allDeals(a).filter((d) => d.ratified);
        if (deals.length === 0) return;
        const d = deals[choice % deals.length]!;
        const v = dealValues(b, d.package);
        for (const side of SIDES) {
          const flipped = side === 'us' ? 'china' : 'us';
          const ra = ratingOf(d.values[side], a.noDeal[side], bestDealFor(a, side)?.values[side] ?? null);
          const rb = ratingOf(
            v[flipped],
            b.noDeal[flipped],
            bestDealFor(b, flipped)?.values[flipped] ?? null,
          );
          if (ra === null) expect(rb).toBeNull();
          else expect(rb!).toBeCloseTo(ra, 6);
        }
        expect(jointGap(b, v).gap).toBeCloseTo(jointGap(a, d.values).gap, 9);
      }),
      RUNS,
    );
  });

  it('reads packages back and forth', () => {
    const zone = zoneAtStart();
    const pkg: Package = { tariffs: 'low', chips: 'relaxed' };
    expect(packageOfOutcome(zone, outcomeOfPackage(zone, pkg)!)).toEqual(pkg);
    expect(outcomeOfPackage(zone, { purchases: 'boycott' })).toBeNull();
    expect(outcomeOfPackage(zone, { nope: 'x' })).toBeNull();
  });
});
