import type { Scenario } from '../core/types';
import { historyDebrief } from '../session/history-debrief';
import { historyReplay, type HistoryReplay } from '../session/history-replay';
import { HistoryScene } from './scenes/history';
import { NotesScene } from './scenes/history-notes';
import { ReplayScene } from './scenes/replay';
import { historyScreen } from './screens/history';
import { historyNotesScreen } from './screens/history-notes';
import type { ScreenTable } from './screens/index';
import { replayAnnouncement, replayScreen } from './screens/replay';
import type { HistoryData } from './state/app-state';

/**
 * The history screens (episode timeline, replay, teaching notes) and what they compute, as one
 * module the browser fetches after the title's first frame, with the AI and the scenarios: none
 * of it is needed to draw the title.
 */

export const historyScreens: ScreenTable = {
  history: historyScreen,
  replay: replayScreen,
  'history-notes': historyNotesScreen,
};

export const historyScenes = { history: HistoryScene, replay: ReplayScene, 'history-notes': NotesScene };

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

export const historyData: HistoryData = { replayOf, historyDebriefOf: historyDebrief, replayAnnouncement };
