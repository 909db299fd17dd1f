import type Phaser from 'phaser';
import { formatDates } from '../../session/text';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { compactIn, entryHitArea, fitText, text, type CompactAware } from './draw';

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
export class HistoryScene extends ScreenScene<HistoryModel> implements CompactAware {
  /** A small canvas (a phone): the axis and one line per episode, its title shortened to the room beside its bar. */
  readonly compactLayout = true;

  constructor() {
    super('history');
  }

  protected draw(): void {
    const p = stageContext.palette;
    const m = this.model;
    const compact = compactIn(this);
    // Compact: no heading (the panel's is just below), the axis at the top.
    this.put(text(this, 80, 44, 'History: the real episodes', { size: 54, bold: true }));
    this.put(text(this, 84, 118, `${m.episodes.length} episodes, ${m.from}–${m.to}. Pick one to step through it, stop at a decision point, and take over.`, { size: 25, color: p.muted, wrap: 1440 }));
    const left = compact ? 40 : 110;
    const right = compact ? 1560 : 1500;
    const yearLine = compact ? stageContext.minTextSize * 1.25 : 34;
    const top = compact ? 10 + yearLine : 230;
    const bottom = compact ? 995 : 960;
    const x = (year: number) => left + ((year - m.from) / (m.to + 1 - m.from)) * (right - left);
    const g = this.put(this.add.graphics());
    // Every year on the axis, or every second (or third) one when the labels would touch.
    const yearLabel = (year: number) => this.put(text(this, x(year + 0.5), top - yearLine, String(year), { size: 22, bold: true, color: p.muted, originX: 0.5, keep: true }));
    const every = Math.max(1, Math.ceil((yearLabel(m.from).width + 16) / (x(m.from + 1) - x(m.from))));
    for (let year = m.from + every; year <= m.to; year += every) yearLabel(year);
    for (let year = m.from; year <= m.to + 1; year++) {
      g.lineStyle(1, p.line, 1);
      g.lineBetween(x(year), top, x(year), bottom);
    }
    const rowH = Math.min(compact ? 120 : 80, (bottom - top - 10) / Math.max(1, m.episodes.length));
    m.episodes.forEach((e, i) => {
      const cy = top + 8 + rowH * (i + 0.5);
      const selected = e.id === m.selected;
      const x0 = x(yearOf(e.start));
      const x1 = Math.max(x0 + 14, x(yearOf(e.end) + 1 / 365));
      const barH = compact ? Math.min(28, rowH * 0.5) : 28;
      if (selected) {
        g.fillStyle(p.surface2, 1);
        g.fillRect(left - 20, cy - rowH / 2 + 2, right - left + 40, rowH - 4);
      }
      const colour = selected ? p.accent : p.ink;
      if (e.whatIf) this.hatched(g, x0, cy - barH / 2, x1 - x0, barH, colour);
      else {
        g.fillStyle(colour, 1);
        g.fillRoundedRect(x0, cy - barH / 2, x1 - x0, barH, 6);
      }
      if (compact) this.compactLabel(e, x0, x1, cy, left, right, selected);
      else {
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
      }
      // The whole row: its bar and its label.
      this.put(entryHitArea(this, 'episode', e.id, left - 20, cy - rowH / 2 + 2, right - left + 40, rowH - 4));
    });
  }

  /**
   * An episode's title in the compact layout: one line beside its bar, on the side with more room,
   * shortened with an ellipsis to fit there (its card in the panel has the full title and dates).
   */
  private compactLabel(e: HistoryModel['episodes'][number], x0: number, x1: number, cy: number, left: number, right: number, selected: boolean): void {
    const p = stageContext.palette;
    const roomAfter = right + 30 - (x1 + 14);
    const roomBefore = x0 - 14 - (left - 30);
    const after = roomAfter >= roomBefore;
    const room = Math.max(120, after ? roomAfter : roomBefore);
    const label = this.put(text(this, after ? x1 + 14 : x0 - 14, cy, '', { bold: true, color: selected ? p.accent : p.ink, wrap: room, originX: after ? 0 : 1, originY: 0.5, keep: true }));
    fitText(label, `${e.whatIf ? 'WHAT-IF: ' : ''}${e.title.replace(/^What if: /, '')}`, 1);
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
