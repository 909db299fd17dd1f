import { INDICATOR_LIST, otherSide, positionOf, replay } from '../../session/model';
import type { GameSpec, IssueCategory, Side } from '../../core/types';
import type { IntelItem, IntelLevel } from '../../session/ai';
import { atSentenceStart, CATEGORY_LABELS, describeMove, formatDate, objectiveName, sourceDate, possessive, sideInSentence } from '../../session/text';
import { button, h, safeHref } from '../dom';
import { pendingSpec } from '../state/selectors';
import { caveatTag, categoryIcon, flagImg } from './common';
import type { ScreenFn } from './screen';
import { estimateTag } from './figures';
import { glossaryLinker } from './material-view';
import { materialsButtons } from './materials-links';
import { packageFigureTag } from './table-figures';

const INTEL_BY_DIFFICULTY: Record<string, IntelLevel> = { easy: 'high', normal: 'medium', hard: 'low' };

export const briefingScreen: ScreenFn = (state, dispatch) => {
  const { scenario, setup, lib } = state;
  // A take-over starts where history stood; a new game from the scenario's status quo.
  const spec: GameSpec | null = pendingSpec(state);
  if (!scenario || !setup || !lib || !spec) return null;
  const side = setup.side;
  const ai = otherSide(side);
  const doctrine = scenario.doctrines.find((d) => d.id === setup.doctrine)!;
  const start = replay(scenario, spec.seed, spec.options, spec.moves).final;
  const level = INTEL_BY_DIFFICULTY[setup.difficulty] ?? 'medium';
  let intel: IntelItem[] = [];
  let intelProblem: string | null = null;
  try {
    intel = lib.ai.intelReport(scenario, spec, ai, level);
  } catch (error) {
    intelProblem = `No intelligence report is available: ${(error as Error).message}`;
  }
  const link = glossaryLinker(state, dispatch);
  const levers = (s: Side) =>
    h(
      'ul',
      { class: 'plain' },
      ...scenario.issues
        .filter((i) => i.holder === s)
        .map((issue) =>
          h(
            'li',
            null,
            categoryIcon(issue.category),
            h('strong', null, issue.label),
            ` (${CATEGORY_LABELS[issue.category].toLowerCase()}). Now: ${positionOf(scenario, issue.id, start.positions[issue.id] ?? issue.statusQuo).label}.`,
            packageFigureTag(scenario, issue.id, start.positions[issue.id] ?? issue.statusQuo),
            issue.description ? h('span', { class: 'hint' }, ' ', ...link(issue.description)) : null,
          ),
        ),
    );
  const leverNames = (s: Side) =>
    scenario.issues
      .filter((i) => i.holder === s)
      .map((i) => i.label)
      .join('; ');
  const weights = Object.entries(doctrine.weights).filter(([, w]) => w !== 0);
  const ranked = [...weights].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  // One screen: what you want, what each side can move, and the clock; the full text is one press away.
  const summary = h(
    'div',
    { class: 'briefing-summary', attrs: { 'data-briefing': 'summary' } },
    h(
      'p',
      { attrs: { 'data-summary': 'objectives' } },
      h('strong', null, 'Your objectives: '),
      `you are ${sideInSentence(scenario.sides[side].label)} (“${doctrine.label}”): `,
      ranked
        .map(([id, w]) => `${w > 0 ? 'raise' : 'lower'} ${objectiveName(INDICATOR_LIST.find((d) => d.id === id)!, side)}`)
        .join(', ') || 'nothing weighs in your score',
      '.',
    ),
    h('p', { attrs: { 'data-summary': 'your-levers' } }, h('strong', null, 'Your levers: '), `${leverNames(side)}.`),
    h('p', { attrs: { 'data-summary': 'their-levers' } }, h('strong', null, `${atSentenceStart(possessive(sideInSentence(scenario.sides[ai].label)))} levers: `), `${leverNames(ai)}.`),
    h(
      'p',
      { attrs: { 'data-summary': 'clock' } },
      h('strong', null, 'The clock: '),
      `${scenario.rounds} rounds to agree. A deal must pass at home: your domestic support must stay at ${scenario.sides[side].ratificationThreshold} of 100 or more. Your score is the average over the game and its aftermath, to round ${scenario.horizon}.`,
    ),
  );
  const branch = setup.branch;
  const path = scenario.history?.path ?? [];
  const actions = h(
    'div',
    { class: 'actions' },
    button('Sit down at the table', () => dispatch({ type: 'start-match' }), { key: 'start-match' }),
    button('Back', () => dispatch({ type: 'navigate', screen: 'setup' }), { key: 'back', class: 'secondary' }),
  );
  const full: Node[] = [
    h('p', null, ...link(scenario.description ?? scenario.summary)),
    h('div', { class: 'briefing-materials' }, h('p', { class: 'hint' }, scenario.history ? 'Background reading, the role briefs and the glossary:' : 'The glossary of the terms used here:'), materialsButtons(state, dispatch, scenario.id, 'briefing-materials')),
    ...(branch
      ? [
          h('h2', null, 'History so far'),
          branch.step === 0
            ? h('p', null, 'You take over before history’s first move.')
            : h('ol', { class: 'plain', id: 'history-so-far' }, ...path.slice(0, branch.step).map((p) => h('li', null, h('strong', null, `${formatDate(p.date)}: `), p.account, p.whatIf === true ? caveatTag('what-if') : null))),
          spec.moves.length > branch.step ? h('p', null, h('strong', null, 'Then: '), describeMove(scenario, spec.moves[branch.step]!, start, side === spec.moves[branch.step]!.side ? side : null)) : null,
          start.phase === 'negotiation' ? h('p', { class: 'hint' }, `The game stands in round ${start.round} of ${scenario.rounds}.`) : null,
        ].filter((x): x is NonNullable<typeof x> => x !== null)
      : []),
    h('h2', null, 'Your objectives'),
    h('p', null, flagImg(side), `Your side: ${scenario.sides[side].label}. Your doctrine: “${doctrine.label}”. ${doctrine.summary}`),
    h(
      'ul',
      { class: 'plain' },
      ...weights.map(([id, w]) => {
        const def = INDICATOR_LIST.find((d) => d.id === id)!;
        return h('li', null, h('strong', null, def.label), `: ${w > 0 ? 'more is better' : 'less is better'} (weight ${Math.abs(w).toFixed(1)}). `, h('span', { class: 'hint' }, def.meaning));
      }),
    ),
    h(
      'p',
      null,
      `You have ${scenario.rounds} rounds (${scenario.roundLength}). The model runs on to round ${scenario.horizon} whatever happens, and your score is the average over all of it. A deal must pass at home: if it would leave your domestic support below ${scenario.sides[side].ratificationThreshold}, it fails and the talks go on. A public threat you do not carry out costs you ${scenario.sides[side].audienceCost} points of support at home. `,
      estimateTag(),
    ),
    h('h2', null, 'The levers'),
    h('h3', null, flagImg(side), `You hold (${scenario.sides[side].label})`),
    levers(side),
    h('h3', null, flagImg(ai), `${atSentenceStart(sideInSentence(scenario.sides[ai].label))} holds`),
    levers(ai),
    h('h2', null, `What intelligence says of ${possessive(sideInSentence(scenario.sides[ai].label))} priorities`),
    h('p', { class: 'hint' }, `Your intelligence is ${level === 'high' ? 'good' : level === 'medium' ? 'patchy' : 'thin'} against a ${setup.difficulty} opponent. Treat it as an estimate, not a fact.`),
    intelProblem
      ? h('p', null, intelProblem)
      : h(
          'ul',
          { class: 'plain' },
          ...intel.map((item) => {
            const issue = scenario.issues.find((i) => i.id === item.issue);
            return h('li', null, h('strong', null, issue?.label ?? item.issue), `: ${item.weight === 'unknown' ? 'unknown' : `${item.weight} priority`} (${item.confidence}).`);
          }),
        ),
    h('h2', null, 'Sources'),
    h(
      'ul',
      { class: 'plain sources' },
      ...scenario.sources.map((s) => {
        const href = safeHref(s.url);
        const label = `${s.title}${s.publisher ? `, ${s.publisher}` : ''}${s.date ? `, ${sourceDate(s.date)}` : ''}`;
        return h('li', null, href ? h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer' } }, label) : label);
      }),
    ),
  ];
  const body: Node[] = [
    summary,
    actions,
    h(
      'details',
      // A take-over opens with history so far, which is in the full text.
      { class: 'full-briefing', attrs: { 'data-briefing': 'full', open: branch ? true : null } },
      h('summary', { attrs: { 'data-key': 'full-briefing' } }, 'Full briefing: background, every lever, intelligence, sources'),
      ...full,
    ),
  ];
  const values = start.indicators;
  const levelsBySide = (s: Side) => {
    const counts: Partial<Record<IssueCategory, number>> = {};
    for (const issue of scenario.issues.filter((i) => i.holder === s)) counts[issue.category] = (counts[issue.category] ?? 0) + 1;
    return counts;
  };
  return {
    title: `Briefing: ${scenario.title}`,
    body,
    scene: {
      key: 'briefing',
      model: {
        side,
        labels: { us: scenario.sides.us.label, china: scenario.sides.china.label },
        indicators: INDICATOR_LIST.map((d) => ({ label: d.label, unit: d.unit === 'index' ? '' : d.unit === 'ladder' ? 'of 10' : d.unit, min: d.min, max: d.max, value: values[d.id], weight: doctrine.weights[d.id] ?? 0 })),
        levers: { us: levelsBySide('us'), china: levelsBySide('china') },
      },
    },
  };
};
