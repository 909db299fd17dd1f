/**
 * The players the people at the screen do not play, as the session hands them out: the AI
 * negotiators of src/negotiators (each difficulty) and the random baseline. The browser loads this
 * module after the title's first frame; the command line imports it directly.
 */
export { decideMove, intelForDifficulty, intelReport, ledgerOf, randomMove } from '../negotiators/index';
export type { AiDecision, IntelItem, IntelLevel, LedgerEntry, Posture } from '../negotiators/index';
