import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../core/types';
import { formatProblem, loadScenario, type ScenarioProblem } from '../scenario/loader';

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

/** Load a shipped scenario by id (its file name without the extension). */
export function loadShippedScenario(id: string): Scenario {
  const file = scenarioFiles().find((f) => f.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/, '') === id);
  if (!file) {
    const known = scenarioFiles().map((f) => f.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/, ''));
    throw new ScenarioLoadError(`unknown scenario "${id}"; the shipped scenarios are: ${known.join(', ')}`);
  }
  const result = loadScenario(file, readFileSync(file, 'utf8'));
  if (!result.ok) throw new ScenarioLoadError(`scenario "${id}" does not load:`, result.problems);
  return result.scenario;
}

export function loadAllShippedScenarios(): Scenario[] {
  return scenarioFiles().map((f) => {
    const result = loadScenario(f, readFileSync(f, 'utf8'));
    if (!result.ok) throw new ScenarioLoadError(`${f} does not load:`, result.problems);
    return result.scenario;
  });
}
