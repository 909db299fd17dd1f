import type { ScreenName } from '../state/app-state';
import { briefingScreen } from './briefing';
import { classPageScreen } from './class-page';
import { choiceScreen } from './choice';
import { debriefScreen } from './debrief';
import { loadCodeScreen } from './load-code';
import { passDeviceScreen } from './pass-device';
import type { ScreenFn } from './screen';
import { setupScreen } from './setup';
import { tableScreen } from './table';
import { titleScreen } from './title';

/** Which function draws each screen. The history screens join when their code arrives (src/view/history-ui.ts). */
export type ScreenTable = Partial<Record<ScreenName, ScreenFn>>;

export const SCREENS: ScreenTable = {
  title: titleScreen,
  choice: choiceScreen,
  setup: setupScreen,
  briefing: briefingScreen,
  table: tableScreen,
  debrief: debriefScreen,
  'load-code': loadCodeScreen,
  'class-page': classPageScreen,
  'pass-device': passDeviceScreen,
};
