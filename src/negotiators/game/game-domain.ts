import { DEAL_TENSION, RETREAT_SHARE } from '../../core/engine';
import { clampIndicator, domesticSupportOf, INDICATORS } from '../../core/indicators';
import { positionWorth } from '../../core/projection';
import { otherSide, positionOf } from '../../core/scenario-lookup';
import { scoreTotal } from '../../core/scoring';
import { supportDelta } from '../../core/rating';
import type { Doctrine, GameState, IndicatorId, Package, Profile, Scenario, Side } from '../../core/types';
import type { Domain, Outcome, Preferences } from '../domain';
import { PackageNumbering } from '../domain';
import type { LinearFloor } from '../search-table';
import { INFEASIBLE, SearchTable } from '../search-table';

/**
 * A side's negotiation problem in the game, as a generic domain. Its utility of a package is its
 * doctrine's weighting of the expected indicator changes the package brings (positionWorth, in
 * score points: linear over the issues), normalised so that the weights sum to 1 and each issue's
 * values run from 0 to 1. Its reservation is its walk-away value (`walkAway`), what no deal is worth
 * on the same scale: the measures in force run on to the horizon and every pending threat is
 * carried out. It is not kept within [0, 1]: above 1 no package is worth signing, below 0 every
 * one is. A deal also calms tension, and lifting a measure the side imposed itself costs it at
 * home; both are counted.
 *
 * A measure the other side imposed on it during the talks is something a deal must reverse: the
 * position in force on that issue is not among its options, so it neither offers nor signs a deal
 * that leaves it in force (coercion is not rewarded with a deal that keeps it).
 *
 * Packages it may never sign are worth INFEASIBLE (minus infinity) in its table, below any
 * reservation, so no strategy offers or accepts them: those that change nothing, and those either
 * side's domestic politics would not ratify (its own with a safety margin that grows as its support
 * falls, by its profile's sensitivity). Red-line positions are not options at all. The table is
 * searched by branch and bound (search-table.ts), never enumerated: a scenario with a dozen issues
 * has a hundred thousand packages, and a side decides many times a game.
 */

export { INFEASIBLE };

/** How many points of domestic support above the threshold a fully sensitive negotiator wants per point of support lost. */
export const WIN_SET_MARGIN_PER_POINT = 0.5;

export interface GameIssue {
  id: string;
  /** Position ids, in scenario order, that this side may agree to (or keep). */
  options: string[];
  /** Worth of each option in score points under the side's doctrine (0 for the position in force). */
  worths: number[];
  /** The option in force now; -1 when it is a measure this side requires a deal to reverse. */
  current: number;
  /** The position in force now. */
  inForce: string;
  /** The other side imposed the position in force during the talks: a deal must reverse it. */
  reverse: boolean;
}

export interface RatificationModel {
  side: Side;
  base: number;
  threshold: number;
  /** Extra support this negotiator wants above the threshold before it signs (0 for the other side). */
  margin: number;
  /** deltas[i][o]: expected change in support if issue i moves to option o. */
  deltas: number[][];
}

export interface GameDomain {
  side: Side;
  doctrine: Doctrine;
  profile: Profile;
  issues: GameIssue[];
  domain: Domain;
  prefs: Preferences;
  space: PackageNumbering;
  table: SearchTable;
  /** Score points: the scale the normalisation maps to [0, 1]. */
  offset: number;
  scale: number;
  /** What a deal is worth beyond its package (calmer relations), in points. */
  dealBonus: number;
  /** What no deal is worth against the status quo, in points. */
  noDealWorth: number;
  /** The walk-away value on the utility scale (prefs.reservation is the same). */
  rawReservation: number;
  home: RatificationModel;
  there: RatificationModel;
}

/** Share of the horizon a change made now lasts: the engine scores the mean over all rounds. */
export function remainingShare(scenario: Scenario, state: GameState): number {
  return Math.max(0, scenario.horizon - state.round + 1) / scenario.horizon;
}

/** A lasting change in one indicator from now on, in a doctrine's score points. */
export function levelWorth(
  scenario: Scenario,
  state: GameState,
  doctrine: Doctrine,
  indicator: IndicatorId,
  delta: number,
): number {
  return scoreTotal({ [indicator]: delta * remainingShare(scenario, state) }, doctrine);
}

function ratificationModel(
  scenario: Scenario,
  state: GameState,
  side: Side,
  issues: GameIssue[],
  margin: number,
): RatificationModel {
  return {
    side,
    base: state.indicators[domesticSupportOf(side)],
    threshold: scenario.sides[side].ratificationThreshold,
    margin,
    deltas: issues.map((issue) => issue.options.map((o) => supportDelta(scenario, state, side, issue.id, o))),
  };
}

/** Projected domestic support under a package, clamped to the indicator's range as the engine does. */
export function projectedSupport(model: RatificationModel, outcome: Outcome): number {
  let projected = model.base;
  for (let i = 0; i < outcome.length; i++) projected += model.deltas[i]![outcome[i]!]!;
  return clampIndicator(domesticSupportOf(model.side), projected);
}

export function ratifies(model: RatificationModel, outcome: Outcome): boolean {
  return projectedSupport(model, outcome) >= model.threshold + model.margin;
}

/** Ratification as a floor on packages, as the search table checks it: the same sums, clamp and test as `ratifies`. */
export function ratificationFloor(model: RatificationModel): LinearFloor {
  const def = INDICATORS[domesticSupportOf(model.side)];
  return {
    base: model.base,
    deltas: model.deltas,
    min: def.min,
    max: def.max,
    needed: model.threshold + model.margin,
  };
}

/** The margin a negotiator keeps above its ratification threshold: its sensitivity times half the support it has lost. */
export function winSetMargin(scenario: Scenario, state: GameState, side: Side, profile: Profile): number {
  const indicator = domesticSupportOf(side);
  const lost = Math.max(0, state.trajectory[0]!.indicators[indicator] - state.indicators[indicator]);
  return profile.domesticSensitivity * WIN_SET_MARGIN_PER_POINT * lost;
}

/** The issues, preferences and reservation of a side now, without enumerating packages. */
export interface GamePreferences {
  issues: GameIssue[];
  prefs: Preferences;
  offset: number;
  scale: number;
  dealBonus: number;
  noDealWorth: number;
  rawReservation: number;
}

/**
 * What no deal is worth to a doctrine now, in its score points against the state in force: the
 * measures in force run on to the horizon (worth 0 on this scale) and every pending threat, of
 * either side, is carried out, with the tension it adds.
 */
export function noDealValue(
  scenario: Scenario,
  state: GameState,
  doctrine: Doctrine,
  worthOf: WorthOf = positionWorth,
): number {
  const share = remainingShare(scenario, state);
  let worth = 0;
  for (const threat of state.threats) {
    if (threat.status !== 'pending') continue;
    worth += worthOf(scenario, state, doctrine, threat.issue, threat.position);
    worth += scoreTotal({ tension: (positionOf(scenario, threat.issue, threat.position).tension ?? 1) * share }, doctrine);
  }
  return worth;
}

/** A side's walk-away value: what no deal is worth, in points and on its packages' utility scale. */
export interface WalkAway {
  points: number;
  /**
   * The same on the normalised scale of the side's package utilities (a package is worth more
   * than walking away exactly when its utility is above this). Not kept within [0, 1]: above 1 no
   * package beats walking away, below 0 every package does.
   */
  utility: number;
}

/**
 * THE walk-away value of a negotiator: every decision compares a deal with this, and nothing
 * else. A package's worth in points is offset + utility * scale + dealBonus (toPoints): the deal
 * itself calms tension, which no deal does not.
 */
export function walkAway(p: {
  offset: number;
  scale: number;
  dealBonus: number;
  noDealWorth: number;
}): WalkAway {
  return {
    points: p.noDealWorth,
    utility: p.scale > 0 ? (p.noDealWorth - p.dealBonus - p.offset) / p.scale : 0,
  };
}

/** What moving an issue to a position is worth to a doctrine now: positionWorth, or a memo of it (Worths). */
export type WorthOf = (
  scenario: Scenario,
  state: GameState,
  doctrine: Doctrine,
  issueId: string,
  positionId: string,
) => number;

/**
 * positionWorth, remembered for every game of a scenario: a position's worth depends only on the
 * doctrine, the round, the issue's position in force, the round it was enacted and what its drawn
 * effects brought in, and games of a scenario ask for the same ones turn after turn (most issues
 * stay as they started). A pure memo: it changes no answer, only its cost. It is emptied when it
 * grows past WORTHS_KEPT entries, so a long Monte Carlo run does not grow it without end.
 */
const WORTHS = new WeakMap<Scenario, { size: number; byIssue: Map<string, Map<string, Map<string, number>>> }>();
export const WORTHS_KEPT = 100_000;

/**
 * The part of a worth's memo key that a state and an issue give, written once per state and issue
 * (a state is never changed once made: the engine clones before it moves), not once per option.
 */
const ISSUE_KEYS = new WeakMap<GameState, Map<string, string>>();

function issueKey(state: GameState, issueId: string): string {
  let keys = ISSUE_KEYS.get(state);
  if (!keys) ISSUE_KEYS.set(state, (keys = new Map()));
  let key = keys.get(issueId);
  if (key === undefined) {
    key = flatKey([
      issueId,
      state.round,
      state.positions[issueId],
      state.enactedRound[issueId],
      JSON.stringify(state.contributions[issueId] ?? null),
    ]);
    keys.set(issueId, key);
  }
  return key;
}

export function scenarioWorths(scenario: Scenario): WorthOf {
  let memo = WORTHS.get(scenario);
  if (!memo) WORTHS.set(scenario, (memo = { size: 0, byIssue: new Map() }));
  const kept = memo;
  return (_scenario, state, doctrine, issueId, positionId) => {
    // nested maps: a key made of the issue's key (written once per state) hashes once, where a
    // key joined anew at every call would be hashed at every call
    const key = issueKey(state, issueId);
    let byDoctrine = kept.byIssue.get(key);
    if (!byDoctrine) kept.byIssue.set(key, (byDoctrine = new Map()));
    let byPosition = byDoctrine.get(doctrine.id);
    if (!byPosition) byDoctrine.set(doctrine.id, (byPosition = new Map()));
    let worth = byPosition.get(positionId);
    if (worth === undefined) {
      worth = positionWorth(scenario, state, doctrine, issueId, positionId);
      if (kept.size >= WORTHS_KEPT) {
        kept.byIssue.clear();
        kept.size = 0;
        byPosition = new Map();
        kept.byIssue.set(key, new Map([[doctrine.id, byPosition]]));
      }
      byPosition.set(positionId, worth);
      kept.size++;
    }
    return worth;
  };
}

export function gamePreferences(
  scenario: Scenario,
  state: GameState,
  side: Side,
  profile: Profile,
  doctrine: Doctrine,
  worthOf: WorthOf = positionWorth,
): GamePreferences {
  const never = new Map(profile.redLines.map((l) => [l.issue, new Set(l.never)]));
  const them = otherSide(side);
  const retreatCost = levelWorth(
    scenario,
    state,
    doctrine,
    domesticSupportOf(side),
    -scenario.sides[side].audienceCost * RETREAT_SHARE,
  );
  const issues: GameIssue[] = scenario.issues.map((issue) => {
    const current = state.positions[issue.id]!;
    const agreeable = issue.positions
      .filter((p) => p.id !== current && !p.escalation && !never.get(issue.id)?.has(p.id))
      .map((p) => p.id);
    // a measure imposed on it during the talks must go, if there is anything it could go to
    const reverse = state.imposed[issue.id] === them && agreeable.length > 0;
    const options = issue.positions
      .filter((p) => (p.id === current && !reverse) || agreeable.includes(p.id))
      .map((p) => p.id);
    const worths = options.map((o) => {
      if (o === current) return 0;
      const lifting = state.imposed[issue.id] === side ? retreatCost : 0;
      return worthOf(scenario, state, doctrine, issue.id, o) + lifting;
    });
    return { id: issue.id, options, worths, current: options.indexOf(current), inForce: current, reverse };
  });

  const lows = issues.map((i) => Math.min(...i.worths));
  const ranges = issues.map((i, k) => Math.max(...i.worths) - lows[k]!);
  const scale = ranges.reduce((a, b) => a + b, 0);
  const offset = lows.reduce((s, low) => s + low, 0);
  const weights = scale > 0 ? ranges.map((r) => r / scale) : issues.map(() => 1 / issues.length);
  const values = issues.map((issue, i) =>
    issue.worths.map((w) => (ranges[i]! > 0 ? (w - lows[i]!) / ranges[i]! : 0)),
  );

  const dealBonus = levelWorth(scenario, state, doctrine, 'tension', DEAL_TENSION);
  const noDealWorth = noDealValue(scenario, state, doctrine, worthOf);
  const rawReservation = walkAway({ offset, scale, dealBonus, noDealWorth }).utility;
  const prefs: Preferences = { weights, values, reservation: rawReservation };
  return { issues, prefs, offset, scale, dealBonus, noDealWorth, rawReservation };
}

/**
 * What one negotiator (one side, one doctrine, one profile, one worth memo) built last, so that
 * the next build from a state that gives the same inputs reuses it instead of building it again:
 * its preferences when the state's issues, round, impositions and threats are those of the last
 * (the other side's proposal and the answer to it come in the same round: a side reads a proposal
 * with the preferences it then decides with), and its search table when the preferences,
 * ratification floors and left-out package are equal, number for number, to the last table's.
 *
 * It can also share whole game domains with the other negotiators of a scenario (`shared`, from
 * `sharedDomains`): games of a scenario pass through the same states again and again (every game
 * starts in the same one, and most moves leave most issues as they were), so a class server or a
 * Monte Carlo run that plays many of them builds each domain once. A domain is shared under a key
 * that holds everything of the state its build reads (`domainKey`), and nothing uses a domain to
 * write into it, so sharing one is the same as building it again.
 * A pure memo: what it returns is what building anew returns, only cheaper.
 */
export class DomainMemo {
  private prefsKey = '';
  private prefs: GamePreferences | null = null;
  private table: SearchTable | null = null;
  private tableFloors: LinearFloor[] = [];

  constructor(private readonly shared: SharedDomains | null = null) {}

  /** The preferences in `state`: the last ones if the state gives the same, else those of a shared domain under `sharedKey()`, else `build()`'s. */
  preferences(state: GameState, build: () => GamePreferences, sharedKey?: () => string): GamePreferences {
    const key = preferencesKey(state);
    if (this.prefs === null || key !== this.prefsKey) {
      this.prefs = (sharedKey && this.shared?.get(sharedKey())) || build();
      this.prefsKey = key;
    }
    return this.prefs;
  }

  /** The domain under `key` if a negotiator of the scenario built it, else `build()`'s, kept for the others when the key comes back. */
  domain(key: string, build: () => GameDomain): GameDomain {
    if (!this.shared) return build();
    return this.shared.get(key) ?? this.shared.offer(key, build());
  }

  searchTable(space: PackageNumbering, prefs: Preferences, floors: LinearFloor[], excluded: number): SearchTable {
    const last = this.table;
    if (
      last === null ||
      last.excluded !== excluded ||
      !sameRadices(last.numbering.radices, space.radices) ||
      !sameRows(last.prefs.values, prefs.values) ||
      !sameRow(last.prefs.weights, prefs.weights) ||
      !sameFloors(this.tableFloors, floors)
    ) {
      const table = new SearchTable(space, prefs, floors, excluded);
      this.table = table;
      this.tableFloors = floors;
      return table;
    }
    return last;
  }
}

/**
 * Game domains of one scenario, by `domainKey`, for its negotiators to share: at most
 * DOMAINS_KEPT, the least recently used going first.
 *
 * A domain is kept only the second time its key is offered. Keeping one costs more than building
 * it when no one asks for it again: a kept domain outlives the young generation, so the garbage
 * collector copies its tables into the old one, and the old one grows. Some scenarios' games
 * mostly pass through states of their own (phase-one's hard games: 1,500 keys in 2,100
 * decisions), where keeping every domain made the slowest decisions slower than building them;
 * others come back to a few states again and again (busan's: 12 keys), where the second build is
 * the last. The keys offered once are remembered, without their domains, up to KEYS_REMEMBERED.
 */
export class SharedDomains {
  private readonly kept = new Map<string, GameDomain>();
  private readonly offeredOnce = new Set<string>();
  /** How many times a domain was handed back instead of built (for tests and benchmarks). */
  hits = 0;

  get size(): number {
    return this.kept.size;
  }

  get(key: string): GameDomain | undefined {
    const kept = this.kept.get(key);
    if (kept) {
      // most recently used last: the oldest go first when the map is full
      this.kept.delete(key);
      this.kept.set(key, kept);
      this.hits++;
    }
    return kept;
  }

  /** Hands `built` back, keeping it if its key was offered before. */
  offer(key: string, built: GameDomain): GameDomain {
    if (!this.offeredOnce.delete(key)) {
      if (this.offeredOnce.size >= KEYS_REMEMBERED) this.offeredOnce.delete(this.offeredOnce.values().next().value!);
      this.offeredOnce.add(key);
      return built;
    }
    if (this.kept.size >= DOMAINS_KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, built);
    return built;
  }
}

/**
 * How many game domains a scenario keeps for its negotiators to share. A busy scenario's games
 * pass through a few states again and again (busan's 300 hard games: 12 domains; beijing's:
 * about 900, most seen once); 300 hard games of each shipped scenario leave about 12 MB of kept
 * domains, on a class server's few hundred.
 */
export const DOMAINS_KEPT = 256;
/** How many keys offered once a scenario remembers (a key is a few hundred bytes). */
export const KEYS_REMEMBERED = 4096;
const DOMAINS = new WeakMap<Scenario, SharedDomains>();

/** The game domains the negotiators of a scenario share (kept as long as the scenario is). */
export function sharedDomains(scenario: Scenario): SharedDomains {
  let shared = DOMAINS.get(scenario);
  if (!shared) DOMAINS.set(scenario, (shared = new SharedDomains()));
  return shared;
}

/**
 * Everything buildGameDomain reads, as one string: who builds it (side, profile, doctrine), and
 * of the state what the preferences read (preferencesKey) and what ratification reads (both
 * sides' domestic support now, and this side's at the start, from which its margin grows).
 */
export function domainKey(state: GameState, side: Side, profile: Profile, doctrine: Doctrine): string {
  const mine = domesticSupportOf(side);
  const theirs = domesticSupportOf(otherSide(side));
  const parts: unknown[] = [side, profile.id, doctrine.id, state.indicators[mine], state.indicators[theirs], state.trajectory[0]!.indicators[mine]];
  preferencesParts(state, parts);
  return flatKey(parts);
}

/** Everything of a state that gamePreferences reads, as one string (the issues' part is written once per state). */
function preferencesKey(state: GameState): string {
  return flatKey(preferencesParts(state, []));
}

function preferencesParts(state: GameState, parts: unknown[]): unknown[] {
  parts.push(state.round);
  for (const issueId of Object.keys(state.positions)) parts.push('#', issueKey(state, issueId), state.imposed[issueId] ?? '');
  for (const t of state.threats) if (t.status === 'pending') parts.push('!', t.issue, t.position);
  return parts;
}

/**
 * Parts joined with '|' into one flat string. A key built with + or a template is a tree of a
 * node per piece (V8's cons strings): the keys the memos keep held a third of a million of them
 * after 800 phase-one games, every one of them copied by each young-generation collection it
 * lived through. join writes the characters once, into one string.
 */
function flatKey(parts: unknown[]): string {
  return parts.join('|');
}

const sameRow = (a: readonly number[], b: readonly number[]) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};
const sameRadices = sameRow;
const sameRows = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) =>
  a.length === b.length && a.every((row, i) => sameRow(row, b[i]!));
const sameFloors = (a: readonly LinearFloor[], b: readonly LinearFloor[]) =>
  a.length === b.length &&
  a.every(
    (f, i) =>
      Object.is(f.base, b[i]!.base) &&
      Object.is(f.min, b[i]!.min) &&
      Object.is(f.max, b[i]!.max) &&
      Object.is(f.needed, b[i]!.needed) &&
      sameRows(f.deltas, b[i]!.deltas),
  );

export function buildGameDomain(
  scenario: Scenario,
  state: GameState,
  side: Side,
  profile: Profile,
  doctrine: Doctrine,
  worthOf: WorthOf = positionWorth,
  memo?: DomainMemo,
): GameDomain {
  const build = () => buildFresh(scenario, state, side, profile, doctrine, worthOf, memo);
  return memo ? memo.domain(domainKey(state, side, profile, doctrine), build) : build();
}

function buildFresh(
  scenario: Scenario,
  state: GameState,
  side: Side,
  profile: Profile,
  doctrine: Doctrine,
  worthOf: WorthOf,
  memo: DomainMemo | undefined,
): GameDomain {
  const build = () => gamePreferences(scenario, state, side, profile, doctrine, worthOf);
  const gp = memo ? memo.preferences(state, build) : build();
  const { issues, prefs } = gp;
  const domain: Domain = { issues: issues.map((i) => ({ name: i.id, options: i.options })) };
  const space = new PackageNumbering(domain);
  const home = ratificationModel(scenario, state, side, issues, winSetMargin(scenario, state, side, profile));
  const there = ratificationModel(scenario, state, otherSide(side), issues, 0);
  // when a deal must reverse a measure, every package it may sign changes something
  const unchanged = issues.some((i) => i.current < 0) ? -1 : space.indexOf(issues.map((i) => i.current));
  const floors = [ratificationFloor(home), ratificationFloor(there)];
  const table = memo
    ? memo.searchTable(space, prefs, floors, unchanged)
    : new SearchTable(space, prefs, floors, unchanged);
  return { side, doctrine, profile, ...gp, domain, space, table, home, there };
}

/** A package as the game writes it (only the issues it changes) from a full outcome. */
export function packageOf(gd: GameDomain, outcome: Outcome): Package {
  const pkg: Package = {};
  gd.issues.forEach((issue, i) => {
    if (outcome[i] !== issue.current) pkg[issue.id] = issue.options[outcome[i]!]!;
  });
  return pkg;
}

/**
 * The full outcome of a package in force now: its positions where it names one, the positions in
 * force elsewhere. Null when it names a position this side may not agree to (a red line), or
 * leaves in force a measure it requires a deal to reverse, unless `lenient`, which reads such a
 * position as the one in force (or, for a measure to reverse, as the option it values least):
 * what an opponent model can learn from the rest of the offer.
 */
export function outcomeOf(
  gd: { issues: GameIssue[] },
  positions: Record<string, string>,
  lenient = false,
): number[] | null {
  const out: number[] = [];
  for (const issue of gd.issues) {
    const o = issue.options.indexOf(positions[issue.id] ?? issue.inForce);
    if (o < 0 && !lenient) return null;
    out.push(
      o >= 0 ? o : issue.current >= 0 ? issue.current : issue.worths.indexOf(Math.min(...issue.worths)),
    );
  }
  return out;
}

/** The measures imposed on this side during the talks that a package (as the positions it leaves in force) would leave in force. */
export function unreversed(gd: { issues: GameIssue[] }, positions: Record<string, string>): string[] {
  return gd.issues.filter((i) => i.reverse && positions[i.id] === i.inForce).map((i) => i.id);
}

/** Positions in force once a package is agreed. */
export function positionsAfter(state: GameState, pkg: Package): Record<string, string> {
  return { ...state.positions, ...pkg };
}

/** The red lines a package crosses for this profile. */
export function redLinesCrossed(
  profile: Profile,
  state: GameState,
  pkg: Package,
): { issue: string; position: string }[] {
  const out: { issue: string; position: string }[] = [];
  for (const line of profile.redLines) {
    const position = pkg[line.issue];
    if (position !== undefined && position !== state.positions[line.issue] && line.never.includes(position)) {
      out.push({ issue: line.issue, position });
    }
  }
  return out;
}

/** Points (the doctrine's score scale) of a normalised utility. */
export function toPoints(gd: { offset: number; scale: number; dealBonus: number }, utility: number): number {
  return gd.offset + utility * gd.scale + gd.dealBonus;
}
