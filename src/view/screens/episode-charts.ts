import type { HistoryReplay } from '../../session/history-replay';
import { INDICATORS } from '../../session/model';
import { MODEL_ESTIMATE } from '../../session/provenance';
import { fmt, h } from '../dom';

/**
 * The episode's most-moved indicators over its steps, as small SVG line charts in the panel, so a
 * printed handout carries them (the canvas is not printed). Drawn with DOM calls, numbers only.
 */

const SVG = 'http://www.w3.org/2000/svg';
const W = 300;
const H = 110;
const PAD = { left: 34, right: 8, top: 8, bottom: 20 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function chart(label: string, values: readonly number[], stepLabels: readonly string[]): SVGSVGElement {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * i) / Math.max(1, values.length - 1);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - (v - lo) / span);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'episode-chart' });
  const title = svg('title', {});
  title.textContent = `${label}: from ${fmt(values[0]!)} to ${fmt(values[values.length - 1]!)} over the episode (${MODEL_ESTIMATE})`;
  root.appendChild(title);
  root.appendChild(svg('line', { x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom, class: 'axis' }));
  root.appendChild(svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom, class: 'axis' }));
  for (const [v, yy] of [
    [hi, y(hi)],
    [lo, y(lo)],
  ] as const) {
    const t = svg('text', { x: PAD.left - 4, y: yy + 4, 'text-anchor': 'end', class: 'tick' });
    t.textContent = fmt(v);
    root.appendChild(t);
  }
  stepLabels.forEach((s, i) => {
    if (values.length > 12 && i % 2 === 1) return;
    const t = svg('text', { x: x(i), y: H - 6, 'text-anchor': 'middle', class: 'tick' });
    t.textContent = s;
    root.appendChild(t);
  });
  root.appendChild(svg('polyline', { points: values.map((v, i) => `${x(i)},${y(v)}`).join(' '), class: 'series' }));
  return root;
}

/** A figure of the charted indicators of a replay, from the start to the end of its path. */
export function episodeCharts(r: HistoryReplay): HTMLElement {
  const frames = r.frames.filter((f) => f.kind !== 'aftermath');
  const stepLabels = frames.map((f) => (f.kind === 'start' ? 'start' : String(f.position)));
  return h(
    'figure',
    { class: 'episode-charts' },
    h('figcaption', null, 'The model’s indicators over the real steps (start, then step by step). ', h('span', { class: 'tag estimate' }, MODEL_ESTIMATE)),
    h(
      'div',
      { class: 'chart-grid' },
      ...r.charted.map((id) =>
        h('div', { class: 'chart' }, h('p', { class: 'chart-label' }, INDICATORS[id].label), chart(INDICATORS[id].label, frames.map((f) => f.indicators[id]), stepLabels)),
      ),
    ),
  );
}
