import { formatDates } from '../../session/text';
import { ScreenScene } from './base';
import { stageContext } from './context';
import { entryHitArea, text } from './draw';

export interface ChoiceModel {
  scenarios: { id: string; title: string; start: string; end: string; fictional: boolean }[];
  selected: string | null;
}

const yearOf = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Number(m[1]) + (Number(m[2]) - 1) / 12 + (Number(m[3]) - 1) / 365 : NaN;
};

/** Scenario choice: the episodes on a timeline; fictional ones on a lane of their own. */
export class ChoiceScene extends ScreenScene<ChoiceModel> {
  constructor() {
    super('choice');
  }

  protected draw(): void {
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
}
