import { INDICATOR_LIST, INDICATORS } from '../core/indicators';
import { civilFromDays, dateSpan, historyOf, LESSONS, replayHistory, roundSpan, roundStartDate } from '../core/history';
import { historyTimeline, type TimelineEntry } from './history-timeline';
import type { DecisionPoint, IndicatorId, Indicators, LessonId, Scenario, Side, Source } from '../core/types';
import { describeMove, outcomeText } from './text';

/**
 * What the history screens show, computed from the scenario alone: the episodes for the
 * timeline, and a replay of one episode as frames a class steps through. Pure: the view only
 * renders these, so every number on the replay is the model's own, and a test can recompute it.
 */

// --- the episodes ---------------------------------------------------------------------------

export interface Episode {
  id: string;
  title: string;
  /** The scenario's span (YYYY-MM-DD). */
  start: string;
  end: string;
  summary: string;
  /** Built on real events, but the path supposes something that did not happen: always labelled. */
  whatIf: boolean;
  steps: number;
  decisionPoints: number;
  /** The dates of the path's steps (YYYY-MM-DD, or YYYY-MM when the sources give only the month). */
  stepDates: string[];
}

/** Every scenario with a history section, in the order the episodes happened. */
export function historyEpisodes(scenarios: readonly Scenario[]): Episode[] {
  return scenarios
    .filter((s) => s.history !== undefined)
    .map((s) => {
      const h = historyOf(s);
      return {
        id: s.id,
        title: s.title,
        start: s.dates.start,
        end: s.dates.end,
        summary: s.summary,
        whatIf: h.kind === 'what-if' || h.path.some((p) => p.whatIf === true),
        steps: h.path.length,
        decisionPoints: h.decisionPoints.length,
        stepDates: h.path.map((p) => p.date),
      };
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

// --- the replay -----------------------------------------------------------------------------

export interface LessonRef {
  id: LessonId;
  number: number;
  title: string;
  /** A few words, for a label on the canvas. */
  short: string;
}

const LESSON_SHORT: Record<LessonId, string> = {
  'controls-not-chips': 'controls are not chips',
  linkage: 'linkage cuts both ways',
  chokepoints: 'chokepoints wear out',
  'two-level': 'negotiators answer to home',
  commitments: 'commitments are not outcomes',
};

export const lessonRefs = (ids: readonly LessonId[]): LessonRef[] => ids.map((id) => ({ id, ...LESSONS[id], short: LESSON_SHORT[id] }));

export function sourceOf(scenario: Scenario, id: string | undefined): Source | null {
  return id === undefined ? null : (scenario.sources.find((s) => s.id === id) ?? null);
}

export interface ReplayStep {
  /** Index in the path (0-based); a take-over just before it has `branchStep: index`. */
  index: number;
  side: Side;
  date: string;
  /** One line, in the project's words (from the scenario file: untrusted text). */
  account: string;
  source: Source | null;
  sourceId: string;
  /** A supposed step of a what-if: label it, never present it as fact. */
  whatIf: boolean;
  /** The model round the move was made in, and the calendar date that round starts. */
  round: number;
  roundDate: string;
  /**
   * Where the real date falls outside that round's span on the model's calendar (its rounds are
   * fixed steps, taken in the order of the moves): the round starts after the real date, or ends
   * before it, on `date`. Null when the real date falls within the round.
   */
  calendarGap: { round: 'starts-after' | 'ends-before'; date: string } | null;
  /** The move as the game describes it. */
  moveText: string;
  before: Indicators;
  /** After the move; for the move that ended the talks, at the end of that round. */
  after: Indicators;
  /** What the model did because of the move, in the same round or the talks' last: events (with their real dates where known), snap-backs, the end of the talks. */
  following: TimelineEntry[];
  /** History's move here was a choice: the decision point just before it. */
  decision: DecisionPoint | null;
}

export type FrameKind = 'start' | 'step' | 'aftermath';

/** One position of the replay: the start, after each step, and the model's end. */
export interface ReplayFrame {
  position: number;
  kind: FrameKind;
  round: number;
  indicators: Indicators;
}

export interface HistoryReplay {
  scenario: Scenario;
  seed: string;
  steps: ReplayStep[];
  /** Positions 0 (before any move) to steps.length (after the last), then the aftermath. */
  frames: ReplayFrame[];
  /** After the talks: the model runs on to the horizon. */
  aftermath: { talksEnded: number; horizon: number; outcomeText: string; entries: TimelineEntry[] } | null;
  epilogue: TimelineEntry[];
  /** The indicators the canvas charts: trade gains and security cost, then those the episode moves most. */
  charted: IndicatorId[];
}

/** How many indicators the replay charts (the DOM lists them all). */
export const CHARTED = 6;

/** The replay of an episode under a seed (the scenario's reference seed unless given). */
export function historyReplay(scenario: Scenario, seed = historyOf(scenario).seed): HistoryReplay {
  const history = historyOf(scenario);
  const run = replayHistory(scenario, seed);
  const final = run.final;
  const outcome = final.outcome;
  const talksEnded = outcome?.round ?? final.round;
  const roundRecord = (round: number) => final.trajectory.find((h) => h.round === round)?.indicators;
  const timeline = historyTimeline(scenario, seed);
  const last = history.path.length - 1;
  const steps: ReplayStep[] = history.path.map((step, index) => {
    const before = run.states[index]!;
    const after = index === last && outcome ? (roundRecord(outcome.round) ?? run.states[index + 1]!.indicators) : run.states[index + 1]!.indicators;
    const following = timeline.filter((e) => e.kind !== 'step' && e.kind !== 'epilogue' && ownerStep(timeline, e) === index && (index < last || (e.round ?? 0) <= talksEnded));
    return {
      index,
      side: step.move.side,
      date: step.date,
      account: step.account,
      source: sourceOf(scenario, step.source),
      sourceId: step.source,
      whatIf: step.whatIf === true,
      round: before.round,
      roundDate: roundStartDate(scenario, before.round),
      calendarGap: calendarGap(scenario, step.date, before.round),
      moveText: describeMove(scenario, step.move, before, null),
      before: before.indicators,
      after,
      following,
      decision: history.decisionPoints.find((d) => d.step === index) ?? null,
    };
  });
  const frames: ReplayFrame[] = [
    { position: 0, kind: 'start', round: 0, indicators: run.states[0]!.indicators },
    ...steps.map((s, i) => ({ position: i + 1, kind: 'step' as const, round: s.round, indicators: s.after })),
  ];
  let aftermath: HistoryReplay['aftermath'] = null;
  if (outcome && final.round > talksEnded) {
    frames.push({ position: steps.length + 1, kind: 'aftermath', round: final.round, indicators: final.indicators });
    aftermath = {
      talksEnded,
      horizon: final.round,
      outcomeText: outcomeText(scenario, outcome, null),
      entries: timeline.filter((e) => e.kind !== 'step' && e.kind !== 'epilogue' && (e.round ?? 0) > talksEnded),
    };
  }
  return {
    scenario,
    seed,
    steps,
    frames,
    aftermath,
    epilogue: timeline.filter((e) => e.kind === 'epilogue'),
    charted: chartedIndicators(frames.map((f) => f.indicators)),
  };
}

/** The path step a timeline entry follows (entries come right after the step that caused them). */
function ownerStep(timeline: TimelineEntry[], entry: TimelineEntry): number {
  let owner = -1;
  for (const e of timeline) {
    if (e.kind === 'step') owner = e.step!;
    if (e === entry) return owner;
  }
  return -1;
}

/**
 * Trade gains and security cost (the game's two axes), then the indicators that move most over
 * the episode as a share of their range, shown in the usual order. An indicator that never moves
 * is not charted.
 */
export function chartedIndicators(series: readonly Indicators[], count = CHARTED): IndicatorId[] {
  const fixed: IndicatorId[] = ['us.tradeGains', 'us.securityCost'];
  const span = (id: IndicatorId) => {
    const values = series.map((s) => s[id]);
    return (Math.max(...values) - Math.min(...values)) / (INDICATORS[id].max - INDICATORS[id].min);
  };
  const rest = INDICATOR_LIST.map((d) => d.id)
    .filter((id) => !fixed.includes(id) && span(id) > 1e-9)
    .sort((a, b) => span(b) - span(a))
    .slice(0, Math.max(0, count - fixed.length));
  const chosen = new Set<IndicatorId>([...fixed, ...rest]);
  return INDICATOR_LIST.map((d) => d.id).filter((id) => chosen.has(id));
}

/** Whether a real date falls outside a round's span on the model's calendar, and on which side. */
function calendarGap(scenario: Scenario, date: string, round: number): ReplayStep['calendarGap'] {
  const [first, last] = roundSpan(historyOf(scenario).calendar, round);
  const [from, to] = dateSpan(date);
  if (to < first) return { round: 'starts-after', date: civilFromDays(first) };
  if (from > last) return { round: 'ends-before', date: civilFromDays(last) };
  return null;
}

/** Where a replay can stand: 0 (the start) to the last frame. */
export function clampPosition(replay: HistoryReplay, position: number): number {
  return Math.max(0, Math.min(replay.frames.length - 1, Math.round(position)));
}

/** The heading of a position, e.g. "Step 3 of 7", "The starting position", "After the talks". */
export function positionTitle(replay: HistoryReplay, position: number): string {
  const frame = replay.frames[position]!;
  if (frame.kind === 'start') return 'The starting position';
  if (frame.kind === 'aftermath') return 'After the talks';
  return `Step ${position} of ${replay.steps.length}`;
}

/**
 * Whether a player can take over at a position: before any step that history still has to make
 * (a branch keeps the first `position` moves and plays on from there).
 */
export function canTakeOver(replay: HistoryReplay, position: number): boolean {
  return position >= 0 && position < replay.steps.length;
}

// --- the teaching notes -----------------------------------------------------------------------

export interface TeachingNotes {
  kind: 'historical' | 'what-if';
  whatIf: string | null;
  calibration: string;
  questions: { text: string; lessons: LessonRef[]; source: Source | null }[];
  decisions: {
    id: string;
    /** The path step history took at this decision (1-based, as the replay numbers them). */
    stepNumber: number;
    date: string;
    question: string;
    history: string;
    lessons: LessonRef[];
    source: Source | null;
    alternatives: { label: string; note: string | null; source: Source | null; playable: boolean }[];
  }[];
  epilogue: { date: string; text: string; source: Source | null; unverified: boolean }[];
}

/** The debrief-style material of an episode: calibration, questions with their lessons, decision points, epilogue. */
export function teachingNotes(scenario: Scenario): TeachingNotes {
  const h = historyOf(scenario);
  return {
    kind: h.kind,
    whatIf: h.whatIf ?? null,
    calibration: h.calibration,
    questions: h.questions.map((q) => ({ text: q.text, lessons: lessonRefs(q.lessons), source: sourceOf(scenario, q.source) })),
    decisions: h.decisionPoints.map((d) => ({
      id: d.id,
      stepNumber: d.step + 1,
      date: h.path[d.step]!.date,
      question: d.question,
      history: d.history,
      lessons: lessonRefs(d.lessons),
      source: sourceOf(scenario, d.source),
      alternatives: d.alternatives.map((a) => ({ label: a.label, note: a.note ?? null, source: sourceOf(scenario, a.source), playable: a.move !== undefined })),
    })),
    epilogue: (h.epilogue ?? []).map((e) => ({ date: e.date, text: e.text, source: sourceOf(scenario, e.source), unverified: e.unverified === true })),
  };
}
