import type { Scenario } from '../core/types';
import { historyDebrief } from '../session/history-debrief';
import { historyReplay, positionTitle, type HistoryReplay } from '../session/history-replay';
import { formatDate } from '../session/text';
import { embeddedMaterialFiles, materialsData } from './materials-data';
import type { HistoryData } from './state/app-state';

/**
 * What the history screens compute for the actions: an episode's replay, a game beside history,
 * and the words a screen reader hears as the replay moves. No DOM and no Phaser, so the actions
 * can be tested in Node; the browser fetches it with the history screens (history-ui.ts).
 */

const replays = new WeakMap<Scenario, HistoryReplay>();

/** An episode's replay under its reference seed, computed once per scenario. */
function replayOf(scenario: Scenario): HistoryReplay {
  let r = replays.get(scenario);
  if (!r) {
    r = historyReplay(scenario);
    replays.set(scenario, r);
  }
  return r;
}

/** What a screen reader hears when the replay moves. */
function replayAnnouncement(r: HistoryReplay, position: number): string {
  const frame = r.frames[position]!;
  const scenario = r.scenario;
  if (frame.kind === 'step') {
    const s = r.steps[position - 1]!;
    const next = r.steps[position];
    return `${positionTitle(r, position)}, ${formatDate(s.date)}. ${scenario.sides[s.side].label}: ${s.account}${next?.decision ? ` Decision point next: ${next.decision.question}` : ''}`;
  }
  if (frame.kind === 'start')
    return `The starting position.${r.steps[0]?.decision ? ` Decision point next: ${r.steps[0].decision.question}` : ''}`;
  return `After the talks. ${r.aftermath?.outcomeText ?? ''}`;
}

export const historyData: HistoryData = {
  replayOf,
  historyDebriefOf: historyDebrief,
  replayAnnouncement,
  materials: materialsData(embeddedMaterialFiles()),
};
