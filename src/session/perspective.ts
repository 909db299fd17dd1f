import { INDICATORS } from '../core/indicators';
import { bargainingZone, bestDealFor, dealValues, ratingOf } from '../core/rating';
import { doctrineOf, otherSide, positionOf } from '../core/scenario-lookup';
import type { Doctrine, GameState, IndicatorId, Package, Position, Scenario, Side } from '../core/types';
import { INDICATOR_IDS } from '../core/types';
import { sideInSentence } from '../core/sentence';

/**
 * The table from one side's point of view: what each chip would give or get that side, what is
 * already in force, and which indicators its main chart should plot. Pure, for the screens.
 *
 * Whose lever an issue is says nothing about who gains from moving it: a licence with a revenue
 * share on a chip that may now be sold freely takes something from the buyer, and "grant magnet
 * licences quickly" is no gift while no licences are required. So a chip's role is read from its
 * value, now: to the chooser under the chooser's own doctrine, and to the other side on average
 * over the other side's doctrines, which the scenario publishes (never the opponent's own, which
 * play keeps hidden).
 */

/** Below this many score points a chip makes no difference worth naming. */
export const NEGLIGIBLE_POINTS = 0.05;

/**
 * - `give`: it helps the other side and does not help you (a concession);
 * - `get`: it helps you and does not help the other side;
 * - `both-gain`: it helps both (a joint gain, the stuff of logrolling);
 * - `costly`: nobody gains and someone loses;
 * - `neutral`: it makes no difference worth naming to either.
 */
export type LeverRole = 'give' | 'get' | 'both-gain' | 'costly' | 'neutral';

export const LEVER_ROLE_TEXT: Record<LeverRole, string> = {
  give: 'You give',
  get: 'You get',
  'both-gain': 'Gain for both',
  costly: 'Costs without gain',
  neutral: 'Little difference',
};

export interface LeverChip {
  issue: string;
  position: string;
  label: string;
  role: LeverRole;
  /** What it is worth to the chooser under its doctrine, in score points, against what is in force. */
  you: number;
  /** What it is worth to the other side, averaged over its doctrines. */
  them: number;
  /** Whether all the other side's doctrines agree on the sign of `them`. */
  themAgree: boolean;
  /** One sentence: the role and the numbers behind it. */
  explanation: string;
}

export interface InForce {
  position: string;
  label: string;
  /** Imposed during this game, by that side (lifting it in a deal costs that side at home). */
  imposedBy: Side | null;
  /** A time-limited position: rounds it has left in force, counting this one, and what it reverts to. */
  expires: { roundsLeft: number; revertsTo: string; revertsToLabel: string } | null;
}

export interface LeverIssue {
  issue: string;
  label: string;
  holder: Side;
  /** The chooser's own lever. */
  yours: boolean;
  inForce: InForce;
  /** Every position a package could move it to, with its role for the chooser. */
  chips: LeverChip[];
}

function roleOf(you: number, them: number): LeverRole {
  const sign = (x: number) => (x > NEGLIGIBLE_POINTS ? 1 : x < -NEGLIGIBLE_POINTS ? -1 : 0);
  const y = sign(you);
  const t = sign(them);
  if (y > 0 && t > 0) return 'both-gain';
  if (y > 0) return 'get';
  if (t > 0) return 'give';
  if (y < 0 || t < 0) return 'costly';
  return 'neutral';
}

function inForceOf(scenario: Scenario, state: GameState, issueId: string): InForce {
  const issue = scenario.issues.find((i) => i.id === issueId)!;
  const position: Position = positionOf(scenario, issueId, state.positions[issueId]!);
  let expires: InForce['expires'] = null;
  if (position.expiresAfter !== undefined) {
    const target = position.revertsTo ?? issue.statusQuo;
    if (target !== position.id) {
      expires = {
        roundsLeft: Math.max(0, state.enactedRound[issueId]! + position.expiresAfter - state.round),
        revertsTo: target,
        revertsToLabel: positionOf(scenario, issueId, target).label,
      };
    }
  }
  return { position: position.id, label: position.label, imposedBy: state.imposed[issueId] ?? null, expires };
}

const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(2)}`;

/**
 * Every issue with what is in force and the chips a package could put on it, labelled from
 * `side`'s point of view now (`state` must be during the talks), under `side`'s doctrine in the
 * game's options.
 */
export function leversFor(scenario: Scenario, state: GameState, side: Side): LeverIssue[] {
  const other = otherSide(side);
  const own = doctrineOf(scenario, state.options.doctrines[side]);
  const theirs = scenario.doctrines.filter((d) => d.side === other);
  const zones = theirs.map((d) =>
    bargainingZone(scenario, state, { [side]: own, [other]: d } as Record<Side, Doctrine>),
  );
  const name = sideInSentence(scenario.sides[other].label);
  return zones[0]!.issues.map((zi, i) => {
    const issue = scenario.issues.find((x) => x.id === zi.id)!;
    const chips: LeverChip[] = [];
    zi.options.forEach((positionId, o) => {
      if (o === zi.current) return;
      const you = zones[0]!.issues[i]!.worth[side][o]!;
      const each = zones.map((z) => z.issues[i]!.worth[other][o]!);
      const them = each.reduce((a, b) => a + b, 0) / each.length;
      const themAgree = each.every((x) => Math.sign(x) === Math.sign(them));
      const role = roleOf(you, them);
      chips.push({
        issue: zi.id,
        position: positionId,
        label: positionOf(scenario, zi.id, positionId).label,
        role,
        you,
        them,
        themAgree,
        explanation: `${LEVER_ROLE_TEXT[role]}: ${points(you)} points to you under ${own.label}, ${points(them)} to ${name} on average over its doctrines${themAgree ? '' : ', which disagree'}.`,
      });
    });
    return {
      issue: zi.id,
      label: issue.label,
      holder: issue.holder,
      yours: issue.holder === side,
      inForce: inForceOf(scenario, state, zi.id),
      chips,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The main chart

export interface ChartIndicator {
  indicator: IndicatorId;
  label: string;
  weight: number;
  /** Its share of the doctrine's total weight. */
  share: number;
  /** More of it is better for the doctrine. */
  moreIsBetter: boolean;
}

export interface MainChart {
  /** Across: the indicator the doctrine weighs most. */
  x: ChartIndicator;
  /** Up: the next one (null for a doctrine that weighs a single indicator). */
  y: ChartIndicator | null;
  /** The rest of what the doctrine weighs, heaviest first. */
  others: ChartIndicator[];
  /** Which way is better, in words, e.g. "Better under Security first: to the left and up." */
  caption: string;
}

/**
 * The indicators a side's main chart plots: the two its doctrine weighs most (ties in the model's
 * indicator order), so the chart shows what that side is judged by.
 */
export function mainChartFor(doctrine: Doctrine): MainChart {
  const total = Object.values(doctrine.weights).reduce((s, w) => s + Math.abs(w ?? 0), 0) || 1;
  const ranked: ChartIndicator[] = INDICATOR_IDS.filter((id) => (doctrine.weights[id] ?? 0) !== 0)
    .map((id) => {
      const weight = doctrine.weights[id]!;
      return {
        indicator: id,
        label: INDICATORS[id].label,
        weight,
        share: Math.abs(weight) / total,
        moreIsBetter: weight > 0,
      };
    })
    .sort(
      (a, b) =>
        Math.abs(b.weight) - Math.abs(a.weight) ||
        INDICATOR_IDS.indexOf(a.indicator) - INDICATOR_IDS.indexOf(b.indicator),
    );
  if (ranked.length === 0) {
    // A scenario file may give a doctrine no weights: chart the side's trade gains and the tension ladder.
    const plain = (indicator: IndicatorId): ChartIndicator => ({
      indicator,
      label: INDICATORS[indicator].label,
      weight: 0,
      share: 0,
      moreIsBetter: INDICATORS[indicator].higherIsBetter,
    });
    return {
      x: plain(doctrine.side === 'us' ? 'us.tradeGains' : 'china.tradeGains'),
      y: plain('tension'),
      others: [],
      caption: `${doctrine.label} weighs no indicator, so nothing on this chart is better or worse under it.`,
    };
  }
  const [x, y, ...others] = ranked as [ChartIndicator, ...ChartIndicator[]];
  const across = x.moreIsBetter ? 'to the right' : 'to the left';
  const caption = y
    ? `Better under ${doctrine.label}: ${across} and ${y.moreIsBetter ? 'up' : 'down'}.`
    : `Better under ${doctrine.label}: ${across}.`;
  return { x, y: y ?? null, others, caption };
}

// ---------------------------------------------------------------------------------------------
// A draft's rating, during play

export interface DraftRating {
  /** What the model expects the draft to be worth to the chooser if it were agreed now (the debrief's scale). */
  value: number;
  /** No deal for the chooser now. */
  noDeal: number;
  /** For each of the other side's published doctrines: the draft's rating if that were its doctrine (null: no zone). */
  byTheirDoctrine: {
    doctrine: string;
    label: string;
    rating: number | null;
    best: number | null;
    theyPreferIt: boolean;
  }[];
  /** The lowest and highest of those ratings (null when none is defined). */
  range: [number, number] | null;
}

/**
 * The rating a draft would earn if it were agreed now, for the chooser. Where 100 lies depends on
 * the other side's doctrine, which play keeps hidden, so it is given for each doctrine the
 * scenario publishes for that side, with the range: an estimate that reveals nothing.
 */
export function draftRating(scenario: Scenario, state: GameState, side: Side, pkg: Package): DraftRating {
  const other = otherSide(side);
  const own = doctrineOf(scenario, state.options.doctrines[side]);
  const byTheirDoctrine = scenario.doctrines
    .filter((d) => d.side === other)
    .map((d) => {
      const zone = bargainingZone(scenario, state, { [side]: own, [other]: d } as Record<Side, Doctrine>);
      const values = dealValues(zone, pkg);
      const best = bestDealFor(zone, side);
      return {
        doctrine: d.id,
        label: d.label,
        rating: ratingOf(values[side], zone.noDeal[side], best?.values[side] ?? null),
        best: best?.values[side] ?? null,
        theyPreferIt: values[other] >= zone.noDeal[other],
        value: values[side],
        noDeal: zone.noDeal[side],
      };
    });
  const defined = byTheirDoctrine.map((x) => x.rating).filter((r): r is number => r !== null);
  return {
    value: byTheirDoctrine[0]!.value,
    noDeal: byTheirDoctrine[0]!.noDeal,
    byTheirDoctrine: byTheirDoctrine.map(({ doctrine, label, rating, best, theyPreferIt }) => ({
      doctrine,
      label,
      rating,
      best,
      theyPreferIt,
    })),
    range: defined.length > 0 ? [Math.min(...defined), Math.max(...defined)] : null,
  };
}
