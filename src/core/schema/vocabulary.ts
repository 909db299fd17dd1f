/**
 * The closed vocabularies of the game: every enumeration a scenario file, a move, a result code,
 * a save or an option may use. The schemas (this folder) accept only these words.
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

/** The indicators the model tracks. Their units and ranges are declared in `../indicators.ts`. */
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

/** The five things a class should take away (DESIGN.md); questions and decision points cite them. */
export const LESSON_IDS = [
  'controls-not-chips',
  'linkage',
  'chokepoints',
  'two-level',
  'commitments',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/**
 * What a real number of the outcome says about the model: `path` (the historical moves fix it
 * whatever the draws: it checks the scenario's bookkeeping, not the model), `fitted` (a chance or
 * a constant was tuned with the number known) or `predicted` (neither: independent evidence).
 */
export const METRIC_BASES = ['path', 'fitted', 'predicted'] as const;
export type MetricBasis = (typeof METRIC_BASES)[number];

/** How strongly an AI negotiator plays (src/negotiators). */
export const DIFFICULTIES = ['easy', 'normal', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * Who plays a side the people at the screen do not: an AI negotiator of a difficulty, or the
 * random baseline (a legal move picked uniformly, for benchmarks and tests). In this order in
 * result codes, where each is two bits: append nothing, `random` already takes the last value.
 */
export const AI_PLAYERS = [...DIFFICULTIES, 'random'] as const;
export type AiPlayer = (typeof AI_PLAYERS)[number];

/** In this order in result codes: append new types, never reorder. */
export const MOVE_TYPES = ['propose', 'accept', 'reject', 'impose', 'threaten', 'walkout', 'hold', 'event'] as const;
export type MoveType = (typeof MOVE_TYPES)[number];

export const OUTCOME_KINDS = ['deal', 'walkout', 'deadline'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/**
 * Names every JavaScript object already answers to. An id that is one of them would reach an
 * inherited member through a lookup like `positions[id]`, so ids never take them.
 */
export const RESERVED_NAMES: readonly string[] = [
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
];
