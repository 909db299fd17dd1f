import { z } from 'zod';
import { errorText, type KeyValueStorage } from './storage';

export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;

/**
 * The player's settings: the one definition, from which the type is inferred. A stored field
 * that does not parse falls back to its default on its own (`catch`), so one bad field never
 * costs the others.
 */
export const settingsSchema = z.object({
  sound: z.boolean(),
  reducedMotion: z.boolean(),
  textSize: z.enum(TEXT_SIZES),
  highContrast: z.boolean(),
});

export type Settings = z.infer<typeof settingsSchema>;
export type TextSize = Settings['textSize'];

export const SETTINGS_KEY = 'bargaining-chips/settings';

/** Defaults: quiet (a classroom), and motion as the system asks. */
export function defaultSettings(prefersReducedMotion = false): Settings {
  return { sound: false, reducedMotion: prefersReducedMotion, textSize: 'normal', highContrast: false };
}

/** Read settings, keeping the defaults for anything missing or malformed. */
export function parseSettings(text: string | null, defaults: Settings): Settings {
  // A settings record is a few dozen characters: anything longer is not one.
  if (text === null || text.length > 10_000) return { ...defaults };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ...defaults };
  }
  const lenient = z.object({
    sound: settingsSchema.shape.sound.catch(defaults.sound),
    reducedMotion: settingsSchema.shape.reducedMotion.catch(defaults.reducedMotion),
    textSize: settingsSchema.shape.textSize.catch(defaults.textSize),
    highContrast: settingsSchema.shape.highContrast.catch(defaults.highContrast),
  });
  const parsed = lenient.safeParse(data);
  return parsed.success ? parsed.data : { ...defaults };
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
