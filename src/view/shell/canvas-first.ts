import { defaultSettings, loadSettings } from '../../session/settings';
import type { KeyValueStorage } from '../../session/storage';
import { TAGLINE } from '../scenes/title';
import { Sound } from '../sound';
import { Stage } from '../stage';
import { applyLook } from './effects';
import type { FirstFrame } from './start';

/**
 * The title's canvas in the saved look, made before the rest of the game's code is fetched (the
 * store, the screens, the engine and its schemas follow the first frame: see main.ts).
 */
export function canvasFirst(stageElement: HTMLElement, storage: KeyValueStorage, prefersReducedMotion: boolean): FirstFrame {
  const sound = new Sound();
  const settings = loadSettings(storage, defaultSettings(prefersReducedMotion));
  applyLook(settings, sound, null);
  const stage = new Stage(stageElement, { key: 'title', model: { tagline: TAGLINE } });
  applyLook(settings, sound, stage);
  return { stage, sound, settings };
}
