/**
 * `npm run check:scenarios [files...]`: validate the shipped scenarios, or the files named.
 * Prints every problem of every bad file and exits 1 if any file is bad.
 */
import { relative } from 'node:path';
import { LIMITS } from '../session/model';
import { formatProblem, loadScenarioSet } from '../session/scenario-loader';
import { isEntry, runMain } from './main';
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
  return failed || failures.length > 0 ? 1 : 0;
}

if (isEntry(import.meta.url)) runMain('check:scenarios', main);
