import { MATERIAL_KINDS } from '../../session/material-set';
import { button, h } from '../dom';
import type { Dispatch } from '../state/actions';
import type { MaterialTab, ViewState } from '../state/app-state';

/** The ways into the teaching materials, for the screens that link to them (history, replay, notes, briefing). */

export const TAB_LABELS: Record<MaterialTab, string> = {
  background: 'Background brief',
  roles: 'Role briefs',
  'teacher-guide': 'Teacher’s guide',
  glossary: 'Glossary',
};

/** The materials of an episode exist (all three documents, or any of them). */
export function hasMaterials(state: ViewState, id: string): boolean {
  const m = state.lib?.history.materials.materialsOf(id);
  return !!m && MATERIAL_KINDS.some((k) => m[k] !== null);
}

/** Buttons that open an episode's materials (where it has them) and the glossary: for the history screens and the briefing. */
export function materialsButtons(state: ViewState, dispatch: Dispatch, id: string | null, keyPrefix = 'materials'): HTMLElement {
  const open = (tab: MaterialTab) => () => dispatch({ type: 'open-materials', id, tab });
  const withDocs = id !== null && hasMaterials(state, id);
  return h(
    'div',
    { class: 'actions materials-links' },
    ...(withDocs
      ? MATERIAL_KINDS.map((k) => button(TAB_LABELS[k], open(k), { key: `${keyPrefix}-${k}`, class: 'secondary' }))
      : []),
    button('Glossary', open('glossary'), { key: `${keyPrefix}-glossary`, class: 'secondary' }),
  );
}

