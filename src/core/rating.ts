import { mean } from './distributions';
import {
  DEAL_TENSION,
  FAILED_RATIFICATION_TENSION,
  RETREAT_SHARE,
  THREAT_TENSION,
  WALKOUT_TENSION,
  ratification,
  replay,
  type Replay,
} from './engine';
import { INDICATORS, domesticSupportOf } from './indicators';
import { issuePathSum } from './projection';
import { doctrineOf, otherSide, positionOf } from './scenario-lookup';
import { listed } from './sentence';
import { pointsPerUnit, score } from './scoring';
import type {
  Doctrine,
  Explanation,
  GameSpec,
  GameState,
  IndicatorId,
  Move,
  OutcomeKind,
  Package,
  Scenario,
  Side,
} from './types';
import { INDICATOR_IDS, SIDES } from './types';

/**
 * Outcomes on the bargaining-zone scale (Raiffa's efficient frontier, as scorable negotiation
 * exercises are taught): for each side, 0 is what no deal was worth, 100 the best deal the other
 * side would have ratified and preferred to no deal, below 0 worse than no deal.
 * Beside it, the joint value left on the table: how much both sides together could still have
 * gained, neither losing, from a deal both could ratify.
 *
 * The value scale is the debrief's: a doctrine's score of the whole game, the time-averaged mean
 * change of each indicator over every round to the horizon, weighted (src/core/scoring.ts). Every
 * alternative at a moment shares the rounds already played, so it is valued as those rounds as
 * recorded plus the model's expected path from now on (src/core/projection.ts: no draws, snap-backs
 * followed). That path is linear in the issues: an issue's expected deviation depends only on its
 * own position, and a score is a weighted sum of indicator means. So a package's value is a
 * constant plus one term per issue, and ratification (expected domestic support after the package,
 * against a threshold) is a sum per issue too. The zone is therefore a multiple-choice problem
 * with linear constraints, searched exactly by branch and bound (one objective for a best deal or
 * the joint gap, two for the frontier); every answer passes the engine's own ratification test.
 *
 * A finished game is judged just before the move that ended its talks, so no deal and the zone
 * are what the side that took the last decision faced. The outcome itself is valued by its
 * recorded score, the number the debrief shows. Effects the linear projection leaves out (events,
 * random draws, indicators held at the ends of their ranges) show up as the difference between
 * that score and what the model expected when the talks ended; a rating names it when it matters.
 */

const N = INDICATOR_IDS.length;
const INDEX = Object.fromEntries(INDICATOR_IDS.map((id, i) => [id, i])) as Record<IndicatorId, number>;
/** Mean change of every indicator over the horizon, in INDICATOR_IDS order. */
type Changes = Float64Array;

/** Below this many score points a difference is rounding, not a finding. */
export const POINT_EPSILON = 1e-9;
/** A realised score this far from the model's expectation is worth explaining. */
export const NOTEWORTHY_POINTS = 0.05;

function coefficients(doctrine: Doctrine): Float64Array {
  const perUnit = pointsPerUnit(doctrine);
  const c = new Float64Array(N);
  for (const [id, k] of Object.entries(perUnit) as [IndicatorId, number][]) c[INDEX[id]] = k;
  return c;
}

function dot(c: Float64Array, v: Changes): number {
  let s = 0;
  for (let j = 0; j < N; j++) s += c[j]! * v[j]!;
  return s;
}

/** Share of the horizon a level change made now lasts (the rounds from now to the horizon). */
function share(scenario: Scenario, state: GameState): number {
  return Math.max(0, scenario.horizon - state.round + 1) / scenario.horizon;
}

function pathChanges(
  scenario: Scenario,
  state: GameState,
  issueId: string,
  positionId: string,
  kept: Partial<Record<IndicatorId, number>>,
): Changes {
  const moved = issuePathSum(scenario, state, issueId, positionId);
  const v = new Float64Array(N);
  for (let j = 0; j < N; j++)
    v[j] = ((moved[INDICATOR_IDS[j]!] ?? 0) - (kept[INDICATOR_IDS[j]!] ?? 0)) / scenario.horizon;
  return v;
}

/** A one-off level change now, as a mean change over the horizon. */
function levelChange(scenario: Scenario, state: GameState, indicator: IndicatorId, delta: number): Changes {
  const v = new Float64Array(N);
  v[INDEX[indicator]] = delta * share(scenario, state);
  return v;
}

function add(into: Changes, v: Changes): void {
  for (let j = 0; j < N; j++) into[j] = into[j]! + v[j]!;
}

/** The doctrine scores' common ground: the rounds recorded so far, then today's levels and the positions in force run on. */
function keptChanges(scenario: Scenario, state: GameState): Changes {
  const h = scenario.horizon;
  const start = state.trajectory[0]!.indicators;
  const recorded = state.trajectory.slice(1);
  if (recorded.length !== state.round - 1)
    throw new Error(
      `a bargaining zone is judged during the talks; round ${state.round} has ${recorded.length} rounds recorded`,
    );
  const v = new Float64Array(N);
  const ahead = h - state.round + 1;
  for (let j = 0; j < N; j++) {
    const id = INDICATOR_IDS[j]!;
    let sum = ahead * (state.indicators[id] - start[id]);
    for (const r of recorded) sum += r.indicators[id] - start[id];
    v[j] = sum / h;
  }
  for (const issue of scenario.issues) {
    const path = issuePathSum(scenario, state, issue.id, state.positions[issue.id]!);
    for (const [id, x] of Object.entries(path) as [IndicatorId, number][])
      v[INDEX[id]] = v[INDEX[id]]! + x / h;
  }
  return v;
}

/** One issue of the zone: the positions a deal may leave it in, each valued for both sides. */
export interface ZoneIssue {
  id: string;
  /** The position in force, then every negotiable position, in scenario order. */
  options: string[];
  current: number;
  /** Score points each option adds, against keeping the position in force, for each side (0 for the current one). */
  worth: Record<Side, number[]>;
  /** Expected change in each side's domestic support, as the engine's ratification test computes it. */
  support: Record<Side, number[]>;
}

/**
 * The choices open at one moment of a game, valued under one doctrine per side, on the debrief's
 * score scale. Built from the model alone: nothing here draws.
 */
export interface BargainingZone {
  scenario: Scenario;
  state: GameState;
  doctrines: Record<Side, Doctrine>;
  issues: ZoneIssue[];
  /** Expected score if the positions in force run on and nobody moves again. */
  kept: Record<Side, number>;
  /** Expected score of a deal that changes nothing (tension eases, pending threats are settled): every deal adds its issues' worth to this. */
  dealBase: Record<Side, number>;
  /**
   * Expected score of no deal from now: the positions in force run on and every pending threat is
   * carried out, as when talks break down. The 0 of the rating; the AI's reservation
   * (src/negotiators/game/game-domain.ts) counts the same things. (Walking out costs a further rise
   * in tension; see `walkout`.)
   */
  noDeal: Record<Side, number>;
  /** Expected score of walking out now: no deal, plus the walkout's own rise in tension. */
  walkout: Record<Side, number>;
  /** The package support must add for each side to ratify: threshold minus support now (±Infinity when the indicator's range decides). */
  supportNeed: Record<Side, number>;
}

function reenactChanges(scenario: Scenario, state: GameState, issueId: string, positionId: string): Changes {
  // The engine enacts a carried-out threat even when its position is already in force (an event
  // may have set it): the permanent effects apply again, the in-force levels are drawn afresh.
  const v = new Float64Array(N);
  for (const e of positionOf(scenario, issueId, positionId).effects ?? [])
    v[INDEX[e.indicator]] = v[INDEX[e.indicator]]! + mean(e.delta) * share(scenario, state);
  return v;
}

/** What no deal adds to keeping things as they are: each pending threat carried out. */
function noDealChanges(
  scenario: Scenario,
  state: GameState,
  keptPaths: Map<string, Partial<Record<IndicatorId, number>>>,
): Changes {
  const v = new Float64Array(N);
  for (const threat of state.threats) {
    if (threat.status !== 'pending') continue;
    add(v, threatChanges(scenario, state, threat.issue, threat.position, keptPaths));
  }
  return v;
}

function threatChanges(
  scenario: Scenario,
  state: GameState,
  issueId: string,
  positionId: string,
  keptPaths: Map<string, Partial<Record<IndicatorId, number>>>,
): Changes {
  const v =
    state.positions[issueId] === positionId
      ? reenactChanges(scenario, state, issueId, positionId)
      : pathChanges(scenario, state, issueId, positionId, keptPaths.get(issueId)!);
  add(v, levelChange(scenario, state, 'tension', positionOf(scenario, issueId, positionId).tension ?? 1));
  return v;
}

/** Expected domestic support after moving one issue, as the engine's ratification computes it, less the base (also the negotiators' ratification check). */
export function supportDelta(
  scenario: Scenario,
  state: GameState,
  side: Side,
  issueId: string,
  positionId: string,
): number {
  if (state.positions[issueId] === positionId) return 0;
  const indicator = domesticSupportOf(side);
  let delta = -(state.contributions[issueId]?.[indicator] ?? 0);
  const position = positionOf(scenario, issueId, positionId);
  for (const e of [...(position.effects ?? []), ...(position.inForce ?? [])])
    if (e.indicator === indicator) delta += mean(e.delta);
  return delta;
}

function supportNeed(scenario: Scenario, state: GameState, side: Side): number {
  const indicator = domesticSupportOf(side);
  const threshold = scenario.sides[side].ratificationThreshold;
  // The engine clamps projected support to the indicator's range before comparing.
  if (threshold <= INDICATORS[indicator].min) return -Infinity;
  if (threshold > INDICATORS[indicator].max) return Infinity;
  return threshold - state.indicators[indicator];
}

/** The bargaining zone at a moment of the talks (`state` must still be negotiating), under these doctrines. */
export function bargainingZone(
  scenario: Scenario,
  state: GameState,
  doctrines: Record<Side, Doctrine>,
): BargainingZone {
  if (state.phase !== 'negotiation')
    throw new Error('a bargaining zone is judged while the talks go on; this game has ended');
  const coef = { us: coefficients(doctrines.us), china: coefficients(doctrines.china) };
  const keptPaths = new Map(
    scenario.issues.map((i) => [i.id, issuePathSum(scenario, state, i.id, state.positions[i.id]!)]),
  );
  const issues: ZoneIssue[] = scenario.issues.map((issue) => {
    const current = state.positions[issue.id]!;
    const options = issue.positions.filter((p) => p.id === current || !p.escalation).map((p) => p.id);
    const imposer = state.imposed[issue.id];
    const worth: Record<Side, number[]> = { us: [], china: [] };
    const support: Record<Side, number[]> = { us: [], china: [] };
    for (const o of options) {
      let v: Changes = new Float64Array(N);
      if (o !== current) {
        v = pathChanges(scenario, state, issue.id, o, keptPaths.get(issue.id)!);
        // Lifting in a deal a measure imposed during the game costs the imposer at home.
        if (imposer)
          add(
            v,
            levelChange(
              scenario,
              state,
              domesticSupportOf(imposer),
              -scenario.sides[imposer].audienceCost * RETREAT_SHARE,
            ),
          );
      }
      for (const side of SIDES) {
        worth[side].push(o === current ? 0 : dot(coef[side], v));
        support[side].push(supportDelta(scenario, state, side, issue.id, o));
      }
    }
    return { id: issue.id, options, current: options.indexOf(current), worth, support };
  });
  const kept = keptChanges(scenario, state);
  const deal = Float64Array.from(kept);
  add(deal, levelChange(scenario, state, 'tension', DEAL_TENSION));
  const none = Float64Array.from(kept);
  add(none, noDealChanges(scenario, state, keptPaths));
  const walk = Float64Array.from(none);
  add(walk, levelChange(scenario, state, 'tension', WALKOUT_TENSION));
  const per = (v: Changes) => ({ us: dot(coef.us, v), china: dot(coef.china, v) });
  return {
    scenario,
    state,
    doctrines,
    issues,
    kept: per(kept),
    dealBase: per(deal),
    noDeal: per(none),
    walkout: per(walk),
    supportNeed: { us: supportNeed(scenario, state, 'us'), china: supportNeed(scenario, state, 'china') },
  };
}

/** A package of the zone with its expected value to each side. */
export interface ZoneDeal {
  package: Package;
  values: Record<Side, number>;
}

/** A full outcome (an option index per zone issue) as the game writes a package: only the issues it changes. */
export function packageOfOutcome(zone: BargainingZone, outcome: readonly number[]): Package {
  const pkg: Package = {};
  zone.issues.forEach((issue, i) => {
    if (outcome[i] !== issue.current) pkg[issue.id] = issue.options[outcome[i]!]!;
  });
  return pkg;
}

/** The outcome of a package in the zone, or null when it names a position a deal cannot set (a unilateral measure, an unknown one). */
export function outcomeOfPackage(zone: BargainingZone, pkg: Package): number[] | null {
  const out: number[] = [];
  for (const issue of zone.issues) {
    const o = pkg[issue.id] === undefined ? issue.current : issue.options.indexOf(pkg[issue.id]!);
    if (o < 0) return null;
    out.push(o);
  }
  return Object.keys(pkg).every((id) => zone.issues.some((i) => i.id === id)) ? out : null;
}

function outcomeValues(zone: BargainingZone, outcome: readonly number[]): Record<Side, number> {
  const values = { ...zone.dealBase };
  zone.issues.forEach((issue, i) => {
    for (const side of SIDES) values[side] += issue.worth[side][outcome[i]!]!;
  });
  return values;
}

/** The expected value to each side of agreeing to `pkg` now (the debrief's score scale). */
export function dealValues(zone: BargainingZone, pkg: Package): Record<Side, number> {
  const outcome = outcomeOfPackage(zone, pkg);
  if (!outcome) throw new Error(`the package ${JSON.stringify(pkg)} names a position no deal can set`);
  return outcomeValues(zone, outcome);
}

/** Whether both sides' domestic politics would ratify `pkg` now: the engine's own test, so the zone never disagrees with it. */
export function bothRatify(zone: BargainingZone, pkg: Package): boolean {
  return SIDES.every((side) => ratification(zone.scenario, zone.state, pkg, side).ratified);
}

interface SearchOrder {
  /** Zone issue index at each depth. */
  issue: number[];
  /** Option indices at each depth, best for the objective first. */
  options: number[][];
}

/**
 * The package that maximises `objective` (a weight per side on its value) among those both sides
 * ratify, that change something, and that are worth at least `floor` to each side. Exact: branch
 * and bound over the issues with the per-issue maxima of what remains as bounds, each answer
 * confirmed by the engine's ratification test. Null when no package qualifies.
 */
export function optimiseDeal(
  zone: BargainingZone,
  objective: Record<Side, number>,
  floor: Record<Side, number> = { us: -Infinity, china: -Infinity },
): ZoneDeal | null {
  const issues = zone.issues;
  const n = issues.length;
  const obj = issues.map((iss) =>
    iss.options.map((_, o) => objective.us * iss.worth.us[o]! + objective.china * iss.worth.china[o]!),
  );
  const order: SearchOrder = { issue: [], options: [] };
  const spread = (i: number) => Math.max(...obj[i]!) - Math.min(...obj[i]!);
  order.issue = issues.map((_, i) => i).sort((a, b) => spread(b) - spread(a) || a - b);
  order.options = order.issue.map((i) =>
    obj[i]!.map((_, o) => o).sort((a, b) => obj[i]![b]! - obj[i]![a]! || a - b),
  );
  // Suffix maxima: the most that the issues from depth d on can still add, per quantity.
  const suffix = (f: (i: number, o: number) => number) => {
    const out = new Float64Array(n + 1);
    for (let d = n - 1; d >= 0; d--) {
      const i = order.issue[d]!;
      let m = -Infinity;
      for (let o = 0; o < issues[i]!.options.length; o++) m = Math.max(m, f(i, o));
      out[d] = out[d + 1]! + m;
    }
    return out;
  };
  const maxObj = suffix((i, o) => obj[i]![o]!);
  const maxUs = suffix((i, o) => issues[i]!.worth.us[o]!);
  const maxCh = suffix((i, o) => issues[i]!.worth.china[o]!);
  const maxSupUs = suffix((i, o) => issues[i]!.support.us[o]!);
  const maxSupCh = suffix((i, o) => issues[i]!.support.china[o]!);
  const needUs = floor.us - zone.dealBase.us;
  const needCh = floor.china - zone.dealBase.china;
  const slack = 1e-9;

  const choice = new Array<number>(n).fill(0);
  let best: { obj: number; outcome: number[] } | null = null;
  const visit = (
    d: number,
    o: number,
    us: number,
    ch: number,
    sUs: number,
    sCh: number,
    changed: number,
  ): void => {
    if (o + maxObj[d]! <= (best ? best.obj + slack : -Infinity)) return;
    if (us + maxUs[d]! < needUs - slack || ch + maxCh[d]! < needCh - slack) return;
    if (
      sUs + maxSupUs[d]! < zone.supportNeed.us - slack ||
      sCh + maxSupCh[d]! < zone.supportNeed.china - slack
    )
      return;
    if (d === n) {
      if (changed === 0) return;
      const outcome = [...choice];
      const pkg = packageOfOutcome(zone, outcome);
      if (!bothRatify(zone, pkg)) return;
      const values = outcomeValues(zone, outcome);
      if (values.us < floor.us - slack || values.china < floor.china - slack) return;
      best = { obj: o, outcome };
      return;
    }
    const i = order.issue[d]!;
    const iss = issues[i]!;
    for (const opt of order.options[d]!) {
      choice[i] = opt;
      visit(
        d + 1,
        o + obj[i]![opt]!,
        us + iss.worth.us[opt]!,
        ch + iss.worth.china[opt]!,
        sUs + iss.support.us[opt]!,
        sCh + iss.support.china[opt]!,
        changed + (opt === iss.current ? 0 : 1),
      );
    }
  };
  visit(0, 0, 0, 0, 0, 0, 0);
  if (!best) return null;
  const found: { obj: number; outcome: number[] } = best;
  return { package: packageOfOutcome(zone, found.outcome), values: outcomeValues(zone, found.outcome) };
}

/**
 * The best deal for `side` that both sides would ratify and the other side would prefer to no deal
 * (100 on `side`'s rating); among equally good ones, the best for the other side. Null when there
 * is none.
 */
export function bestDealFor(zone: BargainingZone, side: Side): ZoneDeal | null {
  const other = otherSide(side);
  const floor = { [side]: -Infinity, [other]: zone.noDeal[other] } as Record<Side, number>;
  const first = optimiseDeal(zone, { [side]: 1, [other]: 0 } as Record<Side, number>, floor);
  if (!first) return null;
  // Second pass: the same value for this side, as much as possible for the other (a point on the frontier).
  const tie = { ...floor, [side]: first.values[side] - 1e-9 } as Record<Side, number>;
  const second = optimiseDeal(zone, { [side]: 0, [other]: 1 } as Record<Side, number>, tie);
  return second && second.values[side] >= first.values[side] - 1e-9 ? second : first;
}

/**
 * The joint value left on the table by an outcome worth `values` (expected, at this moment): the
 * largest sum of gains over it, in score points, of a deal both sides ratify and neither likes
 * less. 0 when the outcome is on the frontier.
 */
export function jointGap(
  zone: BargainingZone,
  values: Record<Side, number>,
): { gap: number; deal: ZoneDeal | null } {
  const deal = optimiseDeal(zone, { us: 1, china: 1 }, values);
  if (!deal) return { gap: 0, deal: null };
  const gap = deal.values.us - values.us + deal.values.china - values.china;
  return gap > POINT_EPSILON ? { gap, deal } : { gap: 0, deal: null };
}

/** Raiffa's scale: 0 at no deal, 100 at the best deal in the zone. Null when the zone gives this side nothing better than no deal. */
export function ratingOf(value: number, noDeal: number, best: number | null): number | null {
  if (best === null || best - noDeal <= POINT_EPSILON) return null;
  return 100 * ((value - noDeal) / (best - noDeal));
}

/**
 * Every deal both sides would ratify that no other such deal beats for both: the efficient
 * frontier, by US value ascending (China's value then descends). Branch and bound for two
 * objectives: a branch is cut when even its best conceivable completion (each remaining issue at
 * its best for each side) is matched or beaten for both sides by a deal already found, or when its
 * support can no longer reach either side's threshold. Each deal enters the frontier only once the
 * engine's exact ratification test passes it.
 */
export function ratifiableFrontier(zone: BargainingZone): ZoneDeal[] {
  const issues = zone.issues;
  const n = issues.length;
  const spread = (i: number) =>
    Math.max(...issues[i]!.worth.us) -
    Math.min(...issues[i]!.worth.us) +
    Math.max(...issues[i]!.worth.china) -
    Math.min(...issues[i]!.worth.china);
  const order = issues.map((_, i) => i).sort((a, b) => spread(b) - spread(a) || a - b);
  const suffix = (f: (iss: ZoneIssue) => number) => {
    const out = new Float64Array(n + 1);
    for (let d = n - 1; d >= 0; d--) out[d] = out[d + 1]! + f(issues[order[d]!]!);
    return out;
  };
  const maxUs = suffix((iss) => Math.max(...iss.worth.us));
  const maxCh = suffix((iss) => Math.max(...iss.worth.china));
  const maxSupUs = suffix((iss) => Math.max(...iss.support.us));
  const maxSupCh = suffix((iss) => Math.max(...iss.support.china));
  // Options of each issue, the better for both sides together first, so good deals are found early.
  const options = order.map((i) => {
    const iss = issues[i]!;
    return iss.options
      .map((_, o) => o)
      .sort(
        (a, b) => iss.worth.us[b]! + iss.worth.china[b]! - iss.worth.us[a]! - iss.worth.china[a]! || a - b,
      );
  });
  // The frontier so far: US value ascending, China's value strictly descending.
  const front: { us: number; china: number; outcome: number[] }[] = [];
  /** Whether a deal already found gives at least `us` and `china` (within rounding). */
  const dominated = (us: number, china: number): boolean => {
    let lo = 0;
    let hi = front.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (front[mid]!.us < us - POINT_EPSILON) lo = mid + 1;
      else hi = mid;
    }
    return lo < front.length && front[lo]!.china >= china - POINT_EPSILON;
  };
  const insert = (us: number, china: number, outcome: number[]) => {
    // Drop the points the new one dominates, then place it by US value.
    for (let k = front.length - 1; k >= 0; k--)
      if (front[k]!.us <= us + POINT_EPSILON && front[k]!.china <= china + POINT_EPSILON) front.splice(k, 1);
    let at = 0;
    while (at < front.length && front[at]!.us < us) at++;
    front.splice(at, 0, { us, china, outcome });
  };
  const choice = issues.map((iss) => iss.current);
  const slack = 1e-9;
  const visit = (d: number, vUs: number, vCh: number, sUs: number, sCh: number, changed: number): void => {
    if (
      sUs + maxSupUs[d]! < zone.supportNeed.us - slack ||
      sCh + maxSupCh[d]! < zone.supportNeed.china - slack
    )
      return;
    if (dominated(vUs + maxUs[d]!, vCh + maxCh[d]!)) return;
    if (d === n) {
      if (changed === 0) return;
      const outcome = [...choice];
      if (bothRatify(zone, packageOfOutcome(zone, outcome))) insert(vUs, vCh, outcome);
      return;
    }
    const i = order[d]!;
    const iss = issues[i]!;
    for (const o of options[d]!) {
      choice[i] = o;
      visit(
        d + 1,
        vUs + iss.worth.us[o]!,
        vCh + iss.worth.china[o]!,
        sUs + iss.support.us[o]!,
        sCh + iss.support.china[o]!,
        changed + (o === iss.current ? 0 : 1),
      );
    }
    choice[i] = iss.current;
  };
  visit(0, zone.dealBase.us, zone.dealBase.china, 0, 0, 0);
  return front.map((p) => ({
    package: packageOfOutcome(zone, p.outcome),
    values: outcomeValues(zone, p.outcome),
  }));
}

/**
 * The Nash bargaining solution among the frontier's deals: the one that maximises the product of
 * both sides' gains over no deal. Null when no deal gives both sides more than no deal does.
 */
export function nashDeal(frontier: readonly ZoneDeal[], noDeal: Record<Side, number>): ZoneDeal | null {
  let best: ZoneDeal | null = null;
  let top = 0;
  for (const d of frontier) {
    const gu = d.values.us - noDeal.us;
    const gc = d.values.china - noDeal.china;
    if (gu <= POINT_EPSILON || gc <= POINT_EPSILON) continue;
    if (gu * gc > top) {
      top = gu * gc;
      best = d;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// A finished game, rated

/** Why a rating is what it is, when the bare number would mislead. */
export type RatingReason =
  /** No deal the other side would have ratified and preferred to no deal was better for this side than no deal. */
  | { kind: 'no-zone'; text: string }
  /** When it was struck, the model already expected the deal to be worth less to this side than no deal. */
  | { kind: 'below-no-deal'; points: number; text: string }
  /** The talks ended without a deal in a way that cost (or gained) more than no deal itself: a walkout's tension, a threat abandoned or a measure imposed at the last moment. */
  | { kind: 'ending'; points: number; text: string }
  /** What happened after the moment of judgement (events, draws, indicators held at the end of their range) moved the recorded score away from the model's expectation. */
  | { kind: 'afterwards'; points: number; events: string[]; text: string }
  /** The other side agreed to less than no deal was worth to it, so this side did better than any deal that side had reason to accept. */
  | { kind: 'beyond-best'; text: string };
export type RatingReasonKind = RatingReason['kind'];

export interface SideRating {
  side: Side;
  doctrine: string;
  /** The rating (0 = no deal, 100 = the best deal in the zone), or null when the zone offered this side nothing better than no deal. */
  rating: number | null;
  /** The outcome's score under the side's doctrine: the number the debrief shows. */
  value: number;
  /** What the model expected the outcome to be worth when it was judged. */
  expected: number;
  /** The rating of that expectation: the outcome as it looked when the talks ended. */
  expectedRating: number | null;
  /** No deal, when it was judged. */
  noDeal: number;
  /** The best deal in the zone for this side, and its value. */
  best: number | null;
  bestPackage: Package | null;
  /** This side accepted the deal reached (its move ended the talks with a deal). */
  accepted: boolean;
  reasons: RatingReason[];
}

/** When an outcome is judged: the state just before the move that ended the talks. */
export interface JudgedMoment {
  /** Moves played before it. */
  moves: number;
  round: number;
}

export interface GameRating {
  outcome: OutcomeKind;
  judgedAt: JudgedMoment;
  sides: Record<Side, SideRating>;
  /** Joint value left on the table, in score points (0 when the outcome is on the frontier). */
  jointGap: number;
  /** The deal that would have given both sides that much more together, neither losing, if any. */
  gapPackage: Package | null;
}

/** Round a figure to 4 decimals for output, as scores are. */
export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

interface ExpectedOutcome {
  values: Record<Side, number>;
  /** For an ending without a deal: what made it differ from no deal, in words. */
  causes: string[];
}

/**
 * The expected value of the move that ended the talks, from the zone just before it: the deal's
 * package; or no deal plus the walkout's tension; or, at the deadline, no deal as the last round
 * left it (a measure imposed or a threat made in it, threats falling due in it abandoned at a cost).
 */
function expectedOutcome(zone: BargainingZone, last: Move, outcome: OutcomeKind): ExpectedOutcome {
  const { scenario, state, doctrines } = zone;
  if (outcome === 'deal') return { values: dealValues(zone, state.standing!.package), causes: [] };
  if (outcome === 'walkout')
    return {
      values: { ...zone.walkout },
      causes: [`walking out raised tension by ${WALKOUT_TENSION} rungs`],
    };
  const label = (side: Side) => scenario.sides[side].label;
  const v = new Float64Array(N);
  const causes: string[] = [];
  const keptPaths = new Map(
    scenario.issues.map((i) => [i.id, issuePathSum(scenario, state, i.id, state.positions[i.id]!)]),
  );
  const threats = state.threats.filter((t) => t.status === 'pending').map((t) => ({ ...t }));
  if (last.type === 'impose') {
    add(v, threatChanges(scenario, state, last.issue, last.position, keptPaths));
    causes.push(
      `${label(last.side)} imposed ${positionOf(scenario, last.issue, last.position).label} in the last round`,
    );
    for (const t of threats)
      if (t.side === last.side && t.issue === last.issue && t.position === last.position)
        t.status = 'carried-out';
  } else if (last.type === 'threaten') {
    add(v, levelChange(scenario, state, 'tension', THREAT_TENSION));
    causes.push(`${label(last.side)} made a public threat in the last round`);
    threats.push({
      side: last.side,
      issue: last.issue,
      position: last.position,
      madeRound: state.round,
      dueRound: state.round + scenario.threatWindow,
      status: 'pending',
    });
  } else if (last.type === 'accept') {
    add(v, levelChange(scenario, state, 'tension', FAILED_RATIFICATION_TENSION));
    causes.push('a deal failed at home in the last round');
  }
  for (const t of threats) {
    if (t.status !== 'pending') continue;
    if (t.dueRound === state.round) {
      add(v, levelChange(scenario, state, domesticSupportOf(t.side), -scenario.sides[t.side].audienceCost));
      causes.push(`${label(t.side)} let a threat fall due in the last round without acting`);
    } else add(v, threatChanges(scenario, state, t.issue, t.position, keptPaths));
  }
  return {
    values: {
      us: zone.kept.us + dot(coefficients(doctrines.us), v),
      china: zone.kept.china + dot(coefficients(doctrines.china), v),
    },
    causes,
  };
}

/** Rate a finished game for both sides under the doctrines each was judged by. */
export function rateGame(scenario: Scenario, spec: GameSpec, doctrines?: Record<Side, Doctrine>): GameRating {
  return rateReplay(scenario, replay(scenario, spec.seed, spec.options, spec.moves), spec.moves, doctrines);
}

/**
 * The same, from a replay already made (the debrief has one). Judged at the state just before the
 * move that ended the talks: no deal and the zone are what they were when the last decision was
 * taken, so the deal accepted is rated against the choices open to the side that accepted it.
 * `doctrines` defaults to the doctrines each side was judged by in the game.
 */
export function rateReplay(
  scenario: Scenario,
  run: Replay,
  moves: readonly Move[],
  doctrines?: Record<Side, Doctrine>,
): GameRating {
  const final = run.final;
  if (!final.outcome || moves.length === 0) throw new Error('a game is rated once its talks have ended');
  const k = moves.length - 1;
  const before = run.states[k]!;
  const judgedBy = doctrines ?? {
    us: doctrineOf(scenario, final.options.doctrines.us),
    china: doctrineOf(scenario, final.options.doctrines.china),
  };
  const zone = bargainingZone(scenario, before, judgedBy);
  const expected = expectedOutcome(zone, moves[k]!, final.outcome.kind);
  const gap = jointGap(zone, expected.values);
  const after = afterwards(scenario, run.explanations[k] ?? []);
  const sides = {} as Record<Side, SideRating>;
  for (const side of SIDES) {
    const best = bestDealFor(zone, side);
    const value = score(final, judgedBy[side]).total;
    sides[side] = {
      side,
      doctrine: judgedBy[side].id,
      rating: ratingOf(value, zone.noDeal[side], best?.values[side] ?? null),
      value,
      expected: expected.values[side],
      expectedRating: ratingOf(expected.values[side], zone.noDeal[side], best?.values[side] ?? null),
      noDeal: zone.noDeal[side],
      best: best?.values[side] ?? null,
      bestPackage: best?.package ?? null,
      accepted: final.outcome.kind === 'deal' && final.outcome.by === side,
      reasons: [],
    };
  }
  for (const side of SIDES)
    sides[side].reasons = reasonsFor(
      scenario,
      sides[side],
      sides[otherSide(side)],
      final.outcome.kind,
      expected.causes,
      after,
    );
  return {
    outcome: final.outcome.kind,
    judgedAt: { moves: k, round: before.round },
    sides,
    jointGap: gap.gap,
    gapPackage: gap.deal?.package ?? null,
  };
}

/** What happened after the moment of judgement that the model's expectation leaves out. */
interface Afterwards {
  /** Titles of the model events that fired, with how often. */
  events: string[];
  /** Some effect was drawn from its distribution. */
  drawn: boolean;
  /** Some indicator was held at the end of its range. */
  clamped: boolean;
}

function afterwards(scenario: Scenario, explanations: readonly Explanation[]): Afterwards {
  const counts = new Map<string, number>();
  // An event is announced once, then each of its effects is explained with its id as well.
  for (const e of explanations) {
    if (e.kind === 'event' && e.event && e.indicator === undefined)
      counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
  }
  const events = [...counts].map(([id, n]) => {
    const title = scenario.events.find((ev) => ev.id === id)?.title ?? id;
    return n > 1 ? `${title} (${n} times)` : title;
  });
  return {
    events,
    drawn: explanations.some((e) => e.draw !== undefined),
    clamped: explanations.some((e) => e.clamped),
  };
}


function pts(x: number): string {
  const text = Math.abs(x).toFixed(1);
  return `${text} point${text === '1.0' ? '' : 's'}`;
}

function reasonsFor(
  scenario: Scenario,
  own: SideRating,
  other: SideRating,
  outcome: OutcomeKind,
  causes: string[],
  after: Afterwards,
): RatingReason[] {
  const reasons: RatingReason[] = [];
  const name = scenario.sides[own.side].label;
  const otherName = scenario.sides[other.side].label;
  if (own.best === null || own.best - own.noDeal <= POINT_EPSILON) {
    reasons.push({
      kind: 'no-zone',
      text: `No deal ${otherName} would have ratified and preferred to no deal was worth more to ${name} than no deal, so no deal was the best ${name} could do.`,
    });
  }
  // Below 0 means value < no deal, which is (expected − no deal) + (value − expected): every
  // negative part of that is named, however small; otherwise only parts that matter are.
  const below = own.value < own.noDeal;
  const ending = own.expected - own.noDeal;
  if (outcome === 'deal' && (ending < -NOTEWORTHY_POINTS || (below && ending < 0))) {
    reasons.push({
      kind: 'below-no-deal',
      points: ending,
      text: `${name} ${own.accepted ? 'accepted' : 'agreed to'} a deal the model already expected to be worth ${pts(ending)} less to it than no deal.`,
    });
  }
  if (outcome !== 'deal' && (Math.abs(ending) >= NOTEWORTHY_POINTS || (below && ending < 0))) {
    const how = causes.length > 0 ? causes.join('; ') : 'the way the talks ended';
    reasons.push({
      kind: 'ending',
      points: ending,
      text: `The talks ended without a deal, and ${how}: ${pts(ending)} ${ending < 0 ? 'worse' : 'better'} for ${name} than no deal alone.`,
    });
  }
  const luck = own.value - own.expected;
  if (Math.abs(luck) >= NOTEWORTHY_POINTS || (below && luck < 0)) {
    const parts = [
      ...(after.events.length > 0 ? [`the events (${after.events.join('; ')})`] : []),
      ...(after.drawn ? ['the draws of uncertain effects'] : []),
      ...(after.clamped ? ['indicators held at the end of their range'] : []),
    ];
    const what = parts.length > 0 ? listed(parts) : "effects the model's expectation leaves out";
    reasons.push({
      kind: 'afterwards',
      points: luck,
      events: after.events,
      text: `What happened ${outcome === 'deal' ? 'after the deal' : 'after the talks'}, ${what}, made the outcome worth ${pts(luck)} ${luck < 0 ? 'less' : 'more'} to ${name} than the model expected when it was judged.`,
    });
  }
  if (
    outcome === 'deal' &&
    other.expected < other.noDeal - NOTEWORTHY_POINTS &&
    own.best !== null &&
    own.expected > own.best + NOTEWORTHY_POINTS
  ) {
    reasons.push({
      kind: 'beyond-best',
      text: `${otherName} agreed to less than no deal was worth to it, so this deal is better for ${name} than any deal ${otherName} had reason to accept.`,
    });
  }
  return reasons;
}
