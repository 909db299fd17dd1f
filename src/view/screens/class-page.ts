import { classCsv, classJson, ratingsCaption, ratingsScaleText, scenariosOf, type ClassDebrief, type RejectedEntry, type SideRatings } from '../../session/class-debrief';
import { RATING_HELP, ratingText } from '../../session/outcome';
import { button, columnHeads, download, h, signed, textHead } from '../dom';
import type { Dispatch } from '../state/actions';
import type { ClassDebriefScreen, ViewState } from '../state/app-state';
import { notices } from './common';
import { dealChartFigure } from './deal-chart';
import { materialText } from './material-text';
import type { ScreenFn } from './screen';

/**
 * The class page from result codes: the teacher pastes the codes the students handed in (or
 * opens a text or CSV file of them), each is verified by replay, every line that is not counted
 * is listed with its reason, and the class debrief follows. Names come from students: text only.
 */

function section(title: string, id: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { attrs: { 'aria-labelledby': id } }, h('h2', { id }, title), ...children.filter((c): c is Node => c !== null));
}

const OUTCOME_LABEL = { deal: 'Deal', walkout: 'Walkout', deadline: 'No deal by the deadline' } as const;

export const classPageScreen: ScreenFn = (state, dispatch) => {
  const page = state.classPage;
  const area = h('textarea', {
    id: 'class-codes',
    attrs: { rows: 6, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'class-codes-help', 'data-key': 'class-codes' },
    value: page.source ? '' : page.text.slice(0, 200_000),
  });
  const fileInput = h('input', {
    id: 'class-file',
    attrs: { type: 'file', accept: '.txt,.csv,text/plain,text/csv', 'data-key': 'class-file' },
    on: {
      change: (event) => {
        const input = event.target as HTMLInputElement;
        const file = input.files?.[0];
        if (!file) return;
        void file.text().then(
          (text) => dispatch({ type: 'class-read-codes', text, source: file.name }),
          () => dispatch({ type: 'class-read-codes', text: '\u0000', source: file.name }),
        );
      },
    },
  });
  const body: Node[] = [
    ...notices(state.notices),
    h('p', { id: 'class-codes-help' }, 'Paste the result codes your students handed in, one a line, each with the student’s name before it if they gave one (“Ana Li: bc1-…”), or open a text or CSV file of them. Every code is checked by replaying its game here; nothing is sent anywhere.'),
    h('label', { attrs: { for: 'class-codes' } }, 'Result codes'),
    area,
    h('div', { class: 'actions' }, button('Check the codes', () => dispatch({ type: 'class-read-codes', text: area.value }), { key: 'class-read' })),
    h('label', { attrs: { for: 'class-file' } }, 'Or open a file of codes (.txt or .csv)'),
    fileInput,
  ];
  if (page.problem) body.push(h('div', { class: 'message error', attrs: { role: 'alert' } }, h('p', null, page.source ? `${page.source}: ${page.problem}` : page.problem)));
  if (page.games.length > 0 || page.rejected.length > 0) body.push(...results(state, dispatch));
  body.push(h('div', { class: 'actions' }, button('Main menu', () => dispatch({ type: 'navigate', screen: 'title' }), { key: 'menu', class: 'secondary' })));
  return { title: 'Class page from result codes', body, scene: { key: 'title', model: { tagline: 'A class’s games, verified and compared.' } } };
};

function results(state: ViewState, dispatch: Dispatch): Node[] {
  const page = state.classPage;
  const out: Node[] = [];
  const from = page.source ? ` from ${page.source}` : '';
  out.push(
    h(
      'p',
      { class: 'message', attrs: { role: 'status', id: 'class-count' } },
      `${page.games.length} game${page.games.length === 1 ? '' : 's'} verified${from}`,
      page.rejected.length ? `; ${page.rejected.length} line${page.rejected.length === 1 ? '' : 's'} not counted (below, with the reasons).` : '.',
    ),
  );
  if (page.rejected.length > 0) {
    out.push(
      section(
        'Not counted',
        'class-rejected-title',
        h(
          'ul',
          // The reasons in the panel's own font; only each line's code in monospace (.hint.code).
          { class: 'rejected-list', id: 'class-rejected' },
          ...page.rejected.map((r) => h('li', { attrs: { 'data-line': r.line } }, h('strong', null, `Line ${r.line}${r.name ? ` (${r.name})` : ''}: `), `${r.reason}. `, h('span', { class: 'hint code' }, r.text))),
        ),
      ),
    );
  }
  const scenarios = scenariosOf(page.games);
  if (scenarios.length > 1) {
    out.push(
      section(
        'Scenarios in this list',
        'class-scenarios-title',
        h('p', { class: 'hint' }, 'A class debrief compares games of one scenario. Pick which to show.'),
        h(
          'div',
          { class: 'stack' },
          ...scenarios.map((s) =>
            button(`${s.title} (${s.count} game${s.count === 1 ? '' : 's'})`, () => dispatch({ type: 'class-show-scenario', id: s.id }), {
              key: `class-scenario-${s.id}`,
              class: s.id === page.scenarioId ? undefined : 'secondary',
              attrs: { 'aria-pressed': s.id === page.scenarioId ? 'true' : 'false' },
            }),
          ),
        ),
      ),
    );
  }
  if (page.debrief) out.push(...classDebriefView(page.debrief, dispatch, { id: 'class', open: 'class-page', rejected: page.rejected }));
  return out;
}

function ratingTable(r: SideRatings): HTMLElement {
  const total = r.bins.reduce((a, b) => a + b.count, 0) + r.unrated;
  const max = Math.max(1, ...r.bins.map((b) => b.count));
  return h(
    'table',
    { class: 'data rating-dist', attrs: { 'data-side': r.side } },
    h('caption', null, ratingsCaption(r)),
    columnHeads('Rating', 'Games', h('span', { class: 'visually-hidden' }, 'Bar')),
    h(
      'tbody',
      null,
      ...r.bins.map((b) =>
        h(
          'tr',
          null,
          h('th', { attrs: { scope: 'row' } }, b.label),
          h('td', null, String(b.count)),
          h('td', { class: 'bar-cell', attrs: { 'aria-hidden': 'true' } }, h('span', { class: `bar w${Math.round((b.count / max) * 10)}` })),
        ),
      ),
      r.unrated ? h('tr', null, h('th', { attrs: { scope: 'row' } }, 'no zone'), h('td', null, String(r.unrated)), h('td')) : null,
    ),
    h('tfoot', null, h('tr', null, h('th', { attrs: { scope: 'row' } }, 'All'), h('td', null, String(total)), h('td'))),
  );
}

/**
 * The class debrief as the class page and the live class show it: the summary, the chart, the
 * ratings per side, the chips the deals held, every game (to open its own debrief), the exports.
 */
export function classDebriefView(
  d: ClassDebrief,
  dispatch: Dispatch,
  options: { id: string; open: ClassDebriefScreen | null; emphasise?: readonly number[]; rejected?: readonly RejectedEntry[]; titled?: boolean },
): Node[] {
  const openFrom = options.open;
  const s = d.scenario.sides;
  const fileBase = `bargaining-chips-class-${d.scenario.id}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  const dealsCount = d.outcomes.deal;
  const summary = [
    h('ul', { class: 'plain', id: `${options.id}-summary` }, ...d.summary.map((x) => h('li', null, x))),
    h(
      'table',
      // Sized to its words (a label and its count side by side), not stretched across a projector's width.
      { class: 'data fit', id: `${options.id}-outcomes` },
      h('caption', null, 'Deals and breakdowns'),
      columnHeads('Outcome', 'Games'),
      h(
        'tbody',
        null,
        ...(['deal', 'walkout', 'deadline'] as const).map((k) => h('tr', { attrs: { 'data-outcome': k } }, h('th', { attrs: { scope: 'row' } }, OUTCOME_LABEL[k]), h('td', null, String(d.outcomes[k])))),
      ),
    ),
  ];
  return [
    // Under a heading of its own, or (the live class, whose section above already heads it
    // "Class debrief: <scenario>") without one: the same words twice, one under the other, read as a slip.
    options.titled === false ? h('div', { class: 'class-debrief-summary' }, ...summary) : section(`Class debrief: ${d.scenario.title}`, `${options.id}-debrief-title`, ...summary),
    section('The deal chart', `${options.id}-chart-title`, dealChartFigure(d.chart, { id: `${options.id}-dealchart`, numbered: true, emphasise: options.emphasise ?? [] })),
    section(
      'Ratings per side',
      `${options.id}-ratings-title`,
      h('p', { class: 'hint', id: `${options.id}-ratings-scale` }, ratingsScaleText(d.ratings)),
      // Side by side where the screen is wide (a projector), one above the other on a phone.
      h('div', { class: 'rating-pair' }, ratingTable(d.ratings.us), ratingTable(d.ratings.china)),
      // The scale as the solo debrief explains it (the same help, one press away; the hint above already says what 0 and 100 are).
      h('details', { class: 'rating-help' }, h('summary', { attrs: { 'data-key': `${options.id}-rating-help` } }, 'More on how the outcome is rated'), ...materialText(RATING_HELP, 3)),
    ),
    section(
      'Chips in the deals',
      `${options.id}-chips-title`,
      d.chips.length === 0
        ? h('p', null, 'No game ended in a deal.')
        : h(
            'table',
            { class: 'data fit', id: `${options.id}-chips` },
            h('caption', null, `How often each term was in the ${dealsCount} deal${dealsCount === 1 ? '' : 's'}`),
            columnHeads('Term', 'Deals', 'Share'),
            h('tbody', null, ...d.chips.map((c) => h('tr', null, h('th', { attrs: { scope: 'row' } }, c.label), h('td', null, String(c.count)), h('td', null, `${Math.round(c.share * 100)}%`)))),
          ),
    ),
    section(
      'Every game',
      `${options.id}-games-title`,
      h(
        'table',
        { class: 'data fit', id: `${options.id}-games` },
        h('caption', null, 'The numbers match the points on the chart'),
        // The ratings' columns say what they hold (a bare side's name over a number read as its score or its share).
        columnHeads('Game', textHead('Outcome'), `${s.us.label} rating`, `${s.china.label} rating`, openFrom ? h('span', { class: 'visually-hidden' }, 'Open') : null),
        h(
          'tbody',
          null,
          ...d.games.map((g) =>
            h(
              'tr',
              { attrs: { 'data-game': g.index, 'data-outcome': g.outcome } },
              h('th', { attrs: { scope: 'row' } }, g.label),
              h('td', { class: 'text' }, g.outcome === 'walkout' && g.by ? `${s[g.by].label} walked out, round ${g.round}` : g.outcome === 'deal' ? `Deal, round ${g.round}` : 'No deal by the deadline'),
              h('td', { attrs: { title: `value ${signed(g.mark.x, 1)}` } }, ratingText(g.mark.rating.sides.us.rating)),
              h('td', { attrs: { title: `value ${signed(g.mark.y, 1)}` } }, ratingText(g.mark.rating.sides.china.rating)),
              openFrom
                ? h('td', null, button('Open', () => dispatch({ type: 'class-open-game', index: g.index, from: openFrom }), { key: `${options.id}-open-${g.index}`, class: 'secondary small', attrs: { 'aria-label': `Open the debrief of ${g.label}` } }))
                : null,
            ),
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'no-print', attrs: { 'aria-labelledby': `${options.id}-export-title` } },
      h('h2', { id: `${options.id}-export-title` }, 'Export the class'),
      h(
        'div',
        { class: 'actions' },
        button('Download the class (CSV)', () => download(`${fileBase}.csv`, 'text/csv;charset=utf-8', classCsv(d)), { key: `${options.id}-csv`, class: 'secondary' }),
        button('Download the class (JSON)', () => download(`${fileBase}.json`, 'application/json', classJson(d, options.rejected ?? [])), { key: `${options.id}-json`, class: 'secondary' }),
      ),
    ),
  ];
}
