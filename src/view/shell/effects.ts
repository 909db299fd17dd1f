import type { Match } from '../../session/match';
import type { AutoSave } from '../../session/save';
import { storeSettings, type Settings } from '../../session/settings';
import type { KeyValueStorage } from '../../session/storage';
import { h } from '../dom';
import { stageContext } from '../scenes/context';
import type { Sound } from '../sound';
import type { Stage } from '../stage';
import type { Dispatch, Effect } from '../state/actions';
import type { AppState } from '../state/app-state';
import { HIGH_CONTRAST, NORMAL } from '../theme';

/** The store's listeners that do I/O other than drawing: each small, each reacting to one part of the state or one kind of effect. */

type Listener = (next: AppState, prev: AppState, effects: readonly Effect[]) => void;

/** Announcements for screen readers, in a live region: a fresh node each time, so a repeated one is read again. */
export function announcer(region: HTMLElement): Listener {
  return (_next, _prev, effects) => {
    for (const e of effects) {
      if (e.kind !== 'announce') continue;
      region.appendChild(h('p', null, e.text));
      while (region.childNodes.length > 6) region.removeChild(region.firstChild!);
    }
  };
}

export function soundCues(sound: Sound): Listener {
  return (_next, _prev, effects) => {
    for (const e of effects) if (e.kind === 'sound') sound.play(e.cue);
  };
}

/** The text-size setting as a factor of the normal size (the same as the page's root font sizes in styles.css). */
const TEXT_SCALE: Record<Settings['textSize'], number> = { normal: 1, large: 1.1875, larger: 1.375 };

/** Apply the look and motion settings to the page and the canvas (the stage may not exist yet at boot). */
export function applyLook(settings: Settings, sound: Sound, stage: Stage | null): void {
  const root = document.documentElement;
  root.classList.toggle('high-contrast', settings.highContrast);
  root.classList.toggle('text-large', settings.textSize === 'large');
  root.classList.toggle('text-larger', settings.textSize === 'larger');
  root.classList.toggle('reduced-motion', settings.reducedMotion);
  sound.enabled = settings.sound;
  if (stage) {
    stage.setLook(settings.highContrast, settings.reducedMotion);
    stage.setTextScale(TEXT_SCALE[settings.textSize]);
  }
  else {
    stageContext.reducedMotion = settings.reducedMotion;
    stageContext.highContrast = settings.highContrast;
    stageContext.palette = settings.highContrast ? HIGH_CONTRAST : NORMAL;
  }
}

/** Settings apply at once and are remembered; if they cannot be stored, the player hears why. */
export function settingsKeeper(
  storage: KeyValueStorage,
  sound: Sound,
  stage: Stage,
  dispatch: Dispatch,
): Listener {
  return (next, prev) => {
    if (next.settings === prev.settings) return;
    applyLook(next.settings, sound, stage);
    const problem = storeSettings(storage, next.settings);
    if (problem) dispatch({ type: 'announce', text: problem });
  };
}

/** Run `task` when the page is idle after this frame (within a second), where the browser can say when that is. */
export function afterFrame(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 100);
}

/**
 * The autosave: whenever the match changes (a new game, a move, a rewind), it is written; a failure becomes a notice.
 * The write (which replays the game to prove the save resumes) waits until the page is idle, so
 * the move and the AI's reply are on screen first; the changes of one turn make one write, and a
 * page being left or hidden writes at once.
 */
export function autosaver(autosave: AutoSave, dispatch: Dispatch, later: (task: () => void) => void = afterFrame): Listener {
  let pending: { match: Match; scenarioFile: AppState['scenarioFile'] } | null = null;
  const flush = () => {
    const p = pending;
    pending = null;
    if (!p) return;
    const problem = autosave.write(p.match, p.scenarioFile);
    if (problem) dispatch({ type: 'save-failed', text: problem });
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  return (next, prev) => {
    if (!next.match || (next.match === prev.match && next.matchVersion === prev.matchVersion)) return;
    // A seat at a class table is the server's game: the class keeps it, and a reload rejoins the seat.
    if (next.match.remoteSide) return;
    // Another game: the last state of the one before is written first, as it was.
    if (pending && pending.match !== next.match) flush();
    const scheduled = pending !== null;
    pending = { match: next.match, scenarioFile: next.scenarioFile };
    if (!scheduled) later(flush);
  };
}

/**
 * The replay's keys: → / Page Down forward, ← / Page Up back, Home and End (a presentation
 * clicker sends Page Up/Down). Not while typing or while a dialog is open.
 */
export function replayKeys(getState: () => AppState, dispatch: Dispatch): (event: KeyboardEvent) => void {
  return (event) => {
    const state = getState();
    if (
      state.screen !== 'replay' ||
      !state.replaying ||
      state.dialog !== null ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey
    )
      return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (
      target?.closest('input, textarea, select, [contenteditable="true"]') ||
      document.querySelector('dialog[open]')
    )
      return;
    const at = state.replaying.position;
    const to = {
      ArrowRight: at + 1,
      PageDown: at + 1,
      ArrowLeft: at - 1,
      PageUp: at - 1,
      Home: 0,
      End: Number.MAX_SAFE_INTEGER,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    dispatch({ type: 'set-replay-position', position: to });
  };
}
