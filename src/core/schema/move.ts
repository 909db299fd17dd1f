import { z } from 'zod';
import { LIMITS } from './limits';
import { idSchema, listOf, quote, sideSchema } from './primitives';

/**
 * A move: the one definition, used by move files, the historical paths of scenario files, saves,
 * result codes and the engine's types. Whether a move is legal is the rules' business
 * (src/core/rules.ts); this is its shape.
 */

/** A package names a position for some of the issues; the others stay as they are. */
export const packageSchema = z
  .record(idSchema, idSchema, { error: 'expected a package: an object of issue: position' })
  .refine((p) => Object.keys(p).length <= LIMITS.issues, {
    error: `a package names at most ${LIMITS.issues} issues`,
  });

const measure = { side: sideSchema, issue: idSchema, position: idSchema };

export const moveSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('propose'), side: sideSchema, package: packageSchema }),
    z.strictObject({ type: z.literal('accept'), side: sideSchema }),
    z.strictObject({ type: z.literal('reject'), side: sideSchema }),
    /** Make no offer this turn (only when no offer from the other side is on the table). */
    z.strictObject({ type: z.literal('hold'), side: sideSchema }),
    z.strictObject({ type: z.literal('impose'), ...measure }),
    z.strictObject({ type: z.literal('threaten'), ...measure }),
    z.strictObject({ type: z.literal('walkout'), side: sideSchema }),
    /**
     * One of the scenario's events, made to happen now by whoever runs the game (a teacher's
     * inject in a class), not a negotiator's choice: it fires at once, whatever its round,
     * conditions and chance, and the turn stays with `side` (the side to move when it came).
     * In the log like a move, so a game with it replays and its result code verifies.
     */
    z.strictObject({ type: z.literal('event'), side: sideSchema, event: idSchema }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' &&
      typeof issue.input === 'object' &&
      issue.input !== null &&
      'type' in issue.input
        ? `unknown move type ${quote((issue.input as { type: unknown }).type)}: expected propose, accept, reject, hold, impose, threaten, walkout or event`
        : 'expected a move: {type: propose, side, package}, {type: accept|reject|hold|walkout, side} or {type: impose|threaten, side, issue, position}',
  },
);

export const movesSchema = listOf(moveSchema, LIMITS.moves, 'moves (a game has one move per side and round)');

export type Package = z.infer<typeof packageSchema>;
export type Move = z.infer<typeof moveSchema>;
