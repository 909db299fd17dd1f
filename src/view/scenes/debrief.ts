import type Phaser from 'phaser';
import type { IndicatorId } from '../../core/types';
import { fmt } from '../dom';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { compactIn, figure, fitText, text, type CompactAware } from './draw';
import { CANVAS_LEGEND, CANVAS_MARK } from '../figure-sources';

export interface DebriefSceneModel {
  title: string;
  trajectories: { id: IndicatorId; label: string; unit: string; values: number[]; without: number[] | null; history?: number[] | null; weight: number }[];
  talksEnded: number;
  withoutLabel: string | null;
  /** For a game of a real episode: history's path under the same seed, drawn as a second, dashed series. */
  historyLabel?: string | null;
  historyTalksEnded?: number | null;
}

/**
 * The debrief's charts: every indicator over the rounds, the talks shaded, the counterfactual
 * dotted, and for a real episode history's own path dashed, with hollow markers, in another
 * colour (so it reads without colour too).
 */
export class DebriefScene extends ScreenScene<DebriefSceneModel> implements CompactAware {
  /** A small canvas (a phone, or beside the debrief's wide first screen) shows fewer, larger charts. */
  readonly compactLayout = true;

  constructor() {
    super('debrief');
  }

  protected draw(): void {
    if (compactIn(this)) {
      this.drawCompact();
      return;
    }
    const p = stageContext.palette;
    const m = this.model;
    this.put(figure(text(this, 40, 18, m.title, { size: 32, bold: true, wrap: 1520 }), 'label'));
    const cols = 4;
    const cellW = 385;
    const cellH = 296;
    const left = 20;
    const top = 74;
    m.trajectories.forEach((t, i) => {
      const cx = left + (i % cols) * (cellW + 10);
      const cy = top + Math.floor(i / cols) * (cellH + 10);
      this.chart(t, cx, cy, cellW, cellH);
    });
    // Legend in the last cell.
    const i = m.trajectories.length;
    const lx = left + (i % cols) * (cellW + 10) + 16;
    const ly = top + Math.floor(i / cols) * (cellH + 10) + 10;
    const g = this.put(this.add.graphics());
    this.put(text(this, lx, ly, 'How to read these', { size: 20, bold: true }));
    g.fillStyle(p.surface2, 1);
    g.fillRect(lx, ly + 40, 40, 20);
    this.put(text(this, lx + 52, ly + 38, m.historyLabel ? 'the rounds of your talks' : 'the rounds of talks', { size: 17 }));
    g.lineStyle(3, p.ink, 1);
    g.lineBetween(lx, ly + 82, lx + 40, ly + 82);
    if (m.historyLabel) {
      g.fillStyle(p.ink, 1);
      g.fillCircle(lx + 20, ly + 82, 5);
    }
    this.put(text(this, lx + 52, ly + 72, m.historyLabel ? 'your game' : 'as played', { size: 17 }));
    if (m.withoutLabel) {
      this.dotted(g, [
        [lx, ly + 114],
        [lx + 40, ly + 114],
      ], p.bad);
      this.put(text(this, lx + 52, ly + 104, m.withoutLabel, { size: 17, wrap: 300 }));
    }
    if (m.historyLabel) {
      dashed(g, [
        [lx, ly + 114],
        [lx + 40, ly + 114],
      ], p.security);
      hollowMarker(g, lx + 20, ly + 114, p.security);
      this.put(text(this, lx + 52, ly + 104, m.historyLabel, { size: 17, wrap: 300 }));
    }
    this.put(text(this, lx, ly + 160, '★ counts in your score', { size: 17 }));
    if (!m.historyLabel) this.put(text(this, lx, ly + 188, '● trade gains  ■ security cost', { size: 17 }));
    // Every number on these charts is the model's, history's line included (the model replaying history's moves).
    this.put(text(this, lx, ly + (m.historyLabel ? 188 : 216), CANVAS_LEGEND.estimate, { size: 17 }));
  }

  /**
   * The compact layout: the indicators that count in the player's score (★), one a row across the
   * whole canvas, each with its name, its last value and history's, and its path; the rest are in
   * the panel's sections. Every word is at the least readable size.
   */
  private drawCompact(): void {
    const p = stageContext.palette;
    const m = this.model;
    const size = stageContext.minTextSize;
    const line = size * 1.25;
    const title = this.put(figure(text(this, 20, 8, m.title, { bold: true, wrap: 1560, maxLines: 1, keep: true }), 'label'));
    fitText(title, m.title, 1);
    const scored = m.trajectories.filter((t) => t.weight !== 0);
    const shown = (scored.length > 0 ? scored : m.trajectories).slice(0, 3);
    const lines = m.historyLabel ? `shaded: your talks · solid: your game · dashed: ${m.historyLabel}` : m.withoutLabel ? `shaded: the talks · solid: as played · dotted: ${m.withoutLabel}` : 'shaded: the talks';
    const legend = `${CANVAS_LEGEND.estimate} · ${lines}`;
    const top = 8 + line + 8;
    // the legend takes two lines when one does not hold it (a history's label is long), set
    // against the bottom; the charts take the rest
    const key = this.put(text(this, 20, 0, '', { color: p.muted, wrap: 1560, keep: true }));
    fitText(key, legend, 2);
    const bottom = 1000 - key.height - 4;
    key.setY(bottom);
    const rowH = (bottom - top) / shown.length;
    shown.forEach((t, i) => this.compactChart(t, 12, top + i * rowH, 1576, rowH - 10, size));
  }

  /** One indicator across the canvas: a line of words over its path, the talks shaded. */
  private compactChart(t: DebriefSceneModel['trajectories'][number], x: number, y: number, w: number, h: number, size: number): void {
    const p = stageContext.palette;
    const g = this.card(x, y, w, h);
    const last = t.values[t.values.length - 1]!;
    const unit = t.unit === '$B/yr' ? ' $B/yr' : '';
    const value = this.put(figure(text(this, x + w - 12, y + 4, `${CANVAS_MARK.estimate} ${fmt(last)}${unit}${t.history ? ` (history ${fmt(t.history[t.history.length - 1]!)})` : ''}`, { bold: true, originX: 1, keep: true }), 'estimate'));
    const label = this.put(text(this, x + 12, y + 4, '', { bold: true, wrap: Math.max(100, w - 36 - value.width), keep: true }));
    fitText(label, `${t.weight !== 0 ? '★ ' : ''}${t.label}`, 1);
    const plot = { x: x + 12, y: y + size * 1.3 + 8, w: w - 24, h: Math.max(20, h - size * 1.3 - 16) };
    const { X, Y } = plotScales(t, plot);
    g.fillStyle(p.surface2, 1);
    g.fillRect(plot.x, plot.y, X(this.model.talksEnded) - plot.x, plot.h);
    g.lineStyle(1, p.line, 1);
    g.strokeRect(plot.x, plot.y, plot.w, plot.h);
    if (t.without) this.dotted(g, t.without.map((v, r) => [X(r), Y(v)]), p.bad);
    g.lineStyle(4, p.ink, 1);
    for (let r = 1; r < t.values.length; r++) g.lineBetween(X(r - 1), Y(t.values[r - 1]!), X(r), Y(t.values[r]!));
    if (t.history) dashed(g, t.history.map((v, r) => [X(r), Y(v)]), p.security, 4);
  }

  /** A chart's card: its graphics, to draw the chart on. */
  private card(x: number, y: number, w: number, h: number): Phaser.GameObjects.Graphics {
    const p = stageContext.palette;
    const g = this.put(this.add.graphics());
    g.fillStyle(p.surface, 1);
    g.lineStyle(2, p.line, 1);
    g.fillRoundedRect(x, y, w, h, 10);
    g.strokeRoundedRect(x, y, w, h, 10);
    return g;
  }

  private dotted(g: Phaser.GameObjects.Graphics, pts: [number, number][], color: number): void {
    g.fillStyle(color, 1);
    for (let i = 1; i < pts.length; i++) {
      const [x0, y0] = pts[i - 1]!;
      const [x1, y1] = pts[i]!;
      const len = Math.hypot(x1 - x0, y1 - y0);
      for (let d = 0; d <= len; d += 7) g.fillCircle(x0 + ((x1 - x0) * d) / (len || 1), y0 + ((y1 - y0) * d) / (len || 1), 1.8);
    }
  }

  private chart(t: DebriefSceneModel['trajectories'][number], x: number, y: number, w: number, h: number): void {
    const p = stageContext.palette;
    const g = this.card(x, y, w, h);
    const star = t.weight !== 0 ? '★ ' : '';
    // The latest value is drawn first: the label wraps in the room it leaves (text may be enlarged to stay readable).
    const lastValue = t.values[t.values.length - 1]!;
    const valueText = this.put(figure(text(this, x + w - 12, y + 8, `${CANVAS_MARK.estimate} ${fmt(lastValue)}${t.unit === '$B/yr' ? ' $B/yr' : ''}`, { size: 19, bold: true, originX: 1 }), 'estimate'));
    const historyText = t.history ? this.put(figure(text(this, x + w - 12, y + 10 + valueText.height, `${CANVAS_MARK.estimate} history ${fmt(t.history[t.history.length - 1]!)}`, { size: 16, originX: 1, color: stageContext.palette.muted }), 'estimate')) : null;
    const right = Math.max(valueText.width, historyText?.width ?? 0);
    const title = this.put(text(this, x + 12, y + 8, '', { size: 19, bold: true, wrap: Math.max(60, w - 36 - right) }));
    fitText(title, `${star}${t.label}`, 2);
    const plot = { x: x + 60, y: y + 62, w: w - 76, h: h - 96 };
    const { X, Y, lo, hi, pad, n } = plotScales(t, plot);
    g.fillStyle(p.surface2, 1);
    g.fillRect(plot.x, plot.y, X(this.model.talksEnded) - plot.x, plot.h);
    g.lineStyle(1, p.line, 1);
    g.strokeRect(plot.x, plot.y, plot.w, plot.h);
    this.put(figure(text(this, plot.x - 10, plot.y, fmt(hi - pad), { size: 16, originX: 1, color: p.muted }), 'estimate'));
    this.put(figure(text(this, plot.x - 10, plot.y + plot.h, fmt(lo + pad), { size: 16, originX: 1, originY: 1, color: p.muted }), 'estimate'));
    this.put(figure(text(this, plot.x, plot.y + plot.h + 4, 'round 0', { size: 16, color: p.muted }), 'label'));
    this.put(figure(text(this, plot.x + plot.w, plot.y + plot.h + 4, `${n}`, { size: 16, color: p.muted, originX: 1 }), 'label'));
    if (t.without) this.dotted(g, t.without.map((v, r) => [X(r), Y(v)]), p.bad);
    const markEvery = Math.max(1, Math.round(n / 6));
    if (t.history) {
      // The game: solid, filled markers. History on top: dashed, in another colour, hollow
      // markers, so where the two coincide both still show.
      g.lineStyle(3, p.ink, 1);
      for (let r = 1; r < t.values.length; r++) g.lineBetween(X(r - 1), Y(t.values[r - 1]!), X(r), Y(t.values[r]!));
      g.fillStyle(p.ink, 1);
      for (let r = 0; r < t.values.length; r += markEvery) g.fillCircle(X(r), Y(t.values[r]!), 5);
      dashed(g, t.history.map((v, r) => [X(r), Y(v)]), p.security);
      for (let r = 0; r < t.history.length; r += markEvery) hollowMarker(g, X(r), Y(t.history[r]!), p.security);
    } else {
      const dashedOwn = t.id === 'us.securityCost';
      g.lineStyle(3, p.ink, 1);
      for (let r = 1; r < t.values.length; r++) {
        if (dashedOwn && r % 2 === 0) continue;
        g.lineBetween(X(r - 1), Y(t.values[r - 1]!), X(r), Y(t.values[r]!));
      }
      g.fillStyle(p.ink, 1);
      for (let r = 0; r < t.values.length; r += markEvery) {
        if (t.id.endsWith('tradeGains')) g.fillCircle(X(r), Y(t.values[r]!), 5);
        else if (dashedOwn) g.fillRect(X(r) - 5, Y(t.values[r]!) - 5, 10, 10);
      }
    }


  }
}

/** A trajectory's scales in its plot: rounds across, values up, a tenth of the range spare above and below. */
function plotScales(t: DebriefSceneModel['trajectories'][number], plot: { x: number; y: number; w: number; h: number }) {
  const all = [...t.values, ...(t.without ?? []), ...(t.history ?? [])];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 2) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.1;
  lo -= pad;
  hi += pad;
  const n = Math.max(t.values.length, t.without?.length ?? 0, t.history?.length ?? 0) - 1;
  const X = (r: number) => plot.x + (r / (n || 1)) * plot.w;
  const Y = (v: number) => plot.y + plot.h - ((v - lo) / (hi - lo)) * plot.h;
  return { X, Y, lo, hi, pad, n };
}

/** A dashed polyline: dashes of 12 and gaps of 7 along the whole path, so the pattern runs on across rounds. */
function dashed(g: Phaser.GameObjects.Graphics, pts: [number, number][], color: number, width = 3): void {
  g.lineStyle(width, color, 1);
  const dash = 12;
  const gap = 7;
  let phase = 0;
  for (let i = 1; i < pts.length; i++) {
    const [x0, y0] = pts[i - 1]!;
    const [x1, y1] = pts[i]!;
    const len = Math.hypot(x1 - x0, y1 - y0);
    let d = 0;
    while (d < len) {
      const inDash = phase < dash;
      const step = Math.min(len - d, inDash ? dash - phase : dash + gap - phase);
      if (inDash) {
        const a = d / (len || 1);
        const b = (d + step) / (len || 1);
        g.lineBetween(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b);
      }
      d += step;
      phase = (phase + step) % (dash + gap);
    }
  }
}

/** A ring, not a dot: where history and the game meet, the game's filled marker shows inside it. */
function hollowMarker(g: Phaser.GameObjects.Graphics, x: number, y: number, color: number): void {
  g.lineStyle(2.5, color, 1);
  g.strokeCircle(x, y, 7);
}
