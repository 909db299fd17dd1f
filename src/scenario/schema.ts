import { z } from 'zod';
import { INDICATOR_IDS, ISSUE_CATEGORIES, LESSON_IDS, METRIC_BASES, SIDES } from '../core/types';

/**
 * The scenario file format. This schema checks shapes and ranges; `references.ts` checks what
 * refers to what (ids, sources, sides). `npm run gen:schema` writes scenarios/schema.json from it
 * so editors can autocomplete scenario files.
 */

const id = z
  .string({ error: 'expected an id (letters, digits, ".", "_" or "-")' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'an id may only contain letters, digits, ".", "_" and "-", and must not start with a punctuation mark' });
const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' });
const side = z.enum(SIDES, { error: 'expected "us" or "china"' });
const indicator = z.enum(INDICATOR_IDS, { error: `expected one of the indicators: ${INDICATOR_IDS.join(', ')}` });
const finite = z.number({ error: 'expected a number' }).refine(Number.isFinite, { error: 'expected a finite number' });
const probability = z.number({ error: 'expected a probability' }).min(0, { error: 'a probability must lie between 0 and 1' }).max(1, { error: 'a probability must lie between 0 and 1' });
const positiveInt = z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).min(1, { error: 'must be at least 1' });

const pair = z.tuple([finite, finite], { error: 'expected a pair of numbers [a, b]' });

export const distributionSchema = z.union(
  [
    finite,
    z.strictObject({ uniform: pair.refine(([lo, hi]) => lo <= hi, { error: 'uniform [lo, hi] needs lo <= hi' }) }),
    z
      .strictObject({
        normal: pair.refine(([, sd]) => sd >= 0, { error: 'normal [mean, sd] needs sd >= 0' }),
        min: finite.optional(),
        max: finite.optional(),
      })
      .refine((d) => d.min === undefined || d.max === undefined || d.min <= d.max, { error: 'a truncated normal needs min <= max', path: ['min'] }),
    z.strictObject({
      beta: pair.refine(([a, b]) => a > 0 && b > 0, { error: 'beta [alpha, beta] needs both above 0' }),
      scale: pair.refine(([lo, hi]) => lo < hi, { error: 'scale [lo, hi] needs lo < hi' }),
    }),
  ],
  { error: 'expected a number, {uniform: [lo, hi]}, {normal: [mean, sd], min?, max?} or {beta: [alpha, beta], scale: [lo, hi]}' },
);

/**
 * Sources that disagree about a figure or a fact: each value with the source that gives it, and a
 * note naming the conflict. A screen shows every value, never one of them as settled.
 */
export const conflictSchema = z.strictObject({
  values: z.array(z.strictObject({ value: text, source: id })).min(2, { error: 'a conflict needs at least two values, each with its source' }),
  note: text,
});

export const effectSchema = z.strictObject({
  indicator,
  delta: distributionSchema,
  stream: z.enum(['effects', 'compliance'], { error: 'expected "effects" or "compliance"' }).optional(),
  source: id.optional(),
  note: text.optional(),
});

export const positionSchema = z.strictObject({
  id,
  label: text,
  description: text.optional(),
  effects: z.array(effectSchema).optional(),
  inForce: z.array(effectSchema).optional(),
  perRound: z.array(effectSchema).optional(),
  expiresAfter: positiveInt.optional(),
  revertsTo: id.optional(),
  escalation: z.boolean().optional(),
  tension: finite.optional(),
  source: id.optional(),
  quantities: z.record(id, finite).optional(),
  conflict: conflictSchema.optional(),
});

export const issueSchema = z.strictObject({
  id,
  label: text,
  description: text.optional(),
  holder: side,
  category: z.enum(ISSUE_CATEGORIES, { error: `expected one of the categories: ${ISSUE_CATEGORIES.join(', ')}` }),
  statusQuo: id,
  positions: z.array(positionSchema).min(2, { error: 'an issue needs at least two positions' }),
  source: id.optional(),
});

const conditionSchema = z.union(
  [
    z.strictObject({ indicator, above: finite.optional(), below: finite.optional() }),
    z.strictObject({ issue: id, is: id.optional(), isNot: id.optional() }),
    z.strictObject({ phase: z.enum(['negotiation', 'aftermath']) }),
    z.strictObject({ outcome: z.enum(['deal', 'walkout', 'deadline']) }),
  ],
  { error: 'expected a condition: {indicator, above?, below?}, {issue, is?, isNot?}, {phase} or {outcome}' },
);

export const eventSchema = z.strictObject({
  id,
  title: text,
  text,
  round: positiveInt.optional(),
  chance: probability.optional(),
  when: z.array(conditionSchema).optional(),
  once: z.boolean().optional(),
  effects: z.array(effectSchema).optional(),
  sets: z.record(id, id).optional(),
  source: id.optional(),
});

export const doctrineSchema = z.strictObject({
  id,
  side,
  label: text,
  summary: text,
  weights: z.partialRecord(indicator, finite),
  source: id.optional(),
});

export const profileSchema = z.strictObject({
  id,
  side,
  label: text,
  doctrine: id,
  concession: z.number().positive({ error: 'the concession exponent must be above 0' }).max(20, { error: 'the concession exponent must be at most 20' }),
  patience: positiveInt,
  domesticSensitivity: probability,
  redLines: z.array(z.strictObject({ issue: id, never: z.array(id).min(1, { error: 'a red line needs at least one position' }), why: text.optional() })).default([]),
  description: text.optional(),
});

const sideInfoSchema = z.strictObject({
  label: text,
  negotiators: z.array(text).min(1, { error: 'name at least one negotiator' }),
  description: text.optional(),
  ratificationThreshold: finite,
  audienceCost: finite.min(0, { error: 'an audience cost cannot be negative' }),
  defaultProfile: id,
});

export const sourceSchema = z.strictObject({
  id,
  title: text,
  url: z.url({ error: 'expected a URL' }).optional(),
  publisher: text.optional(),
  date: text.optional(),
  author: text.optional(),
});

// --- quantities and history -------------------------------------------------------------------

/** A day, or only a month when the sources give no day. */
const historyDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, { error: 'expected a date as YYYY-MM-DD, or YYYY-MM when only the month is known' });
const lessons = z.array(z.enum(LESSON_IDS, { error: `expected one of the lessons: ${LESSON_IDS.join(', ')}` })).min(1, { error: 'name at least one of the five lessons' });
const nonNegativeInt = z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).min(0, { error: 'must be 0 or more' });

export const quantitySchema = z.strictObject({
  id,
  label: text,
  unit: text,
  base: finite,
  source: id.optional(),
  note: text.optional(),
  conflict: conflictSchema.optional(),
});

export const moveSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('propose'), side, package: z.record(id, id) }),
    z.strictObject({ type: z.literal('accept'), side }),
    z.strictObject({ type: z.literal('reject'), side }),
    z.strictObject({ type: z.literal('hold'), side }),
    z.strictObject({ type: z.literal('impose'), side, issue: id, position: id }),
    z.strictObject({ type: z.literal('threaten'), side, issue: id, position: id }),
    z.strictObject({ type: z.literal('walkout'), side }),
  ],
  { error: 'expected a move: {type: propose, side, package}, {type: accept|reject|hold|walkout, side} or {type: impose|threaten, side, issue, position}' },
);

const metricPoint = z.union(
  [z.literal('end'), z.literal('talks-end'), z.strictObject({ round: positiveInt }), z.strictObject({ afterMoves: positiveInt })],
  { error: 'expected "end", "talks-end", {round: R} or {afterMoves: N}' },
);

const metricBase = {
  id,
  label: text,
  unit: text,
  expected: finite,
  band: pair.refine(([lo, hi]) => lo <= hi, { error: 'a band [low, high] needs low <= high' }),
  source: id,
  note: text.optional(),
  fitted: z.boolean().optional(),
  basis: z.enum(METRIC_BASES, { error: `expected one of: ${METRIC_BASES.join(', ')}` }).optional(),
  conflict: conflictSchema.optional(),
};

export const metricSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...metricBase, kind: z.literal('quantity'), quantity: id, at: metricPoint.optional() }),
    z.strictObject({
      ...metricBase,
      kind: z.literal('indicator'),
      indicator,
      at: metricPoint.optional(),
      over: z.tuple([nonNegativeInt, nonNegativeInt], { error: 'expected a range of rounds [from, to]' }).optional(),
      change: z.boolean().optional(),
    }),
    z.strictObject({
      ...metricBase,
      kind: z.literal('compliance'),
      draws: z
        .array(z.strictObject({ issue: id, position: id, indicator, zero: finite.optional(), full: finite.optional() }))
        .min(1, { error: 'name at least one compliance draw' }),
    }),
    z.strictObject({ ...metricBase, kind: z.literal('eventRound'), event: id, since: nonNegativeInt.optional() }),
  ],
  { error: 'expected a metric of kind quantity, indicator, compliance or eventRound' },
);

export const historySchema = z.strictObject({
  kind: z.enum(['historical', 'what-if'], { error: 'expected "historical" or "what-if"' }),
  whatIf: text.optional(),
  seed: z.string({ error: 'expected the reference seed as text' }).min(1, { error: 'must not be empty' }),
  calendar: z
    .strictObject({ start: isoDate, roundDays: positiveInt.optional(), roundMonths: positiveInt.optional() })
    .refine((c) => (c.roundDays === undefined) !== (c.roundMonths === undefined), { error: 'give the length of a round as either "roundDays" or "roundMonths"' }),
  path: z
    .array(z.strictObject({ move: moveSchema, date: historyDate, account: text, source: id, whatIf: z.boolean().optional(), conflict: conflictSchema.optional() }))
    .min(1, { error: 'the historical path needs at least one move' }),
  events: z.array(z.strictObject({ event: id, date: historyDate, account: text, source: id, unverified: z.boolean().optional(), conflict: conflictSchema.optional() })).optional(),
  outcome: z.array(metricSchema).min(1, { error: 'the historical outcome needs at least one metric' }),
  decisionPoints: z.array(
    z.strictObject({
      id,
      step: nonNegativeInt,
      question: text,
      history: text,
      alternatives: z
        .array(z.strictObject({ label: text, move: moveSchema.optional(), note: text.optional(), source: id.optional() }))
        .min(1, { error: 'a decision point needs at least one alternative' }),
      lessons,
      source: id.optional(),
    }),
  ),
  questions: z.array(z.strictObject({ text, lessons, source: id.optional() })).min(1, { error: 'give the class at least one question' }),
  calibration: text,
  epilogue: z.array(z.strictObject({ date: historyDate, text, source: id, unverified: z.boolean().optional(), conflict: conflictSchema.optional() })).optional(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  version: positiveInt,
  title: text,
  summary: text.max(240, { error: 'the summary is for a card: keep it under 240 characters' }),
  description: text.optional(),
  dates: z.strictObject({ start: isoDate, end: isoDate }),
  roundLength: text,
  rounds: positiveInt,
  horizon: positiveInt,
  opener: side.default('us'),
  threatWindow: positiveInt.default(2),
  fictional: z.boolean().optional(),
  sources: z.array(sourceSchema),
  sides: z.strictObject({ us: sideInfoSchema, china: sideInfoSchema }),
  indicators: z.partialRecord(indicator, z.strictObject({ initial: finite.optional(), note: text.optional(), source: id.optional() })).optional(),
  issues: z.array(issueSchema).min(1, { error: 'a scenario needs at least one issue' }),
  events: z.array(eventSchema).default([]),
  doctrines: z.array(doctrineSchema).min(2, { error: 'a scenario needs doctrines for both sides' }),
  profiles: z.array(profileSchema).min(2, { error: 'a scenario needs AI profiles for both sides' }),
  questions: z.array(text).optional(),
  descriptionSources: z.array(id).optional(),
  quantities: z.array(quantitySchema).optional(),
  history: historySchema.optional(),
});

export type ScenarioFile = z.input<typeof scenarioSchema>;
