import { ScreenScene } from './base';
import { stageContext } from './context';
import { compactIn, fitText, text, type CompactAware } from './draw';

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
  /** A small canvas (a phone): the questions alone, each shortened to its share of the canvas; the panel has them in full. */
  readonly compactLayout = true;

  constructor() {
    super('history-notes');
  }

  protected draw(): void {
    if (compactIn(this)) {
      this.drawCompact();
      return;
    }
    // The largest type at which every question fits the canvas, with its lessons if they fit too
    // (text drawn large to stay readable may leave no room for them: the panel lists them).
    const sizes = [34, 30, 27, 24, 21, 19];
    for (const lessons of [true, false]) for (const size of sizes) if (this.layout(size, lessons, !lessons && size === sizes[sizes.length - 1])) return;
  }

  /** Draw at one size; returns false (and clears) when it does not fit, unless this is the last try. */
  private layout(size: number, withLessons: boolean, last: boolean): boolean {
    const p = stageContext.palette;
    const m = this.model;
    this.root.removeAll(true);
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
    m.questions.forEach((q, i) => {
      this.put(text(this, 60, y, `${i + 1}`, { size: size + 8, bold: true, color: p.accent }));
      const body = this.put(text(this, 120, y + 4, q.text, { size, wrap: 1420 }));
      const lessons = withLessons ? this.put(text(this, 120, body.y + body.height + 6, q.lessons, { size: Math.max(17, size - 8), color: p.muted, wrap: 1420 })) : body;
      y = lessons.y + lessons.height + Math.round(size * 0.9);
    });
    if (y > 1000 && !last) {
      this.root.removeAll(true);
      return false;
    }
    return true;
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
