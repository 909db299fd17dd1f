import type Phaser from 'phaser';
import type { IndicatorId, Side } from '../../core/types';
import { fmt } from '../dom';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { compactIn, figure, fitFirst, fitText, text, type CompactAware } from './draw';
import { CANVAS_LEGEND, CANVAS_MARK, markedLabel } from '../figure-sources';

const HAS_FIGURE = /\d/;

export interface ReplayNode {
  kind: 'start' | 'step' | 'aftermath';
  /** Whose move it was (steps only). */
  side: Side | null;
  /** A short date for under the node, e.g. "3 May" or "May". */
  date: string;
  /** History's move here was a choice (a decision point comes just before it). */
  decision: boolean;
  whatIf: boolean;
}

export interface ReplayModel {
  title: string;
  whatIf: boolean;
  position: number;
  /** e.g. "Step 3 of 7 · 3 May 2018 · United States". */
  heading: string;
  /** The heading without who moved, where the full one does not fit. */
  headingShort: string;
  /** The account of the current step (untrusted scenario text, drawn as text). */
  account: string;
  nodes: ReplayNode[];
  charts: { id: IndicatorId; label: string; unit: string; values: number[] }[];
  labels: Record<Side, string>;
  /** A decision point comes next: its question, shown under the account. */
  decision: string | null;
}

const SIDE_SHORT: Record<Side, string> = { us: 'US', china: 'CN' };

/**
 * The replay's canvas: the path as a row of numbered steps (whose move, when, where history
 * chose), the current step's account in large type for the back of the room, and the model's
 * indicators over the steps so far, the rest of the path drawn faint.
 */
export class ReplayScene extends ScreenScene<ReplayModel> implements CompactAware {
  /** A small canvas (a phone): the step's heading, the path, and three charts; the account is in the panel. */
  readonly compactLayout = true;

  constructor() {
    super('replay');
  }

  protected draw(): void {
    if (compactIn(this)) {
      this.drawCompact();
      return;
    }
    const p = stageContext.palette;
    const m = this.model;
    this.put(figure(text(this, 48, 22, m.title, { size: 34, bold: true, wrap: m.whatIf ? 1280 : 1500, maxLines: 1 }), 'label'));
    if (m.whatIf) this.tag(1552, 26, 'WHAT-IF: supposed, not history');
    // The heading's date, the path's dates, the account and the question are history's, from the
    // sources the panel names beside each step; the charts are the model's.
    const legend = [
      this.put(text(this, 1552, 70, `${CANVAS_MARK.source} history’s sources (named in the panel): the dates, the account`, { size: 19, originX: 1, color: p.muted })),
      this.put(text(this, 1552, 98, `${CANVAS_LEGEND.estimate}: the charts`, { size: 19, originX: 1, color: p.muted })),
    ];
    // The heading stops short of the legend beside it: a long side ("China (and ByteDance)") is
    // dropped first, as the path's node already says whose move it was.
    const room = 1552 - Math.max(...legend.map((t) => t.width)) - 24 - 50;
    fitFirst(this.put(figure(text(this, 50, 76, '', { size: 27, bold: true, color: p.accent, wrap: room }), 'source')), this.headings(''), 1);
    const below = this.path(90, 1490, 196);
    const account = this.put(figure(text(this, 50, Math.max(292, below + 6), markedLabel(m.account, HAS_FIGURE.test(m.account) ? 'source' : null), { size: 27, wrap: 1500, maxLines: 3 }), 'source'));
    if (m.decision) {
      const y = account.y + account.height + 12;
      this.put(figure(text(this, 50, y, `◆ Decision point next: ${markedLabel(m.decision, HAS_FIGURE.test(m.decision) ? 'source' : null)}`, { size: 24, bold: true, wrap: 1500, maxLines: 1, color: p.accent }), 'source'));
    }
    const cols = 3;
    const cellW = 502;
    const cellH = 262;
    m.charts.forEach((c, i) => this.chart(c, 24 + (i % cols) * (cellW + 14), 448 + Math.floor(i / cols) * (cellH + 14), cellW, cellH));
  }

  /** The heading in full, then without the side, each marked as history's where it holds a figure. */
  private headings(prefix: string): string[] {
    return [this.model.heading, this.model.headingShort].map((h) => `${prefix}${markedLabel(h, HAS_FIGURE.test(h) ? 'source' : null)}`);
  }

  /**
   * The compact layout: the step's heading, the path (its shapes say whose move, where history
   * chose and where we are; the panel has the dates), and the first indicators one a row across
   * the canvas with their values. Every word at the least readable size.
   */
  private drawCompact(): void {
    const p = stageContext.palette;
    const m = this.model;
    const line = stageContext.minTextSize * 1.25;
    fitFirst(this.put(figure(text(this, 20, 8, '', { bold: true, wrap: 1560, color: p.accent, keep: true }), 'source')), this.headings(m.whatIf ? 'WHAT-IF · ' : ''), 1);
    const k = 1.5;
    const pathY = 8 + line + 8 + 33 * k;
    this.path(60, 1540, pathY, k);
    const top = pathY + 33 * k + 12;
    const bottom = 1000 - line - 4;
    const shown = m.charts.slice(0, 3);
    const rowH = (bottom - top) / Math.max(1, shown.length);
    shown.forEach((c, i) => this.compactChart(c, 12, top + i * rowH, 1576, rowH - 10));
    const legend = `${CANVAS_MARK.source} sources in the panel · ${CANVAS_LEGEND.estimate}`;
    fitText(this.put(text(this, 20, bottom, '', { color: p.muted, wrap: 1560, keep: true })), legend, 1);
  }

  /** One indicator across the canvas: its name and value over its path, the steps to come faint. */
  private compactChart(c: ReplayModel['charts'][number], x: number, y: number, w: number, h: number): void {
    const p = stageContext.palette;
    const g = this.card(x, y, w, h);
    const now = c.values[Math.min(this.model.position, c.values.length - 1)]!;
    const value = this.put(figure(text(this, x + w - 12, y + 4, `${CANVAS_MARK.estimate} ${fmt(now)}${c.unit === '$B/yr' ? ' $B/yr' : ''}`, { bold: true, originX: 1, color: p.accent, keep: true }), 'estimate'));
    fitText(this.put(text(this, x + 12, y + 4, '', { bold: true, wrap: Math.max(100, w - 36 - value.width), keep: true })), c.label, 1);
    const textH = stageContext.minTextSize * 1.3;
    this.plot(g, c, { x: x + 12, y: y + textH + 8, w: w - 24, h: Math.max(20, h - textH - 16) }, 2);
  }

  private tag(right: number, y: number, label: string): void {
    const p = stageContext.palette;
    const t = text(this, right - 14, y + 6, label, { size: 19, bold: true, originX: 1, color: p.bad });
    const g = this.put(this.add.graphics());
    g.lineStyle(2, p.bad, 1);
    g.strokeRoundedRect(right - t.width - 28, y, t.width + 28, 36, 18);
    this.put(t);
  }

  /**
   * The path: start, each step, the model's end; past steps solid, the current one ringed, the
   * rest faint. Its shapes are drawn `k` times their size (larger where its words are hidden).
   * Returns how far down its words reach.
   */
  private path(x0: number, x1: number, y: number, k = 1): number {
    const p = stageContext.palette;
    const m = this.model;
    const n = m.nodes.length;
    const X = (i: number) => x0 + (i / Math.max(1, n - 1)) * (x1 - x0);
    const g = this.put(this.add.graphics());
    g.lineStyle(4, p.line, stageContext.highContrast ? 0.45 : 1);
    g.lineBetween(X(0), y, X(n - 1), y);
    g.lineStyle(6, p.ink, 1);
    g.lineBetween(X(0), y, X(Math.min(m.position, n - 1)), y);
    let bottom = y + 33 * k;
    m.nodes.forEach((node, i) => {
      const cx = X(i);
      const done = i <= m.position;
      const alpha = done ? 1 : 0.4;
      if (node.kind === 'step' && node.side) {
        g.fillStyle(node.side === 'us' ? p.us : p.china, alpha);
        g.fillCircle(cx, y, 22 * k);
        if (node.whatIf) {
          g.lineStyle(3, p.bad, alpha);
          g.strokeCircle(cx, y, 26 * k);
        }
        // On the side's colour: white, or black on the light high-contrast fills.
        const ink = stageContext.highContrast ? p.bg : 0xffffff;
        this.put(text(this, cx, y, SIDE_SHORT[node.side], { size: 17, bold: true, originX: 0.5, originY: 0.5, color: ink })).setAlpha(alpha);
      } else {
        g.fillStyle(p.surface, 1);
        g.lineStyle(4, p.ink, alpha);
        g.fillCircle(cx, y, 16 * k);
        g.strokeCircle(cx, y, 16 * k);
      }
      if (node.decision) {
        // A diamond before the step: the choice history made here could have gone otherwise.
        const dx = X(i - 0.5);
        g.fillStyle(p.surface, 1);
        g.lineStyle(3, p.accent, 1);
        const d = 15 * k;
        g.beginPath();
        g.moveTo(dx, y - d);
        g.lineTo(dx + d, y);
        g.lineTo(dx, y + d);
        g.lineTo(dx - d, y);
        g.closePath();
        g.fillPath();
        g.strokePath();
        this.put(text(this, dx, y, '?', { size: 17, bold: true, originX: 0.5, originY: 0.5, color: p.accent }));
      }
      if (i === m.position) {
        g.lineStyle(5, p.accent, 1);
        g.strokeCircle(cx, y, 33 * k);
        this.put(text(this, cx, y - 44, '▼', { size: 20, originX: 0.5, originY: 1, color: p.accent }));
      }
      const label = node.kind === 'start' ? 'Start' : node.kind === 'aftermath' ? 'Model’s end' : `${i}`;
      const under = this.put(figure(text(this, cx, y + 38, label, { size: 19, bold: true, originX: 0.5, color: done ? p.ink : p.muted }), 'label'));
      // The date under the label, however large both are drawn to stay readable.
      const date = node.date ? this.put(figure(text(this, cx, y + 38 + Math.max(24, under.height), node.date, { size: 17, originX: 0.5, color: p.muted }), 'source')) : null;
      bottom = Math.max(bottom, date ? date.y + date.height : under.y + under.height);
    });
    return bottom;
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

  private chart(c: ReplayModel['charts'][number], x: number, y: number, w: number, h: number): void {
    const p = stageContext.palette;
    const g = this.card(x, y, w, h);
    const now = c.values[Math.min(this.model.position, c.values.length - 1)]!;
    this.put(text(this, x + 14, y + 10, markedLabel(c.label, 'estimate'), { size: 21, bold: true, wrap: w - 150, maxLines: 1 }));
    this.put(figure(text(this, x + w - 14, y + 8, `${fmt(now)}${c.unit === '$B/yr' ? ' $B/yr' : ''}`, { size: 24, bold: true, originX: 1, color: p.accent }), 'estimate'));
    const plot = { x: x + 64, y: y + 54, w: w - 84, h: h - 90 };
    const { Y, lo, hi } = this.plot(g, c, plot);
    this.put(figure(text(this, plot.x - 8, Y(hi), fmt(hi), { size: 16, originX: 1, originY: 0.5, color: p.muted }), 'estimate'));
    this.put(figure(text(this, plot.x - 8, Y(lo), fmt(lo), { size: 16, originX: 1, originY: 0.5, color: p.muted }), 'estimate'));
    this.put(text(this, plot.x, plot.y + plot.h + 6, 'start', { size: 16, color: p.muted }));
    this.put(text(this, plot.x + plot.w, plot.y + plot.h + 6, 'model’s end', { size: 16, color: p.muted, originX: 1 }));
  }

  /** An indicator's path in its plot: the steps so far solid, the rest faint, the current step marked; lines `k` times as thick. */
  private plot(g: Phaser.GameObjects.Graphics, c: ReplayModel['charts'][number], plot: { x: number; y: number; w: number; h: number }, k = 1): { Y: (v: number) => number; lo: number; hi: number } {
    const p = stageContext.palette;
    const pos = this.model.position;
    const now = c.values[Math.min(pos, c.values.length - 1)]!;
    let lo = Math.min(...c.values);
    let hi = Math.max(...c.values);
    if (hi - lo < 2) {
      lo -= 1;
      hi += 1;
    }
    const pad = (hi - lo) * 0.12;
    const n = c.values.length - 1;
    const X = (i: number) => plot.x + (i / Math.max(1, n)) * plot.w;
    const Y = (v: number) => plot.y + plot.h - ((v - (lo - pad)) / (hi - lo + 2 * pad)) * plot.h;
    g.lineStyle(1, p.line, 1);
    g.strokeRect(plot.x, plot.y, plot.w, plot.h);
    // The steps still to come, faint and thin; the steps so far, solid.
    g.lineStyle(2 * k, p.line, stageContext.highContrast ? 0.45 : 1);
    for (let i = Math.max(1, pos + 1); i <= n; i++) g.lineBetween(X(i - 1), Y(c.values[i - 1]!), X(i), Y(c.values[i]!));
    g.lineStyle(4 * k, p.ink, 1);
    for (let i = 1; i <= Math.min(pos, n); i++) g.lineBetween(X(i - 1), Y(c.values[i - 1]!), X(i), Y(c.values[i]!));
    g.lineStyle(2 * k, p.accent, 1);
    g.lineBetween(X(Math.min(pos, n)), plot.y, X(Math.min(pos, n)), plot.y + plot.h);
    g.fillStyle(p.accent, 1);
    g.fillCircle(X(Math.min(pos, n)), Y(now), 7 * k);
    return { Y, lo, hi };
  }
}

