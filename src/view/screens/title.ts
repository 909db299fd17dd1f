import { deadlineOf } from '../../session/model';
import { button, h } from '../dom';
import { TAGLINE } from '../scenes/title';
import { notices } from './common';
import type { ScreenFn } from './screen';

export const titleScreen: ScreenFn = (state, dispatch) => {
  const body: Node[] = [h('p', { class: 'lede' }, TAGLINE), ...notices(state.notices)];
  const backup = state.backup;
  if (state.titleMessage) {
    body.push(
      h(
        'div',
        { class: 'message error', attrs: { role: 'alert' } },
        h('p', null, state.titleMessage),
        backup
          ? button(`Resume the earlier autosave (${backup.scenario.title}, round ${backup.match.state.round})`, () => dispatch({ type: 'resume-backup' }), { key: 'resume-backup', class: 'secondary' })
          : null,
      ),
    );
  }
  const menu = h('ul', { class: 'menu', attrs: { 'aria-label': 'Main menu' } });
  const item = (label: string, hint: string, onClick: () => void, key: string, cls?: string) =>
    menu.appendChild(h('li', null, button([h('span', null, label), h('span', { class: 'hint' }, hint)], onClick, { key, ...(cls ? { class: cls } : {}) })));
  const match = state.match;
  if (match) {
    item(
      match.ended ? `Back to the debrief: ${match.scenario.title}` : `Resume your game: ${match.scenario.title}`,
      match.ended ? 'The game is over; see how it went and rewind if you like.' : `Round ${match.state.round} of ${deadlineOf(match.scenario, match.state.options)}, as you left it.`,
      () => dispatch({ type: 'navigate', screen: match.ended ? 'debrief' : state.passTo ? 'pass-device' : 'table' }),
      'resume',
    );
  }
  item('Play now', 'Busan 2025 as the United States, against the normal AI: a one-screen briefing, then the table.', () => dispatch({ type: 'play-now' }), 'play-now', match ? 'secondary' : undefined);
  item('Play solo', 'Pick a scenario and a side, and negotiate against the AI.', () => dispatch({ type: 'navigate', screen: 'choice' }), 'play-solo', 'secondary');
  item('History', 'Replay the real episodes of 2018–2026 step by step, with their sources; stop at a decision point and take over.', () => dispatch({ type: 'navigate', screen: 'history' }), 'history', 'secondary');
  item('Join a class', 'Your teacher runs a class: type its code and your name, and negotiate with a classmate.', () => dispatch({ type: 'navigate', screen: 'class-join' }), 'class-join', 'secondary');
  item('Run a class', 'For teachers, with the class server running (npm run serve): pair your students, watch every table, debrief together; or open a class you run, on any device, with its code and teacher key.', () => dispatch({ type: 'navigate', screen: 'class-run' }), 'class-run', 'secondary');
  item('Class page from result codes', 'For teachers: paste or open the codes your students handed in; each is verified, and the class debrief compares them.', () => dispatch({ type: 'navigate', screen: 'class-page' }), 'class-page', 'secondary');
  item('Load a result code', 'Open a game someone played, from the code its debrief gave.', () => dispatch({ type: 'navigate', screen: 'load-code' }), 'load-code', 'secondary');
  item('Settings', 'Sound, reduced motion, text size, high contrast.', () => dispatch({ type: 'open-settings' }), 'settings', 'secondary');
  body.push(h('nav', { attrs: { 'aria-label': 'Start' } }, menu));
  body.push(
    h(
      'p',
      { class: 'hint' },
      'Everything runs in this browser: no account, no server. Your game is saved here after every move, and a reload picks it up where you were.',
    ),
  );
  return { title: 'Bargaining Chips', body, scene: { key: 'title', model: { tagline: TAGLINE } } };
};
