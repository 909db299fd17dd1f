import { describe, isFixed, mean, sample } from './distributions';
import { INDICATORS, clampIndicator, domesticSupportOf, formatIndicatorValue, initialIndicators } from './indicators';
import { Streams } from './rng';
import { canonicalPackage, changedIssues, checkMove } from './rules';
import { doctrineOf, issueOf, otherSide, positionOf, profileOf } from './scenario-lookup';
import type {
  Condition,
  Effect,
  Explanation,
  GameOptions,
  GameState,
  IndicatorId,
  Move,
  Package,
  Scenario,
  ScenarioEvent,
  Side,
  StepResult,
} from './types';
import { DIFFICULTIES, SIDES } from './types';

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

export function checkOptions(scenario: Scenario, options: GameOptions): string[] {
  const problems: string[] = [];
  if (typeof options !== 'object' || options === null) return ['options must be an object'];
  for (const side of SIDES) {
    const doctrineId = options.doctrines?.[side];
    const doctrine = scenario.doctrines.find((d) => d.id === doctrineId);
    if (!doctrine) problems.push(`doctrines.${side}: unknown doctrine ${JSON.stringify(doctrineId)}`);
    else if (doctrine.side !== side) problems.push(`doctrines.${side}: "${doctrine.id}" is a doctrine of ${doctrine.side}`);
    const difficulty = options.difficulty?.[side];
    if (!DIFFICULTIES.includes(difficulty)) problems.push(`difficulty.${side}: expected easy, normal or hard, got ${JSON.stringify(difficulty)}`);
    const profileId = options.profiles?.[side];
    if (profileId !== undefined) {
      const profile = scenario.profiles.find((p) => p.id === profileId);
      if (!profile) problems.push(`profiles.${side}: unknown profile ${JSON.stringify(profileId)}`);
      else if (profile.side !== side) problems.push(`profiles.${side}: "${profile.id}" is a profile of ${profile.side}`);
    }
  }
  if (!Array.isArray(options.humans) || options.humans.some((h) => !SIDES.includes(h)) || new Set(options.humans).size !== options.humans.length) {
    problems.push('humans: expected a list of distinct sides, "us" and/or "china"');
  }
  return problems;
}

export function newGame(scenario: Scenario, seed: string, options: GameOptions): GameState {
  const problems = checkOptions(scenario, options);
  if (problems.length > 0) throw new InvalidOptionsError(problems);
  const indicators = initialIndicators(scenario);
  const positions: Record<string, string> = {};
  const enactedRound: Record<string, number> = {};
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
    contributions: {},
    imposed: {},
    standing: null,
    threats: [],
    firedEvents: [],
    outcome: null,
    history: [{ round: 0, indicators: { ...indicators } }],
    rng: {},
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

/** The working copy of one engine step: a cloned state, the RNG streams and the explanations so far. */
class Step {
  readonly state: GameState;
  readonly streams: Streams;
  readonly explanations: Explanation[] = [];

  constructor(
    readonly scenario: Scenario,
    state: GameState,
  ) {
    // The state is plain JSON by design, so a JSON round trip is an exact deep copy.
    this.state = JSON.parse(JSON.stringify(state)) as GameState;
    this.streams = new Streams(state.seed, state.rng);
  }

  finish(): StepResult {
    this.state.rng = this.streams.states();
    return { state: this.state, explanations: this.explanations };
  }

  private label(side: Side): string {
    return this.scenario.sides[side].label;
  }

  private explain(e: Omit<Explanation, 'round'>): void {
    this.explanations.push({ round: this.state.round, ...e });
  }

  play(move: Move): void {
    const s = this.state;
    const who = this.label(move.side);
    switch (move.type) {
      case 'propose': {
        const pkg = canonicalPackage(this.scenario, move.package);
        const countering = s.standing && s.standing.by !== move.side;
        s.standing = { by: move.side, package: pkg, round: s.round };
        this.explain({ kind: 'move', text: `${who} ${countering ? 'counters with' : 'proposes'} ${this.describePackage(pkg)}.` });
        break;
      }
      case 'accept':
        this.accept(move.side);
        break;
      case 'reject':
        this.explain({ kind: 'move', text: `${who} rejects the offer on the table.` });
        s.standing = null;
        break;
      case 'hold':
        this.explain({ kind: 'move', text: `${who} holds its position and makes no new offer.` });
        break;
      case 'impose': {
        s.standing = null;
        this.impose(move.side, move.issue, move.position, `${who} imposes`);
        break;
      }
      case 'threaten': {
        s.standing = null;
        const issue = issueOf(this.scenario, move.issue);
        const position = positionOf(this.scenario, move.issue, move.position);
        const dueRound = s.round + this.scenario.threatWindow;
        s.threats.push({ side: move.side, issue: move.issue, position: move.position, madeRound: s.round, dueRound, status: 'pending' });
        this.explain({
          kind: 'threat',
          text: `${who} threatens publicly: "${position.label}" on ${issue.label} unless there is a deal by the end of round ${dueRound}. Backing down later will cost it at home.`,
          issue: issue.id,
          position: position.id,
        });
        this.changeIndicator('tension', THREAT_TENSION, { kind: 'effect', why: 'a public threat' });
        break;
      }
      case 'walkout':
        s.standing = null;
        this.explain({ kind: 'move', text: `${who} walks out of the talks.` });
        this.changeIndicator('tension', WALKOUT_TENSION, { kind: 'effect', why: 'the walkout' });
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

  describePackage(pkg: Package): string {
    const parts = Object.entries(pkg).map(([issueId, positionId]) => {
      const issue = issueOf(this.scenario, issueId);
      return `${issue.label}: ${positionOf(this.scenario, issueId, positionId).label}`;
    });
    return parts.length === 0 ? 'nothing' : parts.join('; ');
  }

  private accept(side: Side): void {
    const s = this.state;
    const standing = s.standing!;
    const who = this.label(side);
    this.explain({ kind: 'move', text: `${who} accepts the offer from ${this.label(standing.by)}.` });
    const refusals = SIDES.map((home) => ratification(this.scenario, s, standing.package, home)).filter((r) => !r.ratified);
    s.standing = null;
    if (refusals.length > 0) {
      for (const r of refusals) {
        this.explain({
          kind: 'ratification',
          text: `The deal fails at home in ${this.label(r.side)}: domestic support would stand at ${r.projected.toFixed(1)}, below the ${r.threshold} needed to ratify it. Talks go on.`,
          indicator: domesticSupportOf(r.side),
        });
      }
      this.changeIndicator('tension', FAILED_RATIFICATION_TENSION, { kind: 'effect', why: 'a deal that failed at home' });
      return;
    }
    for (const threat of s.threats) {
      if (threat.status !== 'pending') continue;
      threat.status = 'settled-in-deal';
      this.explain({
        kind: 'threat',
        text: `${this.label(threat.side)}'s threat on ${issueOf(this.scenario, threat.issue).label} is settled by the deal.`,
        issue: threat.issue,
      });
    }
    for (const issueId of changedIssues(s, standing.package)) {
      const imposer = s.imposed[issueId];
      if (imposer && s.positions[issueId] !== standing.package[issueId]) {
        const cost = this.scenario.sides[imposer].audienceCost * RETREAT_SHARE;
        this.changeIndicator(domesticSupportOf(imposer), -cost, {
          kind: 'effect',
          why: `lifting ${issueOf(this.scenario, issueId).label}, which it imposed, looks like a retreat at home`,
        });
        delete s.imposed[issueId];
      }
      this.enact(issueId, standing.package[issueId]!, 'the deal');
    }
    this.changeIndicator('tension', DEAL_TENSION, { kind: 'effect', why: 'the deal' });
    this.end({ kind: 'deal', round: s.round, by: side, package: standing.package });
  }

  private impose(side: Side, issueId: string, positionId: string, verb: string): void {
    const s = this.state;
    const issue = issueOf(this.scenario, issueId);
    const position = positionOf(this.scenario, issueId, positionId);
    this.explain({ kind: 'move', text: `${verb} ${position.label} (${issue.label}).`, issue: issueId, position: positionId });
    this.enact(issueId, positionId, 'the measure');
    s.imposed[issueId] = side;
    this.changeIndicator('tension', position.tension ?? 1, { kind: 'effect', why: `imposing ${position.label}` });
    for (const threat of s.threats) {
      if (threat.status === 'pending' && threat.side === side && threat.issue === issueId && threat.position === positionId) {
        threat.status = 'carried-out';
      }
    }
  }

  /** Put a position into force: undo the old one's in-force levels, then apply the new one's effects. */
  private enact(issueId: string, positionId: string, cause: string): void {
    const s = this.state;
    const issue = issueOf(this.scenario, issueId);
    const old = positionOf(this.scenario, issueId, s.positions[issueId]!);
    const position = positionOf(this.scenario, issueId, positionId);
    const previous = s.contributions[issueId] ?? {};
    for (const [indicator, amount] of Object.entries(previous) as [IndicatorId, number][]) {
      this.changeIndicator(indicator, -amount, { kind: 'effect', why: `${old.label} is no longer in force`, issue: issueId, position: old.id });
    }
    delete s.contributions[issueId];
    s.positions[issueId] = positionId;
    s.enactedRound[issueId] = s.round;
    for (const effect of position.effects ?? []) {
      this.applyEffect(effect, 'effect', `${position.label} (${issue.label}) through ${cause}`, issueId, positionId);
    }
    const levels: Partial<Record<IndicatorId, number>> = {};
    for (const effect of position.inForce ?? []) {
      const applied = this.applyEffect(effect, 'effect', `${position.label} (${issue.label}), while in force`, issueId, positionId);
      levels[effect.indicator] = round6((levels[effect.indicator] ?? 0) + applied);
    }
    if (Object.keys(levels).length > 0) s.contributions[issueId] = levels;
  }

  /** Draw an effect's change, apply it and explain it. Returns the change actually applied. */
  private applyEffect(effect: Effect, kind: Explanation['kind'], why: string, issue?: string, position?: string, event?: string): number {
    const stream = effect.stream ?? 'effects';
    let drawn: number;
    let draw: Explanation['draw'];
    if (isFixed(effect.delta)) {
      drawn = effect.delta;
    } else {
      drawn = sample(effect.delta, () => this.streams.next(stream));
      draw = { stream, distribution: describe(effect.delta), value: round6(drawn) };
    }
    const fullWhy = effect.note ? `${why}: ${effect.note}` : why;
    return this.changeIndicator(effect.indicator, drawn, { kind, why: fullWhy, issue, position, event, source: effect.source, draw });
  }

  private changeIndicator(
    indicator: IndicatorId,
    delta: number,
    cause: {
      kind: Explanation['kind'];
      why: string;
      issue?: string;
      position?: string;
      event?: string;
      source?: string;
      draw?: Explanation['draw'];
    },
  ): number {
    const s = this.state;
    const from = s.indicators[indicator];
    const wanted = from + delta;
    const bounded = clampIndicator(indicator, wanted);
    const clamped = bounded !== wanted;
    const to = round6(bounded);
    const applied = round6(to - from);
    s.indicators[indicator] = to;
    if (Math.abs(applied) < 1e-9 && !clamped) return 0;
    const def = INDICATORS[indicator];
    const drawText = cause.draw ? ` (drawn ${formatIndicatorValue(indicator, cause.draw.value, true)} from ${cause.draw.distribution}, ${cause.draw.stream} stream)` : '';
    const clampText = clamped ? ` (held at the ${to >= def.max ? 'top' : 'bottom'} of its range)` : '';
    const explanation: Omit<Explanation, 'round'> = {
      kind: cause.kind,
      text: `${def.label} ${formatIndicatorValue(indicator, applied, true)}: ${cause.why}${drawText}${clampText}.`,
      indicator,
      delta: applied,
      from,
      to,
    };
    if (clamped) explanation.clamped = true;
    if (cause.issue) explanation.issue = cause.issue;
    if (cause.position) explanation.position = cause.position;
    if (cause.event) explanation.event = cause.event;
    if (cause.source) explanation.source = cause.source;
    if (cause.draw) explanation.draw = cause.draw;
    this.explain(explanation);
    return applied;
  }

  private end(outcome: GameState['outcome'] & object): void {
    const s = this.state;
    s.phase = 'ended';
    s.outcome = outcome;
    const text =
      outcome.kind === 'deal'
        ? `Deal in round ${outcome.round}: ${this.describePackage(outcome.package ?? {})}.`
        : outcome.kind === 'walkout'
          ? `No deal: ${this.label(outcome.by!)} walked out in round ${outcome.round}.`
          : `No deal by the deadline (round ${this.scenario.rounds}).`;
    this.explain({ kind: 'outcome', text });
    if (outcome.kind !== 'deal') {
      for (const threat of s.threats.filter((t) => t.status === 'pending')) {
        this.impose(threat.side, threat.issue, threat.position, `With no deal, ${this.label(threat.side)} carries out its threat and imposes`);
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
      this.explain({
        kind: 'expiry',
        text: `${position.label} (${issue.label}) ran for its ${position.expiresAfter} rounds and snaps back to ${positionOf(this.scenario, issue.id, target).label}.`,
        issue: issue.id,
        position: target,
      });
      this.enact(issue.id, target, 'the snap-back');
    }
  }

  /** The end of a round: running costs, threats falling due, events, and the record. */
  private endRound(): void {
    const s = this.state;
    const negotiating = s.phase === 'negotiation';
    for (const issue of this.scenario.issues) {
      const position = positionOf(this.scenario, issue.id, s.positions[issue.id]!);
      for (const effect of position.perRound ?? []) {
        this.applyEffect(effect, 'drift', `${position.label} (${issue.label}) stays in force another round`, issue.id, position.id);
      }
    }
    if (negotiating) {
      for (const threat of s.threats) {
        if (threat.status !== 'pending' || threat.dueRound !== s.round) continue;
        threat.status = 'backed-down';
        const issue = issueOf(this.scenario, threat.issue);
        this.explain({ kind: 'threat', text: `${this.label(threat.side)} lets its threat on ${issue.label} lapse without acting.`, issue: issue.id });
        this.changeIndicator(domesticSupportOf(threat.side), -this.scenario.sides[threat.side].audienceCost, {
          kind: 'effect',
          why: 'backing down from a public threat (audience cost)',
          issue: issue.id,
        });
      }
    }
    for (const event of this.scenario.events) this.considerEvent(event);
    s.history.push({ round: s.round, indicators: { ...s.indicators } });
    this.explain({ kind: 'round', text: `End of round ${s.round}.` });
    if (negotiating && s.phase === 'negotiation') {
      if (s.round >= this.scenario.rounds) {
        this.end({ kind: 'deadline', round: this.scenario.rounds });
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
    this.explain({ kind: 'event', text: `${event.title}: ${event.text}`, event: event.id, ...(event.source ? { source: event.source } : {}) });
    for (const effect of event.effects ?? []) this.applyEffect(effect, 'event', event.title, undefined, undefined, event.id);
    for (const [issueId, positionId] of Object.entries(event.sets ?? {})) {
      if (s.positions[issueId] === positionId) continue;
      this.enact(issueId, positionId, event.title);
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
