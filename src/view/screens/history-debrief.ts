import { compact } from '../../session/format';
import type { HistoryDebrief } from '../../session/history-debrief';
import { formatDate } from '../../session/text';
import type { Debrief } from '../../session/debrief';
import { columnHeads, h } from '../dom';
import { backToHistory, sourceCite } from './common';
import type { Dispatch } from '../state/actions';
import { bandText, lessonsShort } from './history-text';

/**
 * The debrief's side-by-side section for a game of a historical scenario: the game beside
 * history's path replayed under the same seed, on every real number of the outcome and at every
 * decision point. The charts on the canvas carry history as a second, dashed series.
 */
export function historySection(d: Debrief, hd: HistoryDebrief, dispatch: Dispatch): HTMLElement {
  const scenario = d.scenario;
  const path = scenario.history!.path;
  const metricRows = hd.metrics.map((m) =>
    h(
      'tr',
      { attrs: { 'data-metric': m.id } },
      // The unit in brackets, as the teaching notes give it: units such as "of 17" or "yes (1) or no (0)" do not follow "In".
      h('th', { attrs: { scope: 'row' } }, `${m.label} (${m.unit})`, h('span', { class: 'hint' }, ' Source: ', sourceCite(m.source, m.sourceId), '.'), m.fitted ? h('span', { class: 'tag' }, 'fitted') : null),
      h('td', { attrs: { 'data-expected': String(m.expected) } }, compact(m.expected), h('span', { class: 'hint band' }, ` ${bandText(m.band)}`)),
      h('td', { attrs: { 'data-history': String(m.history) } }, m.history === null ? '—' : compact(m.history), m.historyWhy ? h('span', { class: 'hint' }, ` ${m.historyWhy}`) : null),
      h(
        'td',
        { attrs: { 'data-game': String(m.game) } },
        m.game === null ? '—' : h('strong', null, compact(m.game)),
        m.game !== null ? h('span', { class: 'hint' }, m.gameInBand ? ' within history’s band' : ' differs from history') : null,
        m.gameWhy ? h('span', { class: 'hint' }, ` ${m.gameWhy}`) : null,
      ),
    ),
  );
  const decisionItems = hd.decisions.map((x) =>
    h(
      'li',
      { attrs: { 'data-decision': x.id, 'data-status': x.status, 'data-by-player': String(x.byPlayer) } },
      h('p', null, h('strong', null, `Before step ${x.step + 1}${x.date ? ` (${formatDate(x.date)})` : ''}, ${x.sideLabel}: `), x.question),
      h('p', null, h('span', { class: 'tag' }, x.status === 'different' ? 'different' : x.status === 'same' ? 'as history' : x.status === 'history' ? 'history' : 'not reached'), ` History: ${x.history}`),
      x.status === 'same' || x.status === 'different'
        ? h('p', null, x.verdict, x.gameMove ? ` ${x.gameMove}` : '', x.alternative ? ` That is one of the listed alternatives: “${x.alternative}”.` : '')
        : h('p', null, x.verdict),
      h('p', { class: 'hint' }, lessonsShort(x.lessons)),
    ),
  );
  const branchText = hd.branch
    ? hd.branch.last
      ? `You took over from history after step ${hd.branch.step} of ${path.length} (${formatDate(hd.branch.last.date)})`
      : 'You took over from history before its first step'
    : 'You played this episode from its start';
  return h(
    'section',
    { id: 'history-comparison', attrs: { 'aria-labelledby': 'history-title', 'data-seed': hd.seed, 'data-branched': String(hd.branch !== null) } },
    h('h2', { id: 'history-title' }, 'Your game against history'),
    h('p', null, `${branchText}. History’s own path is replayed here under your game’s seed (${hd.seed}), so what differs comes from the decisions, not from chance. History: `, h('strong', null, hd.historyOutcome), ' Your game: ', h('strong', null, d.outcomeText)),
    h('p', { class: 'hint' }, 'On the charts, history is the dashed line with hollow markers; your game is the solid line.'),
    h('div', { class: 'actions' }, backToHistory(scenario.id, hd.branch ? hd.branch.step : null, dispatch)),
    h(
      'table',
      { class: 'data', id: 'history-metrics' },
      h('caption', null, 'The real numbers: what happened, the model’s replay of history, and your game'),
      columnHeads('Measure', 'Real (band)', 'History, modelled', 'Your game'),
      h('tbody', null, ...metricRows),
    ),
    h('h3', null, 'The decision points'),
    h('ol', { class: 'plain', id: 'history-decisions' }, ...decisionItems),
  );
}
