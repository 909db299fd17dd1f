/**
 * What the screens and the command line read of the core's model, through the session: the
 * indicators, the sides and players, the lookups into a scenario, scores and projections. The
 * layers above the session (view, cli, server) import values from here and only types from the
 * core, so the session stays the one door to the game.
 */
export {
  deadlineOf,
  defaultOptions,
  doctrineFor,
  IllegalMoveError,
  InvalidOptionsError,
  ModelError,
  replay,
  roundsRange,
} from '../core/engine';
export { readOutcome } from '../core/fidelity';
export { branchSpec, sameMove } from '../core/history';
export { INDICATOR_LIST, INDICATORS, type IndicatorDefinition } from '../core/indicators';
export { projectPackage, type IndicatorProjection } from '../core/projection';
export { doctrinesFor, otherSide, positionOf, profileOf } from '../core/scenario-lookup';
export { describeWeights, meanChanges, score, scoreAll } from '../core/scoring';
export { LIMITS } from '../core/schema/limits';
export { AI_PLAYERS, DIFFICULTIES, SIDES } from '../core/types';
