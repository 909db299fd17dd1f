import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultOptions, newGame } from '../../src/core/engine';
import type { Scenario } from '../../src/core/types';
import { chipsFor, type Chip, type ChipGroup } from '../../src/session/draft';
import { CHIP, labelRoom, layoutTray, layoutZone, wrapLabel, type ChipMode, type Rect, type Slot } from '../../src/view/scenes/chip-layout';
import { loadOrThrow, scenarioPath } from '../helpers';

/** A stand-in for the canvas's measuring: every character 13 units wide (about 24-unit text). */
const mono = (s: string) => s.length * 13;
const LINE = 29;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** The shown lines are whole words of the label, in its order, from its start; the last ends in "…" when words are left out. */
function expectFaithful(label: string, lines: string[], whole: boolean): void {
  const shown = words(lines.join(' ').replace(/…$/, ''));
  expect(shown).toEqual(words(label).slice(0, shown.length).map((w, i) => (i === shown.length - 1 && !whole ? w.replace(/[,;:–-]+$/, '') : w)));
  if (whole) expect(shown.length).toBe(words(label).length);
  else expect(lines[lines.length - 1]).toMatch(/…$/);
}

describe('a chip label set in lines (wrapLabel)', () => {
  it('wraps a label that fits onto its lines, every word kept, no line too wide', () => {
    const label = 'Allow a downgraded Blackwell (B30A)';
    const set = wrapLabel(label, 160, 4, mono);
    expect(set.whole).toBe(true);
    expect(set.lines).toEqual(['Allow a', 'downgraded', 'Blackwell', '(B30A)']);
    for (const line of set.lines) expect(mono(line)).toBeLessThanOrEqual(160);
    expect(set.lines.join(' ')).toBe(label);
  });

  it('shortens a long label at a word’s end with an ellipsis, within its lines and width', () => {
    const label = '12 Mt of soybeans first (by the end of 2025 in the fact sheet; US officials later spoke of the end of February), then 25 Mt a year for 2026-28';
    for (const [width, lines] of [
      [130, 2],
      [160, 3],
      [250, 4],
    ] as const) {
      const set = wrapLabel(label, width, lines, mono);
      expect(set.whole).toBe(false);
      expect(set.lines.length).toBeGreaterThan(0);
      expect(set.lines.length).toBeLessThanOrEqual(lines);
      for (const line of set.lines) expect(mono(line)).toBeLessThanOrEqual(width);
      expectFaithful(label, set.lines, false);
    }
  });

  it('never cuts a word: stops before one wider than a line, and shows nothing when the first is', () => {
    const set = wrapLabel('Suspend the affiliates rule for a year', 110, 3, mono);
    expect(set.lines).toEqual(['Suspend', 'the…']);
    expect(wrapLabel('Internationalisation of payments', 110, 3, mono)).toEqual({ lines: [], whole: false });
  });

  it('keeps a figure’s mark with the word after it', () => {
    expect(wrapLabel('‡ Suspend the 9 October controls', 140, 3, mono).lines[0]).toBe('‡ Suspend');
  });
});

/** Every shipped scenario's chips for the US at the start. */
function scenarios(): { file: string; scenario: Scenario; offers: ChipGroup[]; asks: ChipGroup[] }[] {
  const dir = scenarioPath('');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((file) => {
      const scenario = loadOrThrow(scenarioPath(file));
      return { file, scenario, ...chipsFor(scenario, newGame(scenario, 'chips', defaultOptions(scenario)), 'us') };
    });
}

const modeFor = (chips: Chip[]): ChipMode => {
  const byId = new Map(chips.map((c) => [c.id, c.positionLabel]));
  return { labels: true, lineH: LINE, label: (id) => byId.get(id) ?? '', measure: mono };
};

const overlap = (a: Slot, b: Slot) => Math.abs(a.x - b.x) * 2 < a.w + b.w - 0.5 && Math.abs(a.y - b.y) * 2 < a.h + b.h - 0.5;
const within = (s: Slot, r: Rect) => s.x - s.w / 2 >= r.x - 0.5 && s.x + s.w / 2 <= r.x + r.w + 0.5 && s.y - s.h / 2 >= r.y - 0.5 && s.y + s.h / 2 <= r.y + r.h + 0.5;

describe('the trays’ layout (layoutTray) with the labels of every shipped scenario', () => {
  // A tray at 1366×768 with normal text: 816 units wide, 252 below the tray's label.
  const area: Rect = { x: 16, y: 38, w: 816, h: 252 };

  it('places every chip inside the tray, none over another, each with at least two lines or whole', () => {
    for (const { file, offers, asks } of scenarios())
      for (const groups of [offers, asks]) {
        const chips = groups.flatMap((g) => g.chips);
        const { slots } = layoutTray(groups, area, 32, modeFor(chips));
        expect(slots.size, file).toBe(chips.length);
        const list = [...slots.values()];
        for (const s of list) expect(within(s, { ...area, y: area.y + 32, h: area.h - 32 }), `${file}: ${JSON.stringify(s)}`).toBe(true);
        for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) expect(overlap(list[i]!, list[j]!), file).toBe(false);
        for (const chip of chips) {
          const slot = slots.get(chip.id)!;
          const room = labelRoom(slot.w, slot.h, LINE);
          const set = wrapLabel(chip.positionLabel, room.width, room.lines, mono);
          // The old fixed chip showed one or two words: now at least two, and whole where it fits.
          expect(set.whole || words(set.lines.join(' ')).length >= 2, `${file}: “${chip.positionLabel}” shows ${JSON.stringify(set.lines)}`).toBe(true);
          expectFaithful(chip.positionLabel, set.lines, set.whole);
        }
      }
  });

  it('shows more of the labels than the designed 198×74 chip did', () => {
    let before = 0;
    let after = 0;
    for (const { offers, asks } of scenarios())
      for (const groups of [offers, asks]) {
        const chips = groups.flatMap((g) => g.chips);
        const { slots } = layoutTray(groups, area, 32, modeFor(chips));
        for (const chip of chips) {
          const slot = slots.get(chip.id)!;
          const room = labelRoom(slot.w, slot.h, LINE);
          after += words(wrapLabel(chip.positionLabel, room.width, room.lines, mono).lines.join(' ')).length;
          // The old chip: 198 wide less its icon's 58, two lines of 24-unit text.
          before += words(wrapLabel(chip.positionLabel, 198 - 58, 2, mono).lines.join(' ')).length;
        }
      }
    expect(after).toBeGreaterThan(before * 1.4);
  });

  it('gives a column with fewer chips taller chips (more lines)', () => {
    const chip = (id: string, label: string): Chip => ({ id, issue: id, position: 'p', issueLabel: id, positionLabel: label, category: 'economic', holder: 'us', role: 'offer' });
    const long = 'Market access for Chinese battery and solar makers that license their technology and train US workers';
    const groups: ChipGroup[] = [
      { category: 'security-control', chips: [chip('a', 'Allow a downgraded Blackwell (B30A)')] },
      { category: 'economic', chips: ['b', 'c', 'd'].map((id) => chip(id, long)) },
    ];
    const { slots } = layoutTray(groups, area, 32, modeFor(groups.flatMap((g) => g.chips)));
    expect(slots.get('a')!.h).toBeGreaterThan(slots.get('b')!.h);
    expect(labelRoom(slots.get('a')!.w, slots.get('a')!.h, LINE).lines).toBeLessThanOrEqual(CHIP.maxLines);
  });
});

describe('a figure’s mark in front of a label (the canvas adds † or ‡)', () => {
  it('is not one of the first three words the columns make room for: “‡ Allow a…” shows two', () => {
    const chip = (id: string, label: string, category: ChipGroup['category']): Chip => ({ id, issue: id, position: 'p', issueLabel: id, positionLabel: label, category, holder: 'us', role: 'offer' });
    // Busan's US levers at 1366×768, as the canvas labels them.
    const groups: ChipGroup[] = [
      { category: 'security-control', chips: ['‡ Allow a downgraded Blackwell (B30A)', 'Suspend the affiliates rule for a year', 'Withdraw the affiliates rule', 'Pause new listings for a year', 'Remove named Chinese firms from the Entity List'].map((l, i) => chip(`s${i}`, l, 'security-control')) },
      { category: 'economic', chips: ['‡ Cut the fentanyl tariff to 10%', 'Lift the fentanyl tariff', 'Extend the truce for a year', 'Suspend port fees on both sides for a year'].map((l, i) => chip(`e${i}`, l, 'economic')) },
    ];
    // Letters of different widths, as the canvas's font has: “downgraded…” is much wider than
    // “affiliates…” (the word the column's other chips need room for), and does not fit an equal column's chip.
    const wide = (s: string) => [...s].reduce((t, ch) => t + 16 * (/[ilftj.,() ]/.test(ch) ? 0.5 : /[mwMW]/.test(ch) ? 1.4 : 1), 0);
    const labels = new Map(groups.flatMap((g) => g.chips).map((c) => [c.id, c.positionLabel]));
    const mode: ChipMode = { labels: true, lineH: LINE, label: (id) => labels.get(id) ?? '', measure: wide };
    const { slots } = layoutTray(groups, { x: 16, y: 38, w: 816, h: 252 }, 32, mode);
    for (const g of groups)
      for (const c of g.chips.filter((one) => one.positionLabel.startsWith('‡'))) {
        const slot = slots.get(c.id)!;
        const room = labelRoom(slot.w, slot.h, LINE);
        const shown = wrapLabel(c.positionLabel, room.width, room.lines, wide);
        const real = words(shown.lines.join(' ').replace(/…$/, '')).filter((w) => /[\p{L}\p{N}]/u.test(w));
        expect(shown.whole || real.length >= 3, `“${c.positionLabel}” shows ${JSON.stringify(shown.lines)}`).toBe(true);
      }
  });
});

describe('the table’s zones (layoutZone)', () => {
  it('places chips on the table below the zone’s title, inside it and apart', () => {
    const zone: Rect = { x: 30, y: 580, w: 788, h: 104 };
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const mode: ChipMode = { labels: true, lineH: LINE, label: () => 'Suspend port fees on both sides for a year', measure: mono };
    const slots = [...layoutZone(ids, zone, 36, mode).values()];
    expect(slots).toHaveLength(ids.length);
    for (const s of slots) expect(within(s, { ...zone, y: zone.y + 36, h: zone.h - 36 })).toBe(true);
    for (let i = 0; i < slots.length; i++) for (let j = i + 1; j < slots.length; j++) expect(overlap(slots[i]!, slots[j]!)).toBe(false);
  });
});
