import type { GameSpec, Scenario, Side } from '../core/types';
import { historyDebrief, type HistoryDebrief } from '../session/history-debrief';
import { historyReplay, type HistoryReplay } from '../session/history-replay';
import { HistoryScene } from './scenes/history';
import { NotesScene } from './scenes/history-notes';
import { ReplayScene } from './scenes/replay';

/**
 * The history screens (episode timeline, replay, teaching notes) and the side-by-side debrief,
 * as one module the browser fetches after the title's first frame, with the AI and the
 * scenarios: none of it is needed to draw the title.
 */

export { historyScreen } from './screens/history';
export { historyNotesScreen } from './screens/history-notes';
export { historySection } from './screens/history-debrief';
export { replayAnnouncement, replayScreen } from './screens/replay';

export const historyScenes = { history: HistoryScene, replay: ReplayScene, 'history-notes': NotesScene };

const replays = new WeakMap<Scenario, HistoryReplay>();

/** An episode's replay under its reference seed, computed once per scenario. */
export function replayOf(scenario: Scenario): HistoryReplay {
  let r = replays.get(scenario);
  if (!r) {
    r = historyReplay(scenario);
    replays.set(scenario, r);
  }
  return r;
}

let lastDebrief: { key: string; value: HistoryDebrief } | null = null;

/** The side-by-side comparison for a finished game of a historical scenario (kept for the last game asked about). */
export function historyDebriefOf(scenario: Scenario, spec: GameSpec, player: Side | null): HistoryDebrief {
  const key = JSON.stringify([scenario.id, scenario.version, spec, player]);
  if (lastDebrief?.key !== key) lastDebrief = { key, value: historyDebrief(scenario, spec, player) };
  return lastDebrief.value;
}
