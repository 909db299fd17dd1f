import type { Difficulty, IndicatorId } from '../../core/types';
import { describeWeights, DIFFICULTIES, doctrinesFor, INDICATORS, otherSide, SIDES } from '../../session/model';
import { formatDate, sideInSentence } from '../../session/text';
import { button, h, type Children } from '../dom';
import type { SetupChoice, ViewState } from '../state/app-state';
import { flagImg, notices } from './common';
import type { ScreenFn } from './screen';

export const DIFFICULTY_TEXT: Record<Difficulty, string> = {
  easy: 'Concedes readily, and your intelligence on its priorities is good.',
  normal: 'Bargains in earnest; your intelligence on it is patchy.',
  hard: 'Holds out for its best deal, and you know little of what it wants.',
};

export const setupScreen: ScreenFn = (state, dispatch) => {
  const { scenario, setup } = state;
  if (!scenario || !setup) return null;
  const branch = setup.branch;
  const seedInput = h('input', {
    id: 'seed',
    attrs: { type: 'text', 'aria-describedby': 'seed-help', autocomplete: 'off', spellcheck: 'false', 'data-key': 'seed' },
    value: setup.seed,
  });
  // The seed as typed so far goes with every change, so a re-drawn screen keeps it.
  const change = (c: Partial<Omit<SetupChoice, 'branch'>>) => dispatch({ type: 'change-setup', change: branch ? c : { seed: seedInput.value, ...c } });
  const radio = (name: string, value: string, checked: boolean, label: Children[], hint: Children[], onPick: () => void) => {
    const id = `${name}-${value}`;
    return h(
      'div',
      { class: 'choice' },
      h('input', { id, attrs: { type: 'radio', name, value, 'data-key': id, 'aria-describedby': `${id}-hint` }, checked, on: { change: onPick } }),
      h('span', null, h('label', { class: 'choice-label', attrs: { for: id } }, ...label), h('span', { id: `${id}-hint`, class: 'hint' }, ...hint)),
    );
  };
  const sides = h(
    'fieldset',
    null,
    h('legend', null, 'Your side'),
    ...SIDES.map((side) =>
      radio('side', side, setup.side === side, [flagImg(side), scenario.sides[side].label], [`At the table: ${scenario.sides[side].negotiators.join(', ')}. `, scenario.sides[side].description ?? ''], () => change({ side })),
    ),
  );
  const doctrines = h(
    'fieldset',
    null,
    h('legend', null, 'Your doctrine: what counts as a good outcome'),
    ...doctrinesFor(scenario, setup.side).map((d) => {
      const source = scenario.sources.find((s) => s.id === d.source);
      return radio(
        'doctrine',
        d.id,
        setup.doctrine === d.id,
        [d.label],
        [d.summary, h('br'), `Weighs: ${describeWeights(d)}.`, source ? h('br') : null, source ? `Source: ${source.title}${source.publisher ? ` (${source.publisher})` : ''}` : ''],
        () => change({ doctrine: d.id }),
      );
    }),
  );
  const ai = otherSide(setup.side);
  const hotSeat = !branch && setup.hotSeat === true;
  // Hot seat: a second student plays the other side at this device (not for a take-over of history).
  const opponent = branch
    ? null
    : h(
        'fieldset',
        null,
        h('legend', null, `Who plays ${sideInSentence(scenario.sides[ai].label)}`),
        radio('opponent', 'ai', !hotSeat, ['The AI'], ['Negotiate against the computer.'], () => change({ hotSeat: false })),
        radio('opponent', 'hot-seat', hotSeat, ['A second player at this device (hot seat)'], [`Two students share this screen. Between turns a hand-over screen hides each side's red lines and intelligence: pass the device when it asks.`], () => change({ hotSeat: true })),
      );
  const difficulty = hotSeat
    ? null
    : h(
        'fieldset',
        null,
        h('legend', null, `Your opponent: ${scenario.sides[ai].label}, played by the AI`),
        ...DIFFICULTIES.map((d) => radio('difficulty', d, setup.difficulty === d, [d[0]!.toUpperCase() + d.slice(1)], [DIFFICULTY_TEXT[d]], () => change({ difficulty: d }))),
      );
  const seedPart: Node[] = branch
    ? [h('p', null, h('strong', null, `Seed: ${setup.seed}. `), 'It is the replay’s, so the game starts from exactly the state the replay showed; chance then goes on as it would have.')]
    : [
        h('label', { attrs: { for: 'seed' } }, 'Seed'),
        seedInput,
        h('p', { id: 'seed-help', class: 'hint' }, 'The seed fixes every chance event. The same seed and the same moves always give the same game, so a class can play one seed and compare.'),
        h('div', { class: 'actions' }, button('New random seed', () => dispatch({ type: 'new-seed' }), { key: 'new-seed', class: 'secondary' })),
      ];
  const body: Node[] = [
    ...notices(state.notices),
    ...(branch ? [takeOverNote(state)] : []),
    sides,
    doctrines,
    ...(opponent ? [opponent] : []),
    ...(difficulty ? [difficulty] : []),
    ...seedPart,
    h(
      'div',
      { class: 'actions' },
      button('Continue to the briefing', () => dispatch({ type: 'continue-to-briefing', seed: seedInput.value }), { key: 'to-briefing' }),
      branch
        ? button('Back to the replay', () => dispatch({ type: 'open-replay', id: scenario.id, position: branch.step }), { key: 'back', class: 'secondary' })
        : button('Back', () => dispatch({ type: 'navigate', screen: 'choice' }), { key: 'back', class: 'secondary' }),
    ),
  ];
  const doctrine = scenario.doctrines.find((d) => d.id === setup.doctrine) ?? null;
  return {
    title: branch ? `Take over: ${scenario.title}` : `Set up: ${scenario.title}`,
    body,
    scene: {
      key: 'setup',
      model: {
        scenarioTitle: branch ? `${scenario.title}, after step ${branch.step}` : scenario.title,
        side: setup.side,
        labels: { us: scenario.sides.us.label, china: scenario.sides.china.label },
        difficulty: setup.difficulty,
        doctrine: doctrine && {
          label: doctrine.label,
          weights: (Object.entries(doctrine.weights) as [IndicatorId, number][]).filter(([, w]) => w !== 0).map(([id, weight]) => ({ label: INDICATORS[id].label, weight })),
        },
      },
    },
  };
};

/** Where a take-over starts: after which of history's steps, and the alternative played first, if any. */
function takeOverNote(state: ViewState): HTMLElement {
  const scenario = state.scenario!;
  const branch = state.setup!.branch!;
  const path = scenario.history?.path ?? [];
  const last = branch.step > 0 ? path[branch.step - 1] : undefined;
  const point = scenario.history?.decisionPoints.find((d) => d.step === branch.step);
  const alternative = branch.alternative === null ? undefined : point?.alternatives[branch.alternative];
  return h(
    'div',
    { class: 'message', attrs: { role: 'note', id: 'takeover-note' } },
    h(
      'p',
      null,
      h('strong', null, last ? `You take over after step ${branch.step} of ${path.length} (${formatDate(last.date)}). ` : 'You take over before history’s first step. '),
      last ? `History’s ${branch.step} step${branch.step === 1 ? '' : 's'} so far stay as they were; the last: ${last.account}` : 'Nothing has happened yet.',
    ),
    alternative?.move
      ? h('p', null, `Then, instead of what history did, ${sideInSentence(scenario.sides[alternative.move.side].label)} plays the alternative: “${alternative.label}”.`)
      : null,
    h('p', { class: 'hint' }, 'Pick your side below; the AI plays the other. Your result code will record where you took over.'),
  );
}
