import { deadlineOf } from '../../session/model';
import { button, h } from '../dom';
import { flagImg } from './common';
import type { ScreenFn } from './screen';
import { atSentenceStart, sideInSentence } from '../../session/text';

/**
 * Hot seat: between turns the device changes hands, and nothing of either side's private view
 * (red lines, intelligence, the package being built) is on screen until the side to move says it
 * holds the device. Only what both sides saw at the table is said here.
 */
export const passDeviceScreen: ScreenFn = (state, dispatch) => {
  const match = state.match;
  const to = state.passTo;
  if (!match || !to || match.ended) return null;
  const scenario = match.scenario;
  const name = sideInSentence(scenario.sides[to].label);
  const other = atSentenceStart(sideInSentence(scenario.sides[to === 'us' ? 'china' : 'us'].label));
  const started = match.moves.length > 0;
  const body: Node[] = [
    h(
      'div',
      { class: 'handover', attrs: { 'data-pass-to': to } },
      h('p', { class: 'handover-to' }, flagImg(to), `Pass the device to ${name}.`),
      h('p', null, started ? `${other}: your move is made. Hand the device over and look away, so that your red lines and your intelligence stay yours.` : `The talks begin with ${name}. ${other}: look away until it is your turn.`),
      h('p', null, `Round ${match.state.round} of ${deadlineOf(scenario, match.state.options)}. Tension stands at ${Math.round(match.state.indicators.tension * 10) / 10} of 10.`),
    ),
    h('div', { class: 'actions' }, button(`I am ${name}: show my side`, () => dispatch({ type: 'take-device' }), { key: 'take-device' })),
  ];
  return { title: `Pass the device to ${name}`, body, scene: { key: 'title', model: { tagline: `Hot seat: ${atSentenceStart(name)} to move.` } } };
};
