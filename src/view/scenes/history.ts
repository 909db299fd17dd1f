import type Phaser from 'phaser';
import { formatDates } from '../../session/text';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { entryHitArea, text } from './draw';

export interface HistoryModel {
  episodes: { id: string; title: string; start: string; end: string; whatIf: boolean; steps: number }[];
  selected: string | null;
  /** The years the axis spans (inclusive); the episodes must fall inside. */
  from: number;
  to: number;
}

/** A date as a fractional year (YYYY-MM-DD or YYYY-MM). */
export const yearOf = (iso: string): number => {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  return m ? Number(m[1]) + (Number(m[2]) - 1) / 12 + (Number(m[3] ?? 1) - 1) / 365 : NaN;
};

/**
 * The history screen's canvas: the episodes on one time axis, one row each in the order they
 * happened, so a class sees at a glance how they follow one another. A what-if is drawn hatched
 * and says so in words.
 */
export class HistoryScene extends ScreenScene<HistoryModel> {
  constructor() {
    super('history');
  }

  protected draw(): void {
    const p = stageContext.palette;
    const m = this.model;
    this.put(text(this, 80, 44, 'History: the real episodes', { size: 54, bold: true }));
    this.put(text(this, 84, 118, `${m.episodes.length} episodes, ${m.from}–${m.to}. Pick one to step through it, stop at a decision point, and take over.`, { size: 25, color: p.muted, wrap: 1440 }));
    const left = 110;
    const right = 1500;
    const top = 230;
    const bottom = 960;
    const x = (year: number) => left + ((year - m.from) / (m.to + 1 - m.from)) * (right - left);
    const g = this.put(this.add.graphics());
    for (let year = m.from; year <= m.to + 1; year++) {
      g.lineStyle(1, p.line, 1);
      g.lineBetween(x(year), top, x(year), bottom);
      if (year <= m.to) this.put(text(this, x(year + 0.5), top - 34, String(year), { size: 22, bold: true, color: p.muted, originX: 0.5 }));
    }
    const rowH = Math.min(80, (bottom - top - 10) / Math.max(1, m.episodes.length));
    m.episodes.forEach((e, i) => {
      const cy = top + 8 + rowH * (i + 0.5);
      const selected = e.id === m.selected;
      const x0 = x(yearOf(e.start));
      const x1 = Math.max(x0 + 14, x(yearOf(e.end) + 1 / 365));
      if (selected) {
        g.fillStyle(p.surface2, 1);
        g.fillRect(left - 20, cy - rowH / 2 + 2, right - left + 40, rowH - 4);
      }
      const colour = selected ? p.accent : p.ink;
      if (e.whatIf) this.hatched(g, x0, cy - 14, x1 - x0, 28, colour);
      else {
        g.fillStyle(colour, 1);
        g.fillRoundedRect(x0, cy - 14, x1 - x0, 28, 6);
      }
      const title = text(this, 0, 0, e.title, { size: 27, bold: true, color: selected ? p.accent : p.ink });
      const sub = text(this, 0, 0, `${formatDates(e)} · ${e.steps} steps${e.whatIf ? ' · WHAT-IF' : ''}`, { size: 20, color: selected ? p.ink : p.muted });
      const w = Math.max(title.width, sub.width);
      // Beside the bar, on whichever side has room.
      const after = x1 + 18 + w <= right + 40;
      const lx = after ? x1 + 18 : x0 - 18;
      title.setOrigin(after ? 0 : 1, 1).setPosition(lx, cy + 2);
      sub.setOrigin(after ? 0 : 1, 0).setPosition(lx, cy + 4);
      this.put(title);
      this.put(sub);
      // The whole row: its bar and its label.
      this.put(entryHitArea(this, 'episode', e.id, left - 20, cy - rowH / 2 + 2, right - left + 40, rowH - 4));
    });
  }

  /** A what-if bar: an outline filled with diagonal lines, never a solid fact-like block. */
  private hatched(g: Phaser.GameObjects.Graphics, x: number, y: number, w: number, h: number, colour: number): void {
    g.fillStyle(stageContext.palette.surface, 1);
    g.fillRoundedRect(x, y, w, h, 6);
    g.lineStyle(2, colour, 1);
    for (let d = -h; d < w; d += 7) {
      const x0 = Math.max(x, x + d);
      const x1 = Math.min(x + w, x + d + h);
      g.lineBetween(x0, y + h - (x0 - x - d), x1, y + h - (x1 - x - d));
    }
    g.lineStyle(3, colour, 1);
    g.strokeRoundedRect(x, y, w, h, 6);
  }
}
