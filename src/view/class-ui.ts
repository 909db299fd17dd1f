import type { ScreenTable } from './screens/index';
import { classJoinScreen, classLobbyScreen, classRunScreen, classTeacherScreen } from './screens/class-live';

/**
 * The live class's screens (with the QR code library), as one module the browser fetches after
 * the title's first frame. The WebSocket client is not in it: src/view/shell/class-connection.ts
 * is fetched only when one of these screens first talks to the class server.
 */
export const classScreens: ScreenTable = {
  'class-run': classRunScreen,
  'class-teacher': classTeacherScreen,
  'class-join': classJoinScreen,
  'class-lobby': classLobbyScreen,
};
