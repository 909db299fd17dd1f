import { errorText, type KeyValueStorage } from './storage';

export type TextSize = 'normal' | 'large' | 'larger';
export const TEXT_SIZES: readonly TextSize[] = ['normal', 'large', 'larger'];

export interface Settings {
  sound: boolean;
  reducedMotion: boolean;
  textSize: TextSize;
  highContrast: boolean;
}

export const SETTINGS_KEY = 'bargaining-chips/settings';

/** Defaults: quiet (a classroom), and motion as the system asks. */
export function defaultSettings(prefersReducedMotion = false): Settings {
  return { sound: false, reducedMotion: prefersReducedMotion, textSize: 'normal', highContrast: false };
}

/** Read settings, keeping the defaults for anything missing or malformed. */
export function parseSettings(text: string | null, defaults: Settings): Settings {
  if (text === null) return { ...defaults };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ...defaults };
  }
  if (typeof data !== 'object' || data === null) return { ...defaults };
  const d = data as Record<string, unknown>;
  return {
    sound: typeof d.sound === 'boolean' ? d.sound : defaults.sound,
    reducedMotion: typeof d.reducedMotion === 'boolean' ? d.reducedMotion : defaults.reducedMotion,
    textSize: TEXT_SIZES.includes(d.textSize as TextSize) ? (d.textSize as TextSize) : defaults.textSize,
    highContrast: typeof d.highContrast === 'boolean' ? d.highContrast : defaults.highContrast,
  };
}

export function loadSettings(storage: KeyValueStorage, defaults: Settings): Settings {
  try {
    return parseSettings(storage.getItem(SETTINGS_KEY), defaults);
  } catch {
    return { ...defaults };
  }
}

/** Returns an error message when the settings could not be stored (they still apply for this visit). */
export function storeSettings(storage: KeyValueStorage, settings: Settings): string | null {
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    return null;
  } catch (error) {
    return `Settings apply for this visit but could not be saved: ${errorText(error)}`;
  }
}
