import { clear, h } from '../dom';
import { patchChildren } from '../patch';
import { keepControls, restoreControls } from './kept-controls';
import type { ScreenTable } from '../screens/index';
import type { ScreenView } from '../screens/screen';
import { titleScreen } from '../screens/title';
import type { Stage } from '../stage';
import type { Dispatch, Effect } from '../state/actions';
import type { AppState, ScreenName } from '../state/app-state';

/**
 * State fields no screen's panel shows: a change to them alone does not re-draw the panel (the
 * highlight only moves the canvas's highlight; settings restyle the page; the dialog is apart).
 * Re-drawing the panel under a hovering mouse or an open dialog would disturb the user.
 */
const NOT_IN_PANEL: ReadonlySet<keyof AppState> = new Set(['highlight', 'settings', 'dialog', 'glossaryTerm']);

/** How long the table waits for the AI's reply before it draws the player's move alone: well under what reads as a delay. */
const REPLY_WAIT_MS = 80;

function whatChanged(next: AppState, prev: AppState): { panel: boolean; canvas: boolean } {
  let panel = false;
  for (const key of Object.keys(next) as (keyof AppState)[]) {
    if (next[key] !== prev[key] && !NOT_IN_PANEL.has(key)) panel = true;
  }
  return { panel, canvas: next.highlight !== prev.highlight };
}

/**
 * The current screen's panel built afresh, as a full rebuild would draw it, with the <details>
 * the player opened or closed kept as `live` has them (the tests compare a patched panel with it).
 */
export function freshPanel(state: AppState, screens: ScreenTable, dispatch: Dispatch, live: HTMLElement): HTMLElement {
  const view = screens[state.screen]?.(state, dispatch) ?? titleScreen(state, dispatch)!;
  const box = document.createElement('div');
  box.append(h('h1', { id: 'screen-title', attrs: { tabindex: -1 } }, view.title), ...view.body);
  for (const d of box.querySelectorAll<HTMLDetailsElement>('details[data-keep]')) {
    const was = live.querySelector<HTMLDetailsElement>(`details[data-keep="${CSS.escape(d.dataset.keep!)}"]`);
    if (was) d.open = was.open;
  }
  return box;
}

/**
 * Draws the current screen: its DOM panel and its canvas, from the state. The panel is rebuilt
 * whole on each change (screens are small and turn-based), or patched in place where the screen
 * asks (the table, redrawn at every move); the focus and the scroll position are kept, or moved
 * where an action asked (a new screen focuses its heading, a move what needs reading).
 */
export function mountRenderer(
  panel: HTMLElement,
  stage: Stage,
  screens: ScreenTable,
  dispatch: Dispatch,
): (next: AppState, prev: AppState, effects: readonly Effect[]) => void {
  let shown: ScreenName | null = null;

  const viewOf = (state: AppState): ScreenView =>
    screens[state.screen]?.(state, dispatch) ?? titleScreen(state, dispatch)!;

  const draw = (state: AppState, effects: readonly Effect[]) => {
    const active = document.activeElement;
    const focusKey = active instanceof HTMLElement && panel.contains(active) ? active.dataset.key : undefined;
    const scrollTop = panel.scrollTop;
    // A <details> marked data-keep stays as the user left it, open or closed, when its screen is re-drawn.
    const kept = new Map<string, boolean>();
    if (shown === state.screen)
      for (const d of panel.querySelectorAll<HTMLDetailsElement>('details[data-keep]')) kept.set(d.dataset.keep!, d.open);
    const view = viewOf(state);
    const typed = view.keepControls && shown === state.screen ? keepControls(panel) : null;
    let heading = h('h1', { id: 'screen-title', attrs: { tabindex: -1 } }, view.title);
    if (view.patch && shown === state.screen) {
      const fresh = document.createDocumentFragment();
      fresh.append(heading, ...view.body);
      patchChildren(panel, fresh);
      heading = panel.querySelector<HTMLHeadingElement>('#screen-title') ?? heading;
    } else {
      clear(panel);
      panel.appendChild(heading);
      for (const node of view.body) panel.appendChild(node);
    }
    for (const d of panel.querySelectorAll<HTMLDetailsElement>('details[data-keep]')) {
      const open = kept.get(d.dataset.keep!);
      if (open !== undefined) d.open = open;
    }
    if (typed) restoreControls(panel, typed);
    document.title = `${view.title} · Bargaining Chips`;
    // The class screens take a wider panel (their charts and tables), keyed on the screen's name.
    document.documentElement.dataset.screen = state.screen;
    stage.show(view.scene.key, view.scene.model as never);
    const first = shown === null;
    const changed = shown !== state.screen;
    shown = state.screen;
    if (changed) {
      panel.scrollTop = 0;
      // On a narrow screen the page itself scrolls (canvas above, panel below): start at the top.
      if (!first) window.scrollTo({ top: 0 });
      // A new screen takes the focus to its heading (but a fresh page leaves the skip link first).
      if (!first) heading.focus({ preventScroll: true });
      return;
    }
    panel.scrollTop = effects.some((e) => e.kind === 'scroll-top') ? 0 : scrollTop;
    for (const e of effects) if (e.kind === 'scroll-to') panel.querySelector(`#${CSS.escape(e.id)}`)?.scrollIntoView({ block: 'start' });
    if (!moveFocus(effects) && focusKey) {
      const again = panel.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again && !(again as HTMLButtonElement).disabled) again.focus({ preventScroll: true });
      else heading.focus({ preventScroll: true });
    }
  };

  /** Focus where the action asked; false if it asked nothing. */
  const moveFocus = (effects: readonly Effect[]): boolean => {
    if (effects.some((e) => e.kind === 'focus-after-move')) {
      const target = panel.querySelector<HTMLElement>('[data-focus-after-move]');
      if (target) {
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: 'start' });
        return true;
      }
    }
    for (const e of effects) {
      if (e.kind !== 'focus') continue;
      const target = panel.querySelector<HTMLElement>(`[data-key="${CSS.escape(e.key)}"]`);
      if (target) {
        target.focus();
        return true;
      }
    }
    return false;
  };

  /**
   * A drawing put off, with the effects it owes. After the player's move at the table the AI's
   * reply is asked of its worker and usually comes within a few milliseconds: the panel is then
   * drawn once, with the move and the reply, instead of twice in a row (drawing the move alone
   * would hold the reply's drawing back by as long as that takes). A reply slower than
   * REPLY_WAIT_MS finds the move drawn by then, and the other side thinking.
   */
  let waiting: { effects: Effect[]; timer: ReturnType<typeof setTimeout> } | null = null;
  let latest: AppState | null = null;
  const drawNow = (state: AppState, effects: readonly Effect[]) => {
    const owed = waiting?.effects ?? [];
    if (waiting) clearTimeout(waiting.timer);
    waiting = null;
    draw(state, owed.length > 0 ? [...owed, ...effects] : effects);
  };

  return (next, prev, effects) => {
    // Until the scenarios are in (a moment after the first frame), the panel keeps its loading note.
    if (!next.lib) return;
    latest = next;
    const changed = whatChanged(next, prev);
    if (shown === null || shown !== next.screen || changed.panel) {
      if (shown === 'table' && next.screen === 'table' && next.match?.aiToMove() != null) {
        if (waiting) waiting.effects.push(...effects);
        else waiting = { effects: [...effects], timer: setTimeout(() => latest && drawNow(latest, []), REPLY_WAIT_MS) };
        return;
      }
      drawNow(next, effects);
    } else {
      if (changed.canvas) {
        const scene = viewOf(next).scene;
        stage.show(scene.key, scene.model as never);
      }
      moveFocus(effects);
    }
  };
}
