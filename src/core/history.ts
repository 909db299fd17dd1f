import { defaultOptions, replay, type Replay } from './engine';
import { canonicalPackage } from './rules';
import type { DecisionPoint, Explanation, GameOptions, GameSpec, GameState, HistoryCalendar, HistoryStep, LessonId, Move, Scenario, ScenarioHistory, Side } from './types';

/**
 * The real episodes as games. A scenario's `history.path` is a legal move sequence; replaying it
 * gives the model's account of what happened, and a game "branched" at step N keeps the path's
 * first N moves (`options.branchStep = N`) and lets someone else play on from exactly that state.
 * Everything here is pure: a history is `(scenario, seed, path)`, and every screen built on it
 * (replay, take-over, side-by-side debrief) can recompute what it shows.
 */

/** DESIGN.md's five lessons, in its order; questions and decision points cite them by id. */
export const LESSONS: Record<LessonId, { number: number; title: string }> = {
  'controls-not-chips': { number: 1, title: 'A security control and a trade bargaining chip are different instruments; trading one for the other costs the credibility of the control.' },
  linkage: { number: 2, title: 'Linkage cuts both ways; exceptions need a supreme priority and honest odds.' },
  chokepoints: { number: 3, title: 'Leverage comes from chokepoints and wears out with use: sanctions spur self-reliance.' },
  'two-level': { number: 4, title: 'Negotiators answer to home: an unratifiable deal is no deal, and public threats are costly to withdraw.' },
  commitments: { number: 5, title: 'Commitments are not outcomes: pledges and suspensions are partly kept, partly expire.' },
};

export function historyOf(scenario: Scenario): ScenarioHistory {
  if (!scenario.history) throw new Error(`scenario ${scenario.id} has no history section`);
  return scenario.history;
}

export function historicalMoves(scenario: Scenario): Move[] {
  return historyOf(scenario).path.map((s) => s.move);
}

/**
 * Options for replaying history: the default doctrines and profiles, nobody human, and a
 * `branchStep` equal to the whole path (every move of the game is history's).
 */
export function historicalOptions(scenario: Scenario): GameOptions {
  return { ...defaultOptions(scenario), branchStep: historyOf(scenario).path.length };
}

/** The historical game under a seed (the scenario's reference seed unless given). */
export function historicalSpec(scenario: Scenario, seed = historyOf(scenario).seed): GameSpec {
  return { scenario: { id: scenario.id, version: scenario.version }, seed, options: historicalOptions(scenario), moves: historicalMoves(scenario) };
}

export function replaySpec(scenario: Scenario, spec: GameSpec): Replay {
  return replay(scenario, spec.seed, spec.options, spec.moves);
}

export function replayHistory(scenario: Scenario, seed = historyOf(scenario).seed): Replay {
  return replaySpec(scenario, historicalSpec(scenario, seed));
}

/** One step of the path as a replay screen shows it: what happened, and the model before and after. */
export interface ReplayedStep {
  index: number;
  step: HistoryStep;
  /** The round in which the move was made. */
  round: number;
  before: GameState;
  after: GameState;
  explanations: Explanation[];
}

export function replayedSteps(scenario: Scenario, seed = historyOf(scenario).seed): ReplayedStep[] {
  const path = historyOf(scenario).path;
  const r = replayHistory(scenario, seed);
  return path.map((step, index) => ({
    index,
    step,
    round: r.states[index]!.round,
    before: r.states[index]!,
    after: r.states[index + 1]!,
    explanations: r.explanations[index]!,
  }));
}

/**
 * A game that follows history for its first `step` moves, then goes on with `next` (none yet when
 * a player takes over). The state after the shared moves is exactly history's under that seed.
 */
export function branchSpec(scenario: Scenario, step: number, seed: string, options: GameOptions, next: Move[] = []): GameSpec {
  const path = historyOf(scenario).path;
  if (!Number.isInteger(step) || step < 0 || step >= path.length) {
    throw new Error(`a branch of ${scenario.id} starts before one of its ${path.length} historical moves (0 to ${path.length - 1}), not at ${step}`);
  }
  return {
    scenario: { id: scenario.id, version: scenario.version },
    seed,
    options: { ...options, branchStep: step },
    moves: [...path.slice(0, step).map((s) => s.move), ...next],
  };
}

export function decisionPointOf(scenario: Scenario, decisionId: string): DecisionPoint {
  const point = historyOf(scenario).decisionPoints.find((d) => d.id === decisionId);
  if (!point) throw new Error(`scenario ${scenario.id} has no decision point "${decisionId}"`);
  return point;
}

/** The branch that plays a decision point's alternative instead of history's move. */
export function decisionBranch(scenario: Scenario, decisionId: string, alternative: number, seed: string, options: GameOptions): GameSpec {
  const point = decisionPointOf(scenario, decisionId);
  const alt = point.alternatives[alternative];
  if (!alt) throw new Error(`decision point "${decisionId}" has no alternative ${alternative}`);
  if (!alt.move) throw new Error(`alternative ${alternative} of "${decisionId}" is described in words only and has no move to branch with`);
  return branchSpec(scenario, point.step, seed, options, [alt.move]);
}

/** Two moves are the same when they do the same thing (package order does not matter). */
export function sameMove(scenario: Scenario, a: Move, b: Move): boolean {
  const norm = (m: Move) => (m.type === 'propose' ? { ...m, package: canonicalPackage(scenario, m.package) } : m);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * Whether a game's first `branchStep` moves really are history's (a result code only records the
 * number, so a debrief should check it before calling a game a branch of history).
 */
export function followsHistory(scenario: Scenario, spec: GameSpec): boolean {
  const n = spec.options.branchStep;
  if (n === undefined || !scenario.history) return false;
  const path = scenario.history.path;
  if (n > path.length || n > spec.moves.length) return false;
  for (let i = 0; i < n; i++) if (!sameMove(scenario, spec.moves[i]!, path[i]!.move)) return false;
  return true;
}

export type DecisionStatus =
  /** The game took over after this point, so history's move was kept. */
  | 'history'
  /** The game made history's move here. */
  | 'same'
  /** The game made another move here. */
  | 'different'
  /** The game ended before this point. */
  | 'not-reached';

export interface DecisionComparison {
  id: string;
  step: number;
  /** Whose decision it was (moves alternate, so step N is always the same side's). */
  side: Side;
  /** Whether a person made it (the side was human in this game). */
  byPlayer: boolean;
  status: DecisionStatus;
  historyMove: Move;
  gameMove?: Move;
  /** Which listed alternative the game's move was, if any. */
  alternative?: number;
}

/** How a game handled each of the scenario's decision points, for the debrief. */
export function compareDecisions(scenario: Scenario, spec: GameSpec): DecisionComparison[] {
  const history = historyOf(scenario);
  const taken = followsHistory(scenario, spec) ? spec.options.branchStep! : 0;
  return history.decisionPoints.map((point) => {
    const historyMove = history.path[point.step]!.move;
    const side = historyMove.side;
    const base = { id: point.id, step: point.step, side, byPlayer: spec.options.humans.includes(side), historyMove };
    if (point.step < taken) return { ...base, byPlayer: false, status: 'history' as const, gameMove: historyMove };
    const gameMove = spec.moves[point.step];
    if (!gameMove) return { ...base, status: 'not-reached' as const };
    if (sameMove(scenario, gameMove, historyMove)) return { ...base, status: 'same' as const, gameMove };
    const alternative = point.alternatives.findIndex((a) => a.move !== undefined && sameMove(scenario, a.move, gameMove));
    return { ...base, status: 'different' as const, gameMove, ...(alternative >= 0 ? { alternative } : {}) };
  });
}

// --- the calendar -----------------------------------------------------------------------------

/** Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm; no Date, so no clock and no time zone). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A history date (YYYY-MM-DD, or YYYY-MM meaning the 1st) as a day number. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number | undefined];
  return daysFromCivil(y, m, d ?? 1);
}

/** The first and last day of the month a date names. */
export function dateSpan(date: string): [number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number | undefined];
  if (d !== undefined) return [daysFromCivil(y, m, d), daysFromCivil(y, m, d)];
  const next = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
  return [daysFromCivil(y, m, 1), next - 1];
}

/** The day number on which round `round` starts under a calendar (rounds of N days or N months). */
export function calendarRoundStart(calendar: HistoryCalendar, round: number): number {
  const [y, m, d] = calendar.start.split('-').map(Number) as [number, number, number];
  if (calendar.roundMonths !== undefined) {
    const months = m - 1 + (round - 1) * calendar.roundMonths;
    const year = y + Math.floor(months / 12);
    const month = (((months % 12) + 12) % 12) + 1;
    return daysFromCivil(year, month, d);
  }
  return daysFromCivil(y, m, d) + (round - 1) * (calendar.roundDays ?? 1);
}

/** The first and last day of a round. */
export function roundSpan(calendar: HistoryCalendar, round: number): [number, number] {
  return [calendarRoundStart(calendar, round), calendarRoundStart(calendar, round + 1) - 1];
}

/** The day on which a model round starts, by the scenario's history calendar. */
export function roundStartDate(scenario: Scenario, round: number): string {
  return civilFromDays(calendarRoundStart(historyOf(scenario).calendar, round));
}

/** The round whose calendar span contains a date (0 or less: before the first round). */
export function roundOfDate(scenario: Scenario, date: string): number {
  const calendar = historyOf(scenario).calendar;
  const day = dayNumber(date);
  let round = 1;
  if (day < calendarRoundStart(calendar, 1)) {
    while (day < calendarRoundStart(calendar, round)) round -= 1;
    return round;
  }
  while (day >= calendarRoundStart(calendar, round + 1)) round += 1;
  return round;
}
