import { ScreenScene } from './base';
import { stageContext } from './context';
import { compactIn, fitText, text, type CompactAware } from './draw';

/** Where the questions of a page end: room under them for the page control. */
const PAGED_BOTTOM = 920;

export interface NotesModel {
  title: string;
  whatIf: boolean;
  questions: { text: string; lessons: string }[];
}

/**
 * The teaching notes' canvas: the discussion questions in large type, each with the lessons it
 * serves, to project while the class talks. The full notes (calibration, epilogue, sources) are
 * in the panel beside it.
 */
export class NotesScene extends ScreenScene<NotesModel> implements CompactAware {
  /**
   * A small canvas (a phone): the questions alone, each shortened to its share of the canvas; the
   * panel has them in full. Larger text on a larger canvas pages the designed layout instead: the
   * questions are there to be projected, each with its lessons.
   */
  get compactLayout(): boolean {
    return stageContext.smallCanvas;
  }

  constructor() {
    super('history-notes');
  }

  /** The page of questions shown, when they take more than one (the text drawn large). */
  private page = 0;
  /** The notes the page is of: other notes open at their first page. */
  private pagedTitle = '';

  protected draw(): void {
    if (this.pagedTitle !== this.model.title) this.page = 0;
    this.pagedTitle = this.model.title;
    if (compactIn(this)) {
      this.drawCompact();
      return;
    }
    // The largest type at which every question fits the canvas with its lessons; when none does
    // (text drawn large to stay readable), pages of questions, each with its lessons, and a
    // control to turn them: nothing the canvas is to show is left off.
    const sizes = [34, 30, 27, 24, 21, 19];
    for (const size of sizes) if (this.layout(size, this.model.questions, 1000)) return;
    for (const size of sizes) {
      const pages = this.paginate(size);
      if (!pages) continue;
      this.page = Math.min(this.page, pages.length - 1);
      this.root.removeAll(true);
      this.layout(size, pages[this.page]!, PAGED_BOTTOM);
      this.pageControl(pages);
      return;
    }
    // Not even one question with its lessons fits a page alone: all at the least size, as tall as they are.
    this.layout(sizes[sizes.length - 1]!, this.model.questions, Infinity);
  }

  /** The heading and the what-if warning; returns where the questions start. */
  private header(): number {
    const p = stageContext.palette;
    const m = this.model;
    this.put(text(this, 60, 36, 'Questions for the class', { size: 50, bold: true }));
    this.put(text(this, 62, 104, m.title, { size: 26, color: p.muted, wrap: 1480, maxLines: 1 }));
    let y = 160;
    if (m.whatIf) {
      const note = text(this, 84, y + 10, 'WHAT-IF: built on real events, but the bargain is supposed; the sources show no such deal.', { size: 22, bold: true, color: p.bad, wrap: 1420 });
      const g = this.put(this.add.graphics());
      g.lineStyle(3, p.bad, 1);
      g.strokeRoundedRect(60, y, 1480, note.height + 20, 12);
      this.put(note);
      y += note.height + 40;
    }
    return y;
  }

  /** One question, numbered, with its lessons under it; returns where the next one starts. */
  private question(n: number, q: NotesModel['questions'][number], y: number, size: number): number {
    const p = stageContext.palette;
    this.put(text(this, 60, y, `${n}`, { size: size + 8, bold: true, color: p.accent }));
    const body = this.put(text(this, 120, y + 4, q.text, { size, wrap: 1420 }));
    const lessons = this.put(text(this, 120, body.y + body.height + 6, q.lessons, { size: Math.max(17, size - 8), color: p.muted, wrap: 1420 }));
    return lessons.y + lessons.height + Math.round(size * 0.9);
  }

  /** Draw `shown` (numbered as in the notes) at one size; returns false (and clears) when they run past `bottom`. */
  private layout(size: number, shown: NotesModel['questions'], bottom: number): boolean {
    this.root.removeAll(true);
    let y = this.header();
    for (const q of shown) y = this.question(this.model.questions.indexOf(q) + 1, q, y, size);
    if (y > bottom) {
      this.root.removeAll(true);
      return false;
    }
    return true;
  }

  /** The questions in pages that each fit above the page control at `size`, or null if one does not fit a page alone. */
  private paginate(size: number): NotesModel['questions'][] | null {
    const pages: NotesModel['questions'][] = [];
    for (const q of this.model.questions) {
      const last = pages[pages.length - 1];
      if (last && this.layout(size, [...last, q], PAGED_BOTTOM)) last.push(q);
      else if (this.layout(size, [q], PAGED_BOTTOM)) pages.push([q]);
      else return null;
    }
    return pages;
  }

  /** Which questions this page shows, and a control to the next page (from the last, back to the first). */
  private pageControl(pages: NotesModel['questions'][]): void {
    const p = stageContext.palette;
    const shown = pages[this.page]!;
    const first = this.model.questions.indexOf(shown[0]!) + 1;
    const last = first + shown.length - 1;
    const range = first === last ? `Question ${first}` : `Questions ${first}–${last}`;
    const more = this.page < pages.length - 1 ? 'Next page ›' : '‹ First page';
    const label = this.put(text(this, 1540, 985, `${range} of ${this.model.questions.length} · ${more}`, { size: 24, bold: true, color: p.accent, originX: 1, originY: 1 }));
    const zone = this.put(this.add.zone(label.x - label.width - 12, label.y - label.height - 8, label.width + 24, label.height + 16).setOrigin(0, 0));
    zone.setInteractive({ useHandCursor: true });
    zone.setData('entry', 'notes:next-page');
    zone.on('pointerup', () => {
      this.page = (this.page + 1) % pages.length;
      this.redraw();
    });
  }

  /** The compact layout: the heading and the numbered questions, every word at the least readable size. */
  private drawCompact(): void {
    const p = stageContext.palette;
    const m = this.model;
    const line = stageContext.minTextSize * 1.2;
    const heading = `${m.whatIf ? 'WHAT-IF · ' : ''}Questions for the class`;
    fitText(this.put(text(this, 30, 10, '', { bold: true, wrap: 1540, color: m.whatIf ? p.bad : p.ink, keep: true })), heading, 1);
    const top = 10 + line + 16;
    const each = (1000 - top) / Math.max(1, m.questions.length);
    const lines = Math.max(1, Math.min(3, Math.floor((each - 12) / line)));
    m.questions.forEach((q, i) => {
      fitText(this.put(text(this, 30, top + i * each, '', { wrap: 1540, keep: true })), `${i + 1}. ${q.text}`, lines);
    });
  }
}
