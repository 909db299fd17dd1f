import type { Dispatch } from '../state/actions';
import type { ViewState } from '../state/app-state';
import type { SceneKey, SceneModels } from '../stage';

/** What a screen renders: its heading, its DOM panel and its canvas. */
export interface ScreenView {
  title: string;
  body: Node[];
  scene: { [K in SceneKey]: { key: K; model: SceneModels[K] } }[SceneKey];
}

/**
 * A screen: a function of the state that builds its panel and its canvas model, and whose
 * controls dispatch actions. It returns null when the state lacks what it shows (the title is
 * shown instead). It never changes the state itself.
 */
export type ScreenFn = (state: ViewState, dispatch: Dispatch) => ScreenView | null;
