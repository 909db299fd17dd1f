import type { CatalogEntry } from '../../session/catalog';
import { formatDates } from '../../session/text';
import { button, h } from '../dom';
import type { ChoiceModel } from '../scenes/choice';
import type { ViewState } from '../state/app-state';
import { categoryIcon, loadFailures, notices } from './common';
import type { ScreenFn } from './screen';

export const choiceScreen: ScreenFn = (state, dispatch) => {
  const entries = sortedEntries(state);
  const focusCard = (id: string) => dispatch({ type: 'highlight-scenario', id });
  const cards = h(
    'ul',
    { class: 'cards' },
    ...entries.map(({ scenario, origin, source }) =>
      h(
        'li',
        { class: 'card', attrs: { 'data-scenario': scenario.id }, on: { mouseenter: () => focusCard(scenario.id), focusin: () => focusCard(scenario.id) } },
        h('h2', { id: `card-${scenario.id}` }, scenario.title, scenario.fictional ? h('span', { class: 'tag' }, 'fictional') : null, origin === 'opened' ? h('span', { class: 'tag' }, `from ${source.file}`) : null),
        h('p', { class: 'dates' }, `${formatDates(scenario.dates)} · ${scenario.rounds} rounds`),
        h('p', { class: 'summary' }, scenario.summary),
        h('p', { class: 'hint' }, 'On the table:'),
        h('ul', { class: 'on-table' }, ...scenario.issues.map((issue) => h('li', null, categoryIcon(issue.category), issue.label))),
        button(`Play this scenario`, () => dispatch({ type: 'choose-scenario', id: scenario.id }), { key: `choose-${scenario.id}`, attrs: { 'aria-describedby': `card-${scenario.id}` } }),
      ),
    ),
  );
  const fileInput = h('input', {
    id: 'scenario-file',
    attrs: { type: 'file', accept: '.yaml,.yml,.json,application/json,text/yaml' },
    on: {
      change: (e) => {
        const input = e.target as HTMLInputElement;
        const file = input.files?.[0];
        if (!file) return;
        void file.text().then(
          (text) => dispatch({ type: 'open-scenario-file', file: { file: file.name, text } }),
          () => dispatch({ type: 'open-scenario-file', file: { file: file.name, text: '' } }),
        );
      },
    },
  });
  const body: Node[] = [
    ...notices(state.notices),
    ...loadFailures(state.scenarios.failures),
    entries.length === 0 ? h('p', null, 'No scenario could be loaded. Open a scenario file below.') : h('p', null, 'Each scenario is a real episode or a fictional sandbox. Pick one to choose your side.'),
    cards,
    h('h2', null, 'A scenario of your own'),
    h('p', { class: 'hint' }, 'Teachers can share scenario files (YAML or JSON, see the README). A file with problems is listed with each problem and its line; nothing else is affected.'),
    h('label', { attrs: { for: 'scenario-file' } }, 'Open a scenario file'),
    fileInput,
    h('div', { class: 'actions' }, button('Back', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'back', class: 'secondary' })),
  ];
  return { title: 'Choose a scenario', body, scene: { key: 'choice', model: choiceModel(state, entries) } };
};

/** Real episodes in the order they happened, then the fictional ones, then files the player opened. */
function sortedEntries(state: ViewState): CatalogEntry[] {
  const rank = (e: CatalogEntry) => (e.origin === 'opened' ? 2 : e.scenario.fictional ? 1 : 0);
  return [...state.scenarios.entries].sort((a, b) => rank(a) - rank(b) || a.scenario.dates.start.localeCompare(b.scenario.dates.start));
}

function choiceModel(state: ViewState, entries: CatalogEntry[]): ChoiceModel {
  const scenarios = entries.map((e) => e.scenario);
  return {
    scenarios: scenarios.map((s) => ({ id: s.id, title: s.title, start: s.dates.start, end: s.dates.end, fictional: s.fictional === true })),
    selected: state.highlight.scenario ?? scenarios[0]?.id ?? null,
  };
}
