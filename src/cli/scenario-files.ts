import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../core/types';
import { LIMITS } from '../session/model';
import { formatProblem, loadScenario, type ScenarioProblem } from '../session/scenario-loader';

/** The shipped scenarios folder, wherever the command is run from. */
export const SCENARIO_DIR = resolve(fileURLToPath(new URL('../../scenarios', import.meta.url)));

export function scenarioFiles(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'schema.json')
    .sort()
    .map((f) => join(dir, f));
}

export class ScenarioLoadError extends Error {
  constructor(
    message: string,
    readonly problems: ScenarioProblem[] = [],
  ) {
    super(problems.length > 0 ? `${message}\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}` : message);
    this.name = 'ScenarioLoadError';
  }
}

/** A file the command cannot read, or one too large to be what it should be. */
export class FileReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot read the file ${file}: ${reason}`);
    this.name = 'FileReadError';
  }
}

/**
 * A text file's contents, read only if it is a file of at most `maxChars` characters' worth of
 * bytes (UTF-8 takes up to 4 bytes a character): a huge file is refused before it is read.
 * Encoding problems are for the parsers' checks (src/core/schema/text-input.ts) to name.
 */
export function readTextFile(file: string, maxChars: number, what: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    size = stat.size;
    if (!stat.isFile()) throw new FileReadError(file, 'it is not a file');
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message);
  }
  if (size > maxChars * 4) throw new FileReadError(file, `it is ${size.toLocaleString('en')} bytes, and ${what} has at most ${maxChars.toLocaleString('en')} characters`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new FileReadError(file, (error as Error).message);
  }
}

const nameOf = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/, '');

/** Load a shipped scenario by id (its file name without the extension). */
export function loadShippedScenario(id: string): Scenario {
  const file = scenarioFiles().find((f) => nameOf(f) === id);
  if (!file) {
    const shown = id.length > 60 ? `${id.slice(0, 60)}…` : id;
    throw new ScenarioLoadError(`unknown scenario "${shown}"; the shipped scenarios are: ${scenarioFiles().map(nameOf).join(', ')}`);
  }
  return loadScenarioFile(file, `scenario "${id}"`);
}

/** Load a scenario file by its path. */
export function loadScenarioFile(file: string, name = file): Scenario {
  const result = loadScenario(file, readTextFile(file, LIMITS.scenarioFileChars, 'a scenario file'));
  if (!result.ok) throw new ScenarioLoadError(`${name} does not load:`, result.problems);
  return result.scenario;
}

/** `--scenario` names a shipped scenario by id, or a scenario file by its path (a name with a "/" or ending in .yaml, .yml or .json). */
export function loadScenarioArg(value: string): Scenario {
  return /[\\/]|\.(ya?ml|json)$/i.test(value) ? loadScenarioFile(value) : loadShippedScenario(value);
}

export function loadAllShippedScenarios(): Scenario[] {
  return scenarioFiles().map((f) => loadScenarioFile(f));
}
