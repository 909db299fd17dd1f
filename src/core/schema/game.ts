import { z } from 'zod';
import { LIMITS } from './limits';
import { movesSchema } from './move';
import { aiPlayerSchema, idSchema, seedSchema, sideSchema, wholeNumber } from './primitives';

/**
 * A game is `(scenario id + version, seed, options, moves)`; everything else is derived. These
 * are the one definition of its options and of the game itself: saves, result codes, URL
 * parameters and the command line all parse through them. Whether the ids they name exist in
 * the scenario is checked against it (src/core/engine.ts's checkOptions, the rules).
 */

export const gameOptionsSchema = z.strictObject({
  /** The doctrine each side is judged by during play (the debrief scores all of them). */
  doctrines: z.strictObject({ us: idSchema, china: idSchema }),
  /** Which sides a person plays; the others are played by the AI. */
  humans: z
    .array(sideSchema)
    .max(2, { error: 'name each side at most once' })
    .refine((h) => new Set(h).size === h.length, { error: 'name each side at most once' }),
  /** Who plays each side the AI plays: a negotiator of a difficulty, or the random baseline. */
  difficulty: z.strictObject({ us: aiPlayerSchema, china: aiPlayerSchema }),
  /** AI profile per side; defaults to the scenario's `defaultProfile`. */
  profiles: z.strictObject({ us: idSchema.optional(), china: idSchema.optional() }).optional(),
  /** For a game branched from a historical path: how many of its moves were history's. */
  branchStep: wholeNumber(0, LIMITS.historySteps).optional(),
  /** The negotiating deadline in rounds, when a teacher sets it; the scenario's `rounds` otherwise (range: src/core/engine.ts's roundsRange). */
  rounds: wholeNumber(1, LIMITS.rounds, 'a number of rounds').optional(),
});

export const scenarioRefSchema = z.strictObject({
  id: idSchema,
  version: wholeNumber(1, 1_000_000, 'a version number'),
});

export const gameSpecSchema = z.strictObject({
  scenario: scenarioRefSchema,
  seed: seedSchema,
  options: gameOptionsSchema,
  moves: movesSchema,
});

export type GameOptions = z.infer<typeof gameOptionsSchema>;
export type GameSpec = z.infer<typeof gameSpecSchema>;
