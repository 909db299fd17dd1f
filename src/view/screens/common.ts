import type { IssueCategory, Side, Source } from '../../core/types';
import type { ScenarioProblem } from '../../session/scenario-loader';
import { CATEGORY_LABELS, sourceDate } from '../../session/text';
import type { CatalogFailure } from '../../session/catalog';
import type { Dispatch } from '../state/actions';
import type { Notice } from '../state/app-state';
import { FLAGS, ICONS } from '../assets';
import { button, h, safeHref } from '../dom';

/**
 * A text to hand on (a key, a link) in a read-only field, with a button that copies it. A page
 * served over plain HTTP on the school's network has no clipboard API: the text is then selected,
 * for the keyboard's copy, and the status beside the button says so.
 */
export function copyableText(
  text: string,
  o: { id: string; label: string; buttonLabel: string; buttonKey: string },
): [HTMLInputElement, HTMLButtonElement, HTMLElement] {
  const value = h('input', { id: o.id, class: 'key-value', attrs: { type: 'text', readonly: true, spellcheck: 'false', 'aria-label': o.label, 'data-key': o.id }, value: text, on: { focus: () => value.select() } });
  const said = h('span', { class: 'hint', id: `${o.id}-copied`, attrs: { role: 'status' } });
  const copy = () => {
    value.select();
    const done = (words: string) => (said.textContent = words);
    if (navigator.clipboard && window.isSecureContext)
      void navigator.clipboard.writeText(text).then(
        () => done('Copied.'),
        () => done('Selected: copy it with Ctrl+C (⌘C on a Mac).'),
      );
    else done('Selected: copy it with Ctrl+C (⌘C on a Mac).');
  };
  return [value, button(o.buttonLabel, copy, { key: o.buttonKey, class: 'secondary small' }), said];
}

export function notices(list: readonly Notice[]): Node[] {
  return list.map((n) => h('div', { class: `message${n.kind === 'error' ? ' error' : ''}`, attrs: { role: n.kind === 'error' ? 'alert' : 'status' } }, h('p', null, n.text)));
}

export function flagImg(side: Side): HTMLImageElement {
  return h('img', { class: 'flag', attrs: { src: FLAGS[side], alt: '' } });
}

export function categoryIcon(category: IssueCategory): HTMLImageElement {
  return h('img', { class: 'icon', attrs: { src: ICONS[category], alt: '' } });
}

export function categoryHeading(tag: 'h3', category: IssueCategory): HTMLElement {
  return h(tag, null, categoryIcon(category), CATEGORY_LABELS[category]);
}

/** Every problem of every file that failed to load: which file, where, and why. */
export function loadFailures(failures: readonly CatalogFailure[]): Node[] {
  if (failures.length === 0) return [];
  return [
    h(
      'div',
      { class: 'message error', attrs: { role: 'alert' } },
      h('p', null, h('strong', null, failures.length === 1 ? 'One scenario file could not be loaded; the others are fine.' : `${failures.length} scenario files could not be loaded; the others are fine.`)),
      ...failures.map((f) =>
        h(
          'div',
          null,
          h('p', null, `${f.file}:`),
          h('ul', { class: 'problem-list' }, ...f.problems.map((p) => h('li', null, problemText(p)))),
        ),
      ),
    ),
  ];
}

export function problemText(p: ScenarioProblem): string {
  const where = p.line !== undefined ? `line ${p.line}` : '';
  return `${where ? `${where}, ` : ''}${p.path}: ${p.message}`;
}

/**
 * A source as the screens cite it: its title (a link only for an http(s) address), publisher
 * and date. Scenario text, so text nodes only.
 */
export function sourceCite(source: Source | null, id?: string): Node {
  if (!source) return document.createTextNode(id ? `source “${id}” (not in the scenario's list)` : 'no source given');
  const href = safeHref(source.url);
  const label = source.title;
  const rest = [source.publisher, source.date ? sourceDate(source.date) : undefined].filter(Boolean).join(', ');
  return h(
    'span',
    { class: 'cite' },
    href ? h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }, label) : label,
    rest ? ` (${rest})` : '',
  );
}

/** A label that keeps supposed or unconfirmed items from reading as fact. */
export function caveatTag(kind: 'what-if' | 'unverified'): HTMLElement {
  return h('span', { class: `tag caveat`, attrs: { 'data-caveat': kind } }, kind === 'what-if' ? 'What-if: supposed' : 'Unverified');
}

/**
 * From a game of a real episode back to its replay: where the game left history (the game stays,
 * and the replay, like the title, offers the way back to it), or its start for a game played
 * from the start.
 */
export function backToHistory(scenarioId: string, step: number | null, dispatch: Dispatch): HTMLElement {
  const label = step === null ? 'Replay the real episode' : step === 0 ? 'Back to history: its start' : `Back to history: step ${step}`;
  return button(label, () => dispatch({ type: 'open-replay', id: scenarioId, position: step ?? 0 }), { key: 'back-to-history', class: 'secondary' });
}
