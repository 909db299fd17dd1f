/**
 * `npm run class -- create --scenario ID --seed N [--pairing pvp|pve|teams] [--team-size 2|3] [--difficulty D] [--side us|china] [--seed-policy class|table] [--rounds N] [--turn-seconds N] [--title T] [--url ws://…]`
 *   makes a class on a running server and prints its join code and teacher key as JSON;
 * `npm run class -- bots --code C --count N [--policy hard|random] [--retry-seconds S] [--url …]`
 *   joins N headless students that play to the end and prints JSON figures;
 * `npm run class -- export --code C --key K [--format csv|json] [--url …]`
 *   prints the class's results.
 * The server is `npm run serve` (ws://localhost:2567 unless --url says otherwise).
 */
import type { Scenario } from '../core/types';
import { AI_PLAYERS, defaultOptions } from '../session/model';
import { createClassResponseSchema, type ClassConfig } from '../session/class/protocol';
import { parseFlags, UsageError } from './args';
import { runBots } from './class-bots';
import { isEntry, runMainAsync } from './main';
import { loadShippedScenario } from './scenario-files';

export const USAGE = [
  'usage: npm run class -- create --scenario ID --seed N [--pairing pvp|pve|teams] [--team-size 2|3] [--difficulty easy|normal|hard|random] [--side us|china] [--seed-policy class|table] [--rounds N] [--turn-seconds N] [--title T] [--url ws://HOST:PORT]',
  '       npm run class -- bots --code C --count N [--policy hard|random] [--retry-seconds S] [--url ws://HOST:PORT]',
  '       npm run class -- export --code C --key K [--format csv|json] [--url ws://HOST:PORT]',
].join('\n');

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

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new UsageError(`cannot reach the class server at ${url} (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}): is \`npm run serve\` running?`);
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
  const { values } = parseFlags(argv, { values: ['code', 'count', 'policy', 'retry-seconds', 'url', 'name'], switches: [] });
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
  });
  const { seen, ...summary } = figures;
  console.log(JSON.stringify({ ...summary, seen: process.env.CLASS_BOTS_SEEN ? seen : undefined }, null, 2));
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

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'create') return create(rest);
  if (command === 'bots') return bots(rest);
  if (command === 'export') return exportClass(rest);
  throw new UsageError(command === undefined ? 'name a command: create, bots or export' : `unknown command ${JSON.stringify(command.slice(0, 20))}: expected create, bots or export`);
}

// The SDK's sockets and timers would keep the process alive: exit once the output is written.
if (isEntry(import.meta.url)) void runMainAsync('class', main, USAGE).then((code) => process.stdout.write('', () => process.exit(code)));
