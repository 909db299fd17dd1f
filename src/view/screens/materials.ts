import type { Source } from '../../core/types';
import { titleOf, type MaterialDocument } from '../../session/materials';
import { MATERIAL_KINDS } from '../../session/material-set';
import { TAB_LABELS } from './materials-links';
import { button, h } from '../dom';
import type { Dispatch } from '../state/actions';
import type { MaterialTab, ViewState } from '../state/app-state';
import { findScenario } from '../state/selectors';
import { notices } from './common';
import { episodeCharts } from './episode-charts';
import { historyScreen } from './history';
import { definitionDom, materialDom } from './material-view';
import { replayScreen } from './replay';
import type { ScreenFn, ScreenView } from './screen';

/** A line to write one's name on, for the printed handout. */
function nameField(): HTMLElement {
  return h(
    'div',
    { class: 'name-field', attrs: { 'aria-label': 'For the printed handout' } },
    h('span', null, 'Name: ', h('span', { class: 'blank' })),
    h('span', null, 'Class: ', h('span', { class: 'blank short' })),
    h('span', null, 'Date: ', h('span', { class: 'blank short' })),
  );
}

function glossaryBody(state: ViewState, dispatch: Dispatch): Node[] {
  const g = state.lib!.history.materials.glossary;
  if (!g) return [h('p', null, 'The glossary could not be loaded.')];
  const sourceOf = (id: string): Source | null => g.sources.find((s) => s.id === id) ?? null;
  const terms = [...g.terms].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  return [
    h(
      'dl',
      { class: 'glossary', id: 'glossary-list' },
      ...terms.flatMap((t) => [
        h('dt', { id: `term-${t.id}`, attrs: { 'data-term-entry': t.id } }, t.term, t.aliases && t.aliases.length > 0 ? h('span', { class: 'hint' }, ` (also: ${t.aliases.join(', ')})`) : null),
        h('dd', null, ...definitionDom(t.definition, sourceOf, dispatch)),
      ]),
    ),
  ];
}

/**
 * An episode's teaching materials, one document at a time, as a printable handout: the
 * background brief, the role briefs, the teacher's guide, and the glossary. Reachable from the
 * history screens and the briefing; it returns to where it was opened from.
 */
export const materialsScreen: ScreenFn = (state, dispatch) => {
  const m = state.materials;
  const lib = state.lib;
  if (!m || !lib) return null;
  const scenario = m.id ? findScenario(state, m.id) : undefined;
  const docs = m.id ? lib.history.materials.materialsOf(m.id) : null;
  const tabs: MaterialTab[] = docs ? [...MATERIAL_KINDS.filter((k) => docs[k] !== null), 'glossary'] : ['glossary'];
  const tab = tabs.includes(m.tab) ? m.tab : tabs[0]!;
  const body: Node[] = [...notices(state.notices)];
  if (lib.history.materials.problems.length > 0)
    body.push(h('div', { class: 'message error', attrs: { role: 'alert' } }, h('ul', { class: 'problem-list' }, ...lib.history.materials.problems.map((p) => h('li', null, p)))));
  body.push(
    h(
      'nav',
      { class: 'material-tabs no-print', attrs: { 'aria-label': 'Teaching materials' } },
      ...tabs.map((t) => button(TAB_LABELS[t], () => dispatch({ type: 'open-materials', id: m.id, tab: t }), { key: `tab-${t}`, class: t === tab ? undefined : 'secondary', attrs: { 'aria-current': t === tab ? 'page' : null } })),
    ),
    h(
      'div',
      { class: 'actions no-print' },
      button('Print this handout', () => window.print(), { key: 'print' }),
      button('Back', () => dispatch({ type: 'close-materials' }), { key: 'materials-back', class: 'secondary' }),
    ),
    nameField(),
  );
  let title: string;
  if (tab === 'glossary') {
    title = 'Glossary';
    body.push(h('article', { class: 'material', attrs: { 'data-material': 'glossary' } }, ...glossaryBody(state, dispatch)));
  } else {
    const doc = docs![tab] as MaterialDocument;
    const sourceOf = (id: string): Source | null => scenario?.sources.find((s) => s.id === id) ?? null;
    title = `${TAB_LABELS[tab]}: ${scenario?.title ?? titleOf(doc) ?? m.id}`;
    const replay = scenario?.history ? lib.history.replayOf(scenario) : null;
    body.push(
      h(
        'article',
        { class: 'material', attrs: { 'data-material': tab } },
        ...materialDom(doc, sourceOf, dispatch),
        // The handouts a class reads beside the replay carry its figures.
        replay && tab !== 'roles' ? episodeCharts(replay) : null,
      ),
    );
  }
  return { title, body, scene: sceneOf(state, dispatch) };
};

/** The canvas behind the materials: the episode's replay at its end, else the timeline of episodes. */
function sceneOf(state: ViewState, dispatch: Dispatch): ScreenView['scene'] {
  const id = state.materials?.id;
  const scenario = id ? findScenario(state, id) : undefined;
  if (scenario?.history && state.lib) {
    const r = state.lib.history.replayOf(scenario);
    const view = replayScreen({ ...state, replaying: { id: scenario.id, position: r.frames.length - 1 } }, dispatch);
    if (view) return view.scene;
  }
  return historyScreen(state, dispatch)!.scene;
}
