/**
 * `npm run check:scenarios [files...]`: validate the shipped scenarios, or the files named.
 * Prints every problem of every bad file and exits 1 if any file is bad. Every source must stay
 * clear of the domains in scenarios/blocked-sources.txt; for the shipped scenarios, the teaching
 * materials in scenarios/materials are checked too (citations name the scenario's sources, glossary
 * links name real terms, every historical episode has its background, roles and teacher's guide).
 */
import { relative } from 'node:path';
import { checkMaterialSet, GLOSSARY_FILE } from '../session/material-set';
import { LIMITS } from '../session/model';
import { blockedSources, formatProblem, loadGlossary, loadScenarioSet } from '../session/scenario-loader';
import { isEntry, runMain } from './main';
import { readBlockedDomains, readMaterialFiles } from './materials-files';
import { FileReadError, readTextFile, scenarioFiles } from './scenario-files';

export function main(args: string[]): number {
  const files = args.length > 0 ? args : scenarioFiles();
  const inputs: { file: string; text: string }[] = [];
  let failed = false;
  for (const file of files) {
    try {
      inputs.push({ file: relative(process.cwd(), file) || file, text: readTextFile(file, LIMITS.scenarioFileChars, 'a scenario file') });
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      console.error(`FAIL ${file}: cannot read the file: ${error.reason}`);
      failed = true;
    }
  }
  const { scenarios, failures } = loadScenarioSet(inputs);
  for (const s of scenarios) console.log(`ok   ${s.id} v${s.version}: ${s.title} (${s.issues.length} issues, ${s.rounds} rounds)`);
  for (const f of failures) {
    console.error(`FAIL ${f.file}: ${f.problems.length} problem${f.problems.length === 1 ? '' : 's'}`);
    for (const p of f.problems) console.error(`  ${formatProblem(p)}`);
  }
  const domains = readBlockedDomains();
  for (const s of scenarios) {
    for (const b of blockedSources(s.sources, domains)) {
      console.error(`FAIL ${s.id}: source "${b.id}" points at ${b.domain}, a blocked domain (scenarios/blocked-sources.txt): ${b.url}`);
      failed = true;
    }
  }
  if (args.length === 0) {
    const materials = readMaterialFiles();
    const glossary = materials.find((m) => m.path === GLOSSARY_FILE);
    const loaded = glossary ? loadGlossary(glossary.text) : null;
    if (loaded?.ok) {
      for (const b of blockedSources(loaded.glossary.sources, domains)) {
        console.error(`FAIL materials/${GLOSSARY_FILE}: source "${b.id}" points at ${b.domain}, a blocked domain: ${b.url}`);
        failed = true;
      }
    }
    const required = scenarios.filter((s) => s.history !== undefined).map((s) => s.id);
    const problems = checkMaterialSet(scenarios, materials, required);
    for (const p of problems) console.error(`FAIL materials/${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
    if (problems.length > 0) failed = true;
    else console.log(`ok   materials: ${materials.length} files`);
  }
  return failed || failures.length > 0 ? 1 : 0;
}

if (isEntry(import.meta.url)) runMain('check:scenarios', main);
