import { InvalidOptionsError } from '../core/engine';
import type { GameSpec, Scenario } from '../core/types';
import type { ScenarioCatalog, ScenarioFile } from './catalog';
import { Match, type Ai, type AiNote } from './match';
import { errorText, type KeyValueStorage } from './storage';

export const SAVE_KEY = 'bargaining-chips/save';
export const BACKUP_KEY = 'bargaining-chips/save-backup';
export const SET_ASIDE_PREFIX = 'bargaining-chips/set-aside/';
export const SAVE_FORMAT = 'bargaining-chips-save';
export const SAVE_VERSION = 1;

/** What is stored: the game as its move log, the AI's stated reasons, and where the player was. */
export interface SaveData {
  format: typeof SAVE_FORMAT;
  version: typeof SAVE_VERSION;
  spec: GameSpec;
  notes: AiNote[];
  /** The scenario's file when the player opened it (shipped scenarios are found by id). */
  scenarioFile?: ScenarioFile;
}

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

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
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

  /** Whether `text` is a save this game can resume, and if not, why not, in the player's words. */
  check(text: string): Check {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: `it is not valid JSON (${errorText(error)})` };
    }
    if (!isObject(data) || data.format !== SAVE_FORMAT) return { ok: false, reason: 'it is not a Bargaining Chips save' };
    if (data.version !== SAVE_VERSION) return { ok: false, reason: `its format version ${JSON.stringify(data.version)} is unknown (this game reads version ${SAVE_VERSION})` };
    const spec = data.spec;
    if (
      !isObject(spec) ||
      !isObject(spec.scenario) ||
      typeof spec.scenario.id !== 'string' ||
      typeof spec.scenario.version !== 'number' ||
      typeof spec.seed !== 'string' ||
      !isObject(spec.options) ||
      !Array.isArray(spec.moves)
    ) {
      return { ok: false, reason: 'its game record is incomplete' };
    }
    const notes = Array.isArray(data.notes) ? data.notes.flatMap(readNote) : [];
    const gameSpec = spec as unknown as GameSpec;
    let scenario = this.catalog.find(gameSpec.scenario.id);
    const file = isScenarioFile(data.scenarioFile) ? data.scenarioFile : undefined;
    if (!scenario && file) {
      const opened = this.catalog.open(file);
      if (!opened.ok) return { ok: false, reason: `its scenario file ${file.file} no longer loads (${opened.problems[0]?.message ?? 'invalid'})` };
      scenario = opened.scenario;
    }
    if (!scenario) return { ok: false, reason: `it is a game of scenario "${gameSpec.scenario.id}", which this game does not have` };
    if (scenario.version !== gameSpec.scenario.version) {
      return { ok: false, reason: `it was played on version ${gameSpec.scenario.version} of "${scenario.id}", but this game has version ${scenario.version}` };
    }
    let match: Match;
    try {
      match = Match.resume(scenario, gameSpec, notes, this.decide);
    } catch (error) {
      if (error instanceof InvalidOptionsError) return { ok: false, reason: `its game options are invalid (${error.problems.join('; ')})` };
      return { ok: false, reason: `its moves do not replay (${errorText(error)})` };
    }
    const save: SaveData = { format: SAVE_FORMAT, version: SAVE_VERSION, spec: gameSpec, notes, ...(file ? { scenarioFile: file } : {}) };
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

/**
 * One AI note of a save, or none if it is not one. Saves made before the AI had a voice carry a
 * single `reason`: it is kept as both what the AI said and the analysis, so nothing is lost.
 */
function readNote(x: unknown): AiNote[] {
  if (!isObject(x) || typeof x.move !== 'number' || typeof x.posture !== 'string') return [];
  const posture = x.posture as AiNote['posture'];
  if (typeof x.say === 'string' && typeof x.analysis === 'string') return [{ move: x.move, say: x.say, analysis: x.analysis, posture }];
  if (typeof x.reason === 'string') return [{ move: x.move, say: x.reason, analysis: x.reason, posture }];
  return [];
}

function isScenarioFile(x: unknown): x is ScenarioFile {
  return isObject(x) && typeof x.file === 'string' && typeof x.text === 'string';
}
