import type { Debrief } from '../../session/debrief';
import type { DebriefFront } from '../../session/debrief-front';
import { fmt } from '../../session/format';
import { RATING_HELP } from '../../session/outcome';
import { otherSide } from '../../session/model';
import type { Side } from '../../core/types';
import { h } from '../dom';
import { flagImg } from './common';
import { dealChartFigure } from './deal-chart';
import { materialText } from './material-text';

/**
 * The debrief's first screen: the outcome, both sides' ratings on the bargaining-zone scale, the
 * joint value left on the table, the deal chart, the moves that mattered most and one question
 * to discuss. The rest of the debrief follows, collapsed by section.
 */
export function debriefFrontSection(d: Debrief, front: DebriefFront): HTMLElement {
  const scenario = d.scenario;
  const figure = (side: Side) => d.figures.find((f) => f.kind === 'rating' && f.side === side)!;
  const gap = d.figures.find((f) => f.kind === 'joint-gap')!;
  const card = (side: Side) => {
    const f = figure(side);
    const r = d.rating.sides[side];
    return h(
      'div',
      { class: 'rating-card', attrs: { 'data-rating-side': side } },
      h('p', { class: 'rating-who' }, flagImg(side), side === d.side ? `You: ${scenario.sides[side].label}` : scenario.sides[side].label),
      h(
        'p',
        { class: 'rating-number' },
        h('strong', { attrs: { 'data-rating': f.value === null ? 'null' : String(f.value) } }, f.text),
        f.value === null ? null : h('span', { class: 'hint' }, ' of 100'),
      ),
      h(
        'p',
        { class: 'hint rating-scale' },
        'Score ',
        h('span', { attrs: { 'data-value': String(r.value) } }, fmt(r.value, 2)),
        '; no deal ',
        h('span', { attrs: { 'data-no-deal': String(r.noDeal) } }, fmt(r.noDeal, 2)),
        r.best === null ? '' : '; best ratifiable ',
        r.best === null ? null : h('span', { attrs: { 'data-best': String(r.best) } }, fmt(r.best, 2)),
      ),
    );
  };
  const terms =
    d.outcome.kind === 'deal' && d.deal.length > 0
      ? h(
          'details',
          { class: 'terms' },
          h('summary', null, `The terms (${d.deal.length})`),
          h('ul', { class: 'plain' }, ...d.deal.map((i) => h('li', null, h('strong', null, `${i.issueLabel}: `), i.positionLabel, h('span', { class: 'hint' }, ` (was: ${i.currentLabel})`)))),
        )
      : null;
  // Two blocks: side by side on a wide screen (styles.css), so the whole first screen fits one
  // screen of a projector; one above the other on a phone.
  const main = h(
    'div',
    { class: 'front-main' },
    // The screen's heading says the outcome already: this heading is for the page's outline.
    h('h2', { id: 'outcome-title', class: 'visually-hidden' }, 'Outcome'),
    h('p', null, h('strong', { attrs: { 'data-outcome': d.outcome.kind } }, d.outcomeText)),
    terms,
    h(
      'div',
      { class: 'ratings', attrs: { role: 'group', 'aria-label': 'Ratings: 0 is no deal, 100 the best deal the other side would ratify' } },
      card(d.side),
      card(otherSide(d.side)),
      h(
        'div',
        { class: 'rating-card gap' },
        h('p', { class: 'rating-who' }, 'Left on the table'),
        h('p', { class: 'rating-number' }, h('strong', { attrs: { 'data-joint-gap': String(gap.value) } }, gap.text), h('span', { class: 'hint' }, ' points')),
        h('p', { class: 'hint rating-scale' }, gap.value === 0 ? 'On the efficient frontier.' : 'Both could have had this much more together.'),
      ),
    ),
    h(
      'details',
      { class: 'rating-help' },
      h('summary', { attrs: { 'data-key': 'rating-help' } }, 'How the outcome is rated: 0 is no deal, 100 the best deal the other side would ratify'),
      h('ul', { class: 'plain' }, ...d.figures.filter((f) => f.kind !== 'score').map((f) => h('li', null, h('strong', null, `${f.label}: ${f.text}. `), f.explanation))),
      ...materialText(RATING_HELP, 3),
    ),
    h('h3', { id: 'key-moves-title' }, 'The moves that mattered most'),
    front.keyMoves.length === 0
      ? h('p', null, 'No move changed what no deal was worth to you by more than a twentieth of a point.')
      : h(
          'ol',
          { class: 'plain key-moves', attrs: { 'aria-labelledby': 'key-moves-title' } },
          ...front.keyMoves.map((k) =>
            h('li', { attrs: { 'data-move-index': k.index } }, h('strong', null, `Round ${k.round}: `), k.text, ' ', h('span', { class: k.points > 0 ? 'good' : 'bad' }, k.why)),
          ),
        ),
  );
  const side = h(
    'div',
    { class: 'front-side' },
    dealChartFigure(front.chart, { id: 'deal-chart', emphasise: front.chart.games.map((_, i) => i) }),
    h('h3', null, 'To discuss'),
    h('p', { class: 'question', attrs: { 'data-question': '' } }, front.question),
  );
  return h('section', { class: 'debrief-front', attrs: { 'aria-labelledby': 'outcome-title' } }, main, side);
}
