import type { ChartMark, DealChart } from '../../session/deal-chart';
import { fmt } from '../../session/format';
import { h } from '../dom';

/**
 * The deal chart as an SVG figure, for a game's debrief and the class debrief alike: US value
 * across, China value up, the frontier of deals both sides could ratify (the part better than no
 * deal for both drawn solid), the no-deal point, the Nash point, each side's best deal, every
 * game and, for a real episode, history's outcome. Styled by classes only (the page's policy
 * allows no inline style); the figure's caption and a list give the same in words.
 */

const SVG = 'http://www.w3.org/2000/svg';
const W = 360;
const H = 300;
const PAD = { left: 52, right: 12, top: 12, bottom: 46 };

type Attrs = Record<string, string | number>;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export interface DealChartViewOptions {
  /** An id prefix, so two charts on one page keep their ids apart. */
  id?: string;
  /** Label each game's mark on the chart (off for a class of many games: the list names them). */
  labelGames?: boolean;
}

/** Where each kind of mark is drawn, and how a reader tells them apart without colour. */
const SHAPE: Record<ChartMark['kind'], string> = {
  'no-deal': '■',
  nash: '◆',
  best: '▲',
  game: '●',
  history: '★',
};

export function dealChartView(chart: DealChart, options: DealChartViewOptions = {}): HTMLElement {
  const id = options.id ?? 'deal-chart';
  const sx = (x: number) => PAD.left + ((x - chart.x.min) / (chart.x.max - chart.x.min || 1)) * (W - PAD.left - PAD.right);
  const sy = (y: number) => H - PAD.bottom - ((y - chart.y.min) / (chart.y.max - chart.y.min || 1)) * (H - PAD.top - PAD.bottom);
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'deal-chart-svg',
    role: 'img',
    'aria-labelledby': `${id}-title`,
    'aria-describedby': `${id}-summary`,
  });
  root.appendChild(svg('title', { id: `${id}-title` }, chart.title));
  const clipId = `${id}-clip`;
  root.appendChild(
    svg('clipPath', { id: clipId }, svg('rect', { x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right, height: H - PAD.top - PAD.bottom })),
  );
  // Grid and axes.
  const grid = svg('g', { class: 'grid' });
  for (const t of chart.x.ticks) {
    grid.appendChild(svg('line', { x1: sx(t), x2: sx(t), y1: PAD.top, y2: H - PAD.bottom }));
    grid.appendChild(svg('text', { x: sx(t), y: H - PAD.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, fmt(t, 1)));
  }
  for (const t of chart.y.ticks) {
    grid.appendChild(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: sy(t), y2: sy(t) }));
    grid.appendChild(svg('text', { x: PAD.left - 6, y: sy(t) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(t, 1)));
  }
  root.appendChild(grid);
  root.appendChild(svg('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 10, 'text-anchor': 'middle', class: 'axis-label' }, chart.x.label));
  root.appendChild(
    svg('text', { x: 14, y: (PAD.top + H - PAD.bottom) / 2, 'text-anchor': 'middle', class: 'axis-label', transform: `rotate(-90 14 ${(PAD.top + H - PAD.bottom) / 2})` }, chart.y.label),
  );
  const plot = svg('g', { 'clip-path': `url(#${clipId})` });
  // The zone: the region both sides prefer to no deal.
  const nd = chart.noDeal;
  plot.appendChild(svg('rect', { class: 'zone', x: sx(nd.x), y: PAD.top, width: Math.max(0, W - PAD.right - sx(nd.x)), height: Math.max(0, sy(nd.y) - PAD.top) }));
  // The frontier: dashed where it leaves the zone.
  if (chart.frontier.length > 1) {
    const d = chart.frontier.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
    plot.appendChild(svg('path', { class: 'frontier-all', d }));
    const inZone = chart.frontier.filter((p) => p.inZone);
    if (inZone.length > 1)
      plot.appendChild(svg('path', { class: 'frontier-zone', d: inZone.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ') }));
  }
  for (const p of chart.frontier) plot.appendChild(svg('circle', { class: p.inZone ? 'frontier-point in-zone' : 'frontier-point', cx: sx(p.x), cy: sy(p.y), r: 3 }));
  root.appendChild(plot);
  // The marks, with a shape each (colour is not the only cue).
  const marks: ChartMark[] = [
    nd,
    ...(chart.nash ? [chart.nash] : []),
    ...(chart.best.us ? [chart.best.us] : []),
    ...(chart.best.china ? [chart.best.china] : []),
    ...(chart.history ? [chart.history] : []),
    ...chart.games,
  ];
  const layer = svg('g', { class: 'marks' });
  for (const m of marks) {
    const x = sx(m.x);
    const y = sy(m.y);
    const cls = `mark mark-${m.kind}${m.side ? ` mark-${m.side}` : ''}`;
    const g = svg('g', { class: cls, 'data-kind': m.kind, 'data-x': m.x, 'data-y': m.y });
    g.appendChild(svg('title', {}, m.description));
    g.appendChild(svg('text', { x, y: y + 6, 'text-anchor': 'middle', class: 'glyph' }, SHAPE[m.kind]));
    // Only the games are labelled on the plot (the other marks crowd together near the frontier): the caption keys the shapes.
    if (m.kind === 'game' && options.labelGames !== false) {
      const right = x < W - 110;
      g.appendChild(svg('text', { x: right ? x + 12 : x - 12, y: y - 8, 'text-anchor': right ? 'start' : 'end', class: 'mark-label' }, m.label));
    }
    layer.appendChild(g);
  }
  root.appendChild(layer);
  const legend = h(
    'ul',
    { class: 'chart-legend' },
    ...marks.map((m) => h('li', { attrs: { 'data-kind': m.kind } }, h('span', { class: `legend-glyph mark-${m.kind}${m.side ? ` mark-${m.side}` : ''}`, attrs: { 'aria-hidden': 'true' } }, SHAPE[m.kind]), ` ${m.description}`)),
    h('li', null, h('span', { class: 'legend-glyph frontier', attrs: { 'aria-hidden': 'true' } }, '—'), ' The efficient frontier: deals both sides would ratify that neither could improve on without the other losing (solid where both prefer them to no deal).'),
  );
  return h(
    'figure',
    { class: 'deal-chart', id },
    root,
    h(
      'figcaption',
      null,
      `Values judged at ${chart.judgedAt}. ${SHAPE['no-deal']} no deal, ${SHAPE.nash} Nash point, ${SHAPE.best} best for a side, ${SHAPE.game} ${chart.games.length === 1 ? 'this game' : 'a game'}${chart.history ? `, ${SHAPE.history} ${chart.history.label.toLowerCase()}` : ''}; the shaded box is better than no deal for both.`,
    ),
    h(
      'details',
      { class: 'chart-legend-box' },
      h('summary', null, 'The chart in words'),
      h('p', { id: `${id}-summary` }, chart.summary.join(' ')),
      legend,
    ),
  );
}
