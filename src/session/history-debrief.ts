import { replay } from '../core/engine';
import { compareWithHistory, type HistoryComparison } from '../core/fidelity';
import { historyOf, type DecisionStatus } from '../core/history';
import { INDICATOR_LIST } from '../core/indicators';
import type { GameSpec, IndicatorId, Scenario, Side, Source } from '../core/types';
import { lessonRefs, sourceOf, type LessonRef } from './history-replay';
import { describeMove, outcomeText } from './text';
import { atSentenceStart, sideInSentence } from '../core/sentence';

/**
 * The side-by-side half of a debrief for a game of a historical scenario: history's path
 * replayed under the game's own seed (so the differences come from decisions, not from the
 * draws), every real number of the outcome read off both games, and what the game did at each
 * decision point. Pure, and built on `compareWithHistory`, so the page can be checked against it.
 */

export interface MetricRow {
  id: string;
  label: string;
  unit: string;
  /** The real value and its tolerance band. */
  expected: number;
  band: [number, number];
  /** The model's value for history's path under the game's seed, and for the game (null: does not apply, with why). */
  history: number | null;
  historyWhy: string | null;
  game: number | null;
  gameWhy: string | null;
  gameInBand: boolean;
  source: Source | null;
  sourceId: string;
  /** The model was tuned to this number. */
  fitted: boolean;
}

export interface DecisionRow {
  id: string;
  step: number;
  date: string;
  question: string;
  /** What history did, in the scenario's words. */
  history: string;
  /** History's move here is supposed (a what-if step): label it "what-if", never "history". */
  historyWhatIf: boolean;
  side: Side;
  sideLabel: string;
  byPlayer: boolean;
  status: DecisionStatus;
  /** The status in a sentence, e.g. "You chose differently: …". */
  verdict: string;
  /** The game's move in words, when it made one here. */
  gameMove: string | null;
  /** The listed alternative the game's move was, if any. */
  alternative: string | null;
  lessons: LessonRef[];
}

export interface HistoryDebrief {
  comparison: HistoryComparison;
  seed: string;
  /**
   * Where the game took over from history: after `step` of its moves, the last of them `last`
   * (null at step 0). Null for a game played from the start, or whose branch step is not history's.
   */
  branch: { step: number; last: { date: string; account: string; whatIf: boolean } | null } | null;
  /** "History", or "History (what-if)" when any step of the path is supposed: the name of history's series everywhere. */
  historyLabel: string;
  historyOutcome: string;
  metrics: MetricRow[];
  decisions: DecisionRow[];
  /** History's indicators at round 0 and the end of every round, for the charts. */
  trajectories: Record<IndicatorId, number[]>;
  /** The round history's talks ended in. */
  historyTalksEnded: number;
}

const STATUS_TEXT: Record<DecisionStatus, string> = {
  history: 'Before the take-over: history’s choice stood.',
  same: 'the same as history.',
  different: 'a different choice from history’s.',
  'not-reached': 'Not reached: the talks had ended before this point.',
};

export function historyDebrief(scenario: Scenario, spec: GameSpec, player: Side | null): HistoryDebrief {
  const h = historyOf(scenario);
  const comparison = compareWithHistory(scenario, spec);
  const states = replay(scenario, spec.seed, spec.options, spec.moves).states;
  const historyMetric = new Map(comparison.history.metrics.map((m) => [m.metric, m]));
  const kinds = new Map(h.outcome.map((m) => [m.id, m.kind]));
  /** Why a metric does not apply, in the player's words (the core's reason names model ids). */
  const whyNot = (id: string, why: string | undefined): string | null => {
    if (why === undefined) return null;
    if (kinds.get(id) === 'eventRound') return 'It never happened within the model’s span.';
    if (kinds.get(id) === 'compliance') return 'The pledge never came into force.';
    return why;
  };
  const metrics: MetricRow[] = comparison.game.metrics.map((g) => {
    const hm = historyMetric.get(g.metric)!;
    return {
      id: g.metric,
      label: g.label,
      unit: g.unit,
      expected: g.expected,
      band: g.band,
      history: hm.got,
      historyWhy: whyNot(g.metric, hm.why),
      game: g.got,
      gameWhy: whyNot(g.metric, g.why),
      gameInBand: g.ok,
      source: sourceOf(scenario, g.source),
      sourceId: g.source,
      fitted: g.fitted,
    };
  });
  const decisions: DecisionRow[] = comparison.decisions.map((d) => {
    const point = h.decisionPoints.find((p) => p.id === d.id)!;
    const who = d.byPlayer && d.side === player ? 'You' : `${atSentenceStart(sideInSentence(scenario.sides[d.side].label))} (the AI)`;
    const gameMove = d.gameMove && d.status !== 'history' && states[d.step] ? describeMove(scenario, d.gameMove, states[d.step]!, player) : null;
    const alternative = d.alternative !== undefined ? point.alternatives[d.alternative]!.label : null;
    let verdict = STATUS_TEXT[d.status];
    if (d.status === 'same' || d.status === 'different') verdict = `${who} made ${verdict}`;
    return {
      id: d.id,
      step: d.step,
      date: h.path[d.step]?.date ?? '',
      question: point.question,
      history: point.history,
      historyWhatIf: h.path[d.step]?.whatIf === true,
      side: d.side,
      sideLabel: scenario.sides[d.side].label,
      byPlayer: d.byPlayer,
      status: d.status,
      verdict,
      gameMove,
      alternative,
      lessons: lessonRefs(point.lessons),
    };
  });
  const trajectories = {} as Record<IndicatorId, number[]>;
  for (const def of INDICATOR_LIST) trajectories[def.id] = comparison.history.final.trajectory.map((r) => r.indicators[def.id]);
  const step = spec.options.branchStep;
  const lastStep = step !== undefined && step > 0 ? h.path[step - 1]! : null;
  const branch = comparison.branched && step !== undefined ? { step, last: lastStep && { date: lastStep.date, account: lastStep.account, whatIf: lastStep.whatIf === true } } : null;
  return {
    comparison,
    seed: spec.seed,
    branch,
    historyLabel: historySeriesLabel(scenario),
    historyOutcome: outcomeText(scenario, comparison.history.final.outcome, null),
    metrics,
    decisions,
    trajectories,
    historyTalksEnded: comparison.history.final.outcome?.round ?? comparison.history.final.round,
  };
}

/**
 * The name of history's series on any screen: "History", or "History (what-if)" when the episode
 * is a what-if or any step of its path is supposed, so a supposed deal is never shown as fact.
 */
export function historySeriesLabel(scenario: Scenario): string {
  const h = historyOf(scenario);
  return h.kind === 'what-if' || h.path.some((p) => p.whatIf === true) ? 'History (what-if)' : 'History';
}

export interface HistorySoFarItem {
  date: string;
  account: string;
  /** A supposed step: show it labelled "what-if". */
  whatIf: boolean;
  /** The label to print before it: "What-if" for a supposed step, else nothing. */
  tag: string | null;
}

/** The path's first `step` moves as a briefing lists them ("History so far"), each supposed step tagged. */
export function historySoFar(scenario: Scenario, step: number): HistorySoFarItem[] {
  return historyOf(scenario)
    .path.slice(0, Math.max(0, step))
    .map((p) => ({ date: p.date, account: p.account, whatIf: p.whatIf === true, tag: p.whatIf === true ? 'What-if' : null }));
}
