/**
 * The data shapes of the game. Everything here is plain JSON: a scenario as validated by
 * `src/scenario`, a game as `(scenario id + version, seed, options, moves)`, and the state the
 * engine derives from it. Nothing in this file has behaviour.
 */

export const SIDES = ['us', 'china'] as const;
export type Side = (typeof SIDES)[number];

export const ISSUE_CATEGORIES = [
  'security-control',
  'economic',
  'strategic-resource',
  'access',
  'unrelated-priority',
] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

/** The indicators the model tracks. Their units and ranges are declared in `indicators.ts`. */
export const INDICATOR_IDS = [
  'us.tradeGains',
  'us.securityCost',
  'us.supplySecurity',
  'us.controlCredibility',
  'us.domesticSupport',
  'china.tradeGains',
  'china.selfReliance',
  'china.chipAccess',
  'china.rareEarthLeverage',
  'china.domesticSupport',
  'tension',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];
export type Indicators = Record<IndicatorId, number>;

/**
 * An uncertain quantity as written in a scenario file. A bare number is fixed; the others are
 * drawn from the seeded RNG when the effect happens.
 * - `{ uniform: [lo, hi] }`
 * - `{ normal: [mean, sd], min?, max? }` (truncated to [min, max] when given)
 * - `{ beta: [alpha, beta], scale: [lo, hi] }` (a beta variate mapped onto [lo, hi])
 */
export type Distribution =
  | number
  | { uniform: [number, number] }
  | { normal: [number, number]; min?: number; max?: number }
  | { beta: [number, number]; scale: [number, number] };

/** Draws for `compliance` (how much of a pledge is kept) stay apart from every other effect. */
export type EffectStream = 'effects' | 'compliance';

export interface Effect {
  indicator: IndicatorId;
  delta: Distribution;
  /** Which RNG stream draws this effect (default `effects`). */
  stream?: EffectStream;
  /** Source id from the scenario's source list. */
  source?: string;
  /** Why, in a few words; shown in explanations. */
  note?: string;
}

export interface Position {
  id: string;
  label: string;
  description?: string;
  /** Permanent changes the moment this position comes into force (e.g. credibility lost by trading a control). */
  effects?: Effect[];
  /** Level changes that last while this position is in force and are undone when it leaves (e.g. tariff relief). */
  inForce?: Effect[];
  /** Changes every round while this position is in force (the running cost of a measure). */
  perRound?: Effect[];
  /** A time-limited concession: after this many rounds in force it snaps back to `revertsTo`. */
  expiresAfter?: number;
  /** Where an expiring position snaps back to; defaults to the issue's status quo. */
  revertsTo?: string;
  /**
   * A unilateral measure: only the issue's holder can impose it (or threaten to), and it is
   * never part of a proposed package.
   */
  escalation?: boolean;
  /** Change in tension when this position is imposed unilaterally (default +1). */
  tension?: number;
  source?: string;
  /**
   * What this position adds, while in force, to real-world quantities the scenario declares
   * (e.g. points of the average tariff rate). Read by `src/core/quantities.ts`; the engine ignores it.
   */
  quantities?: Record<string, number>;
  /** The sources disagree about a figure in the label. */
  conflict?: Conflict;
}

export interface Issue {
  id: string;
  label: string;
  description?: string;
  /** Whose lever this is: the side that controls the measure. */
  holder: Side;
  category: IssueCategory;
  statusQuo: string;
  positions: Position[];
  source?: string;
}

export type Condition =
  | { indicator: IndicatorId; above?: number; below?: number }
  | { issue: string; is?: string; isNot?: string }
  | { phase: 'negotiation' | 'aftermath' }
  | { outcome: OutcomeKind };

export interface ScenarioEvent {
  id: string;
  title: string;
  text: string;
  /** Scheduled: considered only at the end of this round. */
  round?: number;
  /** Chance per round, considered at each round's end while `when` holds (default 1). */
  chance?: number;
  /** All must hold for the event to be considered. */
  when?: Condition[];
  /** Fires at most once (default true). A repeatable event with chance 1 is a standing rule. */
  once?: boolean;
  effects?: Effect[];
  /** Positions the event forces into force (a court ruling, a law). */
  sets?: Record<string, string>;
  source?: string;
}

export interface Doctrine {
  id: string;
  side: Side;
  label: string;
  /** One line: what this doctrine values. */
  summary: string;
  /** Weight per indicator; positive means more is better. */
  weights: Partial<Record<IndicatorId, number>>;
  source?: string;
}

export interface RedLine {
  issue: string;
  /** Positions this negotiator never agrees to. */
  never: string[];
  why?: string;
}

export interface Profile {
  id: string;
  side: Side;
  label: string;
  doctrine: string;
  /** Concession exponent e of the time-dependent curve: below 1 holds firm (Boulware), above 1 concedes early. */
  concession: number;
  /** Rounds without progress it tolerates before it escalates. */
  patience: number;
  /** 0..1: how strongly falling domestic support narrows what it will sign. */
  domesticSensitivity: number;
  redLines: RedLine[];
  description?: string;
}

export interface SideInfo {
  label: string;
  /** Who sits at the table, e.g. ["Scott Bessent", "Jamieson Greer"]. */
  negotiators: string[];
  description?: string;
  /** A deal whose projected domestic support falls below this is not ratified at home. */
  ratificationThreshold: number;
  /** Domestic support lost by backing down from a public threat. */
  audienceCost: number;
  /** The AI profile used for this side unless the options pick another. */
  defaultProfile: string;
}

export interface Source {
  id: string;
  title: string;
  url?: string;
  publisher?: string;
  date?: string;
  /** Who wrote it, as the source names them. */
  author?: string;
}

/** Sources that disagree: every value with the source that gives it, and a note naming the conflict. */
export interface Conflict {
  values: { value: string; source: string }[];
  note: string;
}

export interface IndicatorSetting {
  initial?: number;
  note?: string;
  source?: string;
}

export interface Scenario {
  id: string;
  version: number;
  title: string;
  /** Two lines at most, for the scenario card. */
  summary: string;
  description?: string;
  dates: { start: string; end: string };
  /** What one round stands for, e.g. "one week of talks". */
  roundLength: string;
  /** The negotiating deadline, in rounds. */
  rounds: number;
  /** The model runs to this round whatever happens, so deals and breakdowns are judged over the same span. */
  horizon: number;
  /** Which side moves first in each round. */
  opener: Side;
  /** Rounds a threat gives the other side before it falls due. */
  threatWindow: number;
  fictional?: boolean;
  sources: Source[];
  sides: Record<Side, SideInfo>;
  indicators?: Partial<Record<IndicatorId, IndicatorSetting>>;
  issues: Issue[];
  events: ScenarioEvent[];
  doctrines: Doctrine[];
  profiles: Profile[];
  /** Free-form teaching material; later issues give it structure. */
  questions?: string[];
  /** The sources the title, summary and description rely on. */
  descriptionSources?: string[];
  /** Real-world quantities the positions add to (an average tariff rate, an ownership share). */
  quantities?: Quantity[];
  /** The real episode: its path, outcome, decision points and teaching notes. */
  history?: ScenarioHistory;
}

// ---------------------------------------------------------------------------------------------
// Quantities and history (see src/core/quantities.ts and src/core/history.ts)

/**
 * A real-world figure computed from the positions in force: `base` plus what each issue's
 * position adds (`Position.quantities`). No draws: a tariff schedule is a decision, not a chance.
 */
export interface Quantity {
  id: string;
  label: string;
  /** e.g. "%", "$B", "firms". */
  unit: string;
  /** The value when no position adds anything. */
  base: number;
  source?: string;
  /** How the contributions were derived. */
  note?: string;
  conflict?: Conflict;
}

/** The five things a class should take away (DESIGN.md); questions and decision points cite them. */
export const LESSON_IDS = ['controls-not-chips', 'linkage', 'chokepoints', 'two-level', 'commitments'] as const;
export type LessonId = (typeof LESSON_IDS)[number];

export interface HistoryCalendar {
  start: string;
  roundDays?: number;
  roundMonths?: number;
}

/** One move of the historical path. */
export interface HistoryStep {
  move: Move;
  /** When it happened: YYYY-MM-DD, or YYYY-MM when the sources give only the month. */
  date: string;
  /** One line, in the project's own words. */
  account: string;
  source: string;
  /** In a what-if scenario: this move is supposed, not something that happened as a negotiating move. */
  whatIf?: boolean;
  /** The sources disagree about something the account states. */
  conflict?: Conflict;
}

/** The dated, real-world counterpart of one of the scenario's model events. */
export interface HistoryEventNote {
  event: string;
  date: string;
  account: string;
  source: string;
  /** The dossier could not confirm it: show it labelled as unverified, never as fact. */
  unverified?: boolean;
  conflict?: Conflict;
}

/**
 * Where a metric is read: `end` (the horizon); `talks-end` (the moment the talks ended, by a deal,
 * a walkout or the deadline, comparable across games: for quantities, the positions the ending
 * left in force; for indicators, the end of that round); `{ round: R }` (the end of round R); or
 * `{ afterMoves: N }` (right after the game's first N moves; if move N ended the talks, as
 * `talks-end`).
 */
export type MetricPoint = 'end' | 'talks-end' | { round: number } | { afterMoves: number };

/** One compliance draw a metric reads: the effect of `position` on `indicator`, drawn on the compliance stream. */
export interface DrawRef {
  issue: string;
  position: string;
  indicator: IndicatorId;
  /** The draw that means none of the pledge was kept (default: the bottom of the draw's range). */
  zero?: number;
  /** The draw that means all of it was kept (default: the top of the draw's range). */
  full?: number;
}

interface MetricBase {
  id: string;
  label: string;
  unit: string;
  /** The real value. */
  expected: number;
  /** The tolerance band [low, high] around it that counts as reproducing history. */
  band: [number, number];
  source: string;
  /** How the real number maps onto the model. */
  note?: string;
  /** The model was tuned to this number, so matching it is not independent evidence. */
  fitted?: boolean;
  /** How far the number tests the model (see `MetricBasis`); undeclared, it is `fitted` when `fitted` is set, else `predicted`. */
  basis?: MetricBasis;
  /** The sources disagree about the real value: the band should cover every value. */
  conflict?: Conflict;
}

/**
 * What a real number of the outcome says about the model: `path` (the historical moves fix it
 * whatever the draws: it checks the scenario's bookkeeping, not the model), `fitted` (a chance or
 * a constant was tuned with the number known) or `predicted` (neither: independent evidence).
 */
export const METRIC_BASES = ['path', 'fitted', 'predicted'] as const;
export type MetricBasis = (typeof METRIC_BASES)[number];

/**
 * A real number of the historical outcome and how to read it off the model:
 * - `quantity`: a declared quantity (e.g. the average tariff) at a point of the game;
 * - `indicator`: an indicator at a point, or its mean over rounds `over`, optionally as a change from round 0;
 * - `compliance`: the share of a pledge kept, in percent: over every draw of the named effects,
 *   100 × Σ(draw − zero) / Σ(full − zero);
 * - `eventRound`: the round in which a model event fired, minus `since` (e.g. weeks after the deal).
 */
export type HistoryMetric = MetricBase &
  (
    | { kind: 'quantity'; quantity: string; at?: MetricPoint }
    | { kind: 'indicator'; indicator: IndicatorId; at?: MetricPoint; over?: [number, number]; change?: boolean }
    | { kind: 'compliance'; draws: DrawRef[] }
    | { kind: 'eventRound'; event: string; since?: number }
  );
export type HistoryMetricKind = HistoryMetric['kind'];

export interface DecisionAlternative {
  label: string;
  /** The move that starts a branch here instead of history's; it must be legal at this step. */
  move?: Move;
  note?: string;
  source?: string;
}

export interface DecisionPoint {
  id: string;
  /**
   * How many moves of the path come before the decision: history's choice is `path[step]`, and a
   * game branched here has `branchStep: step`.
   */
  step: number;
  question: string;
  /** What history did, in a line. */
  history: string;
  alternatives: DecisionAlternative[];
  lessons: LessonId[];
  source?: string;
}

export interface DiscussionQuestion {
  text: string;
  lessons: LessonId[];
  source?: string;
}

export interface EpilogueItem {
  date: string;
  text: string;
  source: string;
  unverified?: boolean;
  conflict?: Conflict;
}

export interface ScenarioHistory {
  /** `what-if`: built on real events, but the path supposes something that did not happen (see `whatIf`). */
  kind: 'historical' | 'what-if';
  /** For a what-if: what is real, and what is supposed. */
  whatIf?: string;
  /** The seed whose replay of the path lands every metric in its band. */
  seed: string;
  /**
   * When the model's rounds fall: round R starts on `start` + (R − 1) × `roundDays` days, or
   * (R − 1) × `roundMonths` months (give one of the two). Lets a screen date the rounds.
   */
  calendar: HistoryCalendar;
  /** The moves each side really made, in order; it must be a legal, complete game. */
  path: HistoryStep[];
  /** Dated real-world counterparts of model events (e.g. a Senate vote, the lifting of an order). */
  events?: HistoryEventNote[];
  /** The real numbers, each with its tolerance band. */
  outcome: HistoryMetric[];
  decisionPoints: DecisionPoint[];
  questions: DiscussionQuestion[];
  /** What the model represents and what it simplifies. */
  calibration: string;
  /** What came after the modelled span. */
  epilogue?: EpilogueItem[];
}

// ---------------------------------------------------------------------------------------------
// A game and its moves

export type Difficulty = 'easy' | 'normal' | 'hard';
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'normal', 'hard'];

export interface GameOptions {
  /** The doctrine each side is judged by during play (the debrief scores all of them). */
  doctrines: Record<Side, string>;
  /** Which sides a person plays; the others are played by the AI. */
  humans: Side[];
  /** Strength of the AI for each side it plays. */
  difficulty: Record<Side, Difficulty>;
  /** AI profile per side; defaults to the scenario's `defaultProfile`. */
  profiles?: Partial<Record<Side, string>>;
  /** For a game branched from a historical path: how many of its moves were history's. */
  branchStep?: number;
}

/** A package names a position for some of the issues; the others stay as they are. */
export type Package = Record<string, string>;

export type Move =
  | { type: 'propose'; side: Side; package: Package }
  | { type: 'accept'; side: Side }
  | { type: 'reject'; side: Side }
  /** Make no offer this turn (only when no offer from the other side is on the table). */
  | { type: 'hold'; side: Side }
  | { type: 'impose'; side: Side; issue: string; position: string }
  | { type: 'threaten'; side: Side; issue: string; position: string }
  | { type: 'walkout'; side: Side };
export type MoveType = Move['type'];
/** In this order in result codes: append new types, never reorder. */
export const MOVE_TYPES: readonly MoveType[] = ['propose', 'accept', 'reject', 'impose', 'threaten', 'walkout', 'hold'];

export interface GameSpec {
  scenario: { id: string; version: number };
  seed: string;
  options: GameOptions;
  moves: Move[];
}

// ---------------------------------------------------------------------------------------------
// The derived state

/** alea's internal state as seedrandom exposes it: plain numbers, JSON-safe. */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

export type OutcomeKind = 'deal' | 'walkout' | 'deadline';

export interface Outcome {
  kind: OutcomeKind;
  round: number;
  by?: Side;
  package?: Package;
}

export type ThreatStatus = 'pending' | 'carried-out' | 'settled-in-deal' | 'backed-down';

export interface Threat {
  side: Side;
  issue: string;
  position: string;
  madeRound: number;
  dueRound: number;
  status: ThreatStatus;
}

export interface RoundRecord {
  round: number;
  indicators: Indicators;
}

export interface GameState {
  scenario: { id: string; version: number };
  seed: string;
  options: GameOptions;
  /** The round being played (1-based); after the game ends it is the last round modelled. */
  round: number;
  phase: 'negotiation' | 'ended';
  /** Whose move it is; meaningless once ended. */
  turn: Side;
  /** Moves made in the current round (a round ends after each side has moved once). */
  movesThisRound: number;
  moveCount: number;
  indicators: Indicators;
  /** The position in force on every issue. */
  positions: Record<string, string>;
  /** The round each issue's position came into force (for expiry). */
  enactedRound: Record<string, number>;
  /** Drawn in-force contributions per issue, kept so they can be undone exactly. */
  contributions: Record<string, Partial<Indicators>>;
  /** Measures imposed unilaterally during the game, by issue. */
  imposed: Record<string, Side>;
  standing: { by: Side; package: Package; round: number } | null;
  threats: Threat[];
  firedEvents: string[];
  outcome: Outcome | null;
  /** Indicators at the start (round 0) and at the end of every round played or modelled. */
  history: RoundRecord[];
  rng: Record<string, AleaState>;
}

// ---------------------------------------------------------------------------------------------
// Explanations: what changed and why

export type ExplanationKind =
  | 'move'
  | 'effect'
  | 'drift'
  | 'expiry'
  | 'event'
  | 'threat'
  | 'ratification'
  | 'outcome'
  | 'round';

export interface DrawRecord {
  stream: string;
  /** The distribution in words, e.g. "uniform 10–14". */
  distribution: string;
  value: number;
}

export interface Explanation {
  kind: ExplanationKind;
  round: number;
  text: string;
  indicator?: IndicatorId;
  /** The change actually applied, after clamping to the indicator's range. */
  delta?: number;
  from?: number;
  to?: number;
  /** True when the indicator's range cut the change short. */
  clamped?: boolean;
  issue?: string;
  position?: string;
  event?: string;
  source?: string;
  draw?: DrawRecord;
}

export interface StepResult {
  state: GameState;
  explanations: Explanation[];
}
