/**
 * The data shapes of the game. The shapes that come from outside (a scenario, a move, a game's
 * options, a game) are defined once, as zod schemas in `./schema/`, and their types are inferred
 * there; this file re-exports them beside the shapes the engine derives (the state, its
 * explanations), which nothing outside ever hands in. Nothing here has behaviour.
 */

export {
  AI_PLAYERS,
  DIFFICULTIES,
  INDICATOR_IDS,
  ISSUE_CATEGORIES,
  LESSON_IDS,
  METRIC_BASES,
  MOVE_TYPES,
  OUTCOME_KINDS,
  SIDES,
  type AiPlayer,
  type Difficulty,
  type IndicatorId,
  type IssueCategory,
  type LessonId,
  type MetricBasis,
  type MoveType,
  type OutcomeKind,
  type Side,
} from './schema/vocabulary';
export type {
  Condition,
  Conflict,
  DecisionAlternative,
  DecisionPoint,
  DiscussionQuestion,
  Distribution,
  Doctrine,
  DrawRef,
  Effect,
  EffectStream,
  EpilogueItem,
  HistoryCalendar,
  HistoryEventNote,
  HistoryMetric,
  HistoryMetricKind,
  HistoryStep,
  IndicatorSetting,
  Issue,
  MetricPoint,
  Position,
  Profile,
  Quantity,
  RedLine,
  Scenario,
  ScenarioEvent,
  ScenarioHistory,
  SideInfo,
  Source,
} from './schema/scenario';
export type { Move, Package } from './schema/move';
export type { GameOptions, GameSpec } from './schema/game';

import type { IndicatorId, OutcomeKind, Side } from './schema/vocabulary';
import type { Distribution } from './schema/scenario';
import type { GameOptions } from './schema/game';
import type { Move, Package } from './schema/move';

export type Indicators = Record<IndicatorId, number>;

// ---------------------------------------------------------------------------------------------
// The derived state

/** alea's internal state as seedrandom exposes it: plain numbers, JSON-safe. */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

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

/**
 * The state of a game. Its records keyed by issue ids (`positions`, `enactedRound`,
 * `contributions`, `imposed`) are null-prototype objects (src/core/dict.ts): an id can never
 * reach an inherited member, whatever a file calls its issues.
 */
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
  /** The indicators' trajectory: at the start (round 0) and at the end of every round played or modelled. */
  trajectory: RoundRecord[];
  rng: Record<string, AleaState>;
}

// ---------------------------------------------------------------------------------------------
// Explanations: what changed and why, as data (src/session/explain-words.ts puts them in words)

export type ExplanationKind = 'move' | 'effect' | 'drift' | 'expiry' | 'event' | 'threat' | 'ratification' | 'outcome' | 'round';

export interface DrawRecord {
  stream: string;
  /** The distribution the value was drawn from, as the scenario gives it. */
  distribution: Distribution;
  value: number;
}

/** How a position came into force. */
export type Enactment = 'deal' | 'measure' | 'snap-back' | 'event';

/** Why an indicator changed. */
export type ChangeCause =
  /** A position's permanent effect as it comes into force (`event`: the event that set it). */
  | { kind: 'enacted'; issue: string; position: string; through: Enactment; event?: string }
  /** A position's level while in force, applied as it comes into force. */
  | { kind: 'in-force'; issue: string; position: string; through: Enactment; event?: string }
  /** A position's in-force level undone as it leaves. */
  | { kind: 'lifted'; issue: string; position: string }
  /** A position's running cost, each round it stays in force. */
  | { kind: 'per-round'; issue: string; position: string }
  /** A scenario event's effect. */
  | { kind: 'event'; event: string }
  /** Tension from imposing a measure. */
  | { kind: 'imposed'; issue: string; position: string }
  /** Domestic support lost by lifting, in a deal, a measure the side imposed during the game. */
  | { kind: 'retreat'; side: Side; issue: string }
  /** Domestic support lost by letting a public threat lapse. */
  | { kind: 'audience-cost'; side: Side; issue: string }
  /** Tension from a public threat, a walkout, a deal that failed at home, or a deal. */
  | { kind: 'threat-made' | 'walkout' | 'failed-ratification' | 'deal' };

/** Fields any explanation may carry, so a reader can filter on them without narrowing first. */
interface ExplanationFields {
  round: number;
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

export type Explanation = ExplanationFields &
  (
    | {
        kind: 'move';
        move: Move;
        /** A proposal that answers the other side's offer. */
        countering?: boolean;
        /** An accepted offer's author. */
        offerBy?: Side;
        /** An imposition that carries out a threat because the talks broke down. */
        threatCarriedOut?: boolean;
      }
    /** A threat made (with its due round), settled by a deal, or let lapse. */
    | { kind: 'threat'; side: Side; issue: string; status: 'made' | 'settled-in-deal' | 'backed-down'; dueRound?: number }
    /** A deal refused at home: the support it would leave, against the threshold. */
    | { kind: 'ratification'; side: Side; indicator: IndicatorId; projected: number; threshold: number }
    | { kind: 'outcome'; outcome: Outcome; deadline: number }
    /** A time-limited position ran out (`expired`, after `rounds`) and snapped back to `position`. */
    | { kind: 'expiry'; issue: string; position: string; expired: string; rounds: number }
    /** A scenario event fired (its effects follow as changes). */
    | { kind: 'event'; event: string; indicator?: undefined }
    /** An indicator changed. */
    | { kind: 'effect' | 'drift' | 'event'; indicator: IndicatorId; delta: number; from: number; to: number; cause: ChangeCause; note?: string }
    | { kind: 'round' }
  );

export interface StepResult {
  state: GameState;
  explanations: Explanation[];
}
