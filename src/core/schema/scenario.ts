import { z } from 'zod';
import { LIMITS } from './limits';
import { moveSchema } from './move';
import {
  idSchema as id,
  indicatorSchema as indicator,
  listOf,
  nameSchema as name,
  numberSchema as finite,
  probabilitySchema as probability,
  proseSchema as prose,
  seedSchema,
  sideSchema as side,
  textSchema as text,
  thousands,
  wholeNumber,
} from './primitives';
import { ISSUE_CATEGORIES, LESSON_IDS, METRIC_BASES, OUTCOME_KINDS } from './vocabulary';

/**
 * The scenario file format: the one definition of a scenario's shape, from which its types are
 * inferred. This schema checks shapes, ranges and bounds (LIMITS); src/scenario/references.ts
 * checks what refers to what (ids, sources, sides). `npm run gen:schema` writes
 * scenarios/schema.json from it so editors can autocomplete scenario files.
 */

const isoDate = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected a date as YYYY-MM-DD' });
/** A day, or only a month when the sources give no day. */
const historyDate = z
  .string({ error: 'expected a date' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, {
    error: 'expected a date as YYYY-MM-DD, or YYYY-MM when only the month is known',
  });
const round = wholeNumber(1, LIMITS.horizon, 'a round (a whole number)');
const pair = z.tuple([finite, finite], { error: 'expected a pair of numbers [a, b]' });
const shape = z
  .number({ error: 'expected a number' })
  .min(LIMITS.betaShape.min, {
    error: `a beta shape parameter lies between ${LIMITS.betaShape.min} and ${thousands(LIMITS.betaShape.max)}`,
  })
  .max(LIMITS.betaShape.max, {
    error: `a beta shape parameter lies between ${LIMITS.betaShape.min} and ${thousands(LIMITS.betaShape.max)}`,
  });

/**
 * An uncertain quantity. A bare number is fixed; the others are drawn from the seeded RNG when
 * the effect happens: `{uniform: [lo, hi]}`; `{normal: [mean, sd], min?, max?}` (truncated to
 * [min, max] when given); `{beta: [alpha, beta], scale: [lo, hi]}` (a beta variate mapped onto [lo, hi]).
 */
export const distributionSchema = z.union(
  [
    finite,
    z.strictObject({
      uniform: pair.refine(([lo, hi]) => lo <= hi, { error: 'uniform [lo, hi] needs lo <= hi' }),
    }),
    z
      .strictObject({
        normal: pair.refine(([, sd]) => sd >= 0, { error: 'normal [mean, sd] needs sd >= 0' }),
        min: finite.optional(),
        max: finite.optional(),
      })
      .refine((d) => d.min === undefined || d.max === undefined || d.min <= d.max, {
        error: 'a truncated normal needs min <= max',
        path: ['min'],
      }),
    z.strictObject({
      beta: z.tuple([shape, shape], { error: 'expected a pair of shape parameters [alpha, beta]' }),
      scale: pair.refine(([lo, hi]) => lo < hi, { error: 'scale [lo, hi] needs lo < hi' }),
    }),
  ],
  {
    error:
      'expected a number, {uniform: [lo, hi]}, {normal: [mean, sd], min?, max?} or {beta: [alpha, beta], scale: [lo, hi]}',
  },
);

/** Draws for `compliance` (how much of a pledge is kept) stay apart from every other effect. */
export const effectStreamSchema = z.enum(['effects', 'compliance'], {
  error: 'expected "effects" or "compliance"',
});

/**
 * Sources that disagree about a figure or a fact: each value with the source that gives it, and a
 * note naming the conflict. A screen shows every value, never one of them as settled.
 */
export const conflictSchema = z.strictObject({
  values: listOf(z.strictObject({ value: text, source: id }), LIMITS.sources, 'values').min(2, {
    error: 'a conflict needs at least two values, each with its source',
  }),
  note: text,
  /**
   * A phrase every text stating the disputed figure contains ("affiliates", "Section 122"): a
   * check finds each such text in the scenario and its materials and requires it to give every value.
   */
  topic: text.optional(),
});

export const effectSchema = z.strictObject({
  indicator,
  delta: distributionSchema,
  /** Which RNG stream draws this effect (default `effects`). */
  stream: effectStreamSchema.optional(),
  source: id.optional(),
  /** Why, in a few words; shown in explanations. */
  note: text.optional(),
});
const effects = listOf(effectSchema, LIMITS.effectsPerList, 'effects in one list');

export const positionSchema = z.strictObject({
  id,
  label: name,
  /**
   * What a chip drawn too small for the label shows instead: its distinctive words first, so that
   * chips whose labels begin alike ("Buy $12.5B more farm goods …") can be told apart on the table.
   * Words of the label, so it says nothing the label does not.
   */
  short: name.optional(),
  description: prose.optional(),
  /** Permanent changes the moment this position comes into force (e.g. credibility lost by trading a control). */
  effects: effects.optional(),
  /** Level changes that last while this position is in force and are undone when it leaves (e.g. tariff relief). */
  inForce: effects.optional(),
  /** Changes every round while this position is in force (the running cost of a measure). */
  perRound: effects.optional(),
  /** A time-limited concession: after this many rounds in force it snaps back to `revertsTo`. */
  expiresAfter: wholeNumber(1, LIMITS.horizon).optional(),
  /** Where an expiring position snaps back to; defaults to the issue's status quo. */
  revertsTo: id.optional(),
  /** A unilateral measure: only the issue's holder can impose it (or threaten to), never part of a package. */
  escalation: z.boolean().optional(),
  /** Change in tension when this position is imposed unilaterally (default +1). */
  tension: finite.optional(),
  source: id.optional(),
  /** What this position adds, while in force, to real-world quantities the scenario declares (read by quantities.ts). */
  quantities: z.record(id, finite).optional(),
  /** The sources disagree about a figure in the label. */
  conflict: conflictSchema.optional(),
});

export const issueSchema = z.strictObject({
  id,
  label: name,
  description: prose.optional(),
  /** Whose lever this is: the side that controls the measure. */
  holder: side,
  category: z.enum(ISSUE_CATEGORIES, {
    error: `expected one of the categories: ${ISSUE_CATEGORIES.join(', ')}`,
  }),
  statusQuo: id,
  positions: z
    .array(positionSchema)
    .min(2, { error: 'an issue needs at least two positions' })
    .max(LIMITS.positionsPerIssue, { error: `an issue has at most ${LIMITS.positionsPerIssue} positions` }),
  source: id.optional(),
});

export const conditionSchema = z.union(
  [
    z.strictObject({ indicator, above: finite.optional(), below: finite.optional() }),
    z.strictObject({ issue: id, is: id.optional(), isNot: id.optional() }),
    z.strictObject({
      phase: z.enum(['negotiation', 'aftermath'], { error: 'expected "negotiation" or "aftermath"' }),
    }),
    z.strictObject({ outcome: z.enum(OUTCOME_KINDS, { error: 'expected "deal", "walkout" or "deadline"' }) }),
  ],
  { error: 'expected a condition: {indicator, above?, below?}, {issue, is?, isNot?}, {phase} or {outcome}' },
);

export const eventSchema = z.strictObject({
  id,
  title: name,
  text,
  /** Scheduled: considered only at the end of this round. */
  round: round.optional(),
  /** Chance per round, considered at each round's end while `when` holds (default 1). */
  chance: probability.optional(),
  /** All must hold for the event to be considered. */
  when: listOf(conditionSchema, LIMITS.conditions, 'conditions').optional(),
  /** Fires at most once (default true). A repeatable event with chance 1 is a standing rule. */
  once: z.boolean().optional(),
  effects: effects.optional(),
  /** Positions the event forces into force (a court ruling, a law). */
  sets: z
    .record(id, id)
    .refine((s) => Object.keys(s).length <= LIMITS.issues, {
      error: `an event sets at most ${LIMITS.issues} issues`,
    })
    .optional(),
  source: id.optional(),
});

export const doctrineSchema = z.strictObject({
  id,
  side,
  label: name,
  /** One line: what this doctrine values. */
  summary: text,
  /** Weight per indicator; positive means more is better. */
  weights: z.partialRecord(indicator, finite),
  source: id.optional(),
});

export const redLineSchema = z.strictObject({
  issue: id,
  /** Positions this negotiator never agrees to. */
  never: listOf(id, LIMITS.positionsPerIssue, 'positions').min(1, {
    error: 'a red line needs at least one position',
  }),
  why: text.optional(),
});

export const profileSchema = z.strictObject({
  id,
  side,
  label: name,
  doctrine: id,
  /** Concession exponent e of the time-dependent curve: below 1 holds firm (Boulware), above 1 concedes early. */
  concession: z
    .number({ error: 'expected a number' })
    .positive({ error: 'the concession exponent must be above 0' })
    .max(20, { error: 'the concession exponent must be at most 20' }),
  /** Rounds without progress it tolerates before it escalates. */
  patience: wholeNumber(1, LIMITS.rounds),
  /** 0..1: how strongly falling domestic support narrows what it will sign. */
  domesticSensitivity: probability,
  redLines: listOf(redLineSchema, LIMITS.redLines, 'red lines').default([]),
  description: prose.optional(),
});

/** Domestic support runs 0..100 (src/core/indicators.ts); thresholds and costs are points of it. */
const supportPoints = (what: string) =>
  z
    .number({ error: 'expected a number' })
    .min(0, { error: `${what} lies between 0 and 100 points of domestic support` })
    .max(100, { error: `${what} lies between 0 and 100 points of domestic support` });

export const sideInfoSchema = z.strictObject({
  label: name,
  /** Who sits at the table, e.g. ["Scott Bessent", "Jamieson Greer"]. */
  negotiators: listOf(name, LIMITS.negotiators, 'negotiators').min(1, {
    error: 'name at least one negotiator',
  }),
  description: prose.optional(),
  /** A deal whose projected domestic support falls below this is not ratified at home. */
  ratificationThreshold: supportPoints('a ratification threshold'),
  /** Domestic support lost by backing down from a public threat. */
  audienceCost: supportPoints('an audience cost'),
  /** The AI profile used for this side unless the options pick another. */
  defaultProfile: id,
});

export const sourceSchema = z.strictObject({
  id,
  title: text,
  url: z
    .url({ protocol: /^https?$/, error: 'expected a web address (http:// or https://)' })
    .max(LIMITS.textChars, { error: `a URL has at most ${thousands(LIMITS.textChars)} characters` })
    .optional(),
  publisher: name.optional(),
  date: name.optional(),
  /** Who wrote it, as the source names them. */
  author: name.optional(),
});

export const indicatorSettingSchema = z.strictObject({
  initial: finite.optional(),
  note: text.optional(),
  source: id.optional(),
});

// --- quantities and history -------------------------------------------------------------------

const lessons = z
  .array(z.enum(LESSON_IDS, { error: `expected one of the lessons: ${LESSON_IDS.join(', ')}` }))
  .min(1, { error: 'name at least one of the five lessons' })
  .max(LESSON_IDS.length, { error: `there are ${LESSON_IDS.length} lessons` });
const count = wholeNumber(0, LIMITS.horizon);

/**
 * A real-world figure computed from the positions in force: `base` plus what each issue's
 * position adds (`Position.quantities`). No draws: a tariff schedule is a decision, not a chance.
 */
export const quantitySchema = z.strictObject({
  id,
  label: name,
  /** e.g. "%", "$B", "firms". */
  unit: name,
  /** The value when no position adds anything. */
  base: finite,
  source: id.optional(),
  /** How the contributions were derived. */
  note: text.optional(),
  conflict: conflictSchema.optional(),
});

/**
 * Where a metric is read: `end` (the horizon); `talks-end` (the moment the talks ended, by a deal,
 * a walkout or the deadline: for quantities, the positions the ending left in force; for
 * indicators, the end of that round); `{ round: R }` (the end of round R); or `{ afterMoves: N }`
 * (right after the game's first N moves; if move N ended the talks, as `talks-end`).
 */
export const metricPointSchema = z.union(
  [
    z.literal('end'),
    z.literal('talks-end'),
    z.strictObject({ round }),
    z.strictObject({ afterMoves: wholeNumber(1, LIMITS.moves) }),
  ],
  { error: 'expected "end", "talks-end", {round: R} or {afterMoves: N}' },
);

/** One compliance draw a metric reads: the effect of `position` on `indicator`, drawn on the compliance stream. */
export const drawRefSchema = z.strictObject({
  issue: id,
  position: id,
  indicator,
  /** The draw that means none of the pledge was kept (default: the bottom of the draw's range). */
  zero: finite.optional(),
  /** The draw that means all of it was kept (default: the top of the draw's range). */
  full: finite.optional(),
});

const metricBase = {
  id,
  label: name,
  unit: name,
  /** The real value. */
  expected: finite,
  /** The tolerance band [low, high] around it that counts as reproducing history. */
  band: pair.refine(([lo, hi]) => lo <= hi, { error: 'a band [low, high] needs low <= high' }),
  source: id,
  /** How the real number maps onto the model. */
  note: text.optional(),
  /** The model was tuned to this number, so matching it is not independent evidence. */
  fitted: z.boolean().optional(),
  /** How far the number tests the model (see METRIC_BASES); undeclared, it is `fitted` when `fitted` is set, else `predicted`. */
  basis: z.enum(METRIC_BASES, { error: `expected one of: ${METRIC_BASES.join(', ')}` }).optional(),
  /** The sources disagree about the real value: the band should cover every value. */
  conflict: conflictSchema.optional(),
};

/**
 * A real number of the historical outcome and how to read it off the model: `quantity`, a declared
 * quantity at a point of the game; `indicator`, an indicator at a point, or its mean over rounds
 * `over`, optionally as a change from round 0; `compliance`, the share of a pledge kept, in
 * percent, over every draw of the named effects; `eventRound`, the round in which a model event
 * fired, minus `since`.
 */
export const metricSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      ...metricBase,
      kind: z.literal('quantity'),
      quantity: id,
      at: metricPointSchema.optional(),
    }),
    z.strictObject({
      ...metricBase,
      kind: z.literal('indicator'),
      indicator,
      at: metricPointSchema.optional(),
      over: z.tuple([count, count], { error: 'expected a range of rounds [from, to]' }).optional(),
      change: z.boolean().optional(),
    }),
    z.strictObject({
      ...metricBase,
      kind: z.literal('compliance'),
      draws: listOf(drawRefSchema, LIMITS.draws, 'draws').min(1, {
        error: 'name at least one compliance draw',
      }),
    }),
    z.strictObject({ ...metricBase, kind: z.literal('eventRound'), event: id, since: count.optional() }),
  ],
  { error: 'expected a metric of kind quantity, indicator, compliance or eventRound' },
);

export const historyCalendarSchema = z
  .strictObject({
    start: isoDate,
    roundDays: wholeNumber(1, 3660).optional(),
    roundMonths: wholeNumber(1, 120).optional(),
  })
  .refine((c) => (c.roundDays === undefined) !== (c.roundMonths === undefined), {
    error: 'give the length of a round as either "roundDays" or "roundMonths"',
  });

/** One move of the historical path. */
export const historyStepSchema = z.strictObject({
  move: moveSchema,
  /** When it happened: YYYY-MM-DD, or YYYY-MM when the sources give only the month. */
  date: historyDate,
  /** One line, in the project's own words. */
  account: text,
  source: id,
  /** In a what-if scenario: this move is supposed, not something that happened as a negotiating move. */
  whatIf: z.boolean().optional(),
  /** The sources disagree about something the account states. */
  conflict: conflictSchema.optional(),
});

/** The dated, real-world counterpart of one of the scenario's model events. */
export const historyEventNoteSchema = z.strictObject({
  event: id,
  date: historyDate,
  account: text,
  source: id,
  /** The dossier could not confirm it: show it labelled as unverified, never as fact. */
  unverified: z.boolean().optional(),
  conflict: conflictSchema.optional(),
});

export const decisionAlternativeSchema = z.strictObject({
  label: text,
  /** The move that starts a branch here instead of history's; it must be legal at this step. */
  move: moveSchema.optional(),
  note: text.optional(),
  source: id.optional(),
});

export const decisionPointSchema = z.strictObject({
  id,
  /** How many moves of the path come before the decision: history's choice is `path[step]`, and a game branched here has `branchStep: step`. */
  step: wholeNumber(0, LIMITS.historySteps),
  question: text,
  /** What history did, in a line. */
  history: text,
  alternatives: listOf(decisionAlternativeSchema, LIMITS.alternatives, 'alternatives').min(1, {
    error: 'a decision point needs at least one alternative',
  }),
  lessons,
  source: id.optional(),
});

export const discussionQuestionSchema = z.strictObject({ text, lessons, source: id.optional() });

export const epilogueItemSchema = z.strictObject({
  date: historyDate,
  text,
  source: id,
  unverified: z.boolean().optional(),
  conflict: conflictSchema.optional(),
});

export const historySchema = z.strictObject({
  /** `what-if`: built on real events, but the path supposes something that did not happen (see `whatIf`). */
  kind: z.enum(['historical', 'what-if'], { error: 'expected "historical" or "what-if"' }),
  /** For a what-if: what is real, and what is supposed. */
  whatIf: prose.optional(),
  /** The seed whose replay of the path lands every metric in its band. */
  seed: seedSchema.min(1, { error: 'must not be empty' }),
  /** When the model's rounds fall: round R starts on `start` + (R − 1) × `roundDays` days, or months. */
  calendar: historyCalendarSchema,
  /** The moves each side really made, in order; it must be a legal, complete game. */
  path: listOf(historyStepSchema, LIMITS.historySteps, 'steps').min(1, {
    error: 'the historical path needs at least one move',
  }),
  /** Dated real-world counterparts of model events (e.g. a Senate vote, the lifting of an order). */
  events: listOf(historyEventNoteSchema, LIMITS.historyEvents, 'events').optional(),
  /** The real numbers, each with its tolerance band. */
  outcome: listOf(metricSchema, LIMITS.metrics, 'metrics').min(1, {
    error: 'the historical outcome needs at least one metric',
  }),
  decisionPoints: listOf(decisionPointSchema, LIMITS.decisionPoints, 'decision points'),
  questions: listOf(discussionQuestionSchema, LIMITS.questions, 'questions').min(1, {
    error: 'give the class at least one question',
  }),
  /** What the model represents and what it simplifies. */
  calibration: prose,
  /** What came after the modelled span. */
  epilogue: listOf(epilogueItemSchema, LIMITS.epilogue, 'epilogue items').optional(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().max(LIMITS.textChars).optional(),
  id,
  version: wholeNumber(1, 1_000_000),
  title: name,
  /** Two lines at most, for the scenario card. */
  summary: text.max(240, { error: 'the summary is for a card: keep it under 240 characters' }),
  description: prose.optional(),
  dates: z.strictObject({ start: isoDate, end: isoDate }),
  /** What one round stands for, e.g. "one week of talks". */
  roundLength: name,
  /** The negotiating deadline, in rounds. */
  rounds: wholeNumber(1, LIMITS.rounds),
  /** The model runs to this round whatever happens, so deals and breakdowns are judged over the same span. */
  horizon: wholeNumber(1, LIMITS.horizon),
  /** Which side moves first in each round. */
  opener: side.default('us'),
  /** Rounds a threat gives the other side before it falls due. */
  threatWindow: wholeNumber(1, LIMITS.rounds).default(2),
  fictional: z.boolean().optional(),
  sources: listOf(sourceSchema, LIMITS.sources, 'sources'),
  sides: z.strictObject({ us: sideInfoSchema, china: sideInfoSchema }),
  indicators: z.partialRecord(indicator, indicatorSettingSchema).optional(),
  issues: listOf(issueSchema, LIMITS.issues, 'issues').min(1, {
    error: 'a scenario needs at least one issue',
  }),
  events: listOf(eventSchema, LIMITS.events, 'events').default([]),
  doctrines: listOf(doctrineSchema, LIMITS.doctrines, 'doctrines').min(2, {
    error: 'a scenario needs doctrines for both sides',
  }),
  profiles: listOf(profileSchema, LIMITS.profiles, 'profiles').min(2, {
    error: 'a scenario needs AI profiles for both sides',
  }),
  /** Free-form teaching material. */
  questions: listOf(text, LIMITS.questions, 'questions').optional(),
  /** The sources the title, summary and description rely on. */
  descriptionSources: listOf(id, LIMITS.sources, 'sources').optional(),
  /** Real-world quantities the positions add to (an average tariff rate, an ownership share). */
  quantities: listOf(quantitySchema, LIMITS.quantities, 'quantities').optional(),
  /** The real episode: its path, outcome, decision points and teaching notes. */
  history: historySchema.optional(),
});

/** A scenario as written in a file (defaults not yet applied). */
export type ScenarioFile = z.input<typeof scenarioSchema>;
/** A validated scenario. */
export type Scenario = Omit<z.output<typeof scenarioSchema>, '$schema'>;
export type Distribution = z.infer<typeof distributionSchema>;
export type EffectStream = z.infer<typeof effectStreamSchema>;
export type Effect = z.infer<typeof effectSchema>;
export type Position = z.infer<typeof positionSchema>;
export type Issue = z.infer<typeof issueSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type ScenarioEvent = z.output<typeof eventSchema>;
export type Doctrine = z.infer<typeof doctrineSchema>;
export type RedLine = z.infer<typeof redLineSchema>;
export type Profile = z.output<typeof profileSchema>;
export type SideInfo = z.infer<typeof sideInfoSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Conflict = z.infer<typeof conflictSchema>;
export type IndicatorSetting = z.infer<typeof indicatorSettingSchema>;
export type Quantity = z.infer<typeof quantitySchema>;
export type MetricPoint = z.infer<typeof metricPointSchema>;
export type DrawRef = z.infer<typeof drawRefSchema>;
export type HistoryMetric = z.infer<typeof metricSchema>;
export type HistoryMetricKind = HistoryMetric['kind'];
export type HistoryCalendar = z.infer<typeof historyCalendarSchema>;
export type HistoryStep = z.infer<typeof historyStepSchema>;
export type HistoryEventNote = z.infer<typeof historyEventNoteSchema>;
export type DecisionAlternative = z.infer<typeof decisionAlternativeSchema>;
export type DecisionPoint = z.infer<typeof decisionPointSchema>;
export type DiscussionQuestion = z.infer<typeof discussionQuestionSchema>;
export type EpilogueItem = z.infer<typeof epilogueItemSchema>;
export type ScenarioHistory = z.infer<typeof historySchema>;
