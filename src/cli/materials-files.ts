import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MaterialFile } from '../session/material-set';
import { parseBlockedDomains } from '../session/scenario-loader';
import { SCENARIO_DIR } from './scenario-files';

/** The teaching materials beside the shipped scenarios, and the list of blocked source domains. */
export const MATERIALS_DIR = join(SCENARIO_DIR, 'materials');
export const BLOCKED_SOURCES_FILE = join(SCENARIO_DIR, 'blocked-sources.txt');

/** Every .md and .yaml file under scenarios/materials, with its path relative to that folder. */
export function readMaterialFiles(dir = MATERIALS_DIR): MaterialFile[] {
  if (!existsSync(dir)) return [];
  const out: MaterialFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(md|ya?ml)$/.test(name))
        out.push({ path: relative(dir, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

export function readBlockedDomains(file = BLOCKED_SOURCES_FILE): string[] {
  return parseBlockedDomains(readFileSync(file, 'utf8'));
}
