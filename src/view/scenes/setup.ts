import type { Side } from '../../core/types';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { compactIn, fitText, flag, negotiator, text, type CompactAware } from './draw';

export interface SetupModel {
  scenarioTitle: string;
  side: Side;
  labels: Record<Side, string>;
  difficulty: string;
  doctrine: { label: string; weights: { label: string; weight: number }[] } | null;
}

/**
 * Setup: who you are at the table, and what your doctrine values. On a small canvas (a phone) the
 * two seats, large, and who sits in each; the doctrine is in the panel.
 */
export class SetupScene extends ScreenScene<SetupModel> implements CompactAware {
  readonly compactLayout = true;

  constructor() {
    super('setup');
  }

  protected draw(): void {
    const p = stageContext.palette;
    const m = this.model;
    const compact = compactIn(this);
    if (compact) fitText(this.put(text(this, 70, 20, '', { bold: true, wrap: 1460, keep: true })), m.scenarioTitle, 1);
    else this.put(text(this, 70, 60, m.scenarioTitle, { size: 50, bold: true, wrap: 1450 }));
    (['us', 'china'] as Side[]).forEach((side, i) => {
      // Compact: the seats spread across the canvas, each named below at the least readable size.
      const x = compact ? 420 + i * 760 : 230 + i * 400;
      const you = side === m.side;
      this.put(negotiator(this, side, x, 440, 1.5, you ? 'probing' : 'preparing', m.labels[side], { badge: false, highlight: you }));
      this.put(flag(this, side, x, 200, 44));
      // Compact: the negotiator's own name is hidden with the other words, so the seat says it.
      if (compact) fitText(this.put(text(this, x, 680, '', { bold: you, originX: 0.5, color: you ? p.accent : p.muted, wrap: 720, align: 'center', keep: true })), you ? `You: ${m.labels[side]}` : `AI (${m.difficulty}): ${m.labels[side]}`, 2);
      else this.put(text(this, x, 735, you ? 'You' : `AI opponent (${m.difficulty})`, { size: 24, bold: you, originX: 0.5, color: you ? p.accent : p.muted }));
    });
    if (!m.doctrine || compact) return;
    const x0 = 900;
    this.put(text(this, x0, 200, `What “${m.doctrine.label}” values`, { size: 30, bold: true, wrap: 650 }));
    this.put(text(this, x0, 246, 'Bars to the right: more is better. Bars to the left (striped): less is better.', { size: 20, color: p.muted, wrap: 650 }));
    const max = Math.max(...m.doctrine.weights.map((w) => Math.abs(w.weight)), 0.01);
    const mid = x0 + 430;
    const g = this.put(this.add.graphics());
    g.lineStyle(2, p.ink, 1);
    const rows = m.doctrine.weights;
    const top = 320;
    const rowH = Math.min(64, 560 / Math.max(rows.length, 1));
    g.lineBetween(mid, top - 10, mid, top + rows.length * rowH);
    // The weights' labels first: the longest bar leaves room for its label inside the canvas.
    const values = rows.map((w) => text(this, 0, 0, `${w.weight > 0 ? '+' : '−'}${Math.abs(w.weight).toFixed(1)}`, { size: 20, bold: true, originX: w.weight >= 0 ? 0 : 1 }));
    const longest = Math.min(200, 1592 - mid - 8 - Math.max(0, ...values.map((t) => t.width)));
    rows.forEach((w, i) => {
      const y = top + i * rowH;
      const len = (Math.abs(w.weight) / max) * longest;
      this.put(text(this, x0, y + rowH / 2 - 14, w.label, { size: 21, wrap: 300 }));
      if (w.weight >= 0) {
        g.fillStyle(p.accent, 1);
        g.fillRect(mid, y + 8, len, rowH - 22);
      } else {
        g.lineStyle(2, p.bad, 1);
        g.strokeRect(mid - len, y + 8, len, rowH - 22);
        for (let sx = mid - len; sx < mid; sx += 10) g.lineBetween(sx, y + rowH - 14, Math.min(sx + 10, mid), y + 8);
        g.lineStyle(2, p.ink, 1);
      }
      this.put(values[i]!).setPosition(w.weight >= 0 ? mid + len + 8 : mid - len - 8, y + rowH / 2 - 12);
    });
  }
}
