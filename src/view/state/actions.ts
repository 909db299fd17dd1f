import type { Move, Side } from '../../core/types';
import type { AiDecision } from '../../session/ai';
import type { ScenarioFile } from '../../session/catalog';
import type { SaveLoad } from '../../session/save';
import type { Settings } from '../../session/settings';
import type { ClassPageAction } from './class-page';
import type { ClassLiveAction, ClassRequest } from './class-live-state';
import type { ClassDebriefScreen, Lib, MaterialTab, ScreenName, SetupChoice } from './app-state';

/** Everything that can happen to the game in the browser, by name. Screens, the canvas, keys and the shell dispatch these. */
export type Action =
  // Start and navigation
  | { type: 'started'; lib: Lib; saved: SaveLoad; storageProblem: string | null }
  | { type: 'navigate'; screen: ScreenName }
  | { type: 'open-settings' }
  | { type: 'close-settings' }
  | { type: 'change-settings'; change: Partial<Settings> }
  | { type: 'announce'; text: string }
  // Choosing and setting up a game
  | { type: 'highlight-scenario'; id: string }
  | { type: 'choose-scenario'; id: string }
  /** The title's quick start: the quick-start scenario as the US against the normal AI, a random seed, to its briefing. */
  | { type: 'play-now' }
  | { type: 'open-scenario-file'; file: ScenarioFile }
  | { type: 'change-setup'; change: Partial<Omit<SetupChoice, 'branch'>> }
  | { type: 'new-seed' }
  /** From the setup to the briefing, with the seed as typed (a take-over keeps the replay's). */
  | { type: 'continue-to-briefing'; seed: string }
  | { type: 'start-match' }
  | { type: 'resume-backup' }
  | { type: 'open-code'; code: string }
  /** The page's address asked for a game or a result code (`?scenario=…`, `?code=…`: session/link.ts). */
  | { type: 'open-link'; query: string }
  // At the table
  | { type: 'set-chip'; issue: string; position: string; inPackage: boolean }
  | { type: 'clear-draft' }
  | { type: 'counter-from-standing' }
  | { type: 'play'; move: Move }
  | { type: 'ask-walkout' }
  | { type: 'cancel-walkout' }
  | { type: 'rewind'; round: number }
  | { type: 'undo' }
  | { type: 'new-game-same-setup' }
  // History
  | { type: 'highlight-episode'; id: string }
  | { type: 'open-replay'; id: string; position?: number }
  | { type: 'set-replay-position'; position: number }
  | { type: 'take-over'; position: number; side: Side; alternative: number | null }
  // Teaching materials and the glossary
  | { type: 'open-materials'; id: string | null; tab: MaterialTab }
  | { type: 'close-materials' }
  | { type: 'open-glossary'; term: string }
  | { type: 'close-glossary' }
  // Reported by the shell
  | { type: 'save-failed'; text: string }
  // The class page from result codes, and what a student hands in
  | ClassPageAction
  | ClassLiveAction
  /** One game of a class debrief opened at its debrief: from the class page, or from the teacher's live class. */
  | { type: 'class-open-game'; index: number; from: ClassDebriefScreen }
  | { type: 'set-student-name'; name: string }
  // Hot seat: the side the device was passed to is there
  | { type: 'take-device' }
  /**
   * The AI's decision, made off the page (src/view/shell/ai-driver.ts), for the match as it was at
   * `version` (a stale one is dropped), or why it could not decide.
   */
  | { type: 'ai-decided'; version: number; decision: AiDecision | null; problem?: string };

export type Dispatch = (action: Action) => void;

/** Optional sound cues (src/view/sound.ts plays them). */
export type Cue = 'chip' | 'move' | 'ai' | 'deal' | 'breakdown' | 'error';

/** What an action asks the shell to do besides showing the new state. */
export type Effect =
  | { kind: 'announce'; text: string }
  | { kind: 'sound'; cue: Cue }
  /** Move the focus to the control with this data-key, after the screen is drawn. */
  | { kind: 'focus'; key: string }
  /** After a move: focus what needs reading (the element marked data-focus-after-move). */
  | { kind: 'focus-after-move' }
  /** Scroll the panel back to its top (a new replay step is read from the top). */
  | { kind: 'scroll-top' }
  /** Bring the element with this id to the top of the view, after the screen is drawn (below a sticky bar: its scroll-margin). */
  | { kind: 'scroll-to'; id: string }
  /** Talk to the class server (the shell loads its connection code on the first such request). */
  | { kind: 'class'; request: ClassRequest };
