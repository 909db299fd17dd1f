import { z } from 'zod';
import { gameSpecSchema } from '../core/schema/game';
import { LIMITS } from '../core/schema/limits';
import { textSchema, wholeNumber } from '../core/schema/primitives';
import type { Posture } from '../negotiators/index';
import { POSTURES } from './text';

/** The saved game's shape: the one definition, from which SaveData, AiNote and ScenarioFile are inferred. */

export const SAVE_FORMAT = 'bargaining-chips-save';
export const SAVE_VERSION = 1;

const postures = Object.keys(POSTURES) as [Posture, ...Posture[]];
const postureSchema = z.enum(postures, { error: `expected a posture: ${postures.join(', ')}` });

/**
 * What the AI said at the table for one of its moves, the analysis behind it and its posture,
 * kept beside the move log. Saves made before the AI had a voice carry a single `reason`: it is
 * read as both what the AI said and the analysis, so nothing is lost.
 */
export const aiNoteSchema = z
  .strictObject({
    /** Index of the move in the log. */
    move: wholeNumber(0, LIMITS.moves - 1),
    say: textSchema.optional(),
    analysis: textSchema.optional(),
    /** Before the AI had a voice: its one reason. */
    reason: textSchema.optional(),
    posture: postureSchema,
  })
  .refine((n) => (n.say !== undefined && n.analysis !== undefined) || n.reason !== undefined, {
    error: 'an AI note needs what the AI said ("say") and its "analysis" (or, from an older save, its "reason")',
  })
  .transform(({ move, say, analysis, reason, posture }) => ({
    move,
    say: say ?? reason!,
    analysis: analysis ?? reason!,
    posture,
  }));

/** A scenario file as the player opened it: its name and its text. */
export const scenarioFileSchema = z.strictObject({
  file: textSchema,
  text: z
    .string({ error: 'expected the scenario file as text' })
    .max(LIMITS.scenarioFileChars, { error: 'longer than any scenario file' }),
});

/** What is stored: the game as its move log, the AI's stated reasons, and where the player was. */
export const saveSchema = z.strictObject({
  format: z.literal(SAVE_FORMAT, { error: 'it is not a Bargaining Chips save' }),
  version: z.literal(SAVE_VERSION, { error: `expected format version ${SAVE_VERSION}` }),
  spec: gameSpecSchema,
  notes: z.array(aiNoteSchema).max(LIMITS.moves, { error: `at most ${LIMITS.moves} notes (one per move)` }),
  /** The scenario's file when the player opened it (shipped scenarios are found by id). */
  scenarioFile: scenarioFileSchema.optional(),
});

export type SaveData = z.infer<typeof saveSchema>;
export type AiNote = z.output<typeof aiNoteSchema>;
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
