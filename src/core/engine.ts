import { isFixed, mean, sample } from './distributions';
import { dict } from './dict';
import { ModelError } from './errors';
import { clampIndicator, domesticSupportOf, initialIndicators } from './indicators';
import { Streams } from './rng';
import { canonicalPackage, changedIssues, checkMove } from './rules';
import { gameOptionsSchema } from './schema/game';
import { seedSchema } from './schema/primitives';
import { formatPath, schemaProblems } from './schema/problems';
import { doctrineOf, otherSide, positionOf, profileOf } from './scenario-lookup';
import type { ChangeCause, Condition, Effect, Enactment, Explanation, GameOptions, GameState, IndicatorId, Move, Package, Scenario, ScenarioEvent, Side, StepResult } from './types';
import { SIDES } from './types';

/** Tension lost when a deal is signed, and gained when a side walks out or a deal fails at home. */
export const DEAL_TENSION = -1;
export const WALKOUT_TENSION = 1.5;
export const FAILED_RATIFICATION_TENSION = 0.5;
export const THREAT_TENSION = 0.5;
/** Share of the audience cost paid for lifting, in a deal, a measure the side imposed during the game. */
export const RETREAT_SHARE = 0.5;

export class IllegalMoveError extends Error {
  constructor(
    readonly move: Move,
    reason: string,
  ) {
    super(`illegal move: ${reason}`);
    this.name = 'IllegalMoveError';
  }
}

export class InvalidOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid game options: ${problems.join('; ')}`);
    this.name = 'InvalidOptionsError';
  }
}

export { ModelError };

/** Options a scenario would pick for a game nobody configured: each side's default profile's doctrine, AI on both sides. */
export function defaultOptions(scenario: Scenario, overrides: Partial<GameOptions> = {}): GameOptions {
  const doctrines = {} as Record<Side, string>;
  for (const side of SIDES) doctrines[side] = profileOf(scenario, scenario.sides[side].defaultProfile).doctrine;
  return {
    doctrines: { ...doctrines, ...overrides.doctrines },
    humans: overrides.humans ?? [],
    difficulty: { us: 'normal', china: 'normal', ...overrides.difficulty },
    ...(overrides.profiles ? { profiles: overrides.profiles } : {}),
  };
}

/**
 * The deadlines a game of this scenario may be given instead of its own: from half its rounds
 * (at least 2, so each side moves twice) to twice them, never past the horizon the model runs to,
 * so every game is still judged over the same span.
 */
export function roundsRange(scenario: Scenario): { min: number; max: number } {
  const max = Math.min(scenario.horizon, 2 * scenario.rounds);
  return { min: Math.min(max, Math.max(2, Math.ceil(scenario.rounds / 2))), max };
}

/** A game's negotiating deadline in rounds: the options' when set, else the scenario's. */
export function deadlineOf(scenario: Scenario, options: GameOptions): number {
  return options.rounds ?? scenario.rounds;
}

/**
 * What is wrong with a game's options, each problem as "path: what": their shape by the one
 * schema (src/core/schema/game.ts), then the doctrines and profiles they name against the scenario.
 */
export function checkOptions(scenario: Scenario, options: unknown): string[] {
  const parsed = gameOptionsSchema.safeParse(options);
  if (!parsed.success) return schemaProblems(parsed.error, options).map((p) => `${formatPath(p.path)}: ${p.message}`);
  const problems: string[] = [];
  const o = parsed.data;
  for (const side of SIDES) {
    const doctrine = scenario.doctrines.find((d) => d.id === o.doctrines[side]);
    if (!doctrine) problems.push(`doctrines.${side}: unknown doctrine "${o.doctrines[side]}"`);
    else if (doctrine.side !== side) problems.push(`doctrines.${side}: "${doctrine.id}" is a doctrine of ${doctrine.side}`);
    const profileId = o.profiles?.[side];
    if (profileId !== undefined) {
      const profile = scenario.profiles.find((p) => p.id === profileId);
      if (!profile) problems.push(`profiles.${side}: unknown profile "${profileId}"`);
      else if (profile.side !== side) problems.push(`profiles.${side}: "${profile.id}" is a profile of ${profile.side}`);
    }
  }
  if (o.rounds !== undefined) {
    const range = roundsRange(scenario);
    if (o.rounds < range.min || o.rounds > range.max) problems.push(`rounds: ${scenario.id} can be played in ${range.min} to ${range.max} rounds, not ${o.rounds}`);
  }
  return problems;
}

export function newGame(scenario: Scenario, seed: string, options: GameOptions): GameState {
  const problems = checkOptions(scenario, options);
  const seedCheck = seedSchema.safeParse(seed);
  if (!seedCheck.success) problems.unshift(`seed: ${seedCheck.error.issues[0]!.message}`);
  if (problems.length > 0) throw new InvalidOptionsError(problems);
  const indicators = initialIndicators(scenario);
  const positions = dict<string>();
  const enactedRound = dict<number>();
  for (const issue of scenario.issues) {
    positions[issue.id] = issue.statusQuo;
    // Status-quo measures count as enacted in round 1, so "expiresAfter: 6" runs out at the end of round 6.
    enactedRound[issue.id] = 1;
  }
  return {
    scenario: { id: scenario.id, version: scenario.version },
    seed,
    options,
    round: 1,
    phase: 'negotiation',
    turn: scenario.opener,
    movesThisRound: 0,
    moveCount: 0,
    indicators,
    positions,
    enactedRound,
    contributions: dict(),
    imposed: dict(),
    standing: null,
    threats: [],
    firedEvents: [],
    outcome: null,
    trajectory: [{ round: 0, indicators: { ...indicators } }],
    rng: {},
  };
}

/**
 * A copy of a state that the next step may change: every mutable part is copied, the records
 * keyed by ids as null-prototype objects. Recorded rounds are never changed once written, so the
 * trajectory shares them.
 */
export function cloneState(s: GameState): GameState {
  return {
    ...s,
    scenario: { ...s.scenario },
    indicators: { ...s.indicators },
    positions: dict(s.positions),
    enactedRound: dict(s.enactedRound),
    contributions: dict(Object.entries(s.contributions).map(([issue, levels]) => [issue, { ...levels }] as const)),
    imposed: dict(s.imposed),
    standing: s.standing && { ...s.standing, package: dict(s.standing.package) },
    threats: s.threats.map((t) => ({ ...t })),
    firedEvents: [...s.firedEvents],
    outcome: s.outcome && { ...s.outcome, ...(s.outcome.package ? { package: dict(s.outcome.package) } : {}) },
    trajectory: [...s.trajectory],
    rng: { ...s.rng },
  };
}

/** Apply one move. Pure: the input state is not touched. Throws IllegalMoveError on an illegal move. */
export function applyMove(scenario: Scenario, state: GameState, move: Move): StepResult {
  const check = checkMove(scenario, state, move);
  if (!check.ok) throw new IllegalMoveError(move, check.reason);
  const step = new Step(scenario, state);
  step.play(move);
  return step.finish();
}

export interface Replay {
  /** The state before any move, then after each move. */
  states: GameState[];
  /** Explanations of each move (index i explains the step from states[i] to states[i + 1]). */
  explanations: Explanation[][];
  final: GameState;
}

/** Rebuild a game from its moves. Equals playing the moves live, step for step. */
export function replay(scenario: Scenario, seed: string, options: GameOptions, moves: readonly Move[]): Replay {
  let state = newGame(scenario, seed, options);
  const states = [state];
  const explanations: Explanation[][] = [];
  for (const move of moves) {
    const result = applyMove(scenario, state, move);
    state = result.state;
    states.push(state);
    explanations.push(result.explanations);
  }
  return { states, explanations, final: state };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** What an indicator change explanation carries besides the numbers. */
interface Change {
  kind: 'effect' | 'drift' | 'event';
  cause: ChangeCause;
  issue?: string;
  position?: string;
  event?: string;
  source?: string;
  note?: string;
  draw?: Explanation['draw'];
}

type Via = { through: Enactment; event?: string };

/** An explanation before the step stamps its round on it. */
type Unrounded = Explanation extends infer E ? (E extends Explanation ? Omit<E, 'round'> : never) : never;

/** The working copy of one engine step: a copied state, the RNG streams and the explanations so far. */
class Step {
  readonly state: GameState;
  readonly streams: Streams;
  readonly explanations: Explanation[] = [];

  constructor(
    readonly scenario: Scenario,
    state: GameState,
  ) {
    this.state = cloneState(state);
    this.streams = new Streams(state.seed, state.rng);
  }

  finish(): StepResult {
    this.state.rng = this.streams.states();
    return { state: this.state, explanations: this.explanations };
  }

  private explain(e: Unrounded): void {
    // Stamped in place (e is always a fresh object): a step of a long aftermath makes hundreds.
    (e as Explanation).round = this.state.round;
    this.explanations.push(e as Explanation);
  }

  play(move: Move): void {
    const s = this.state;
    switch (move.type) {
      case 'propose': {
        const pkg = canonicalPackage(this.scenario, move.package);
        const countering = s.standing !== null && s.standing.by !== move.side;
        s.standing = { by: move.side, package: pkg, round: s.round };
        this.explain({ kind: 'move', move: { ...move, package: pkg }, ...(countering ? { countering } : {}) });
        break;
      }
      case 'accept':
        this.accept(move.side);
        break;
      case 'reject':
        this.explain({ kind: 'move', move });
        s.standing = null;
        break;
      case 'hold':
        this.explain({ kind: 'move', move });
        break;
      case 'impose': {
        s.standing = null;
        this.impose(move.side, move.issue, move.position, false);
        break;
      }
      case 'threaten': {
        s.standing = null;
        const dueRound = s.round + this.scenario.threatWindow;
        s.threats.push({ side: move.side, issue: move.issue, position: move.position, madeRound: s.round, dueRound, status: 'pending' });
        this.explain({ kind: 'threat', side: move.side, issue: move.issue, position: move.position, status: 'made', dueRound });
        this.changeIndicator('tension', THREAT_TENSION, { kind: 'effect', cause: { kind: 'threat-made' } });
        break;
      }
      case 'walkout':
        s.standing = null;
        this.explain({ kind: 'move', move });
        this.changeIndicator('tension', WALKOUT_TENSION, { kind: 'effect', cause: { kind: 'walkout' } });
        this.end({ kind: 'walkout', round: s.round, by: move.side });
        break;
    }
    s.moveCount += 1;
    if (s.phase === 'negotiation') {
      s.movesThisRound += 1;
      s.turn = otherSide(move.side);
      if (s.movesThisRound >= 2) this.endRound();
    } else {
      this.runAftermath();
    }
  }

  private accept(side: Side): void {
    const s = this.state;
    const standing = s.standing!;
    this.explain({ kind: 'move', move: { type: 'accept', side }, offerBy: standing.by });
    const refusals = SIDES.map((home) => ratification(this.scenario, s, standing.package, home)).filter((r) => !r.ratified);
    s.standing = null;
    if (refusals.length > 0) {
      for (const r of refusals) {
        const indicator = domesticSupportOf(r.side);
        this.explain({ kind: 'ratification', side: r.side, indicator, projected: r.projected, threshold: r.threshold });
      }
      this.changeIndicator('tension', FAILED_RATIFICATION_TENSION, { kind: 'effect', cause: { kind: 'failed-ratification' } });
      return;
    }
    for (const threat of s.threats) {
      if (threat.status !== 'pending') continue;
      threat.status = 'settled-in-deal';
      this.explain({ kind: 'threat', side: threat.side, issue: threat.issue, status: 'settled-in-deal' });
    }
    for (const issueId of changedIssues(s, standing.package)) {
      const imposer = s.imposed[issueId];
      if (imposer && s.positions[issueId] !== standing.package[issueId]) {
        const cost = this.scenario.sides[imposer].audienceCost * RETREAT_SHARE;
        this.changeIndicator(domesticSupportOf(imposer), -cost, { kind: 'effect', cause: { kind: 'retreat', side: imposer, issue: issueId } });
        delete s.imposed[issueId];
      }
      this.enact(issueId, standing.package[issueId]!, { through: 'deal' });
    }
    this.changeIndicator('tension', DEAL_TENSION, { kind: 'effect', cause: { kind: 'deal' } });
    this.end({ kind: 'deal', round: s.round, by: side, package: standing.package });
  }

  private impose(side: Side, issueId: string, positionId: string, threatCarriedOut: boolean): void {
    const s = this.state;
    const position = positionOf(this.scenario, issueId, positionId);
    this.explain({
      kind: 'move',
      move: { type: 'impose', side, issue: issueId, position: positionId },
      issue: issueId,
      position: positionId,
      ...(threatCarriedOut ? { threatCarriedOut } : {}),
    });
    this.enact(issueId, positionId, { through: 'measure' });
    s.imposed[issueId] = side;
    this.changeIndicator('tension', position.tension ?? 1, { kind: 'effect', cause: { kind: 'imposed', issue: issueId, position: positionId } });
    for (const threat of s.threats) {
      if (threat.status === 'pending' && threat.side === side && threat.issue === issueId && threat.position === positionId) {
        threat.status = 'carried-out';
      }
    }
  }

  /** Put a position into force: undo the old one's in-force levels, then apply the new one's effects. */
  private enact(issueId: string, positionId: string, via: Via): void {
    const s = this.state;
    const old = positionOf(this.scenario, issueId, s.positions[issueId]!);
    const position = positionOf(this.scenario, issueId, positionId);
    const previous = s.contributions[issueId] ?? {};
    for (const [indicator, amount] of Object.entries(previous) as [IndicatorId, number][]) {
      this.changeIndicator(indicator, -amount, { kind: 'effect', cause: { kind: 'lifted', issue: issueId, position: old.id }, issue: issueId, position: old.id });
    }
    delete s.contributions[issueId];
    s.positions[issueId] = positionId;
    s.enactedRound[issueId] = s.round;
    for (const effect of position.effects ?? []) {
      this.applyEffect(effect, { kind: 'effect', cause: { kind: 'enacted', issue: issueId, position: positionId, ...via }, issue: issueId, position: positionId });
    }
    const levels: Partial<Record<IndicatorId, number>> = {};
    for (const effect of position.inForce ?? []) {
      const applied = this.applyEffect(effect, { kind: 'effect', cause: { kind: 'in-force', issue: issueId, position: positionId, ...via }, issue: issueId, position: positionId });
      levels[effect.indicator] = round6((levels[effect.indicator] ?? 0) + applied);
    }
    if (Object.keys(levels).length > 0) s.contributions[issueId] = levels;
  }

  /** Draw an effect's change, apply it and explain it; returns the change actually applied (`change`, a fresh object, is completed here). */
  private applyEffect(effect: Effect, change: Change): number {
    const stream = effect.stream ?? 'effects';
    let drawn: number;
    let draw: Explanation['draw'];
    if (isFixed(effect.delta)) {
      drawn = effect.delta;
    } else {
      drawn = sample(effect.delta, () => this.streams.next(stream));
      if (!Number.isFinite(drawn)) throw new ModelError(`a draw from ${JSON.stringify(effect.delta)} gave ${String(drawn)}`);
      draw = { stream, distribution: effect.delta, value: round6(drawn) };
    }
    const full: Change = change;
    if (effect.source) full.source = effect.source;
    if (effect.note) full.note = effect.note;
    if (draw) full.draw = draw;
    return this.changeIndicator(effect.indicator, drawn, full);
  }

  private changeIndicator(indicator: IndicatorId, delta: number, change: Change): number {
    const s = this.state;
    const from = s.indicators[indicator];
    const wanted = from + delta;
    // clampIndicator refuses anything but a finite number: nothing else ever enters the state.
    const bounded = clampIndicator(indicator, wanted);
    const clamped = bounded !== wanted;
    const to = round6(bounded);
    const applied = round6(to - from);
    s.indicators[indicator] = to;
    if (Math.abs(applied) < 1e-9 && !clamped) return 0;
    // Built by assignment rather than spreads: this runs for every change of every round.
    const e: Extract<Explanation, { cause: ChangeCause }> = { kind: change.kind, round: s.round, indicator, delta: applied, from, to, cause: change.cause };
    if (clamped) e.clamped = true;
    if (change.issue) e.issue = change.issue;
    if (change.position) e.position = change.position;
    if (change.event) e.event = change.event;
    if (change.source) e.source = change.source;
    if (change.note) e.note = change.note;
    if (change.draw) e.draw = change.draw;
    this.explanations.push(e);
    return applied;
  }

  private end(outcome: GameState['outcome'] & object): void {
    const s = this.state;
    s.phase = 'ended';
    s.outcome = outcome;
    this.explain({ kind: 'outcome', outcome, deadline: deadlineOf(this.scenario, s.options) });
    if (outcome.kind !== 'deal') {
      for (const threat of s.threats.filter((t) => t.status === 'pending')) {
        this.impose(threat.side, threat.issue, threat.position, true);
        threat.status = 'carried-out';
      }
    }
  }

  /**
   * The start of a round: time-limited concessions whose time is up snap back. A position enacted
   * in round e with "expiresAfter: k" is in force for rounds e to e + k - 1.
   */
  private startRound(): void {
    const s = this.state;
    for (const issue of this.scenario.issues) {
      const position = positionOf(this.scenario, issue.id, s.positions[issue.id]!);
      if (position.expiresAfter === undefined) continue;
      if (s.round < s.enactedRound[issue.id]! + position.expiresAfter) continue;
      const target = position.revertsTo ?? issue.statusQuo;
      if (target === position.id) continue;
      this.explain({ kind: 'expiry', issue: issue.id, position: target, expired: position.id, rounds: position.expiresAfter });
      this.enact(issue.id, target, { through: 'snap-back' });
    }
  }

  /** The end of a round: running costs, threats falling due, events, and the record. */
  private endRound(): void {
    const s = this.state;
    const negotiating = s.phase === 'negotiation';
    for (const issue of this.scenario.issues) {
      const position = positionOf(this.scenario, issue.id, s.positions[issue.id]!);
      for (const effect of position.perRound ?? []) {
        this.applyEffect(effect, { kind: 'drift', cause: { kind: 'per-round', issue: issue.id, position: position.id }, issue: issue.id, position: position.id });
      }
    }
    if (negotiating) {
      for (const threat of s.threats) {
        if (threat.status !== 'pending' || threat.dueRound !== s.round) continue;
        threat.status = 'backed-down';
        this.explain({ kind: 'threat', side: threat.side, issue: threat.issue, status: 'backed-down' });
        this.changeIndicator(domesticSupportOf(threat.side), -this.scenario.sides[threat.side].audienceCost, {
          kind: 'effect',
          cause: { kind: 'audience-cost', side: threat.side, issue: threat.issue },
          issue: threat.issue,
        });
      }
    }
    for (const event of this.scenario.events) this.considerEvent(event);
    s.trajectory.push({ round: s.round, indicators: { ...s.indicators } });
    this.explain({ kind: 'round' });
    if (negotiating && s.phase === 'negotiation') {
      if (s.round >= deadlineOf(this.scenario, s.options)) {
        this.end({ kind: 'deadline', round: s.round });
        this.runToHorizon();
        return;
      }
      s.round += 1;
      s.movesThisRound = 0;
      this.startRound();
    }
  }

  /** A move ended the talks: close the round it was made in, then run the model on to the horizon. */
  private runAftermath(): void {
    this.endRound();
    this.runToHorizon();
  }

  /** After the talks the model runs on to the horizon with nobody moving. */
  private runToHorizon(): void {
    const s = this.state;
    while (s.round < this.scenario.horizon) {
      s.round += 1;
      this.startRound();
      this.endRound();
    }
    s.movesThisRound = 0;
  }

  private considerEvent(event: ScenarioEvent): void {
    const s = this.state;
    const once = event.once ?? true;
    if (once && s.firedEvents.includes(event.id)) return;
    if (event.round !== undefined && event.round !== s.round) return;
    if (!(event.when ?? []).every((c) => holds(c, s))) return;
    const chance = event.chance ?? 1;
    if (chance < 1) {
      const u = this.streams.next('events');
      if (u >= chance) return;
    }
    if (!s.firedEvents.includes(event.id)) s.firedEvents.push(event.id);
    this.explain({ kind: 'event', event: event.id, ...(event.source ? { source: event.source } : {}) });
    for (const effect of event.effects ?? []) this.applyEffect(effect, { kind: 'event', cause: { kind: 'event', event: event.id }, event: event.id });
    for (const [issueId, positionId] of Object.entries(event.sets ?? {})) {
      if (s.positions[issueId] === positionId) continue;
      this.enact(issueId, positionId, { through: 'event', event: event.id });
    }
  }
}

function holds(condition: Condition, state: GameState): boolean {
  if ('indicator' in condition) {
    const value = state.indicators[condition.indicator];
    if (condition.above !== undefined && !(value > condition.above)) return false;
    if (condition.below !== undefined && !(value < condition.below)) return false;
    return true;
  }
  if ('issue' in condition) {
    const current = state.positions[condition.issue];
    if (condition.is !== undefined && current !== condition.is) return false;
    if (condition.isNot !== undefined && current === condition.isNot) return false;
    return true;
  }
  if ('phase' in condition) return (state.phase === 'negotiation' ? 'negotiation' : 'aftermath') === condition.phase;
  return state.outcome?.kind === condition.outcome;
}

export interface Ratification {
  side: Side;
  ratified: boolean;
  projected: number;
  threshold: number;
}

/**
 * Would `side`'s domestic politics ratify this package? The test is the expected domestic support
 * once the package is in force (no draws: a ratification vote does not roll dice).
 */
export function ratification(scenario: Scenario, state: GameState, pkg: Package, side: Side): Ratification {
  const indicator = domesticSupportOf(side);
  let projected = state.indicators[indicator];
  for (const issueId of changedIssues(state, pkg)) {
    projected -= state.contributions[issueId]?.[indicator] ?? 0;
    const position = positionOf(scenario, issueId, pkg[issueId]!);
    for (const effect of [...(position.effects ?? []), ...(position.inForce ?? [])]) {
      if (effect.indicator === indicator) projected += mean(effect.delta);
    }
  }
  projected = clampIndicator(indicator, projected);
  const threshold = scenario.sides[side].ratificationThreshold;
  return { side, ratified: projected >= threshold, projected, threshold };
}

/** The AI profile in play for a side under these options. */
export function profileFor(scenario: Scenario, options: GameOptions, side: Side) {
  return profileOf(scenario, options.profiles?.[side] ?? scenario.sides[side].defaultProfile);
}

export function doctrineFor(scenario: Scenario, options: GameOptions, side: Side) {
  return doctrineOf(scenario, options.doctrines[side]);
}
