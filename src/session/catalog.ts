import type { Scenario } from '../core/types';
import type { LoadResult, ScenarioProblem } from '../scenario/loader';
import type { ScenarioFile } from './save-schema';

/**
 * The scenario loader (src/scenario/loader.ts's loadScenario). It is passed in, so the browser
 * can fetch it (YAML and zod) after the first frame instead of before it.
 */
export type ScenarioLoader = (file: string, text: string) => LoadResult;

export type { ScenarioFile };

export interface CatalogEntry {
  scenario: Scenario;
  /** Where it came from: shipped with the game, or opened by the player from a file. */
  origin: 'embedded' | 'opened';
  /** The file it was read from (its text is kept for opened files, so a save can carry it). */
  source: ScenarioFile;
}

export interface CatalogFailure {
  file: string;
  problems: ScenarioProblem[];
}

/**
 * The scenarios this game knows: the files shipped in the build, plus any the player opens.
 * A bad file is listed with its problems; it never stops the others from loading.
 */
export class ScenarioCatalog {
  readonly entries: CatalogEntry[] = [];
  readonly failures: CatalogFailure[] = [];

  constructor(
    embedded: ScenarioFile[],
    private readonly load: ScenarioLoader,
  ) {
    // As loadScenarioSet does, but keeping which file each scenario came from.
    for (const file of embedded) {
      const result = load(file.file, file.text);
      if (!result.ok) {
        this.failures.push({ file: file.file, problems: result.problems });
        continue;
      }
      const scenario = result.scenario;
      const other = this.entries.find((e) => e.scenario.id === scenario.id);
      if (other) {
        this.failures.push({ file: file.file, problems: [{ file: file.file, path: 'id', message: `scenario id "${scenario.id}" is already used by ${other.source.file}` }] });
        continue;
      }
      this.entries.push({ scenario, origin: 'embedded', source: file });
    }
  }

  get scenarios(): Scenario[] {
    return this.entries.map((e) => e.scenario);
  }

  find(id: string): Scenario | undefined {
    return this.entries.find((e) => e.scenario.id === id)?.scenario;
  }

  entry(id: string): CatalogEntry | undefined {
    return this.entries.find((e) => e.scenario.id === id);
  }

  /**
   * Add a scenario file the player opened. Returns its problems when it is bad (and records them
   * with the other failures); an opened file with the id of a loaded one replaces an opened one
   * but never a shipped one.
   */
  open(file: ScenarioFile): { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] } {
    const result = this.load(file.file, file.text);
    if (!result.ok) {
      this.recordFailure(file.file, result.problems);
      return result;
    }
    const existing = this.entries.findIndex((e) => e.scenario.id === result.scenario.id);
    if (existing >= 0 && this.entries[existing]!.origin === 'embedded') {
      const problems: ScenarioProblem[] = [
        { file: file.file, path: 'id', message: `scenario id "${result.scenario.id}" is already used by a scenario shipped with the game (${this.entries[existing]!.source.file})` },
      ];
      this.recordFailure(file.file, problems);
      return { ok: false, problems };
    }
    const entry: CatalogEntry = { scenario: result.scenario, origin: 'opened', source: file };
    if (existing >= 0) this.entries.splice(existing, 1, entry);
    else this.entries.push(entry);
    const failed = this.failures.findIndex((f) => f.file === file.file);
    if (failed >= 0) this.failures.splice(failed, 1);
    return { ok: true, scenario: result.scenario };
  }

  private recordFailure(file: string, problems: ScenarioProblem[]): void {
    const failed = this.failures.findIndex((f) => f.file === file);
    if (failed >= 0) this.failures.splice(failed, 1, { file, problems });
    else this.failures.push({ file, problems });
  }
}
