import { NASH_HINT, type ChartMark, type DealChart } from '../../session/deal-chart';
import type { OutcomeKind } from '../../core/types';
import { h } from '../dom';

/**
 * The deal chart drawn as SVG in the panel: one component for a class (every game a point) and
 * for a live class's debrief. US value across, China value up; the no-deal point, the frontier of
 * ratifiable deals (the part better than no deal for both drawn heavier), the fair split (the Nash point), history's
 * outcome and the games. Marks differ by shape as well as colour; the styles are classes in
 * styles.css (the CSP allows no inline style). The picture is for the eye: the same facts are in
 * `chart.summary`, listed under it for a screen reader.
 */

const GAME_KEYS: Record<OutcomeKind, string> = { deal: 'Deal', walkout: 'Walkout', deadline: 'No deal by the deadline' };

const NS = 'http://www.w3.org/2000/svg';
const W = 480;
const H = 320;
const PAD = { left: 62, right: 16, top: 40, bottom: 58 };

/**
 * The chart's words keep their size on screen (12 CSS px for ticks, 13 for axes) however wide the
 * chart is drawn: the drawing scales with its box, so the text's size in the drawing's units is
 * set from the width it is drawn at (a CSS variable styles.css multiplies by; set through the
 * CSSOM, which the page's policy allows, unlike a style attribute).
 */
function keepTextSize(root: SVGSVGElement, onUnit?: (unit: number) => void): void {
  const set = (width: number) => {
    if (width <= 0) return;
    const unit = Number((W / width).toFixed(4));
    root.style.setProperty('--dc-unit', String(unit));
    onUnit?.(unit);
  };
  if (typeof ResizeObserver === 'undefined') return;
  new ResizeObserver((entries) => {
    for (const e of entries) set(e.contentRect.width);
  }).observe(root);
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** Numbers as a list a reader takes in at once: runs of consecutive ones as "1–4" ("1–4, 7, 9–10"). */
function numberList(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j === i ? String(numbers[i]) : j === i + 1 ? `${numbers[i]}, ${numbers[j]}` : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * The games' numbers on the chart, one label for the games drawn at (nearly) the same place: a
 * class whose pairs struck the same deal draws its points one over the other, and their numbers,
 * each drawn beside its point, were a blot ("1" under "2" under "3"). Within `near` (drawing
 * units) of a group's first point a game joins that group; the first carries every number of
 * its group ("1–4"), the others none (null).
 */
export function gameNumberLabels(points: readonly { x: number; y: number }[], near: number): (string | null)[] {
  const groups: { x: number; y: number; members: number[] }[] = [];
  const groupOf: number[] = [];
  points.forEach((p, i) => {
    const g = groups.findIndex((q) => Math.hypot(q.x - p.x, q.y - p.y) <= near);
    if (g >= 0) {
      groups[g]!.members.push(i);
      groupOf.push(g);
    } else {
      groupOf.push(groups.length);
      groups.push({ x: p.x, y: p.y, members: [i] });
    }
  });
  return points.map((_, i) => {
    const group = groups[groupOf[i]!]!;
    return group.members[0] === i ? numberList(group.members.map((m) => m + 1)) : null;
  });
}

/** A box in drawing units: its left, top, width and height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a label is drawn: its anchor point (`y` its middle line) and which end of the text sits there. */
export interface LabelPlace {
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
  box: Box;
}

const overlapArea = (a: Box, b: Box) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/** A text's box estimated from its length: digits, commas and dashes are about 0.6 of the font size wide. */
export const labelSize = (text: string, fontSize: number) => ({ w: text.length * fontSize * 0.6, h: fontSize });

/**
 * The games' number labels placed where they cover no mark and no other label: each label tries
 * its point's right, then its left, above, below and the four corners (then the same a little
 * farther out), and takes the first place that is free and inside `bounds`; with none free, the
 * place it covers least of. A walkout's
 * number beside the no-deal diamond (a walkout sits on no deal) was drawn on top of it.
 * `labels` in drawing order (a placed label is in the way of the next); `marks` every mark's box.
 */
export function placeLabels(labels: readonly { text: string; x: number; y: number; r: number }[], marks: readonly Box[], fontSize: number, bounds: Box): LabelPlace[] {
  const placed: Box[] = [];
  const gap = 2;
  return labels.map((l) => {
    const { w, h } = labelSize(l.text, fontSize);
    // The sides at the point's own distance first, then a little farther out (a mark on the same spot, larger than the point, covers the near ones).
    const candidates = [0, 1, 2, 3].flatMap((ring) => sides(l.x, l.y, l.r + gap + (ring * h) / 2, w, h));
    const outside = (b: Box) => Math.max(0, bounds.x - b.x) + Math.max(0, b.x + b.w - bounds.x - bounds.w) + Math.max(0, bounds.y - b.y) + Math.max(0, b.y + b.h - bounds.y - bounds.h);
    // Covering a mark or a label, or running off the chart, costs its area; the first free side wins.
    const cost = (p: LabelPlace) => [...marks, ...placed].reduce((sum, m) => sum + overlapArea(p.box, m), 0) + outside(p.box) * h;
    let best = candidates[0]!;
    let bestCost = Infinity;
    for (const p of candidates) {
      const k = cost(p);
      if (k < bestCost - 1e-9) {
        best = p;
        bestCost = k;
      }
      if (k === 0) break;
    }
    placed.push(best.box);
    return best;
  });
}

/** A label's eight places around a point at distance `d`: right, left, above, below, then the corners. */
function sides(x: number, y: number, d: number, w: number, h: number): LabelPlace[] {
  const c = d * 0.75;
  const l = { x, y };
  return [
    { x: l.x + d, y: l.y, anchor: 'start', box: { x: l.x + d, y: l.y - h / 2, w, h } },
    { x: l.x - d, y: l.y, anchor: 'end', box: { x: l.x - d - w, y: l.y - h / 2, w, h } },
    { x: l.x, y: l.y - d - h / 2, anchor: 'middle', box: { x: l.x - w / 2, y: l.y - d - h, w, h } },
    { x: l.x, y: l.y + d + h / 2, anchor: 'middle', box: { x: l.x - w / 2, y: l.y + d, w, h } },
    { x: l.x + c, y: l.y - c - h / 2, anchor: 'start', box: { x: l.x + c, y: l.y - c - h, w, h } },
    { x: l.x - c, y: l.y - c - h / 2, anchor: 'end', box: { x: l.x - c - w, y: l.y - c - h, w, h } },
    { x: l.x + c, y: l.y + c + h / 2, anchor: 'start', box: { x: l.x + c, y: l.y + c, w, h } },
    { x: l.x - c, y: l.y + c + h / 2, anchor: 'end', box: { x: l.x - c - w, y: l.y + c, w, h } },
  ];
}

export interface ChartOptions {
  /** An id prefix, unique on the page. */
  id: string;
  /** Games to draw emphasised (e.g. the student's own pair), by index into chart.games. */
  emphasise?: readonly number[];
  /** Number the game points 1, 2, … (a class list names them in the same order). */
  numbered?: boolean;
}

/** A figure with the chart and its summary in sentences. */
export function dealChartFigure(chart: DealChart, options: ChartOptions): HTMLElement {
  const { x, y } = chart;
  const px = (v: number) => PAD.left + ((v - x.min) / (x.max - x.min || 1)) * (W - PAD.left - PAD.right);
  const py = (v: number) => H - PAD.bottom - ((v - y.min) / (y.max - y.min || 1)) * (H - PAD.top - PAD.bottom);
  const titleId = `${options.id}-svg-title`;
  const descId = `${options.id}-desc`;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'deal-chart', role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId });
  root.appendChild(svg('title', { id: titleId }, chart.title));
  const clipId = `${options.id}-clip`;
  root.appendChild(svg('defs', {}, svg('clipPath', { id: clipId }, svg('rect', { x: PAD.left, y: PAD.top, width: W - PAD.left - PAD.right, height: H - PAD.top - PAD.bottom }))));

  // Axes, grid and ticks.
  const grid = svg('g', { class: 'dc-grid' });
  for (const t of x.ticks) {
    grid.appendChild(svg('line', { x1: px(t), x2: px(t), y1: PAD.top, y2: H - PAD.bottom }));
    grid.appendChild(svg('text', { x: px(t), y: H - PAD.bottom + 6, 'text-anchor': 'middle', 'dominant-baseline': 'hanging', class: 'dc-tick' }, String(t)));
  }
  for (const t of y.ticks) {
    grid.appendChild(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: py(t), y2: py(t) }));
    grid.appendChild(svg('text', { x: PAD.left - 6, y: py(t), 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'dc-tick' }, String(t)));
  }
  root.appendChild(grid);
  root.appendChild(svg('text', { x: W - PAD.right, y: H - 6, 'text-anchor': 'end', class: 'dc-axis' }, `${x.label} →`));
  // The vertical axis's name reads across, above it: a long doctrine name does not fit up its side.
  root.appendChild(svg('text', { x: 4, y: 6, 'text-anchor': 'start', 'dominant-baseline': 'hanging', class: 'dc-axis' }, `↑ ${y.label}`));

  // The no-deal cross-hairs: the quarter above and to the right is better than no deal for both.
  const nd = chart.noDeal;
  const plot = svg('g', { 'clip-path': `url(#${clipId})` });
  plot.appendChild(svg('line', { x1: px(nd.x), x2: px(nd.x), y1: PAD.top, y2: H - PAD.bottom, class: 'dc-nodeal-line' }));
  plot.appendChild(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: py(nd.y), y2: py(nd.y), class: 'dc-nodeal-line' }));
  if (chart.frontier.length > 0) {
    plot.appendChild(svg('polyline', { points: chart.frontier.map((f) => `${px(f.x)},${py(f.y)}`).join(' '), class: 'dc-frontier' }));
    const zone = chart.frontier.filter((f) => f.inZone);
    if (zone.length > 0) plot.appendChild(svg('polyline', { points: zone.map((f) => `${px(f.x)},${py(f.y)}`).join(' '), class: 'dc-zone' }));
  }
  root.appendChild(plot);

  const marks = svg('g', {});
  // Each mark says what and where it is in data attributes: the DOM can be checked against the session's figures.
  const at = (m: ChartMark) => ({ 'data-kind': m.kind, 'data-x': m.x, 'data-y': m.y });
  const diamond = (m: ChartMark, r: number, cls: string) =>
    svg('polygon', { points: `${px(m.x)},${py(m.y) - r} ${px(m.x) + r},${py(m.y)} ${px(m.x)},${py(m.y) + r} ${px(m.x) - r},${py(m.y)}`, class: cls, ...at(m) }, svg('title', {}, m.description));
  const triangle = (m: ChartMark, r: number, cls: string) =>
    svg('polygon', { points: `${px(m.x)},${py(m.y) - r} ${px(m.x) + r},${py(m.y) + r * 0.8} ${px(m.x) - r},${py(m.y) + r * 0.8}`, class: cls, ...at(m) }, svg('title', {}, m.description));
  marks.appendChild(diamond(nd, 8, 'dc-nodeal'));
  // The fair split is drawn over the best-deal triangles (on the Busan charts it sits on or by one of them, and drawn
  // first it was hidden under it); a best deal at the fair split's place is drawn larger, its rim round the fair split.
  const nash = chart.nash;
  const bestSize = (m: ChartMark) => (nash && Math.hypot(px(m.x) - px(nash.x), py(m.y) - py(nash.y)) < 8 ? 12 : 6);
  for (const best of [chart.best.us, chart.best.china]) if (best) marks.appendChild(triangle(best, bestSize(best), `dc-best dc-best-${best.side ?? ''}`));
  if (nash) marks.appendChild(triangle(nash, 8, 'dc-nash'));
  if (chart.history) {
    const m = chart.history;
    marks.appendChild(svg('circle', { cx: px(m.x), cy: py(m.y), r: 9, class: 'dc-history', ...at(m) }, svg('title', {}, m.description)));
  }
  const emphasised = new Set(options.emphasise ?? []);
  // Points closer than a label's height share one label.
  const numbers = options.numbered ? gameNumberLabels(chart.games.map((g) => ({ x: px(g.x), y: py(g.y) })), 10) : [];
  // Every mark's box, for the labels to keep off: the reference marks, then the games'.
  const square = (m: { x: number; y: number }, r: number): Box => ({ x: px(m.x) - r, y: py(m.y) - r, w: 2 * r, h: 2 * r });
  const markBoxes: Box[] = [
    square(nd, 8),
    ...(chart.nash ? [square(chart.nash, 8)] : []),
    ...[chart.best.us, chart.best.china].flatMap((m) => (m ? [square(m, bestSize(m))] : [])),
    ...(chart.history ? [square(chart.history, 9)] : []),
    ...chart.games.map((g, i) => square(g, emphasised.has(i) ? 7 : 5)),
  ];
  const labelTexts: SVGTextElement[] = [];
  const labelled = chart.games.flatMap((g, i) => (numbers[i] ? [{ text: numbers[i]!, x: px(g.x), y: py(g.y), r: emphasised.has(i) ? 7 : 5 }] : []));
  // Placed for the labels' size in drawing units, which changes with the width the chart is drawn at (see keepTextSize).
  const placeAll = (unit: number) => {
    const places = placeLabels(labelled, markBoxes, 12 * Math.max(unit, 0.652), { x: PAD.left, y: PAD.top - 10, w: W - PAD.left, h: H - PAD.top - PAD.bottom + 10 });
    places.forEach((p, i) => {
      const text = labelTexts[i]!;
      text.setAttribute('x', p.x.toFixed(1));
      text.setAttribute('y', p.y.toFixed(1));
      text.setAttribute('text-anchor', p.anchor);
    });
  };
  chart.games.forEach((g, i) => {
    const cx = px(g.x);
    const cy = py(g.y);
    const cls = `dc-game dc-${g.outcome}${emphasised.has(i) ? ' dc-mine' : ''}`;
    const r = emphasised.has(i) ? 7 : 5;
    const shape =
      g.outcome === 'deal'
        ? svg('circle', { cx, cy, r, class: cls })
        : g.outcome === 'walkout'
          ? svg('path', { d: `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`, class: cls })
          : svg('rect', { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r, class: cls });
    const group = svg('g', { 'data-game': i, ...at(g), ...(emphasised.has(i) ? { class: 'dc-mine-group', 'data-mine': 'true' } : {}) }, shape, svg('title', {}, g.description));
    const number = numbers[i];
    // Beside the point, on a side where it covers no other mark or label (placeAll).
    if (number) {
      const text = svg('text', { 'dominant-baseline': 'central', class: 'dc-label' }, number);
      labelTexts.push(text);
      group.appendChild(text);
    }
    marks.appendChild(group);
  });
  root.appendChild(marks);
  placeAll(1);
  keepTextSize(root, labelTexts.length > 0 ? placeAll : undefined);

  const legend = h(
    'ul',
    { class: 'dc-legend', attrs: { 'aria-hidden': 'true' } },
    h('li', null, h('span', { class: 'key key-nodeal' }), 'No deal'),
    chart.frontier.length ? h('li', null, h('span', { class: 'key key-zone' }), 'Deals both would ratify (bold: better than no deal for both)') : null,
    chart.nash ? h('li', null, h('span', { class: 'key key-nash' }), chart.nash.label, h('span', { class: 'dc-key-hint' }, `: ${NASH_HINT}`)) : null,
    chart.best.us || chart.best.china ? h('li', null, h('span', { class: 'key key-best' }), 'Each side’s best deal the other would ratify') : null,
    chart.history ? h('li', null, h('span', { class: 'key key-history' }), chart.history.label) : null,
    // The games' shapes that are on the chart (an empty class lists them all).
    ...(Object.keys(GAME_KEYS) as OutcomeKind[])
      .filter((kind) => chart.games.length === 0 || chart.games.some((g) => g.outcome === kind))
      .map((kind) => h('li', null, h('span', { class: `key key-${kind}` }), GAME_KEYS[kind])),
  );
  return h(
    'figure',
    { class: `deal-chart-figure${emphasised.size > 0 && emphasised.size < chart.games.length ? ' dc-some-mine' : ''}`, id: options.id, attrs: { 'data-games': chart.games.length } },
    root,
    legend,
    // The sentences one press away (the screen reader hears them as the chart's description).
    h('figcaption', null, h('details', { class: 'dc-words' }, h('summary', null, 'The chart in words'), h('ul', { class: 'plain hint', id: descId }, ...chart.summary.map((s) => h('li', null, s))))),
  );
}
