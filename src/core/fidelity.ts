import { support } from './distributions';
import { replay, type Replay } from './engine';
import { compareDecisions, followsHistory, historicalSpec, historyOf, type DecisionComparison } from './history';
import { quantityValue } from './quantities';
import { dict } from './dict';
import { positionOf } from './scenario-lookup';
import type { DrawRef, GameSpec, GameState, HistoryMetric, Indicators, MetricBasis, MetricPoint, Scenario } from './types';

/**
 * Fidelity: how the model's replay of a historical path compares with the real numbers. Each
 * metric of `history.outcome` says how to read a real number off a game (see `HistoryMetric`);
 * the same reading works on any game of the scenario, so a debrief can set a player's numbers
 * beside history's.
 */

/** A game and its replay, with replays truncated at earlier horizons cached (see `positionsAt`). */
export class GameReading {
  private readonly truncated = new Map<number, GameState>();
  readonly replay: Replay;

  constructor(
    readonly scenario: Scenario,
    readonly spec: GameSpec,
    replayed?: Replay,
  ) {
    this.replay = replayed ?? replay(scenario, spec.seed, spec.options, spec.moves);
  }

  get final(): GameState {
    return this.replay.final;
  }

  /** The round in which the talks ended (the game must have ended). */
  private endRound(): number {
    const outcome = this.final.outcome;
    if (!outcome) throw new Error('the game has not ended, so it has no aftermath to read');
    return outcome.round;
  }

  /**
   * The state at the end of round `round` of the aftermath. The engine runs the aftermath inside
   * the move that ends the talks, so this replays the game with the horizon cut at `round`: every
   * draw up to that round is made in the same order, so the state is exactly the full game's at
   * that round.
   */
  private aftermathState(round: number): GameState {
    if (round >= this.scenario.horizon) return this.final;
    let state = this.truncated.get(round);
    if (!state) {
      state = replay({ ...this.scenario, horizon: round }, this.spec.seed, this.spec.options, this.spec.moves).final;
      this.truncated.set(round, state);
    }
    return state;
  }

  /**
   * The positions the talks left in force at the moment they ended: a deal's package over what
   * was in force, or the threats carried out when talks broke down or ran out of time. Nothing
   * that happens later in that round (an event, a snap-back) is included.
   */
  talksEndPositions(): Record<string, string> {
    const outcome = this.final.outcome;
    if (!outcome) throw new Error('the game has not ended, so it has no aftermath to read');
    // At the deadline the round's events come before the talks end, so the round's end is the moment.
    if (outcome.kind === 'deadline') return this.aftermathState(outcome.round).positions;
    const { states } = this.replay;
    const before = states[states.length - 2]!;
    if (outcome.kind === 'deal') return dict({ ...before.positions, ...outcome.package });
    const positions = dict(before.positions);
    for (const t of before.threats) if (t.status === 'pending') positions[t.issue] = t.position;
    return positions;
  }

  /** The positions in force at a metric point. */
  positionsAt(point: MetricPoint = 'end'): Record<string, string> {
    if (point === 'talks-end') return this.talksEndPositions();
    if (point !== 'end' && 'afterMoves' in point && point.afterMoves === this.replay.states.length - 1 && this.final.phase === 'ended') {
      return this.talksEndPositions();
    }
    return this.stateAt(point).positions;
  }

  /** The state a metric point names (see `MetricPoint`); for `talks-end`, the end of the round the talks ended in. */
  stateAt(point: MetricPoint = 'end'): GameState {
    if (point === 'end') return this.final;
    if (point === 'talks-end') return this.aftermathState(this.endRound());
    const { states } = this.replay;
    if ('afterMoves' in point) {
      const n = point.afterMoves;
      if (n >= states.length) throw new Error(`the game has ${states.length - 1} moves, so there is no state after move ${n}`);
      const state = states[n]!;
      if (state.phase === 'negotiation') return state;
      return this.aftermathState(this.endRound());
    }
    const round = point.round;
    if (this.final.phase === 'ended' && round >= this.endRound()) return this.aftermathState(round);
    // During the talks: the state right after the move that closed the round (snap-backs due at
    // the start of the next round have already happened in it).
    const closing = states.find((s) => s.phase === 'ended' || s.round > round);
    if (!closing) throw new Error(`the game has not reached the end of round ${round}`);
    return closing;
  }

  /** Indicators at a point; for a round, the exact record the engine kept at its end. */
  indicatorsAt(point: MetricPoint = 'end'): Indicators {
    if (point === 'talks-end') return this.indicatorsAt({ round: this.endRound() });
    if (point !== 'end' && 'round' in point) {
      const record = this.final.trajectory.find((h) => h.round === point.round);
      if (!record) throw new Error(`the game has no record of round ${point.round}`);
      return record.indicators;
    }
    return this.stateAt(point).indicators;
  }
}

export interface MetricValue {
  /** null when the metric does not apply to this game (the pledge never came into force, the event never happened). */
  value: number | null;
  why?: string;
}

/** The bottom and top of the compliance draw a reference names, from the file or the draw's range. */
export function drawRange(scenario: Scenario, ref: DrawRef): [number, number] {
  const position = positionOf(scenario, ref.issue, ref.position);
  const effect = [...(position.effects ?? []), ...(position.inForce ?? []), ...(position.perRound ?? [])].find(
    (e) => e.indicator === ref.indicator && e.stream === 'compliance',
  );
  if (!effect) throw new Error(`"${ref.position}" on "${ref.issue}" has no compliance draw on ${ref.indicator}`);
  const [lo, hi] = support(effect.delta);
  const zero = ref.zero ?? lo;
  const full = ref.full ?? hi;
  if (!Number.isFinite(zero) || !Number.isFinite(full)) throw new Error(`the draw of "${ref.position}" on ${ref.indicator} is unbounded: give "zero" and "full"`);
  if (zero === full) throw new Error(`"zero" and "full" of the draw of "${ref.position}" on ${ref.indicator} must differ`);
  return [zero, full];
}

/** Read one metric off a game. */
export function readMetric(reading: GameReading, metric: HistoryMetric): MetricValue {
  const { scenario } = reading;
  switch (metric.kind) {
    case 'quantity':
      return { value: quantityValue(scenario, reading.positionsAt(metric.at), metric.quantity) };
    case 'indicator': {
      const id = metric.indicator;
      const start = reading.final.trajectory[0]!.indicators[id];
      let value: number;
      if (metric.over) {
        const [from, to] = metric.over;
        const records = reading.final.trajectory.filter((h) => h.round >= from && h.round <= to);
        if (records.length === 0) return { value: null, why: `the game has no record of rounds ${from} to ${to}` };
        value = records.reduce((sum, h) => sum + h.indicators[id], 0) / records.length;
      } else {
        value = reading.indicatorsAt(metric.at)[id];
      }
      return { value: round9(metric.change ? value - start : value) };
    }
    case 'compliance': {
      let kept = 0;
      let pledged = 0;
      let draws = 0;
      for (const ref of metric.draws) {
        const [zero, full] = drawRange(scenario, ref);
        for (const e of reading.replay.explanations.flat()) {
          if (e.draw?.stream !== 'compliance' || e.issue !== ref.issue || e.position !== ref.position || e.indicator !== ref.indicator) continue;
          kept += e.draw.value - zero;
          pledged += full - zero;
          draws += 1;
        }
      }
      if (draws === 0) return { value: null, why: 'the pledge never came into force in this game' };
      return { value: round9((100 * kept) / pledged) };
    }
    case 'eventRound': {
      const fired = reading.replay.explanations.flat().find((e) => e.kind === 'event' && e.event === metric.event);
      if (!fired) return { value: null, why: `"${metric.event}" did not happen by the horizon` };
      return { value: fired.round - (metric.since ?? 0) };
    }
  }
}

const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

export interface MetricResult {
  metric: string;
  label: string;
  unit: string;
  expected: number;
  band: [number, number];
  got: number | null;
  ok: boolean;
  source: string;
  fitted: boolean;
  /** What matching this number says about the model: set by the path, fitted, or predicted. */
  basis: MetricBasis;
  why?: string;
}

/** A metric's basis as declared, or, undeclared, `fitted` when marked fitted and `predicted` otherwise. */
export function metricBasis(metric: HistoryMetric): MetricBasis {
  return metric.basis ?? (metric.fitted ? 'fitted' : 'predicted');
}

export function inBand(value: number | null, band: [number, number]): boolean {
  return value !== null && value >= band[0] - 1e-9 && value <= band[1] + 1e-9;
}

/** Every metric of the historical outcome, read off a game (history's own under the reference seed by default). */
export function readOutcome(scenario: Scenario, spec: GameSpec = historicalSpec(scenario)): MetricResult[] {
  const reading = new GameReading(scenario, spec);
  return historyOf(scenario).outcome.map((metric) => {
    let read: MetricValue;
    try {
      read = readMetric(reading, metric);
    } catch (error) {
      // A game still in progress, or one that never reached the point a metric reads.
      read = { value: null, why: (error as Error).message };
    }
    const { value, why } = read;
    return {
      metric: metric.id,
      label: metric.label,
      unit: metric.unit,
      expected: metric.expected,
      band: metric.band,
      got: value,
      ok: inBand(value, metric.band),
      source: metric.source,
      fitted: metricBasis(metric) === 'fitted',
      basis: metricBasis(metric),
      ...(why ? { why } : {}),
    };
  });
}

/**
 * The p-th quantile (0..1) of values sorted in ascending order, interpolating linearly between
 * order statistics (Hyndman and Fan's type 7, the default of R and NumPy).
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('the quantile of no values is undefined');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (lo === hi || a === b) return a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return h - lo < 0.5 ? a : b;
  return a + (h - lo) * (b - a);
}

export interface MetricSpread {
  metric: string;
  expected: number;
  /** null stands for "never, within the horizon" (an event that did not fire). */
  p10: number | null;
  p50: number | null;
  p90: number | null;
  /** Whether the real value lies in [p10, p90]: the model is neither biased nor falsely certain about it. */
  within: boolean;
  /** Every seed gave the same value: the metric follows from the path alone. */
  deterministic: boolean;
  /** Seeds for which the metric did not apply (counted as +∞ in the percentiles). */
  missing: number;
  /** Share of the seeds whose value lies in the metric's band (the reference seed is chosen; this is not). */
  inBand: number;
  basis: MetricBasis;
}

/** Seeds "from" to "to" as the strings the game uses. */
export function seedRange(from: number, to: number): string[] {
  const out: string[] = [];
  for (let s = from; s <= to; s++) out.push(String(s));
  return out;
}

/** The distribution of every outcome metric when the historical path is replayed under many seeds. */
export function outcomeSpread(scenario: Scenario, seeds: readonly string[]): MetricSpread[] {
  return spreadOf(scenario, seeds).metrics;
}

/** As `outcomeSpread`, with the share of seeds that land every metric in its band at once. */
export function spreadOf(scenario: Scenario, seeds: readonly string[]): { metrics: MetricSpread[]; allInBand: number } {
  const metrics = historyOf(scenario).outcome;
  const values: number[][] = metrics.map(() => []);
  let all = 0;
  for (const seed of seeds) {
    const reading = new GameReading(scenario, historicalSpec(scenario, seed));
    let ok = true;
    metrics.forEach((metric, i) => {
      const value = readMetric(reading, metric).value;
      values[i]!.push(value ?? Infinity);
      if (!inBand(value, metric.band)) ok = false;
    });
    if (ok) all += 1;
  }
  return { metrics: metrics.map((metric, i) => spreadOfValues(metric, values[i]!)), allInBand: round9(all / seeds.length) };
}

function spreadOfValues(metric: HistoryMetric, values: number[]): MetricSpread {
  const finite = (x: number) => (Number.isFinite(x) ? round9(x) : null);
  const sorted = [...values].sort((a, b) => a - b);
  const p10 = quantile(sorted, 0.1);
  const p90 = quantile(sorted, 0.9);
  const eps = 1e-9;
  return {
    metric: metric.id,
    expected: metric.expected,
    p10: finite(p10),
    p50: finite(quantile(sorted, 0.5)),
    p90: finite(p90),
    within: metric.expected >= p10 - eps && metric.expected <= p90 + eps,
    deterministic: sorted[0] === sorted[sorted.length - 1],
    missing: sorted.filter((x) => !Number.isFinite(x)).length,
    inBand: round9(sorted.filter((x) => inBand(x, metric.band)).length / sorted.length),
    basis: metricBasis(metric),
  };
}

export interface HistoryComparison {
  /** The seed both games were played with, so differences come from decisions, not from the draws. */
  seed: string;
  /** Whether the game's first `branchStep` moves are history's. */
  branched: boolean;
  history: { final: GameState; metrics: MetricResult[] };
  game: { final: GameState; metrics: MetricResult[] };
  decisions: DecisionComparison[];
}

/**
 * What a side-by-side debrief shows: a game beside history's path replayed under the same seed
 * (both games' indicator trajectories are in `final.trajectory`), every outcome metric read off
 * both, and how the game handled each decision point.
 */
export function compareWithHistory(scenario: Scenario, spec: GameSpec): HistoryComparison {
  const historySpec = historicalSpec(scenario, spec.seed);
  return {
    seed: spec.seed,
    branched: followsHistory(scenario, spec),
    history: { final: new GameReading(scenario, historySpec).final, metrics: readOutcome(scenario, historySpec) },
    game: { final: new GameReading(scenario, spec).final, metrics: readOutcome(scenario, spec) },
    decisions: compareDecisions(scenario, spec),
  };
}
