import { historyOf, replayHistory, roundStartDate } from '../core/history';
import type { Conflict, Scenario } from '../core/types';
import { explanationText } from './explain-words';

/** The timeline a replay screen shows: history's steps, what the model did after each, in words, and the epilogue. */

export type TimelineKind = 'step' | 'event' | 'expiry' | 'outcome' | 'epilogue';

export interface TimelineEntry {
  kind: TimelineKind;
  /** The model round it falls in; epilogue entries come after the modelled span and have none. */
  round?: number;
  /** The real date when history gives one; otherwise the calendar date of the round's start. */
  date: string;
  /** True when `date` comes from the model's calendar rather than from the sources. */
  calendarDate?: boolean;
  text: string;
  source?: string;
  /** Show it labelled as unverified, never as fact. */
  unverified?: boolean;
  /** A supposed step of a what-if. */
  whatIf?: boolean;
  /** The path index of a step (a take-over from here has `branchStep: step`). */
  step?: number;
  event?: string;
  /** The sources disagree about a figure the text states: the screen shows every value. */
  conflict?: Conflict;
}

/**
 * Everything a replay of the episode shows, in the order it happens in the model: each step of
 * the path, then what the model did because of it (events, with their real date and source when
 * `history.events` has them; snap-backs; the end of the talks), then the epilogue.
 */
export function historyTimeline(scenario: Scenario, seed = historyOf(scenario).seed): TimelineEntry[] {
  const history = historyOf(scenario);
  const r = replayHistory(scenario, seed);
  const notes = new Map((history.events ?? []).map((n) => [n.event, n]));
  const calendar = (round: number) => ({ date: roundStartDate(scenario, round), calendarDate: true });
  const out: TimelineEntry[] = [];
  history.path.forEach((step, i) => {
    out.push({
      kind: 'step',
      round: r.states[i]!.round,
      date: step.date,
      text: step.account,
      source: step.source,
      step: i,
      ...(step.whatIf ? { whatIf: true } : {}),
    });
    for (const e of r.explanations[i]!) {
      if (e.kind === 'event' && e.indicator === undefined && e.event !== undefined) {
        const note = notes.get(e.event);
        out.push(
          note
            ? {
                kind: 'event',
                round: e.round,
                date: note.date,
                text: note.account,
                source: note.source,
                event: e.event,
                ...(note.unverified ? { unverified: true } : {}),
                ...(note.conflict ? { conflict: note.conflict } : {}),
              }
            : {
                kind: 'event',
                round: e.round,
                ...calendar(e.round),
                text: explanationText(scenario, e),
                event: e.event,
                ...(e.source ? { source: e.source } : {}),
              },
        );
      } else if (e.kind === 'expiry') {
        out.push({
          kind: 'expiry',
          round: e.round,
          ...calendar(e.round),
          text: explanationText(scenario, e),
        });
      } else if (e.kind === 'outcome') {
        out.push({
          kind: 'outcome',
          round: e.round,
          date: step.date,
          text: explanationText(scenario, e),
          source: step.source,
        });
      }
    }
  });
  for (const item of history.epilogue ?? []) {
    out.push({
      kind: 'epilogue',
      date: item.date,
      text: item.text,
      source: item.source,
      ...(item.unverified ? { unverified: true } : {}),
      ...(item.conflict ? { conflict: item.conflict } : {}),
    });
  }
  return out;
}
