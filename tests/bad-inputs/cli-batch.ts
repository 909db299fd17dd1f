/**
 * Runs many command lines in one process, through the same runMain wrapper the commands use, and
 * prints each one's exit code and output as JSON (for cli.test.ts, which would otherwise start a
 * process per input). Usage: tsx tests/bad-inputs/cli-batch.ts JOBS.json
 */
import { readFileSync } from 'node:fs';
import { main as bench, USAGE as BENCH_USAGE } from '../../src/cli/bench-negotiators';
import { main as check } from '../../src/cli/check-scenarios';
import { runMain } from '../../src/cli/main';
import { main as sim, USAGE as SIM_USAGE } from '../../src/cli/sim';

export interface Job {
  command: 'sim' | 'check:scenarios' | 'bench:negotiators';
  args: string[];
}

export interface JobResult {
  code: number;
  stdout: string;
  stderr: string;
}

const commands = {
  sim: [sim, SIM_USAGE],
  'check:scenarios': [check, undefined],
  'bench:negotiators': [bench, BENCH_USAGE],
} as const;

const jobs = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Job[];
const results: JobResult[] = [];
const log = console.log;
const error = console.error;
for (const job of jobs) {
  const out: string[] = [];
  const err: string[] = [];
  console.log = (...args: unknown[]) => out.push(args.join(' '));
  console.error = (...args: unknown[]) => err.push(args.join(' '));
  const [main, usage] = commands[job.command];
  let code: number;
  try {
    code = runMain(job.command, main, usage, job.args);
  } finally {
    console.log = log;
    console.error = error;
  }
  results.push({ code, stdout: out.join('\n'), stderr: err.join('\n') });
}
process.exitCode = 0;
process.stdout.write(JSON.stringify(results));
