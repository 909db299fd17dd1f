/**
 * `npm run sim -- --scenario ID|FILE --games N [--us P --china P] [--seed BASE] [--workers K] [--csv FILE] [--json]`
 *
 * Plays N games of a scenario between the AI players (game i under seed `BASE-i`, BASE `mc` by
 * default), on K worker threads (1 by default: all in this thread), and prints the distribution
 * of outcomes (src/session/monte-carlo.ts): the deal rate, the rounds, each side's rating and
 * doctrine scores (mean, p10, p50, p90), the chips in deals and how often, each indicator at the
 * horizon. The summary depends only on the arguments, never on K. A progress bar shows on a
 * terminal (stderr), and nothing when piped. --csv writes one row per game through toCsv.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario, Side } from '../core/types';
import { toCsv, type CsvRow } from '../session/csv';
import { formatIndicatorValue } from '../session/explain-words';
import { INDICATOR_LIST, LIMITS, SIDES } from '../session/model';
import { playMcGame, summarize, type Distribution, type McGame, type McSummary, type Player } from '../session/monte-carlo';
import { UsageError } from './args';
import { loadScenarioArg } from './scenario-files';

/** At most this many games per run: a run of the largest scenario at this size takes hours, not days. */
export const MAX_GAMES = 100_000;
export const MAX_WORKERS = 64;

export interface McArgs {
  scenarioArg: string;
  games: number;
  workers: number;
  base: string;
  players: Record<Side, Player>;
}

export function parseCount(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UsageError(`--${flag}: expected a whole number from 1 to ${max}, got ${JSON.stringify(value.slice(0, 40))}`);
  return Number(value);
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The games of a run, on `workers` threads (in this thread for 1), in index order; `progress` after each batch. */
export async function playRun(args: McArgs, progress: (done: number) => void = () => undefined): Promise<{ scenario: Scenario; games: McGame[] }> {
  const scenario = loadScenarioArg(args.scenarioArg);
  const games: McGame[] = new Array<McGame>(args.games);
  if (args.workers <= 1) {
    for (let i = 0; i < args.games; i++) {
      games[i] = playMcGame(scenario, args.base, i, args.players);
      progress(i + 1);
    }
    return { scenario, games };
  }
  // Small batches handed out as workers finish: the long games do not pile up on one thread.
  const batch = Math.max(1, Math.min(16, Math.floor(args.games / (args.workers * 8))));
  let next = 0;
  let done = 0;
  const take = (): number[] | null => {
    if (next >= args.games) return null;
    const indices: number[] = [];
    for (; indices.length < batch && next < args.games; next++) indices.push(next);
    return indices;
  };
  const threads = Math.min(args.workers, Math.ceil(args.games / batch));
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = startWorker({ scenarioArg: args.scenarioArg, base: args.base, players: args.players });
        worker.on('message', (reply: { games?: McGame[]; error?: string }) => {
          if (reply.error !== undefined || !reply.games) {
            void worker.terminate();
            return reject(new Error(`a worker thread failed: ${reply.error ?? 'no games'}`));
          }
          for (const g of reply.games) games[g.index] = g;
          done += reply.games.length;
          progress(done);
          worker.postMessage(take());
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
        worker.postMessage(take());
      }),
    ),
  );
  return { scenario, games };
}

/**
 * A thread running monte-carlo-worker. Run from source (`npm run sim`, under tsx), a thread does
 * not inherit tsx's loader: it registers it first (tsx's own API), then imports the worker.
 */
function startWorker(workerData: unknown): Worker {
  const url = new URL('./monte-carlo-worker.ts', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return new Worker(url, { workerData });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** A progress bar on stderr when it is a terminal; nothing otherwise. */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): { update(done: number): void; end(): void } {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  let shown = -1;
  const width = 30;
  return {
    update(done) {
      const pct = Math.floor((done / total) * 100);
      if (pct === shown && done !== total) return;
      shown = pct;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} games`);
    },
    end() {
      stream.write('\r\x1b[2K');
    },
  };
}

const f2 = (x: number) => x.toFixed(2);
const dist = (d: Distribution | null, fmt: (x: number) => string = f2) =>
  d ? [fmt(d.mean), fmt(d.p10), fmt(d.p50), fmt(d.p90)].map((s) => s.padStart(12)).join('') : '         (none)';
const HEAD = `${''.padEnd(34)}${['mean', 'p10', 'p50', 'p90'].map((s) => s.padStart(12)).join('')}`;

export function summaryText(scenario: Scenario, s: McSummary): string {
  const lines: string[] = [];
  const pct = (n: number) => `${((n / Math.max(1, s.games)) * 100).toFixed(1)}%`;
  lines.push(`${scenario.title} (${s.scenario.id} v${s.scenario.version}): ${s.games} games, ${SIDES.map((side) => `${scenario.sides[side].label}: ${s.players[side]}`).join(', ')}, seeds ${s.seed}-1..${s.seed}-${s.games}`);
  lines.push('');
  lines.push(`Outcomes: deal ${s.outcomes.deal} (${pct(s.outcomes.deal)}), walkout ${s.outcomes.walkout} (${pct(s.outcomes.walkout)}: ${SIDES.map((side) => `${scenario.sides[side].label} ${s.outcomes.walkoutBy[side]}`).join(', ')}), no deal by the deadline ${s.outcomes.deadline} (${pct(s.outcomes.deadline)})`);
  if (s.aiProblems > 0) lines.push(`AI failures (a safe move made instead): ${s.aiProblems}`);
  lines.push('', HEAD);
  lines.push(`${'Round the talks ended'.padEnd(34)}${dist(s.rounds)}`);
  lines.push(`${'Round of the deal (deals only)'.padEnd(34)}${dist(s.roundsOfDeals)}`);
  lines.push('', 'Ratings (0 = no deal, 100 = the best deal the other side would ratify)', HEAD);
  for (const side of SIDES) lines.push(`${scenario.sides[side].label.slice(0, 33).padEnd(34)}${dist(s.ratings[side])}`);
  for (const side of SIDES) {
    lines.push('', `Doctrine scores for ${scenario.sides[side].label} (-100..100)`, HEAD);
    for (const [doctrine, d] of Object.entries(s.scores[side])) {
      const label = scenario.doctrines.find((x) => x.id === doctrine)?.label ?? doctrine;
      lines.push(`${label.slice(0, 33).padEnd(34)}${dist(d)}`);
    }
  }
  lines.push('', `Chips in deals (share of the ${s.outcomes.deal} deals)`);
  if (s.chips.length === 0) lines.push('  (no deal)');
  for (const c of s.chips) lines.push(`  ${c.chip.padEnd(58)} ${String(c.deals).padStart(6)}  ${(c.share * 100).toFixed(1).padStart(5)}%`);
  lines.push('', 'Indicators at the horizon', HEAD);
  for (const def of INDICATOR_LIST) {
    const d = s.indicators[def.id] ?? null;
    lines.push(`${def.label.slice(0, 33).padEnd(34)}${dist(d, (x) => formatIndicatorValue(def.id, x))}`);
  }
  return lines.join('\n');
}

/** One row per game, for a spreadsheet. */
export function gamesCsv(games: readonly McGame[]): string {
  const doctrines = (side: Side) => Object.keys(games[0]?.scores[side] ?? {});
  const header: CsvRow = [
    'game', 'seed', 'outcome', 'walked out', 'round', 'moves',
    ...SIDES.map((side) => `rating ${side}`),
    ...SIDES.flatMap((side) => doctrines(side).map((d) => `score ${side} ${d}`)),
    ...INDICATOR_LIST.map((def) => def.id),
    'chips', 'ai failures',
  ];
  const rows: CsvRow[] = games.map((g) => [
    g.index + 1, g.seed, g.outcome, g.by ?? '', g.rounds, g.moves,
    ...SIDES.map((side) => g.ratings[side]),
    ...SIDES.flatMap((side) => doctrines(side).map((d) => g.scores[side][d])),
    ...INDICATOR_LIST.map((def) => g.indicators[def.id]),
    g.chips.join(' '), g.aiProblems,
  ]);
  return toCsv([header, ...rows]);
}

/** The whole command, given its parsed flags; resolves to the exit code. */
export async function runMonteCarlo(values: Record<string, string>, json: boolean, players: Record<Side, Player>): Promise<number> {
  if (!values.scenario) throw new UsageError('--scenario is required');
  if (values.moves !== undefined || values.code !== undefined) throw new UsageError('--games plays the AI players: it cannot be combined with --moves or --code');
  const base = values.seed ?? 'mc';
  if (base === '' || base.length > LIMITS.seedChars - 7) throw new UsageError(`--seed: a base seed has 1 to ${LIMITS.seedChars - 7} characters`);
  const args: McArgs = {
    scenarioArg: values.scenario,
    games: parseCount('games', values.games, 100, MAX_GAMES),
    workers: parseCount('workers', values.workers, defaultWorkers(), MAX_WORKERS),
    base,
    players,
  };
  const bar = progressBar(args.games);
  let run: Awaited<ReturnType<typeof playRun>>;
  try {
    run = await playRun(args, (done) => bar.update(done));
  } finally {
    bar.end();
  }
  const summary = summarize(run.scenario, players, base, run.games);
  if (values.csv) writeFileSync(values.csv, gamesCsv(run.games));
  console.log(json ? JSON.stringify(summary, null, 2) : summaryText(run.scenario, summary));
  return 0;
}
