import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args';
import { FileReadError, ScenarioLoadError } from './scenario-files';

/** Whether the module at `url` is the script Node was started with (not imported by another). */
export function isEntry(url: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(url);
}

/**
 * Run a command's main function so that nothing escapes it: a usage mistake, an unreadable file
 * or a scenario that does not load is printed as the message it carries (with the usage line for
 * a usage mistake) and exits 1; anything else is a bug in the game, printed in one line without
 * a stack trace, and exits 2.
 */
export function runMain(command: string, main: (argv: string[]) => number, usage?: string, argv: string[] = process.argv.slice(2)): number {
  let code: number;
  try {
    code = main(argv);
  } catch (error) {
    code = report(command, error, usage);
  }
  process.exitCode = code;
  return code;
}

/** The same for a command that waits on the network (the class server's command line). */
export async function runMainAsync(command: string, main: (argv: string[]) => Promise<number>, usage?: string, argv: string[] = process.argv.slice(2)): Promise<number> {
  let code: number;
  try {
    code = await main(argv);
  } catch (error) {
    code = report(command, error, usage);
  }
  process.exitCode = code;
  return code;
}

export function report(command: string, error: unknown, usage?: string): number {
  if (error instanceof UsageError || error instanceof FileReadError || error instanceof ScenarioLoadError) {
    console.error(`${command}: ${error.message}`);
    if (error instanceof UsageError && usage) console.error(usage);
    return 1;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`${command}: internal error, please report it: ${message.split('\n')[0]!.slice(0, 300)}`);
  return 2;
}
