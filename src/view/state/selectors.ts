import { branchSpec, defaultOptions, doctrinesFor, otherSide, profileOf } from '../../session/model';
import type { GameOptions, GameSpec, Scenario, Side } from '../../core/types';
import type { CatalogEntry } from '../../session/catalog';
import type { HistoryReplay } from '../../session/history-replay';
import type { ViewState } from './app-state';

/** What screens and actions derive from the state: pure functions of it. */

export function catalogEntry(state: Pick<ViewState, 'scenarios'>, id: string): CatalogEntry | undefined {
  return state.scenarios.entries.find((e) => e.scenario.id === id);
}

export function findScenario(state: Pick<ViewState, 'scenarios'>, id: string): Scenario | undefined {
  return catalogEntry(state, id)?.scenario;
}

/** The doctrine a side starts with: its default profile's, if the scenario offers it to the player. */
export function defaultDoctrine(scenario: Scenario, side: Side): string {
  const fromProfile = profileOf(scenario, scenario.sides[side].defaultProfile).doctrine;
  const offered = doctrinesFor(scenario, side);
  return offered.some((d) => d.id === fromProfile) ? fromProfile : offered[0]!.id;
}

/** Options for the game about to start: the player's doctrine, the AI's from its profile. */
export function gameOptions(state: Pick<ViewState, 'scenario' | 'setup'>): GameOptions | null {
  const { scenario, setup } = state;
  if (!scenario || !setup) return null;
  const { side, doctrine, difficulty } = setup;
  const ai = otherSide(side);
  const base = defaultOptions(scenario, { humans: setup.hotSeat && !setup.branch ? [side, ai] : [side] });
  return {
    ...base,
    doctrines: {
      ...base.doctrines,
      [side]: doctrine,
      [ai]: profileOf(scenario, scenario.sides[ai].defaultProfile).doctrine,
    },
    difficulty: { ...base.difficulty, [ai]: difficulty },
  };
}

/**
 * The game the setup describes, before it starts: no moves for a new game; for a take-over,
 * history's first moves (and the chosen alternative), under the replay's seed.
 */
export function pendingSpec(state: Pick<ViewState, 'scenario' | 'setup'>): GameSpec | null {
  const options = gameOptions(state);
  const { scenario, setup } = state;
  if (!scenario || !setup || !options) return null;
  const branch = setup.branch;
  if (!branch)
    return {
      scenario: { id: scenario.id, version: scenario.version },
      seed: setup.seed.trim(),
      options,
      moves: [],
    };
  const point = scenario.history?.decisionPoints.find((d) => d.step === branch.step);
  const alternative = branch.alternative === null ? undefined : point?.alternatives[branch.alternative]?.move;
  return branchSpec(scenario, branch.step, setup.seed, options, alternative ? [alternative] : []);
}

/** The episode being replayed, or null. */
export function currentReplay(
  state: Pick<ViewState, 'lib' | 'scenarios' | 'replaying'>,
): HistoryReplay | null {
  const id = state.replaying?.id;
  const scenario = id ? findScenario(state, id) : undefined;
  return scenario?.history && state.lib ? state.lib.history.replayOf(scenario) : null;
}
