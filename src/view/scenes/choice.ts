import { formatDates } from '../../session/text';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { compactIn, entryHitArea, fitText, text, type CompactAware } from './draw';

export interface ChoiceModel {
  scenarios: { id: string; title: string; start: string; end: string; fictional: boolean }[];
  selected: string | null;
}

const yearOf = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Number(m[1]) + (Number(m[2]) - 1) / 12 + (Number(m[3]) - 1) / 365 : NaN;
};

/** Scenario choice: the episodes on a timeline; fictional ones on a lane of their own. */
export class ChoiceScene extends ScreenScene<ChoiceModel> implements CompactAware {
  /** A small canvas (a phone): one row per scenario, its bar on the time axis and its title beside it. */
  readonly compactLayout = true;

  constructor() {
    super('choice');
  }

  protected draw(): void {
    if (compactIn(this)) {
      this.drawCompact();
      return;
    }
    const p = stageContext.palette;
    this.put(text(this, 80, 70, 'Choose a scenario', { size: 60, bold: true }));
    this.put(text(this, 84, 152, 'Real episodes sit on the timeline; fictional ones sit apart.', { size: 28, color: p.muted }));
    const real = this.model.scenarios.filter((s) => !s.fictional && Number.isFinite(yearOf(s.start)));
    const fictional = this.model.scenarios.filter((s) => !real.includes(s));
    const left = 120;
    const right = fictional.length > 0 ? 1150 : 1480;
    const axisY = 600;
    const years = real.flatMap((s) => [yearOf(s.start), yearOf(s.end)]);
    let from = Math.floor(Math.min(2018, ...years));
    let to = Math.ceil(Math.max(2026, ...years));
    if (to - from < 2) {
      from -= 1;
      to += 1;
    }
    const x = (year: number) => left + ((year - from) / (to - from)) * (right - left);
    const g = this.put(this.add.graphics());
    g.lineStyle(4, p.ink, 1);
    g.lineBetween(left, axisY, right, axisY);
    for (let year = from; year <= to; year++) {
      g.lineBetween(x(year), axisY - 10, x(year), axisY + 10);
      this.put(text(this, x(year), axisY + 18, String(year), { size: 20, originX: 0.5, color: p.muted }));
    }
    // Labels go in lanes above and below the axis, each in the first lane where it fits.
    const sorted = [...real].sort((a, b) => yearOf(a.start) - yearOf(b.start));
    const lanes: [number, number][][] = [[], [], [], [], [], [], [], []];
    const laneY = (lane: number) => (lane % 2 === 0 ? axisY - 90 - Math.floor(lane / 2) * 62 : axisY + 62 + Math.floor(lane / 2) * 62);
    sorted.forEach((s) => {
      const selected = s.id === this.model.selected;
      const x0 = x(yearOf(s.start));
      const x1 = Math.max(x0 + 16, x(yearOf(s.end)));
      const cx = (x0 + x1) / 2;
      const title = text(this, 0, 0, s.title, { size: selected ? 24 : 21, bold: selected });
      const dates = text(this, 0, 0, formatDates(s), { size: 17, color: p.muted });
      const w = Math.max(title.width, dates.width) + 24;
      const lx = Math.min(Math.max(cx, left + w / 2 - 40), right + 60 - w / 2);
      let lane = lanes.findIndex((spans) => spans.every(([a, b]) => lx + w / 2 < a || lx - w / 2 > b));
      if (lane < 0) lane = 0;
      lanes[lane]!.push([lx - w / 2, lx + w / 2]);
      const ly = laneY(lane);
      title.setOrigin(0.5, 0).setPosition(lx, ly);
      dates.setOrigin(0.5, 0).setPosition(lx, ly + 28);
      this.put(title);
      this.put(dates);
      g.fillStyle(selected ? p.accent : p.ink, 1);
      g.fillRoundedRect(x0, axisY - 14, x1 - x0, 28, 8);
      g.lineStyle(2, p.muted, 1);
      const above = lane % 2 === 0;
      g.lineBetween(cx, above ? axisY - 16 : axisY + 16, lx, above ? ly + 52 : ly - 2);
      if (selected) {
        g.lineStyle(4, p.accent, 1);
        g.strokeRoundedRect(x0 - 6, axisY - 20, x1 - x0 + 12, 40, 12);
      }
      this.put(entryHitArea(this, 'scenario', s.id, lx - w / 2, ly - 4, w, 56));
      this.put(entryHitArea(this, 'scenario', s.id, x0 - 6, axisY - 20, x1 - x0 + 12, 40));
    });
    if (fictional.length > 0) {
      const fx = 1240;
      this.put(text(this, fx, 360, 'Fictional', { size: 26, bold: true, color: p.muted }));
      fictional.forEach((s, i) => {
        const selected = s.id === this.model.selected;
        const y = 420 + i * 110;
        g.fillStyle(selected ? p.accent : p.surface2, 1);
        g.lineStyle(3, selected ? p.accent : p.line, 1);
        g.fillRoundedRect(fx, y, 300, 90, 14);
        g.strokeRoundedRect(fx, y, 300, 90, 14);
        this.put(text(this, fx + 150, y + 45, s.title, { size: 22, bold: true, originX: 0.5, originY: 0.5, wrap: 270, align: 'center', color: selected ? p.bg : p.ink }));
        this.put(entryHitArea(this, 'scenario', s.id, fx, y, 300, 90));
      });
    }
    if (this.model.scenarios.length === 0) {
      this.put(text(this, 800, 420, 'No scenario loaded: see the list on the right.', { size: 30, originX: 0.5 }));
    }
  }

  /**
   * The compact layout: the years along the top, then one row per real episode (its bar where it
   * falls, its title beside it, shortened to the room there) and one per fictional scenario; every
   * word at the least readable size. Each row picks its card in the panel, as on the large layout.
   */
  private drawCompact(): void {
    const p = stageContext.palette;
    const real = this.model.scenarios.filter((s) => !s.fictional && Number.isFinite(yearOf(s.start))).sort((a, b) => yearOf(a.start) - yearOf(b.start));
    const fictional = this.model.scenarios.filter((s) => !real.includes(s));
    if (this.model.scenarios.length === 0) {
      this.put(text(this, 30, 10, 'No scenario loaded: see the list below.', { wrap: 1540, keep: true }));
      return;
    }
    const left = 40;
    const right = 1560;
    const years = real.flatMap((s) => [yearOf(s.start), yearOf(s.end)]);
    const from = Math.floor(Math.min(2018, ...years));
    const to = Math.ceil(Math.max(2026, ...years));
    const x = (year: number) => left + ((year - from) / Math.max(1, to - from)) * (right - left);
    const line = stageContext.minTextSize * 1.25;
    const top = 10 + line;
    const g = this.put(this.add.graphics());
    // Every year, or every second (or third) one when the labels would touch.
    const yearLabel = (year: number) => this.put(text(this, x(year), 10, String(year), { bold: true, color: p.muted, originX: 0.5, keep: true }));
    const first = yearLabel(from);
    first.setOrigin(0, 0).setX(left);
    const every = Math.max(1, Math.ceil((first.width + 16) / (x(from + 1) - x(from))));
    for (let year = from + every; year <= to; year += every) {
      const t = yearLabel(year);
      if (t.x + t.width / 2 > right) t.setOrigin(1, 0).setX(right);
    }
    g.lineStyle(1, p.line, 1);
    for (let year = from; year <= to; year++) g.lineBetween(x(year), top, x(year), 995);
    const all = [...real, ...fictional];
    // A row no lower than its words: rows that do not fit are counted on a last row instead (the
    // panel's list below the canvas has every scenario).
    const room = 995 - top - 8;
    const least = stageContext.minTextSize * 1.2 + 4;
    const fits = Math.max(1, Math.floor(room / least));
    const rows = all.length > fits ? all.slice(0, fits - 1) : all;
    const rowH = Math.min(120, room / Math.max(1, rows.length + (rows.length < all.length ? 1 : 0)));
    if (rows.length < all.length)
      this.put(text(this, left, top + 8 + rowH * (rows.length + 0.5), `+ ${all.length - rows.length} more in the list below`, { bold: true, color: p.muted, originY: 0.5, keep: true }));
    rows.forEach((s, i) => {
      const cy = top + 8 + rowH * (i + 0.5);
      const selected = s.id === this.model.selected;
      if (selected) {
        g.fillStyle(p.surface2, 1);
        g.fillRect(left - 20, cy - rowH / 2 + 2, right - left + 40, rowH - 4);
      }
      const ink = selected ? p.accent : p.ink;
      if (!real.includes(s)) {
        fitText(this.put(text(this, left, cy, '', { bold: true, color: ink, originY: 0.5, wrap: right - left, keep: true })), `Fictional: ${s.title}`, 1);
      } else {
        // The title across the whole row, over a pale band where the episode falls with a bar along
        // its foot: a title beside its bar had only the room left or right of it, and crowded the
        // bars and titles of the rows around it.
        const x0 = x(yearOf(s.start));
        const x1 = Math.max(x0 + 14, x(yearOf(s.end)));
        const bandTop = cy - rowH / 2 + 3;
        const bandH = rowH - 6;
        g.fillStyle(selected ? p.surface : p.line, selected ? 1 : 0.55);
        g.fillRect(x0, bandTop, x1 - x0, bandH);
        g.fillStyle(ink, 1);
        g.fillRect(x0, bandTop + bandH - 6, x1 - x0, 6);
        fitText(this.put(text(this, left, cy - 2, '', { bold: true, color: ink, originY: 0.5, wrap: right - left, keep: true })), s.title, 1);
      }
      this.put(entryHitArea(this, 'scenario', s.id, left - 20, cy - rowH / 2 + 2, right - left + 40, rowH - 4));
    });
  }
}
