import { button, h } from '../dom';
import type { ScreenFn } from './screen';

export const loadCodeScreen: ScreenFn = (state, dispatch) => {
  const area = h('textarea', { id: 'code-input', attrs: { rows: 4, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'code-help' }, value: state.code.text });
  const body = [
    h('p', { id: 'code-help' }, 'A result code holds a whole game: the scenario, the seed, the options and every move (never the outcome, which the game recomputes). A finished game opens at its debrief; an unfinished one opens at the table so you can play on.'),
    h('label', { attrs: { for: 'code-input' } }, 'Result code'),
    area,
    state.code.error ? h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, state.code.error)) : null,
    h(
      'div',
      { class: 'actions' },
      button('Open this code', () => dispatch({ type: 'open-code', code: area.value }), { key: 'open-code' }),
      button('Back', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'back', class: 'secondary' }),
    ),
  ].filter((n): n is NonNullable<typeof n> => n !== null);
  return { title: 'Load a result code', body, scene: { key: 'title', model: { tagline: 'Open a game from its result code.' } } };
};
