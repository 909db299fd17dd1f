/**
 * `npm run bench:negotiators -- [--instances FILE] [--agents a,b,...] [--seeds N] [--in-game-seeds N] [--json]`
 *
 * Plays every ordered pair of the chosen agents (both opening orders, self-play included) on
 * every instance and prints, per agent, the mean advantage (u - r) / (max u - r) with its 95%
 * confidence interval, the agreement rate, individual-rationality violations, the mean distances
 * to the Pareto frontier and to the Nash point, social welfare, self-play figures, and the
 * head-to-head table. Without --instances it generates seeded instances from seeds 0..N-1
 * (N = 1000 unless --seeds says otherwise). With --json it prints the same as JSON plus every
 * game's raw result. The same arguments always print the same bytes.
 *
 * Then, in game: the scripted strategies of issue 10 (src/session/scripted.ts) against the game's
 * AI at `hard` and `normal`, for each side of busan-2025, geneva-london-2025 and zte-2018, played
 * through the session over seeds 1..N (N = 20 unless --in-game-seeds says otherwise; 0 skips it),
 * with the AI's self-play on the same seeds and the issue's bars for `hard`.
 */
import {
  advantageTable,
  AGENT_NAMES,
  AGENTS,
  agentStats,
  generateInstance,
  headToHead,
  parseInstances,
  roundRobin,
  type AgentStats,
  type GameRecord,
  type Instance,
} from '../session/negotiator-bench';
import { SCRIPTS, scriptTable, SUITE, type ScriptFigures } from '../session/scripted';
import { parseFlags, UsageError } from './args';
import { isEntry, runMain } from './main';
import { loadShippedScenario, readTextFile } from './scenario-files';

export const USAGE =
  'usage: npm run bench:negotiators -- [--instances FILE] [--agents a,b,...] [--seeds N] [--in-game-seeds N] [--json]';
export const DEFAULT_SEEDS = 1000;
/** Generated instances a run may ask for: each is a round robin of every pair of agents. */
export const MAX_SEEDS = 100_000;
export const IN_GAME_SEEDS = 20;
/** The scenarios issue 10 played the AI in. */
export const IN_GAME_SCENARIOS = ['busan-2025', 'geneva-london-2025', 'zte-2018'];

export interface InGameReport {
  seeds: number;
  rows: ScriptFigures[];
}

export function runInGame(seeds: number): InGameReport {
  return {
    seeds,
    rows: IN_GAME_SCENARIOS.flatMap((id) =>
      scriptTable(loadShippedScenario(id), seeds, ['hard', 'normal'], SCRIPTS),
    ),
  };
}

const f2 = (x: number) => x.toFixed(2);
const s2 = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

/** Issue 10's bars, over the scripts of its suite: for hard, and against normal. */
export function inGameBars(r: InGameReport): Bar[] {
  const hard = r.rows.filter((row) => row.difficulty === 'hard');
  const suite = hard.filter((row) => SUITE.includes(row.script));
  const worst = suite.reduce<ScriptFigures | null>(
    (w, row) => (w === null || row.gain > w.gain ? row : w),
    null,
  );
  const normal = r.rows.filter((row) => row.difficulty === 'normal' && SUITE.includes(row.script));
  const worstNormal = normal.reduce<ScriptFigures | null>(
    (w, row) => (w === null || row.gainOnHard > w.gainOnHard ? row : w),
    null,
  );
  const exploits = normal.filter((row) => row.gainOnHard > 1 && row.aiMean < row.aiSelfPlayMean);
  const below = hard.reduce((n, row) => n + row.acceptedBelowWalkAway, 0);
  const missed = hard.reduce((n, row) => n + row.missedDeals, 0);
  return [
    {
      bar: "no script of the suite gains more than 1 point on average on hard's self-play in its seat",
      value: worst
        ? `worst ${s2(worst.gain)} (${worst.script} against hard ${worst.aiSide}, ${worst.scenario})`
        : 'no games',
      met: worst !== null && worst.gain <= 1,
    },
    {
      bar: "against normal, no script of the suite gains more than 1 point on average on hard's self-play in its seat at normal's expense (normal below its own self-play)",
      value: worstNormal
        ? `${exploits.length} such; worst gain ${s2(worstNormal.gainOnHard)} (${worstNormal.script} against normal ${worstNormal.aiSide}, ${worstNormal.scenario}; normal ${f2(worstNormal.aiMean)} against ${f2(worstNormal.aiSelfPlayMean)} in its self-play)`
        : 'no games',
      met: worstNormal !== null && exploits.length === 0,
    },
    {
      bar: 'hard never accepts a deal worth less to it than walking away',
      value: `${below} games`,
      met: below === 0,
    },
    {
      bar: 'hard never ends without a deal while a package worth more to it than walking away is on the table at its last move',
      value: `${missed} games`,
      met: missed === 0,
    },
  ];
}

export function formatInGame(r: InGameReport): string {
  const lines: string[] = [];
  lines.push(`In game: the scripts of issue 10 against the AI, through the session, seeds 1..${r.seeds}.`);
  lines.push(
    "score: the script's mean score by the doctrine its side is judged by; self: the AI's twin's in that seat, in self-play; gain: score - self;",
  );
  lines.push("on hard: score less hard's self-play score in that seat (the issue's bar); ai: the AI's mean score, and in its own self-play.");
  lines.push(
    'below: games in which the AI accepted a deal worth less to it than walking away; missed: games that ended without a deal while a',
  );
  lines.push(
    'package worth more to it than walking away was on its table at its last move. * marks the probes outside the suite (see src/session/scripted.ts).',
  );
  const w = Math.max(...SCRIPTS.map((x) => x.length)) + 1;
  for (const scenario of IN_GAME_SCENARIOS) {
    for (const aiSide of ['us', 'china'] as const) {
      const rows = r.rows.filter((row) => row.scenario === scenario && row.aiSide === aiSide);
      if (rows.length === 0) continue;
      lines.push('', `${scenario}: the AI plays ${aiSide === 'us' ? 'the United States' : 'China'}`);
      const head = (d: string) =>
        `${d.padStart(6)}: ${'score'.padStart(7)} ${'self'.padStart(7)} ${'gain'.padStart(7)} ${'on hard'.padStart(7)} ${'ai'.padStart(6)} ${'ai self'.padStart(7)} deals below missed`;
      lines.push(`${'script'.padEnd(w)}  ${head('hard')}  |  ${head('normal')}`);
      for (const script of SCRIPTS) {
        const cell = (d: string) => {
          const x = rows.find((row) => row.script === script && row.difficulty === d);
          return x
            ? `${''.padStart(8)}${f2(x.scriptMean).padStart(7)} ${f2(x.selfPlayMean).padStart(7)} ${s2(x.gain).padStart(7)} ${s2(x.gainOnHard).padStart(7)} ${f2(x.aiMean).padStart(6)} ${f2(x.aiSelfPlayMean).padStart(7)} ${String(x.deals).padStart(5)} ${String(x.acceptedBelowWalkAway).padStart(5)} ${String(x.missedDeals).padStart(6)}`
            : '';
        };
        const name = `${script}${SUITE.includes(script) ? '' : '*'}`;
        lines.push(`${name.padEnd(w)}  ${cell('hard')}  |  ${cell('normal')}`);
      }
    }
  }
  lines.push(
    '',
    "Issue 10's bars (its suite: stall, accept-first, threat-spam, impose-spam, early-sanction, repeat-offer):",
    ...inGameBars(r).map((b) => `  ${b.met ? 'met    ' : 'NOT met'}  ${b.bar}: ${b.value}`),
  );
  return lines.join('\n');
}

export function readInstances(file: string): Instance[] {
  const text = readTextFile(file, 20_000_000, 'an instances file');
  const parsed = parseInstances(text, file);
  if (!parsed.ok)
    throw new UsageError(
      `${file} is not a valid instances file; nothing was run:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return parsed.value;
}

export function parseAgents(list: string | undefined): string[] {
  if (list === undefined) return [...AGENT_NAMES];
  const names = list.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !AGENT_NAMES.includes(n));
  if (names.length === 0 || names.some((n) => n === ''))
    throw new UsageError('--agents: expected a comma-separated list of agent names');
  if (unknown.length > 0)
    throw new UsageError(
      `--agents: unknown agent ${unknown.map((n) => `"${n}"`).join(', ')}; the agents are ${AGENT_NAMES.join(', ')}`,
    );
  if (new Set(names).size !== names.length) throw new UsageError('--agents: an agent is named twice');
  return names;
}

export interface BenchReport {
  source: string;
  instances: number;
  agents: string[];
  stats: AgentStats[];
  headToHead: number[][];
  advantages: number[][];
  games: GameRecord[];
}

export function runBench(instances: Instance[], agents: string[], source: string): BenchReport {
  const games = roundRobin(instances, AGENTS, agents);
  const byId = new Map(instances.map((i) => [i.id, i]));
  const stats = agentStats(games, agents, (id, seat) => byId.get(id)!.sides[seat].reservation);
  return {
    source,
    instances: instances.length,
    agents,
    stats,
    headToHead: headToHead(games, agents),
    advantages: advantageTable(games, agents),
    games,
  };
}

const f3 = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(3));
const signed = (x: number) => (Number.isNaN(x) ? '-' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`);

export function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`Negotiator benchmark: ${r.source}; ${r.agents.length} agents, ${r.games.length} games.`);
  lines.push(
    "Advantage is (u - r) / (max u - r): 0 at no deal, 1 at the agent's best package. Distances are in utility space; no deal counts at the reservations.",
    '',
  );
  const w = Math.max(5, ...r.agents.map((a) => a.length));
  lines.push(
    `${'agent'.padEnd(w)}  mean advantage [95% CI]  agreement  IR viol.  Pareto dist.  Nash dist.  welfare`,
  );
  for (const s of r.stats) {
    const ci = `${f3(s.advantage.mean)} [${f3(s.advantage.mean - s.advantage.half)}, ${f3(s.advantage.mean + s.advantage.half)}]`;
    lines.push(
      `${s.agent.padEnd(w)}  ${ci.padEnd(23)}  ${f3(s.agreementRate).padStart(9)}  ${String(s.irViolations).padStart(8)}  ${f3(s.paretoDistance).padStart(12)}  ${f3(s.nashDistance).padStart(10)}  ${f3(s.welfare).padStart(7)}`,
    );
  }
  lines.push('', 'Self-play (the agent against itself):');
  lines.push(`${'agent'.padEnd(w)}  agreement  Pareto dist.  Nash dist.  mean advantage`);
  for (const s of r.stats) {
    if (!s.selfPlay) continue;
    lines.push(
      `${s.agent.padEnd(w)}  ${f3(s.selfPlay.agreementRate).padStart(9)}  ${f3(s.selfPlay.paretoDistance).padStart(12)}  ${f3(s.selfPlay.nashDistance).padStart(10)}  ${f3(s.selfPlay.advantage).padStart(14)}`,
    );
  }
  lines.push(
    '',
    "Head to head: the row agent's mean advantage minus the column agent's, over their games in both orders.",
  );
  const cw = Math.max(7, ...r.agents.map((a) => a.length));
  lines.push(`${''.padEnd(w)}  ${r.agents.map((a) => a.padStart(cw)).join(' ')}`);
  r.agents.forEach((a, i) =>
    lines.push(
      `${a.padEnd(w)}  ${r.headToHead[i]!.map((x, j) => (i === j ? '·' : signed(x)).padStart(cw)).join(' ')}`,
    ),
  );
  lines.push(
    '',
    'Mean advantage of the row agent against the column agent (both orders; self-play on the diagonal).',
  );
  lines.push(`${''.padEnd(w)}  ${r.agents.map((a) => a.padStart(cw)).join(' ')}`);
  r.agents.forEach((a, i) =>
    lines.push(`${a.padEnd(w)}  ${r.advantages[i]!.map((x) => f3(x).padStart(cw)).join(' ')}`),
  );
  const bars = hardBars(r);
  if (bars.length > 0)
    lines.push(
      '',
      "Issue 3's bars for hard (set for the full round robin on the 1,000 generated instances):",
      ...bars.map((b) => `  ${b.met ? 'met    ' : 'NOT met'}  ${b.bar}: ${b.value}`),
    );
  return lines.join('\n');
}

export interface Bar {
  bar: string;
  value: string;
  met: boolean;
}

/** The issue's bars for `hard`, measured on this run; empty unless hard and boulware both played. */
export function hardBars(r: BenchReport): Bar[] {
  const hard = r.stats.find((s) => s.agent === 'hard');
  const boulware = r.stats.find((s) => s.agent === 'boulware');
  if (!hard || !boulware) return [];
  const h = r.agents.indexOf('hard');
  const others = r.agents.filter((a) => a !== 'hard');
  const worst = others.reduce<{ agent: string; d: number } | null>((w, a) => {
    const d = r.headToHead[h]![r.agents.indexOf(a)]!;
    return w === null || d < w.d ? { agent: a, d } : w;
  }, null);
  const low = hard.advantage.mean - hard.advantage.half;
  const bars: Bar[] = [
    {
      bar: 'mean advantage at least 0.755',
      value: f3(hard.advantage.mean),
      met: hard.advantage.mean >= 0.755,
    },
    {
      bar: "lower end of its 95% interval above boulware's mean",
      value: `${f3(low)} against ${f3(boulware.advantage.mean)}`,
      met: low > boulware.advantage.mean,
    },
    { bar: 'agreement rate at least 0.98', value: f3(hard.agreementRate), met: hard.agreementRate >= 0.98 },
    {
      bar: 'no individual-rationality violation',
      value: String(hard.irViolations),
      met: hard.irViolations === 0,
    },
  ];
  if (hard.selfPlay) {
    bars.push({
      bar: 'self-play Pareto distance at most 0.01',
      value: f3(hard.selfPlay.paretoDistance),
      met: hard.selfPlay.paretoDistance <= 0.01,
    });
    bars.push({
      bar: 'self-play Nash distance at most 0.08',
      value: f3(hard.selfPlay.nashDistance),
      met: hard.selfPlay.nashDistance <= 0.08,
    });
  }
  if (worst)
    bars.push({
      bar: 'no head-to-head loss worse than 0.01',
      value: `worst ${signed(worst.d)} against ${worst.agent}`,
      met: worst.d >= -0.01,
    });
  return bars;
}

export function jsonReport(r: BenchReport): string {
  return JSON.stringify(
    {
      source: r.source,
      instances: r.instances,
      agents: r.agents,
      stats: r.stats,
      headToHead: Object.fromEntries(
        r.agents.map((a, i) => [
          a,
          Object.fromEntries(r.agents.map((b, j) => [b, i === j ? null : r.headToHead[i]![j]!])),
        ]),
      ),
      games: r.games.map((g) => ({
        instance: g.instance,
        first: g.first,
        second: g.second,
        agreement: g.agreement,
        outcome: g.outcome,
        utilities: g.utilities,
        turn: g.turn,
      })),
    },
    null,
    2,
  );
}

export function main(argv: string[]): number {
  const { values, switches, rest } = parseFlags(argv, { values: ['instances', 'agents', 'seeds', 'in-game-seeds'], switches: ['json'] });
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0]!.slice(0, 60))}`);
  const agents = parseAgents(values.agents);
  let instances: Instance[];
  let source: string;
  if (values.instances !== undefined) {
    if (values.seeds !== undefined) throw new UsageError('--seeds applies to generated instances only, not with --instances');
    instances = readInstances(values.instances);
    source = `${instances.length} instances from ${values.instances}`;
  } else {
    const n = values.seeds === undefined ? DEFAULT_SEEDS : Number(values.seeds);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SEEDS) throw new UsageError(`--seeds: expected a whole number from 1 to ${MAX_SEEDS}, got ${JSON.stringify(values.seeds!.slice(0, 40))}`);
    instances = Array.from({ length: n }, (_, seed) => generateInstance(seed));
    source = `${n} generated instances (seeds 0..${n - 1})`;
  }
  const inGameSeeds = values['in-game-seeds'] === undefined ? IN_GAME_SEEDS : Number(values['in-game-seeds']);
  if (!Number.isInteger(inGameSeeds) || inGameSeeds < 0 || inGameSeeds > 1000)
    throw new UsageError(`--in-game-seeds: expected a whole number from 0 to 1000 (0 skips the in-game section), got ${JSON.stringify(values['in-game-seeds']!.slice(0, 40))}`);
  const report = runBench(instances, agents, source);
  const inGame = inGameSeeds > 0 ? runInGame(inGameSeeds) : null;
  if (switches.has('json')) {
    const json = JSON.parse(jsonReport(report)) as Record<string, unknown>;
    console.log(JSON.stringify(inGame ? { ...json, inGame: { ...inGame, bars: inGameBars(inGame) } } : json, null, 2));
  } else {
    console.log(inGame ? `${formatReport(report)}\n\n${formatInGame(inGame)}` : formatReport(report));
  }
  return 0;
}

if (isEntry(import.meta.url)) runMain('bench:negotiators', main, USAGE);
