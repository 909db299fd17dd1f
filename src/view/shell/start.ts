import { ScenarioCatalog, type ScenarioFile, type ScenarioLoader } from '../../session/catalog';
import { AI_ELSEWHERE } from '../../session/match';
import { AutoSave } from '../../session/save';
import type { Settings } from '../../session/settings';
import type { KeyValueStorage } from '../../session/storage';
import type * as HistoryModule from '../history-ui';
import { stageContext } from '../scenes/context';
import { SCREENS, type ScreenTable } from '../screens/index';
import { TableScene } from '../scenes/table';
import type { Sound } from '../sound';
import type { Stage } from '../stage';
import type { Action, Effect } from '../state/actions';
import { initialState, type AiModule, type AppState } from '../state/app-state';
import { Store } from '../state/store';
import { update } from '../state/update';
import { announcer, autosaver, replayKeys, settingsKeeper, soundCues } from './effects';
import { aiDriver } from './ai-driver';
import { startAiService, type AiService } from './ai-service';
import { freshPanel, mountRenderer } from './render';
import { mountGlossaryDialog } from './glossary-dialog';
import { mountSettingsDialog } from './settings-dialog';
import { classRequests, keptTeacherClass, openJoinLink, resumeClass } from './class-shell';
import { tickCountdowns } from '../screens/class-table';

export type GameStore = Store<AppState, Action, Effect>;

/** What is up before the title's first frame (canvas-first.ts): the game is built around it. */
export interface FirstFrame {
  stage: Stage;
  sound: Sound;
  settings: Settings;
}

export interface GameDeps {
  storage: KeyValueStorage;
  /** Why the browser's storage cannot be used, if it cannot (the game then keeps nothing across a reload). */
  storageProblem: string | null;
  /** A fresh seed for a new game (the browser may use its own randomness; the core never does). */
  randomSeed(): string;
  /** The shipped scenario files and the loader that validates them (both fetched after the first frame). */
  scenarios(): Promise<{ files: ScenarioFile[]; load: ScenarioLoader }>;
  /** The AI negotiators (src/negotiators), fetched after the first frame. */
  ai(): Promise<AiModule>;
  /** The history screens (src/view/history-ui.ts), fetched after the first frame. */
  history(): Promise<Pick<typeof HistoryModule, 'historyData' | 'historyScreens' | 'historyScenes'>>;
}

export interface Game {
  store: GameStore;
  stage: Stage;
  /** Fetch the scenarios, the AI and the history code, resume the autosave, and show the first screen's controls. */
  load(): Promise<void>;
  /** Where the table's AI thinks (its Web Worker, or the page if the worker failed); null before `load`. */
  aiWhere(): AiService['where'] | null;
  /** The current panel built afresh, off the page (the panel on the page may have been patched in place). */
  freshPanel(): HTMLElement;
}

/**
 * The imperative shell around the store: it makes the store, and subscribes the
 * listeners that do the I/O (drawing, announcements, sound, settings, the autosave), around the
 * canvas that drew the title before this code arrived; `load` brings in the rest.
 */
export function startGame(
  elements: { panel: HTMLElement; announcer: HTMLElement },
  deps: GameDeps,
  { stage, sound, settings }: FirstFrame,
): Game {
  stage.register({ table: TableScene });
  const store: GameStore = new Store(initialState(settings), (state, action) =>
    update(state, action, { randomSeed: deps.randomSeed }),
  );
  const dispatch = (action: Action) => store.dispatch(action);
  const screens: ScreenTable = { ...SCREENS };

  // The AI is asked first, so that it thinks in its worker while the page draws the player's move.
  let service: AiService | null = null;
  store.subscribe(aiDriver(() => (service ??= startAiService()), dispatch));
  store.subscribe(mountRenderer(elements.panel, stage, screens, dispatch));
  store.subscribe(mountSettingsDialog(dispatch));
  store.subscribe(mountGlossaryDialog(dispatch));
  store.subscribe(settingsKeeper(deps.storage, sound, stage, dispatch));
  store.subscribe(announcer(elements.announcer));
  store.subscribe(soundCues(sound));
  store.subscribe(classRequests(deps.storage, dispatch, deps.storageProblem !== null));
  // A class turn's countdown: its text follows the clock between renders.
  setInterval(() => tickCountdowns(document, Date.now()), 1000);
  // The canvas's chips send their intents here (a drag onto the table, or back to a tray).
  stageContext.setChip = (issue, position, inPackage) =>
    dispatch({ type: 'set-chip', issue, position, inPackage });
  // A timeline entry clicked on the canvas: its card is highlighted, shown and its main button focused.
  stageContext.pickEntry = (kind, id) => {
    dispatch(kind === 'scenario' ? { type: 'highlight-scenario', id } : { type: 'highlight-episode', id });
    const card = [...document.querySelectorAll<HTMLElement>(`.card[data-${kind}]`)].find((el) => el.dataset[kind] === id);
    const main = card?.querySelector<HTMLButtonElement>('button');
    card?.scrollIntoView({ block: 'nearest', behavior: stageContext.reducedMotion ? 'auto' : 'smooth' });
    main?.focus({ preventScroll: true });
  };
  document.addEventListener(
    'keydown',
    replayKeys(() => store.getState(), dispatch),
  );

  const load = async () => {
    const [{ files, load: loadScenario }, ai, history, classUi] = await Promise.all([
      deps.scenarios(),
      deps.ai(),
      deps.history(),
      import('../class-ui'),
    ]);
    stage.register(history.historyScenes);
    Object.assign(screens, history.historyScreens, classUi.classScreens);
    const catalog = new ScenarioCatalog(files, loadScenario);
    // The table's AI thinks in a Web Worker (started when first asked); its decisions come back as actions.
    const autosave = new AutoSave(deps.storage, catalog, AI_ELSEWHERE);
    const saved = autosave.load();
    store.subscribe(autosaver(autosave, dispatch));
    dispatch({
      type: 'started',
      lib: { catalog, ai, history: history.historyData, matchAi: AI_ELSEWHERE },
      saved,
      storageProblem: deps.storageProblem,
    });
    // A reload in a class: the student rejoins the seat kept here, the teacher gets the class back.
    // A class's join link (its QR code) comes first: the join screen with the code filled in.
    const teacher = keptTeacherClass(deps.storage);
    if (openJoinLink(deps.storage, dispatch, window.location.search)) return;
    openGameLink(dispatch);
    if (teacher) dispatch({ type: 'class-open-teacher', ...teacher });
    else resumeClass(deps.storage, dispatch);
  };
  return { store, stage, load, aiWhere: () => service?.where ?? null, freshPanel: () => freshPanel(store.getState(), screens, dispatch, elements.panel) };
}

/**
 * A game link (`?scenario=…`, `?code=…`), read once: its parameters leave the address, so a reload
 * mid-game resumes the saved game instead of opening the link's setup again. `renderer` is the
 * stage's (renderer-choice.ts) and stays.
 */
function openGameLink(dispatch: (action: Action) => void): void {
  const params = new URLSearchParams(window.location.search);
  const renderer = params.get('renderer');
  params.delete('renderer');
  const query = params.toString();
  if (query === '') return;
  dispatch({ type: 'open-link', query });
  const kept = renderer === null ? '' : `?${new URLSearchParams({ renderer }).toString()}`;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${kept}${window.location.hash}`);
}
