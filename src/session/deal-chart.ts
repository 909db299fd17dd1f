import { defaultOptions, newGame, replay, type Replay } from '../core/engine';
import { historicalSpec, historyOf } from '../core/history';
import {
  bargainingZone,
  nashDeal,
  rateReplay,
  ratifiableFrontier,
  bestDealFor,
  type BargainingZone,
  type GameRating,
} from '../core/rating';
import { doctrineOf } from '../core/scenario-lookup';
import { score } from '../core/scoring';
import type { Doctrine, GameSpec, OutcomeKind, Package, Scenario, Side } from '../core/types';
import { SIDES } from '../core/types';
import { niceTicks, signed } from './format';
import { sideInSentence } from '../core/sentence';

/**
 * The deal chart: each side's value (its doctrine's score, the debrief's scale) on one axis, US
 * across and China up, with the no-deal point, the efficient frontier of deals both sides could
 * ratify, the Nash point, each side's best deal, the games' outcomes and, for a real episode,
 * history's own. Built once for one game and for a whole class: the zone is judged at one moment
 * (the start of the game, shared by every game of a scenario, or the moment one game's talks
 * ended, which is what that game's rating is judged against) and any number of games are placed
 * in it. Plain data: a canvas or SVG renderer draws it, and a screen reader reads `summary`.
 */

/** The Nash point in plain words (the chart is read by students and teachers, not game theorists), and what it is. */
export const NASH_LABEL = 'The fair split (Nash point)';
export const NASH_HINT = 'the deal that best balances what each side gains over no deal';

export type ChartMarkKind = 'no-deal' | 'nash' | 'best' | 'game' | 'history';

export interface ChartMark {
  kind: ChartMarkKind;
  /** US value (score points). */
  x: number;
  /** China value (score points). */
  y: number;
  label: string;
  /** One line for a tooltip or a screen reader. */
  description: string;
  /** For `best`: whose best deal it is. */
  side?: Side;
  package?: Package;
}

export interface ChartGame extends ChartMark {
  kind: 'game';
  outcome: OutcomeKind;
  /** Where the model expected the outcome to land when its talks ended (before events and draws). */
  expected: { x: number; y: number };
  rating: GameRating;
}

export interface FrontierPoint {
  x: number;
  y: number;
  /** Both sides prefer it to no deal: the zone of possible agreement. */
  inZone: boolean;
  package: Package;
}

export interface ChartAxis {
  side: Side;
  doctrine: string;
  /** The doctrine's name as the players read it. */
  doctrineLabel: string;
  label: string;
  min: number;
  max: number;
  ticks: number[];
}

export interface DealChart {
  title: string;
  /** When the zone was judged, in words. */
  judgedAt: string;
  x: ChartAxis;
  y: ChartAxis;
  /** The efficient frontier of ratifiable deals, US value ascending. */
  frontier: FrontierPoint[];
  noDeal: ChartMark;
  nash: ChartMark | null;
  best: Record<Side, ChartMark | null>;
  games: ChartGame[];
  history: ChartMark | null;
  /** The chart in sentences, for a screen reader and the printable page. */
  summary: string[];
}

/** Where the zone is judged: the start of the game, or the moment a game's talks ended. */
export type ChartMoment = 'start' | GameSpec;

export interface DealChartRequest {
  /** The doctrines the axes measure (by default the doctrines of the first game, or the scenario's defaults). */
  doctrines?: Record<Side, string>;
  moment: ChartMoment;
  games: readonly { label: string; spec: GameSpec }[];
  /** Place history's own outcome (scenarios with a history section; default true). */
  history?: boolean;
}

const point = (values: Record<Side, number>) => ({ x: values.us, y: values.china });

function valuesText(scenario: Scenario, x: number, y: number): string {
  return `${scenario.sides.us.label} ${signed(x, 2)}, ${scenario.sides.china.label} ${signed(y, 2)}`;
}

function zoneAt(
  scenario: Scenario,
  moment: ChartMoment,
  doctrines: Record<Side, Doctrine>,
): { zone: BargainingZone; judgedAt: string } {
  if (moment === 'start') {
    // The start is the same for every seed and every game of the scenario: nothing has been drawn yet.
    const options = defaultOptions(scenario, {
      doctrines: { us: doctrines.us.id, china: doctrines.china.id },
    });
    return {
      zone: bargainingZone(scenario, newGame(scenario, 'chart', options), doctrines),
      judgedAt: 'the start of the game',
    };
  }
  const run = replay(scenario, moment.seed, moment.options, moment.moves);
  if (!run.final.outcome || moment.moves.length === 0)
    throw new Error('the deal chart is judged at the end of a finished game');
  const before = run.states[moment.moves.length - 1]!;
  return {
    zone: bargainingZone(scenario, before, doctrines),
    judgedAt: `round ${before.round}, when the talks ended`,
  };
}

function axis(scenario: Scenario, side: Side, doctrine: Doctrine, values: number[]): ChartAxis {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.08, 0.5);
  const ticks = niceTicks(lo - pad, hi + pad, 5);
  return {
    side,
    doctrine: doctrine.id,
    doctrineLabel: doctrine.label,
    label: `${scenario.sides[side].label}: ${doctrine.label} score`,
    min: ticks[0]!,
    max: ticks[ticks.length - 1]!,
    ticks,
  };
}

function gameMark(
  scenario: Scenario,
  label: string,
  run: Replay,
  rating: GameRating,
  doctrines: Record<Side, Doctrine>,
): ChartGame {
  const x = score(run.final, doctrines.us).total;
  const y = score(run.final, doctrines.china).total;
  const outcome = run.final.outcome!;
  const what =
    outcome.kind === 'deal'
      ? `deal in round ${outcome.round}`
      : outcome.kind === 'walkout'
        ? `${sideInSentence(scenario.sides[outcome.by!].label)} walked out in round ${outcome.round}`
        : 'no deal by the deadline';
  return {
    kind: 'game',
    x,
    y,
    label,
    description: `${label}: ${what}; ${valuesText(scenario, x, y)}.`,
    ...(outcome.package ? { package: outcome.package } : {}),
    outcome: outcome.kind,
    expected: { x: rating.sides.us.expected, y: rating.sides.china.expected },
    rating,
  };
}

/**
 * The frontier points the axes must show: the zone and its neighbour at each end, so the frontier
 * can be seen leaving the zone; deals far outside it would squeeze the zone into a corner (a
 * renderer clips the frontier's line to the plot). All of it when there is no zone.
 */
function framed(frontier: FrontierPoint[]): FrontierPoint[] {
  const first = frontier.findIndex((f) => f.inZone);
  if (first < 0) return frontier;
  let last = first;
  for (let k = first; k < frontier.length; k++) if (frontier[k]!.inZone) last = k;
  return frontier.slice(Math.max(0, first - 1), last + 2);
}

/** The deal chart for a scenario, a moment and any number of games (a class plots every pair in one). */
export function dealChart(scenario: Scenario, request: DealChartRequest): DealChart {
  const ids =
    request.doctrines ??
    request.games[0]?.spec.options.doctrines ??
    (request.moment === 'start' ? defaultOptions(scenario).doctrines : request.moment.options.doctrines);
  const doctrines: Record<Side, Doctrine> = {
    us: doctrineOf(scenario, ids.us),
    china: doctrineOf(scenario, ids.china),
  };
  const { zone, judgedAt } = zoneAt(scenario, request.moment, doctrines);
  const rawFrontier = ratifiableFrontier(zone);
  const nd = zone.noDeal;
  const frontier: FrontierPoint[] = rawFrontier.map((d) => ({
    ...point(d.values),
    inZone: d.values.us >= nd.us - 1e-9 && d.values.china >= nd.china - 1e-9,
    package: d.package,
  }));
  const nash = nashDeal(rawFrontier, nd);
  const best = {} as Record<Side, ChartMark | null>;
  for (const side of SIDES) {
    const b = bestDealFor(zone, side);
    best[side] = b && {
      kind: 'best',
      side,
      ...point(b.values),
      label: `Best for ${sideInSentence(scenario.sides[side].label)}`,
      description: `The best deal for ${sideInSentence(scenario.sides[side].label)} that both sides would ratify and the other side would prefer to no deal: ${valuesText(scenario, b.values.us, b.values.china)}.`,
      package: b.package,
    };
  }
  const games = request.games.map((g) => {
    const run = replay(scenario, g.spec.seed, g.spec.options, g.spec.moves);
    return gameMark(scenario, g.label, run, rateReplay(scenario, run, g.spec.moves, doctrines), doctrines);
  });
  let history: ChartMark | null = null;
  if ((request.history ?? true) && scenario.history !== undefined) {
    const h = historyOf(scenario);
    const spec = historicalSpec(scenario);
    const final = replay(scenario, spec.seed, spec.options, spec.moves).final;
    const x = score(final, doctrines.us).total;
    const y = score(final, doctrines.china).total;
    const label = h.kind === 'what-if' ? 'The what-if path' : 'What happened';
    history = {
      kind: 'history',
      x,
      y,
      label,
      description: `${label} (history’s moves replayed in the model, seed ${h.seed}): ${valuesText(scenario, x, y)}.`,
      ...(final.outcome?.package ? { package: final.outcome.package } : {}),
    };
  }
  const noDeal: ChartMark = {
    kind: 'no-deal',
    ...point(nd),
    label: 'No deal',
    description: `No deal, judged at ${judgedAt}: ${valuesText(scenario, nd.us, nd.china)}.`,
  };
  const nashMark: ChartMark | null = nash && {
    kind: 'nash',
    ...point(nash.values),
    label: NASH_LABEL,
    description: `${NASH_LABEL}, ${NASH_HINT} (the Nash bargaining solution: the product of both sides’ gains is largest there): ${valuesText(scenario, nash.values.us, nash.values.china)}.`,
    package: nash.package,
  };
  const marks = [
    noDeal,
    ...(nashMark ? [nashMark] : []),
    ...SIDES.flatMap((s) => (best[s] ? [best[s]] : [])),
    ...games,
    ...games.map((g) => g.expected),
    ...(history ? [history] : []),
    ...framed(frontier),
  ];
  const zoneCount = frontier.filter((f) => f.inZone).length;
  const summary = [
    `Values are each side’s doctrine score (${doctrines.us.label} for ${scenario.sides.us.label}, ${doctrines.china.label} for ${scenario.sides.china.label}), judged at ${judgedAt}.`,
    noDeal.description,
    frontier.length === 0
      ? 'No deal both sides would ratify exists.'
      : `The efficient frontier has ${frontier.length} deal${frontier.length === 1 ? '' : 's'} both sides would ratify, ${zoneCount} of them better than no deal for both.`,
    ...(nashMark ? [nashMark.description] : []),
    ...games.map((g) => g.description),
    ...(history ? [history.description] : []),
  ];
  return {
    title: `Deal chart: ${scenario.sides.us.label} value against ${scenario.sides.china.label} value`,
    judgedAt,
    x: axis(
      scenario,
      'us',
      doctrines.us,
      marks.map((m) => m.x),
    ),
    y: axis(
      scenario,
      'china',
      doctrines.china,
      marks.map((m) => m.y),
    ),
    frontier,
    noDeal,
    nash: nashMark,
    best,
    games,
    history,
    summary,
  };
}

/** The chart a single game's debrief shows: judged when its talks ended, as its rating is. */
export function gameDealChart(scenario: Scenario, spec: GameSpec, label = 'This game'): DealChart {
  return dealChart(scenario, { moment: spec, games: [{ label, spec }] });
}
