import { historyEpisodes, type Episode } from '../../session/history-replay';
import { formatDates } from '../../session/text';
import { button, h } from '../dom';
import type { HistoryModel } from '../scenes/history';
import type { ViewState } from '../state/app-state';
import { caveatTag, notices } from './common';
import { glossaryLinker } from './material-view';
import { hasMaterials } from './materials-links';
import type { ScreenFn } from './screen';

/** The years the history screen's axis spans, widened if a scenario file reaches beyond them. */
export function historyYears(episodes: Episode[]): { from: number; to: number } {
  const years = episodes.flatMap((e) => [Number(e.start.slice(0, 4)), Number(e.end.slice(0, 4))]).filter(Number.isFinite);
  return { from: Math.min(2018, ...years), to: Math.max(2026, ...years) };
}

/** The episodes, as a list a screen reader and a keyboard can use, beside the timeline on the canvas. */
export const historyScreen: ScreenFn = (state, dispatch) => {
  const episodes = historyEpisodes(state.scenarios.entries.map((e) => e.scenario));
  const focus = (id: string) => dispatch({ type: 'highlight-episode', id });
  const link = glossaryLinker(state, dispatch);
  const list = h(
    'ol',
    { class: 'cards', attrs: { 'aria-label': 'The episodes, in the order they happened' } },
    ...episodes.map((e) =>
      h(
        'li',
        { class: 'card', attrs: { 'data-episode': e.id }, on: { mouseenter: () => focus(e.id), focusin: () => focus(e.id) } },
        h('h2', { id: `episode-${e.id}` }, e.title, e.whatIf ? caveatTag('what-if') : null),
        h('p', { class: 'dates' }, `${formatDates(e)} · ${e.steps} steps · ${e.decisionPoints} decision points`),
        h('p', { class: 'summary' }, ...link(e.summary)),
        h(
          'div',
          { class: 'actions' },
          button('Replay this episode', () => dispatch({ type: 'open-replay', id: e.id }), { key: `replay-${e.id}`, attrs: { 'aria-describedby': `episode-${e.id}` } }),
          hasMaterials(state, e.id) ? button('Teaching materials', () => dispatch({ type: 'open-materials', id: e.id, tab: 'background' }), { key: `materials-${e.id}`, class: 'secondary', attrs: { 'aria-describedby': `episode-${e.id}` } }) : null,
        ),
      ),
    ),
  );
  const body: Node[] = [
    ...notices(state.notices),
    h(
      'p',
      null,
      'Each episode replays what the two sides really did, move by move, with the date and source of every step, and the model’s indicators as it computes them. Stop at a decision point, then take over either side and play on against the AI.',
    ),
    episodes.length === 0 ? h('p', null, 'No scenario with a history section could be loaded.') : list,
    h(
      'div',
      { class: 'actions' },
      button('Glossary of terms', () => dispatch({ type: 'open-materials', id: null, tab: 'glossary' }), { key: 'glossary', class: 'secondary' }),
      button('Main menu', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'menu', class: 'secondary' }),
    ),
  ];
  return { title: 'History: the real episodes', body, scene: { key: 'history', model: historyModel(state, episodes) } };
};

function historyModel(state: ViewState, episodes: Episode[]): HistoryModel {
  return {
    episodes: episodes.map((e) => ({ id: e.id, title: e.title, start: e.start, end: e.end, whatIf: e.whatIf, steps: e.steps })),
    selected: state.highlight.episode,
    ...historyYears(episodes),
  };
}
