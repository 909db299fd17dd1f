import type Phaser from 'phaser';
import type { IssueCategory, Side } from '../../core/types';
import { CATEGORY_LABELS, CATEGORY_ORDER } from '../../session/text';
import { fmt } from '../dom';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { categoryIcon, compactIn, fitText, flag, text, type CompactAware } from './draw';

export interface BriefingModel {
  side: Side;
  labels: Record<Side, string>;
  indicators: { label: string; unit: string; min: number; max: number; value: number; weight: number }[];
  levers: Record<Side, Partial<Record<IssueCategory, number>>>;
}

/**
 * Briefing: where every indicator starts, and which levers each side holds. On a small canvas (a
 * phone) only the indicators that count in the player's score; the levers are in the panel.
 */
export class BriefingScene extends ScreenScene<BriefingModel> implements CompactAware {
  readonly compactLayout = true;

  constructor() {
    super('briefing');
  }

  protected draw(): void {
    if (compactIn(this)) {
      this.drawCompact();
      return;
    }
    const p = stageContext.palette;
    const m = this.model;
    this.put(text(this, 60, 40, 'Where things stand', { size: 44, bold: true }));
    this.put(text(this, 62, 92, '★ counts in your score: ▲ more is better for you, ▼ less is better.', { size: 21, color: p.muted }));
    const g = this.put(this.add.graphics());
    const x0 = 60;
    const barX = 440;
    const barW = 420;
    const rowH = 72;
    m.indicators.forEach((ind, i) => {
      const y = 150 + i * rowH;
      const star = ind.weight !== 0 ? `★${ind.weight > 0 ? '▲' : '▼'} ` : '';
      this.put(text(this, x0, y + 6, `${star}${ind.label}`, { size: 22, bold: ind.weight !== 0, wrap: 370 }));
      g.fillStyle(p.surface2, 1);
      g.lineStyle(2, p.line, 1);
      g.fillRoundedRect(barX, y + 10, barW, 22, 6);
      g.strokeRoundedRect(barX, y + 10, barW, 22, 6);
      const share = (ind.value - ind.min) / (ind.max - ind.min || 1);
      g.fillStyle(p.ink, 1);
      g.fillRoundedRect(barX, y + 10, Math.max(4, share * barW), 22, 6);
      this.put(text(this, barX + barW + 14, y + 8, `${fmt(ind.value)} ${ind.unit}`, { size: 21 }));
      this.put(text(this, barX, y + 36, `${fmt(ind.min, 0)}`, { size: 16, color: p.muted }));
      this.put(text(this, barX + barW, y + 36, `${fmt(ind.max, 0)}`, { size: 16, color: p.muted, originX: 1 }));
    });
    const lx = 1120;
    this.put(text(this, lx, 40, 'Levers at the table', { size: 34, bold: true }));
    (['us', 'china'] as Side[]).forEach((side, si) => {
      const y = 120 + si * 420;
      this.put(flag(this, side, lx + 30, y + 24, 36));
      this.put(text(this, lx + 70, y + 8, side === m.side ? `${m.labels[side]} (you)` : m.labels[side], { size: 26, bold: true }));
      CATEGORY_ORDER.filter((c) => (m.levers[side][c] ?? 0) > 0).forEach((category, i) => {
        const cy = y + 80 + i * 56;
        this.put(categoryIcon(this, category, lx + 30, cy, 40) as Phaser.GameObjects.Image);
        const n = m.levers[side][category] ?? 0;
        this.put(text(this, lx + 64, cy - 14, `${n} × ${CATEGORY_LABELS[category].toLowerCase()}`, { size: 22 }));
      });
    });
  }

  /**
   * The compact layout: the indicators that count in the player's score (★), one a row across the
   * canvas, each with its name, its value and a bar of its range; every word at the least readable size.
   */
  private drawCompact(): void {
    const p = stageContext.palette;
    const m = this.model;
    const size = stageContext.minTextSize;
    const line = size * 1.25;
    fitText(this.put(text(this, 30, 10, '', { bold: true, wrap: 1540, keep: true })), 'Where things stand (★ in your score)', 1);
    const scored = m.indicators.filter((ind) => ind.weight !== 0);
    const shown = (scored.length > 0 ? scored : m.indicators).slice(0, 5);
    const top = 10 + line + 16;
    const rowH = Math.min(260, (1000 - top) / Math.max(1, shown.length));
    const barH = Math.max(18, Math.min(40, rowH - line - 28));
    const g = this.put(this.add.graphics());
    shown.forEach((ind, i) => {
      const y = top + i * rowH;
      const value = this.put(text(this, 1570, y, `${fmt(ind.value)} ${ind.unit}`, { originX: 1, keep: true }));
      const label = this.put(text(this, 30, y, '', { bold: ind.weight !== 0, wrap: Math.max(100, 1510 - value.width), keep: true }));
      fitText(label, `${ind.weight !== 0 ? `★${ind.weight > 0 ? '▲' : '▼'} ` : ''}${ind.label}`, 1);
      const barY = y + line + 4;
      g.fillStyle(p.surface2, 1);
      g.lineStyle(2, p.line, 1);
      g.fillRoundedRect(30, barY, 1540, barH, 8);
      g.strokeRoundedRect(30, barY, 1540, barH, 8);
      const share = (ind.value - ind.min) / (ind.max - ind.min || 1);
      g.fillStyle(p.ink, 1);
      g.fillRoundedRect(30, barY, Math.max(8, share * 1540), barH, 8);
    });
  }
}
