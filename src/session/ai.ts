/**
 * The players the people at the screen do not play, as the session hands them out: the AI
 * negotiators of src/negotiators (each difficulty) and the random baseline. The browser loads this
 * module after the title's first frame; the command line imports it directly.
 */
export {
  createNegotiator,
  decideMove,
  intelForDifficulty,
  intelReport,
  judgePackage,
  ledgerOf,
  randomMove,
  resumeNegotiator,
  walkAwayValue,
} from '../negotiators/index';
export type { AiDecision, IntelItem, IntelLevel, LedgerEntry, Negotiator, Posture } from '../negotiators/index';
import type { Ai } from './match';
import { createNegotiator } from '../negotiators/index';

/** The AI negotiators as the match plays them: one negotiator per AI side, following the game move by move. */
export const negotiators: Ai = { seat: (scenario, options, side) => createNegotiator(scenario, options, side) };
