import type { Side } from '../../core/types';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { flag, negotiator, text } from './draw';

export interface SetupModel {
  scenarioTitle: string;
  side: Side;
  labels: Record<Side, string>;
  difficulty: string;
  doctrine: { label: string; weights: { label: string; weight: number }[] } | null;
}

/** Setup: who you are at the table, and what your doctrine values. */
export class SetupScene extends ScreenScene<SetupModel> {
  constructor() {
    super('setup');
  }

  protected draw(): void {
    const p = stageContext.palette;
    const m = this.model;
    this.put(text(this, 70, 60, m.scenarioTitle, { size: 50, bold: true, wrap: 1450 }));
    (['us', 'china'] as Side[]).forEach((side, i) => {
      const x = 230 + i * 400;
      const you = side === m.side;
      this.put(negotiator(this, side, x, 440, 1.5, you ? 'probing' : 'preparing', m.labels[side], { badge: false, highlight: you }));
      this.put(flag(this, side, x, 200, 44));
      this.put(text(this, x, 735, you ? 'You' : `AI opponent (${m.difficulty})`, { size: 24, bold: you, originX: 0.5, color: you ? p.accent : p.muted }));
    });
    if (!m.doctrine) return;
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
    rows.forEach((w, i) => {
      const y = top + i * rowH;
      const len = (Math.abs(w.weight) / max) * 200;
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
      const label = `${w.weight > 0 ? '+' : '−'}${Math.abs(w.weight).toFixed(1)}`;
      this.put(text(this, w.weight >= 0 ? mid + len + 8 : mid - len - 8, y + rowH / 2 - 12, label, { size: 20, bold: true, originX: w.weight >= 0 ? 0 : 1 }));
    });
  }
}
