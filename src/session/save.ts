import { InvalidOptionsError } from '../core/engine';
import { LIMITS } from '../core/schema/limits';
import { formatPath, schemaProblems } from '../core/schema/problems';
import { checkTextInput } from '../core/schema/text-input';
import type { Scenario } from '../core/types';
import type { ScenarioCatalog, ScenarioFile } from './catalog';
import { Match, type Ai } from './match';
import { SAVE_FORMAT, SAVE_VERSION, saveSchema, type SaveData } from './save-schema';
import { errorText, type KeyValueStorage } from './storage';

export { SAVE_FORMAT, SAVE_VERSION, saveSchema, type SaveData };

export const SAVE_KEY = 'bargaining-chips/save';
export const BACKUP_KEY = 'bargaining-chips/save-backup';
export const SET_ASIDE_PREFIX = 'bargaining-chips/set-aside/';
export interface Resumed {
  save: SaveData;
  scenario: Scenario;
  match: Match;
}

export type SaveLoad =
  | { kind: 'empty' }
  | ({ kind: 'ok' } & Resumed)
  | {
      kind: 'set-aside';
      /** For the player: what was wrong, and what became of the save. */
      message: string;
      /** Where the unreadable save was kept, or null if it could not be kept. */
      setAsideKey: string | null;
      /** The previous good autosave, when there is one. */
      backup: Resumed | null;
    };

type Check = { ok: true; resumed: Resumed } | { ok: false; reason: string };

/** Why a stored text is not a save this game can read, in a clause; or the save. */
export function parseSave(text: string): { ok: true; save: SaveData } | { ok: false; reason: string } {
  const checked = checkTextInput(text, LIMITS.saveChars, 'a saved game');
  if (!checked.ok) return { ok: false, reason: checked.message };
  let data: unknown;
  try {
    data = JSON.parse(checked.text);
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON (${errorText(error).slice(0, 120)})` };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== SAVE_FORMAT) return { ok: false, reason: 'it is not a Bargaining Chips save' };
  const version = (data as { version?: unknown }).version;
  if (version !== SAVE_VERSION) {
    const which = typeof version === 'number' ? `its format version ${version} is unknown` : 'its format version is missing';
    return { ok: false, reason: `${which} (this game reads version ${SAVE_VERSION})` };
  }
  const parsed = saveSchema.safeParse(data);
  if (!parsed.success) {
    const [first, ...rest] = schemaProblems(parsed.error, data);
    const state = first!.message.startsWith('is missing') ? 'incomplete' : 'damaged';
    const more = rest.length > 0 ? `; and ${rest.length} more problem${rest.length === 1 ? '' : 's'}` : '';
    return { ok: false, reason: `its game record is ${state} (${formatPath(first!.path)}: ${first!.message}${more})` };
  }
  return { ok: true, save: parsed.data };
}

/**
 * The autosave. Every write keeps the previous good save as a backup, and nothing that does not
 * read back as a playable game is ever written. A save that cannot be read is moved aside under
 * its own key (never over another one) and reported; it is not silently replaced.
 */
export class AutoSave {
  /** The text this object last wrote and verified, so it need not be checked again. */
  private lastWritten: string | null = null;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly catalog: ScenarioCatalog,
    private readonly decide: Ai,
  ) {}

  /** Whether `text` is a save this game can resume, and if not, why not, in the player's words. Never throws. */
  check(text: string): Check {
    try {
      return this.resume(text);
    } catch (error) {
      return { ok: false, reason: `it could not be resumed (${errorText(error).slice(0, 200)})` };
    }
  }

  private resume(text: string): Check {
    const parsed = parseSave(text);
    if (!parsed.ok) return parsed;
    const save = parsed.save;
    const { spec, scenarioFile: file } = save;
    let scenario = this.catalog.find(spec.scenario.id);
    if (!scenario && file) {
      const opened = this.catalog.open(file);
      if (!opened.ok) return { ok: false, reason: `its scenario file ${file.file} no longer loads (${opened.problems[0]?.message ?? 'invalid'})` };
      scenario = opened.scenario;
    }
    if (!scenario) return { ok: false, reason: `it is a game of scenario "${spec.scenario.id}", which this game does not have` };
    if (scenario.version !== spec.scenario.version) {
      return { ok: false, reason: `it was played on version ${spec.scenario.version} of "${scenario.id}", but this game has version ${scenario.version}` };
    }
    let match: Match;
    try {
      match = Match.resume(scenario, spec, save.notes, this.decide);
    } catch (error) {
      if (error instanceof InvalidOptionsError) return { ok: false, reason: `its game options are invalid (${error.problems.join('; ')})` };
      return { ok: false, reason: `its moves do not replay (${errorText(error)})` };
    }
    return { ok: true, resumed: { save, scenario, match } };
  }

  load(): SaveLoad {
    let text: string | null;
    try {
      text = this.storage.getItem(SAVE_KEY);
    } catch (error) {
      return {
        kind: 'set-aside',
        message: `Your saved game could not be read: the browser refused access to its storage (${errorText(error)}). Nothing was changed.`,
        setAsideKey: null,
        backup: null,
      };
    }
    if (text === null) return { kind: 'empty' };
    const checked = this.check(text);
    if (checked.ok) {
      this.lastWritten = text;
      return { kind: 'ok', ...checked.resumed };
    }
    const key = this.setAside(text);
    let backup: Resumed | null = null;
    try {
      const backupText = this.storage.getItem(BACKUP_KEY);
      if (backupText !== null) {
        const b = this.check(backupText);
        if (b.ok) backup = b.resumed;
      }
    } catch {
      backup = null;
    }
    const kept = key
      ? `It has been set aside in this browser's storage under "${key}", and nothing was overwritten.`
      : 'It could not be set aside, so it was left where it was; it will not be overwritten by a new game without being kept.';
    return { kind: 'set-aside', message: `Your saved game could not be resumed: ${checked.reason}. ${kept}`, setAsideKey: key, backup };
  }

  /** Move an unreadable save to a free key of its own and remove it from the save slot. */
  private setAside(text: string): string | null {
    try {
      let n = 1;
      while (this.storage.getItem(`${SET_ASIDE_PREFIX}${n}`) !== null) n += 1;
      const key = `${SET_ASIDE_PREFIX}${n}`;
      this.storage.setItem(key, text);
      if (this.storage.getItem(key) !== text) return null;
      this.storage.removeItem(SAVE_KEY);
      return key;
    } catch {
      return null;
    }
  }

  /** Save the match. Returns null on success, or a message for the player. */
  write(match: Match, scenarioFile?: ScenarioFile): string | null {
    const data: SaveData = {
      format: SAVE_FORMAT,
      version: SAVE_VERSION,
      spec: match.spec,
      notes: match.aiNotes,
      ...(scenarioFile ? { scenarioFile } : {}),
    };
    const text = JSON.stringify(data);
    if (text === this.lastWritten) return null;
    const own = this.check(text);
    if (!own.ok) return `The game could not be saved: ${own.reason}.`;
    try {
      const current = this.storage.getItem(SAVE_KEY);
      if (current !== null && current !== text) {
        if (current === this.lastWritten || this.check(current).ok) this.storage.setItem(BACKUP_KEY, current);
        else if (this.setAside(current) === null) return 'The game could not be saved: an unreadable save is in the way and could not be set aside.';
      }
      this.storage.setItem(SAVE_KEY, text);
      this.lastWritten = text;
      return null;
    } catch (error) {
      return `The game could not be saved in this browser (${errorText(error)}); it goes on, but a reload would lose it.`;
    }
  }

  /** Forget the current save (the backup stays). */
  clear(): void {
    try {
      const current = this.storage.getItem(SAVE_KEY);
      if (current !== null && (current === this.lastWritten || this.check(current).ok)) this.storage.setItem(BACKUP_KEY, current);
      this.storage.removeItem(SAVE_KEY);
      this.lastWritten = null;
    } catch {
      // Nothing to do: the save stays where it is.
    }
  }
}
