/**
 * `npm run class -- create --scenario ID --seed N [--pairing pvp|pve|teams] [--team-size 2|3] [--difficulty D] [--side us|china] [--seed-policy class|table] [--rounds N] [--turn-seconds N] [--title T] [--url ws://…]`
 *   makes a class on a running server and prints its join code and teacher key as JSON;
 * `npm run class -- bots --code C --count N [--policy hard|random] [--until-round R] [--retry-seconds S] [--details] [--url …]`
 *   joins N headless students that play to the end and prints JSON figures, per round too
 *   (with --details, also every move acknowledged, every round trip and each bot's games). They
 *   follow the teacher's new rounds (new table, side swapped or kept, no rejoin) and leave once
 *   their game of class round R (default 1: the first game they play) has ended, waiting
 *   connected between rounds until then;
 * `npm run class -- round --code C --key K [--sides swap|same] [--end-unfinished] [--wait-seconds S] [--url …]`
 *   starts another round (the teacher's "Start another round"): the same students at the same
 *   tables, sides swapped (default) or kept. Refused while a table still plays, unless
 *   --end-unfinished (their games stay unfinished) or --wait-seconds (wait for them to end first);
 * `npm run class -- pause|resume --code C --key K [--table N] [--url …]`
 *   pauses or resumes every table of the current round, or table N (its number in the round);
 *   these three join the class's room as the teacher, as the browser's dashboard does, and print
 *   the round's tables as JSON once the server's dashboard shows the action done;
 * `npm run class -- export --code C --key K [--format csv|json] [--url …]`
 *   prints the class's results (every round's games).
 * The server is `npm run serve` (ws://localhost:2567 unless --url says otherwise).
 */
import type { Scenario } from '../core/types';
import { AI_PLAYERS, defaultOptions } from '../session/model';
import { createClassResponseSchema, JOIN_CHECK_PATH, joinCheckResponseSchema, teacherKeySchema, type ClassConfig, type Dashboard, type TeacherAction } from '../session/class/protocol';
import { parseFlags, UsageError } from './args';
import { botsReport, runBots } from './class-bots';
import { roundPlayed, tableLine, TeacherActionError, teacherSession } from './class-teacher';
import { isEntry, runMainAsync } from './main';
import { loadShippedScenario } from './scenario-files';

export const USAGE = [
  'usage: npm run class -- create --scenario ID --seed N [--pairing pvp|pve|teams] [--team-size 2|3] [--difficulty easy|normal|hard|random] [--side us|china] [--seed-policy class|table] [--rounds N] [--turn-seconds N] [--title T] [--url ws://HOST:PORT]',
  '       npm run class -- bots --code C --count N [--policy hard|random] [--until-round R] [--retry-seconds S] [--details] [--url ws://HOST:PORT]',
  '       npm run class -- round --code C --key K [--sides swap|same] [--end-unfinished] [--wait-seconds S] [--url ws://HOST:PORT]',
  '       npm run class -- pause --code C --key K [--table N] [--url ws://HOST:PORT]',
  '       npm run class -- resume --code C --key K [--table N] [--url ws://HOST:PORT]',
  '       npm run class -- export --code C --key K [--format csv|json] [--url ws://HOST:PORT]',
].join('\n');

const COMMANDS = 'create, bots, round, pause, resume or export';

const DEFAULT_URL = 'ws://localhost:2567';

/** The HTTP address of the server a ws:// URL names. */
export function httpBase(url: string): string {
  const m = /^(ws|wss|http|https):\/\/([^/\s]+)\/?$/.exec(url);
  if (!m) throw new UsageError(`--url: expected ws://HOST:PORT, got ${JSON.stringify(url.slice(0, 60))}`);
  return `${m[1] === 'wss' || m[1] === 'https' ? 'https' : 'http'}://${m[2]}`;
}

function wsUrl(url: string): string {
  return httpBase(url).replace(/^http/, 'ws');
}

function need(values: Record<string, string>, flag: string): string {
  const v = values[flag];
  if (v === undefined) throw new UsageError(`--${flag} is required`);
  return v;
}

function whole(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(text.slice(0, 20))}`);
  return n;
}

/** The server could not be reached: said as it is, without the usage lines (the command was right). */
class UnreachableError extends Error {}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new UnreachableError(`cannot reach the class server at ${url} (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}): is \`npm run serve\` running?`);
  }
}

async function create(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { values: ['scenario', 'seed', 'pairing', 'team-size', 'difficulty', 'side', 'seed-policy', 'rounds', 'turn-seconds', 'title', 'url'], switches: [] });
  const scenario = loadShippedScenario(need(values, 'scenario'));
  const defaults = defaultOptions(scenario);
  const pairingKind = values.pairing ?? 'pvp';
  if (pairingKind !== 'pvp' && pairingKind !== 'pve' && pairingKind !== 'teams') throw new UsageError(`--pairing: expected pvp, pve or teams, got ${JSON.stringify(pairingKind.slice(0, 20))}`);
  const teamSize = whole('team-size', values['team-size'] ?? '2', 2, 3) as 2 | 3;
  const difficulty = AI_PLAYERS.find((p) => p === (values.difficulty ?? 'normal'));
  if (!difficulty) throw new UsageError(`--difficulty: expected ${AI_PLAYERS.join(', ')}`);
  const side = values.side ?? 'us';
  if (side !== 'us' && side !== 'china') throw new UsageError('--side: expected us or china');
  const seedPolicy = values['seed-policy'] ?? 'class';
  if (seedPolicy !== 'class' && seedPolicy !== 'table') throw new UsageError('--seed-policy: expected class or table');
  const config: ClassConfig = {
    scenario: scenario.id,
    seed: need(values, 'seed'),
    seedPolicy,
    pairing: pairingKind === 'pvp' ? { kind: 'pvp' } : pairingKind === 'teams' ? { kind: 'teams', size: teamSize } : { kind: 'pve', difficulty, side },
    doctrines: defaults.doctrines,
    ...(values.rounds !== undefined ? { rounds: whole('rounds', values.rounds, 1, 52) } : {}),
    ...(values['turn-seconds'] !== undefined ? { turnSeconds: whole('turn-seconds', values['turn-seconds'], 10, 3600) } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
  };
  const response = await request(`${httpBase(values.url ?? DEFAULT_URL)}/api/classes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ config }) });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    console.error(`class: the server refused the class: ${(body as { error?: string } | null)?.error ?? response.statusText}`);
    return 1;
  }
  const created = createClassResponseSchema.safeParse(body);
  if (!created.success) {
    console.error('class: the server answered with something that is not a class code and key');
    return 2;
  }
  console.log(JSON.stringify(created.data, null, 2));
  return 0;
}

async function bots(argv: string[]): Promise<number> {
  const { values, switches } = parseFlags(argv, { values: ['code', 'count', 'policy', 'until-round', 'retry-seconds', 'url', 'name'], switches: ['details'] });
  const policy = values.policy ?? 'hard';
  if (policy !== 'hard' && policy !== 'random') throw new UsageError(`--policy: expected hard or random, got ${JSON.stringify(policy.slice(0, 20))}`);
  const cache = new Map<string, Scenario>();
  const scenario = (id: string) => cache.get(id) ?? cache.set(id, loadShippedScenario(id)).get(id)!;
  const figures = await runBots({
    url: wsUrl(values.url ?? DEFAULT_URL),
    code: need(values, 'code'),
    count: whole('count', need(values, 'count'), 1, 2000),
    policy,
    scenario,
    namePrefix: values.name ?? 'bot',
    retryMs: whole('retry-seconds', values['retry-seconds'] ?? '60', 1, 3600) * 1000,
    untilRound: whole('until-round', values['until-round'] ?? '1', 1, 1000),
  });
  console.log(JSON.stringify(botsReport(figures, switches.has('details')), null, 2));
  return figures.failures.length > 0 ? 1 : 0;
}

async function exportClass(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { values: ['code', 'key', 'format', 'url'], switches: [] });
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError('--format: expected csv or json');
  const code = need(values, 'code');
  const response = await request(`${httpBase(values.url ?? DEFAULT_URL)}/api/classes/${encodeURIComponent(code)}/export?format=${format}`, { headers: { 'x-teacher-key': need(values, 'key') } });
  const text = await response.text();
  if (!response.ok) {
    let message = response.statusText;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      // not JSON
    }
    console.error(`class: ${message}`);
    return 1;
  }
  process.stdout.write(text);
  return 0;
}

/** The teacher's options every teacher command takes: the class, its key, the server. */
function teacherFlags(values: Record<string, string>): { code: string; key: string; url: string } {
  const code = need(values, 'code');
  const key = need(values, 'key');
  const shape = teacherKeySchema.safeParse(key);
  if (!shape.success) throw new UsageError(`--key: ${shape.error.issues[0]?.message ?? 'not a teacher key'} (the teacherKey \`create\` printed)`);
  return { code, key, url: values.url ?? DEFAULT_URL };
}

/**
 * A teacher action from the command line: the join checked first over HTTP (so a server that is
 * down, a wrong code or a wrong key is said plainly), then the room joined as the teacher and the
 * action sent; the round's tables printed once the dashboard shows it done.
 */
async function teacherCommand(
  flags: { code: string; key: string; url: string },
  prepare: (d: Dashboard) => { action: TeacherAction; isDone: (d: Dashboard) => boolean; explain?: (refusal: string) => string },
  wait?: { seconds: number },
): Promise<number> {
  const response = await request(`${httpBase(flags.url)}${JOIN_CHECK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'teacher', code: flags.code, teacherKey: flags.key }) });
  const check = joinCheckResponseSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !check.success) {
    console.error(`class: the server at ${httpBase(flags.url)} did not answer the join check (${response.status} ${response.statusText}): is it a class server?`);
    return 1;
  }
  if (!check.data.ok) {
    console.error(`class: the server refused the teacher: ${check.data.message.replace(/: check it with your teacher$/, ': check the code `create` printed')}`);
    return 1;
  }
  let session: Awaited<ReturnType<typeof teacherSession>> | null = null;
  try {
    session = await teacherSession(wsUrl(flags.url), flags.code, flags.key);
    if (wait && !roundPlayed(session.dashboard)) {
      const paused = session.dashboard.tables.filter((t) => t.paused && t.outcome === null).length;
      const note = paused > 0 ? ` (${paused === 1 ? '1 table is' : `${paused} tables are`} paused: \`resume\` them)` : '';
      await session.until(roundPlayed, wait.seconds * 1000, `the tables of round ${session.dashboard.info.classRound ?? 1} did not all finish${note}`);
    }
    const { action, isDone, explain } = prepare(session.dashboard);
    let done: Dashboard;
    try {
      done = await session.act(action, isDone);
    } catch (error) {
      if (error instanceof TeacherActionError && explain) throw new TeacherActionError(explain(error.message));
      throw error;
    }
    console.log(JSON.stringify({ code: done.info.code, round: done.info.classRound ?? 1, tables: done.tables.map((t) => tableLine(done, t)) }, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof TeacherActionError)) throw error;
    console.error(`class: ${error.message}`);
    return 1;
  } finally {
    await session?.leave();
  }
}

async function round(argv: string[]): Promise<number> {
  const { values, switches } = parseFlags(argv, { values: ['code', 'key', 'sides', 'wait-seconds', 'url'], switches: ['end-unfinished'] });
  const sides = values.sides ?? 'swap';
  if (sides !== 'swap' && sides !== 'same') throw new UsageError(`--sides: expected swap or same, got ${JSON.stringify(sides.slice(0, 20))}`);
  const wait = values['wait-seconds'] !== undefined ? { seconds: whole('wait-seconds', values['wait-seconds'], 1, 24 * 3600) } : undefined;
  const endUnfinished = switches.has('end-unfinished');
  if (wait && endUnfinished) throw new UsageError('--wait-seconds and --end-unfinished: give one (wait for the tables to finish, or leave their games unfinished)');
  return teacherCommand(
    teacherFlags(values),
    (d) => {
      const before = d.info.classRound ?? 1;
      return {
        action: { action: 'newRound', sides, endUnfinished },
        isDone: (after) => (after.info.classRound ?? 1) > before,
        explain: (refusal) => (refusal.includes('still playing') ? `${refusal} (--end-unfinished starts it anyway; --wait-seconds S waits for them)` : refusal),
      };
    },
    wait,
  );
}

async function pauseOrResume(argv: string[], which: 'pause' | 'resume'): Promise<number> {
  const { values } = parseFlags(argv, { values: ['code', 'key', 'table', 'url'], switches: [] });
  const number = values.table !== undefined ? whole('table', values.table, 1, 10_000) : null;
  const paused = which === 'pause';
  return teacherCommand(teacherFlags(values), (d) => {
    const id = number === null ? null : (d.info.firstTable ?? 0) + number - 1;
    if (id !== null && !d.tables.some((t) => t.table === id)) throw new TeacherActionError(`there is no table ${number} in round ${d.info.classRound ?? 1} of this class (it has ${d.tables.length === 1 ? '1 table' : `${d.tables.length} tables`})`);
    return {
      action: { action: which, table: id },
      isDone: (after) => after.tables.filter((t) => id === null || t.table === id).every((t) => t.paused === paused),
    };
  });
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (!(error instanceof UnreachableError)) throw error;
    console.error(`class: ${error.message}`);
    return 1;
  }
}

function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'create') return create(rest);
  if (command === 'bots') return bots(rest);
  if (command === 'round') return round(rest);
  if (command === 'pause' || command === 'resume') return pauseOrResume(rest, command);
  if (command === 'export') return exportClass(rest);
  throw new UsageError(command === undefined ? `name a command: ${COMMANDS}` : `unknown command ${JSON.stringify(command.slice(0, 20))}: expected ${COMMANDS}`);
}

// The SDK's sockets and timers would keep the process alive: exit once the output is written.
if (isEntry(import.meta.url)) void runMainAsync('class', main, USAGE).then((code) => process.stdout.write('', () => process.exit(code)));
