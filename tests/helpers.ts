import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../src/core/types';
import { formatProblem, loadScenario } from '../src/scenario/loader';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

export function scenarioPath(name: string): string {
  return fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));
}

export function loadOrThrow(file: string): Scenario {
  const result = loadScenario(file, readFileSync(file, 'utf8'));
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.scenario;
}

export const mini = (): Scenario => loadOrThrow(fixturePath('mini.yaml'));
export const busan = (): Scenario => loadOrThrow(scenarioPath('busan-2025.yaml'));
