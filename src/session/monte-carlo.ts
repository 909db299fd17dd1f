/**
 * Monte Carlo over the game for analysts and scenario authors: many games of one scenario, each
 * `(scenario, seed, options)` played out by the AI players, summed up as distributions. Pure:
 * one game is a function of its seed, and the summary of a list of games is a function of that
 * list in seed order, so the command line may play the games on any number of worker threads
 * and print the same bytes (src/cli/monte-carlo.ts).
 */
import { rateGame } from '../core/rating';
import { INDICATOR_LIST } from '../core/indicators';
import { defaultOptions } from '../core/engine';
import { scoreAll } from '../core/scoring';
import type { GameOptions, IndicatorId, Scenario, Side } from '../core/types';
import { SIDES } from '../core/types';
import { negotiators } from './ai';
import { Match } from './match';

export type Player = GameOptions['difficulty'][Side];

/** One game of a Monte Carlo run, as the summary and the CSV need it. */
export interface McGame {
  index: number;
  seed: string;
  outcome: 'deal' | 'walkout' | 'deadline';
  /** The side that walked out, for a walkout. */
  by: Side | null;
  /** The round the talks ended in. */
  rounds: number;
  moves: number;
  /** Each side's rating on the bargaining-zone scale (src/core/rating.ts); null where it has no scale. */
  ratings: Record<Side, number | null>;
  /** Each side's score under each of its doctrines at the horizon. */
  scores: Record<Side, Record<string, number>>;
  /** The chips of the deal (`issue=position`), sorted; none without a deal. */
  chips: string[];
  /** Each indicator at the horizon. */
  indicators: Record<IndicatorId, number>;
  aiProblems: number;
}

/** The seed of game `index` of a run whose base seed is `base`. */
export const mcSeed = (base: string, index: number) => `${base}-${index + 1}`;

export function mcOptions(scenario: Scenario, players: Record<Side, Player>): GameOptions {
  return defaultOptions(scenario, { difficulty: { ...players } });
}

/** Play game `index` of a run out and read what the summary needs. */
export function playMcGame(scenario: Scenario, base: string, index: number, players: Record<Side, Player>): McGame {
  const seed = mcSeed(base, index);
  const match = Match.start(scenario, seed, mcOptions(scenario, players), negotiators);
  const state = match.state;
  const outcome = state.outcome;
  if (!outcome) throw new Error(`game ${seed} did not end`);
  const rating = rateGame(scenario, match.spec);
  const deal = outcome.kind === 'deal' ? (outcome.package ?? null) : null;
  return {
    index,
    seed,
    outcome: outcome.kind,
    by: outcome.kind === 'walkout' ? (outcome.by ?? null) : null,
    rounds: outcome.round,
    moves: match.moves.length,
    ratings: { us: rating.sides.us.rating, china: rating.sides.china.rating },
    scores: Object.fromEntries(SIDES.map((side) => [side, Object.fromEntries(scoreAll(scenario, state, side).map((s) => [s.doctrine, s.total]))])) as McGame['scores'],
    chips: deal ? Object.entries(deal).map(([issue, position]) => `${issue}=${position}`).sort() : [],
    indicators: Object.fromEntries(INDICATOR_LIST.map((d) => [d.id, state.indicators[d.id]])) as McGame['indicators'],
    aiProblems: match.aiProblems.length,
  };
}

/** Mean and deciles of a list of numbers (nearest rank), to 4 decimals; `n` counts the numbers (nulls are left out). */
export interface Distribution {
  n: number;
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4 + 0;

export function distribution(values: readonly (number | null)[]): Distribution | null {
  const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  let sum = 0;
  for (const x of xs) sum += x;
  return { n: xs.length, mean: r4(sum / xs.length), p10: r4(at(0.1)), p50: r4(at(0.5)), p90: r4(at(0.9)) };
}

export interface McSummary {
  scenario: { id: string; version: number };
  players: Record<Side, Player>;
  seed: string;
  games: number;
  outcomes: { deal: number; walkout: number; deadline: number; walkoutBy: Record<Side, number> };
  dealRate: number;
  rounds: Distribution | null;
  roundsOfDeals: Distribution | null;
  ratings: Record<Side, Distribution | null>;
  scores: Record<Side, Record<string, Distribution | null>>;
  /** How often each chip is in a deal: the number of deals with it and its share of the deals. */
  chips: { chip: string; deals: number; share: number }[];
  indicators: Record<string, Distribution | null>;
  aiProblems: number;
}

/** The distributions of a run's games (in any order given: they are put in seed order first). */
export function summarize(scenario: Scenario, players: Record<Side, Player>, base: string, played: readonly McGame[]): McSummary {
  const games = [...played].sort((a, b) => a.index - b.index);
  const deals = games.filter((g) => g.outcome === 'deal');
  const chipCounts = new Map<string, number>();
  for (const g of deals) for (const c of g.chips) chipCounts.set(c, (chipCounts.get(c) ?? 0) + 1);
  const doctrines = (side: Side) => Object.keys(games[0]?.scores[side] ?? {});
  return {
    scenario: { id: scenario.id, version: scenario.version },
    players: { ...players },
    seed: base,
    games: games.length,
    outcomes: {
      deal: deals.length,
      walkout: games.filter((g) => g.outcome === 'walkout').length,
      deadline: games.filter((g) => g.outcome === 'deadline').length,
      walkoutBy: { us: games.filter((g) => g.by === 'us').length, china: games.filter((g) => g.by === 'china').length },
    },
    dealRate: games.length ? r4(deals.length / games.length) : 0,
    rounds: distribution(games.map((g) => g.rounds)),
    roundsOfDeals: distribution(deals.map((g) => g.rounds)),
    ratings: { us: distribution(games.map((g) => g.ratings.us)), china: distribution(games.map((g) => g.ratings.china)) },
    scores: Object.fromEntries(
      SIDES.map((side) => [side, Object.fromEntries(doctrines(side).map((d) => [d, distribution(games.map((g) => g.scores[side][d]!))]))]),
    ) as McSummary['scores'],
    chips: [...chipCounts.entries()]
      .map(([chip, n]) => ({ chip, deals: n, share: r4(n / deals.length) }))
      .sort((a, b) => b.deals - a.deals || (a.chip < b.chip ? -1 : 1)),
    indicators: Object.fromEntries(INDICATOR_LIST.map((d) => [d.id, distribution(games.map((g) => g.indicators[d.id]))])),
    aiProblems: games.reduce((n, g) => n + g.aiProblems, 0),
  };
}
