import type { Dispatch } from '../state/actions';
import type { ViewState } from '../state/app-state';
import type { SceneKey, SceneModels } from '../stage';

/** What a screen renders: its heading, its DOM panel and its canvas. */
export interface ScreenView {
  title: string;
  body: Node[];
  scene: { [K in SceneKey]: { key: K; model: SceneModels[K] } }[SceneKey];
  /**
   * Re-drawn in place (src/view/patch.ts): the panel keeps the elements that did not change
   * instead of being rebuilt whole. Only for a panel whose listeners all come from `h`.
   */
  patch?: boolean;
  /**
   * Re-drawn while the user fills it in (a live class's dashboard, at every move of every pair):
   * what they typed or chose in its form controls is carried over (src/view/shell/kept-controls.ts).
   * Only for controls whose neighbours do not follow their value: a choice other fields follow is
   * kept in the state, and they are drawn from it (the Run a class form's `runForm`).
   */
  keepControls?: boolean;
}

/**
 * A screen: a function of the state that builds its panel and its canvas model, and whose
 * controls dispatch actions. It returns null when the state lacks what it shows (the title is
 * shown instead). It never changes the state itself.
 */
export type ScreenFn = (state: ViewState, dispatch: Dispatch) => ScreenView | null;
