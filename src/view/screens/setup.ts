import { INDICATORS } from '../../core/indicators';
import { doctrinesFor, otherSide } from '../../core/scenario-lookup';
import { describeWeights } from '../../core/scoring';
import type { Difficulty, IndicatorId, Side } from '../../core/types';
import { DIFFICULTIES, SIDES } from '../../core/types';
import type { App, ScreenView } from '../app';
import { button, h, type Children } from '../dom';
import { flagImg, notices } from './common';

export const DIFFICULTY_TEXT: Record<Difficulty, string> = {
  easy: 'Concedes readily, and your intelligence on its priorities is good.',
  normal: 'Bargains in earnest; your intelligence on it is patchy.',
  hard: 'Holds out for its best deal, and you know little of what it wants.',
};

export function setupScreen(app: App): ScreenView {
  const scenario = app.scenario!;
  const setup = app.setup!;
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
      radio('side', side, setup.side === side, [flagImg(side), scenario.sides[side].label], [`At the table: ${scenario.sides[side].negotiators.join(', ')}. `, scenario.sides[side].description ?? ''], () => app.updateSetup({ side })),
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
        () => app.updateSetup({ doctrine: d.id }),
      );
    }),
  );
  const ai = otherSide(setup.side);
  const difficulty = h(
    'fieldset',
    null,
    h('legend', null, `Your opponent: ${scenario.sides[ai].label}, played by the AI`),
    ...DIFFICULTIES.map((d) => radio('difficulty', d, setup.difficulty === d, [d[0]!.toUpperCase() + d.slice(1)], [DIFFICULTY_TEXT[d]], () => app.updateSetup({ difficulty: d }))),
  );
  const seedInput = h('input', {
    id: 'seed',
    attrs: { type: 'text', 'aria-describedby': 'seed-help', autocomplete: 'off', spellcheck: 'false', 'data-key': 'seed' },
    value: setup.seed,
    on: { change: (e) => (app.setup = { ...app.setup!, seed: (e.target as HTMLInputElement).value }) },
  });
  const body: Node[] = [
    ...notices(app.notices),
    sides,
    doctrines,
    difficulty,
    h('label', { attrs: { for: 'seed' } }, 'Seed'),
    seedInput,
    h('p', { id: 'seed-help', class: 'hint' }, 'The seed fixes every chance event. The same seed and the same moves always give the same game, so a class can play one seed and compare.'),
    h('div', { class: 'actions' }, button('New random seed', () => app.updateSetup({ seed: app.deps.randomSeed() }), { key: 'new-seed', class: 'secondary' })),
    h(
      'div',
      { class: 'actions' },
      button(
        'Continue to the briefing',
        () => {
          app.setup = { ...app.setup!, seed: seedInput.value };
          app.go('briefing');
        },
        { key: 'to-briefing' },
      ),
      button('Back', () => app.go('choice'), { key: 'back', class: 'secondary' }),
    ),
  ];
  const doctrine = scenario.doctrines.find((d) => d.id === setup.doctrine) ?? null;
  return {
    title: `Set up: ${scenario.title}`,
    body,
    scene: {
      key: 'setup',
      model: {
        scenarioTitle: scenario.title,
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
}

export function sideOf(value: string): Side {
  return value === 'china' ? 'china' : 'us';
}
