import { HistoryScene } from './scenes/history';
import { NotesScene } from './scenes/history-notes';
import { ReplayScene } from './scenes/replay';
import { historyScreen } from './screens/history';
import { historyNotesScreen } from './screens/history-notes';
import { materialsScreen } from './screens/materials';
import type { ScreenTable } from './screens/index';
import { replayScreen } from './screens/replay';

/**
 * The history screens (episode timeline, replay, teaching notes), their canvases and what they
 * compute, as one module the browser fetches after the title's first frame, with the AI and the
 * scenarios: none of it is needed to draw the title.
 */

export { historyData } from './history-data';

export const historyScreens: ScreenTable = {
  history: historyScreen,
  replay: replayScreen,
  'history-notes': historyNotesScreen,
  materials: materialsScreen,
};

export const historyScenes = { history: HistoryScene, replay: ReplayScene, 'history-notes': NotesScene };
