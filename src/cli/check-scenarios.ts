/**
 * `npm run check:scenarios [files...]`: validate the shipped scenarios, or the files named.
 * Prints every problem of every bad file and exits 1 if any file is bad.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { formatProblem, loadScenarioSet } from '../scenario/loader';
import { scenarioFiles } from './scenario-files';

function main(args: string[]): number {
  const files = args.length > 0 ? args : scenarioFiles();
  const inputs: { file: string; text: string }[] = [];
  let failed = false;
  for (const file of files) {
    try {
      inputs.push({ file: relative(process.cwd(), file) || file, text: readFileSync(file, 'utf8') });
    } catch (error) {
      console.error(`${file}: cannot read the file: ${(error as Error).message}`);
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

process.exitCode = main(process.argv.slice(2));
