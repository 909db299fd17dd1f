import type { Source } from '../../core/types';
import { button, clear, h } from '../dom';
import { definitionDom, termButton } from '../screens/material-view';
import type { Dispatch } from '../state/actions';
import type { AppState } from '../state/app-state';

/**
 * A glossary term's definition in a native modal dialog, shown while `state.glossaryTerm` names
 * a term: opened by a term's button on any screen, closed by Escape or its Close button, after
 * which the focus goes back to the button that opened it. Related terms open in the same dialog.
 */
export function mountGlossaryDialog(dispatch: Dispatch): (next: AppState, prev: AppState) => void {
  const dialog = h('dialog', { id: 'glossary-dialog', class: 'glossary-dialog', attrs: { 'aria-labelledby': 'glossary-term-title' } });
  dialog.addEventListener('close', () => dispatch({ type: 'close-glossary' }));
  document.body.appendChild(dialog);
  let opener: HTMLElement | null = null;

  const build = (state: AppState, id: string) => {
    clear(dialog);
    const g = state.lib?.history.materials.glossary ?? null;
    const term = g?.terms.find((t) => t.id === id);
    const sourceOf = (sid: string): Source | null => g?.sources.find((s) => s.id === sid) ?? null;
    dialog.append(
      h('p', { class: 'hint' }, 'Glossary'),
      h('h2', { id: 'glossary-term-title' }, term ? term.term : 'Unknown term'),
      ...(term
        ? [
            ...(term.aliases && term.aliases.length > 0 ? [h('p', { class: 'hint' }, `Also: ${term.aliases.join(', ')}`)] : []),
            h('div', { class: 'definition', attrs: { 'data-definition': term.id } }, ...definitionDom(term.definition, sourceOf, dispatch)),
            ...(term.related && term.related.length > 0
              ? [
                  h(
                    'p',
                    { class: 'related' },
                    'See also: ',
                    ...term.related.flatMap((r, i) => {
                      const other = g!.terms.find((t) => t.id === r);
                      return other ? [i > 0 ? ', ' : '', termButton(r, other.term, dispatch)] : [];
                    }),
                  ),
                ]
              : []),
          ]
        : [h('p', null, `The glossary has no term “${id}”.`)]),
      h(
        'div',
        { class: 'actions' },
        button('Close', () => dialog.close(), { key: 'close-glossary' }),
        button('The whole glossary', () => {
          dialog.close();
          dispatch({ type: 'open-materials', id: state.materials?.id ?? state.replaying?.id ?? state.scenario?.id ?? null, tab: 'glossary' });
        }, { key: 'whole-glossary', class: 'secondary' }),
      ),
    );
  };

  return (next, prev) => {
    if (next.glossaryTerm === prev.glossaryTerm) return;
    if (next.glossaryTerm !== null) {
      if (!dialog.open && document.activeElement instanceof HTMLElement) opener = document.activeElement;
      build(next, next.glossaryTerm);
      if (!dialog.open) dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-key="close-glossary"]')?.focus();
    } else {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
      opener = null;
    }
  };
}
