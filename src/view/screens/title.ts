import { TAGLINE, type App, type ScreenView } from '../app';
import { button, h } from '../dom';

export function titleScreen(app: App): ScreenView {
  const body: Node[] = [h('p', { class: 'lede' }, TAGLINE)];
  if (app.titleMessage) {
    body.push(
      h(
        'div',
        { class: 'message error', attrs: { role: 'alert' } },
        h('p', null, app.titleMessage),
        app.backup
          ? button(`Resume the earlier autosave (${app.backup.scenario.title}, round ${app.backup.match.state.round})`, () => app.resumeBackup(), { key: 'resume-backup', class: 'secondary' })
          : null,
      ),
    );
  }
  const menu = h('ul', { class: 'menu', attrs: { 'aria-label': 'Main menu' } });
  const item = (label: string, hint: string, onClick: () => void, key: string, cls?: string) =>
    menu.appendChild(h('li', null, button([h('span', null, label), h('span', { class: 'hint' }, hint)], onClick, { key, ...(cls ? { class: cls } : {}) })));
  const match = app.match;
  if (match) {
    item(
      match.ended ? `Back to the debrief: ${match.scenario.title}` : `Resume your game: ${match.scenario.title}`,
      match.ended ? 'The game is over; see how it went and rewind if you like.' : `Round ${match.state.round} of ${match.scenario.rounds}, as you left it.`,
      () => app.go(match.ended ? 'debrief' : 'table'),
      'resume',
    );
  }
  item('Play solo', 'Pick a scenario and a side, and negotiate against the AI.', () => app.go('choice'), 'play-solo', match ? 'secondary' : undefined);
  item('History', 'Replay the real episodes of 2018–2026 step by step, with their sources; stop at a decision point and take over.', () => app.go('history'), 'history', 'secondary');
  item('Load a result code', 'Open a game someone played, from the code its debrief gave.', () => app.go('load-code'), 'load-code', 'secondary');
  item('Settings', 'Sound, reduced motion, text size, high contrast.', () => app.openSettings(), 'settings', 'secondary');
  body.push(h('nav', { attrs: { 'aria-label': 'Start' } }, menu));
  body.push(
    h(
      'p',
      { class: 'hint' },
      'Everything runs in this browser: no account, no server. Your game is saved here after every move, and a reload picks it up where you were.',
    ),
  );
  return { title: 'Bargaining Chips', body, scene: { key: 'title', model: { tagline: TAGLINE } } };
}
