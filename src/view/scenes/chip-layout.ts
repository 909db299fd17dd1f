import type { ChipGroup } from '../../session/draft';

/**
 * Where the table's chips go and how their labels are set: pure (no Phaser), so Node tests can
 * check it. A chip's size follows the room it has: in a tray with few chips, or on the table, a
 * chip is wider and taller and its label takes more lines; the label's font stays the canvas's
 * least readable size (draw.ts `readableSize`).
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A chip's place: its centre and its size, in game units. */
export interface Slot {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A chip as designed, before the layout fits it to its room (the compact layout keeps this shape). */
export const TOKEN = { w: 198, h: 74, gap: 7 };

/**
 * A chip's card: its category's stripe (holding the icon) on the left, then the label. `inset` is
 * the room left of the label, `right` and `pad` the margins right of it and above and below.
 */
export const CHIP = { stripe: 24, inset: 30, right: 6, pad: 4, maxW: 330, maxLines: 4 };

/**
 * How the chips are drawn: as icons only (compact), or with their labels (the designed layout):
 * then the layout reads each chip's label (by chip id), its lines' height and how wide a string is
 * drawn, to pick the sizes that show the most of the labels.
 */
export type ChipMode =
  | { labels: false }
  | {
      labels: true;
      lineH: number;
      label: (id: string) => string;
      measure: (s: string) => number;
      /** Whether a group's heading shows whole in a width (a layout that cuts one scores less). */
      headingFits?: (category: ChipGroup['category'], width: number) => boolean;
    };

/** The label's room in a chip of this size: its lines and their width. */
export function labelRoom(w: number, h: number, lineH: number): { lines: number; width: number } {
  return { lines: Math.max(0, Math.min(CHIP.maxLines, Math.floor((h - CHIP.pad) / lineH))), width: Math.max(0, w - CHIP.inset - CHIP.right) };
}

/** A label's words: a figure's mark (†, ‡) or a dash standing alone tells no chip from another. */
const wordsOf = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
const wordCount = (s: string) => wordsOf(s).length;

/** Labels already set, by measure (a font) and room: the layout tries many sizes, and again at every redraw. */
const wrapped = new WeakMap<(s: string) => number, Map<string, WrappedLabel>>();

function wrapMemo(label: string, width: number, lines: number, measure: (s: string) => number): WrappedLabel {
  let memo = wrapped.get(measure);
  if (!memo) wrapped.set(measure, (memo = new Map()));
  const key = `${Math.round(width * 10)}|${lines}|${label}`;
  let set = memo.get(key);
  if (!set) {
    set = wrapLabel(label, width, lines, measure);
    if (memo.size > 5000) memo.clear();
    memo.set(key, set);
  }
  return set;
}

/**
 * How good chips of this size are for these labels: summed over the chips, their first three
 * words shown (which tell chips apart) and the share of their words shown (with the room as a tie-break); for icons, how large a chip of the designed shape fits.
 */
function score(ids: string[], w: number, h: number, mode: ChipMode): number {
  const icon = Math.min(w / TOKEN.w, h / TOKEN.h, 1);
  if (!mode.labels) return icon;
  const room = labelRoom(w, h, mode.lineH);
  let shown = 0;
  if (room.lines > 0)
    for (const id of ids) {
      const label = mode.label(id);
      const set = wrapMemo(label, room.width, room.lines, mode.measure);
      const total = Math.max(1, wordCount(label));
      const n = set.whole ? total : wordCount(set.lines.join(' ').replace(/…$/, ''));
      // The first few words tell chips apart: they count most; then the share of the rest.
      shown += (2 * Math.min(n, 3)) / Math.min(total, 3) + (set.whole ? 1.05 : n / total);
    }
  // Then the larger room, then (no label shows at all) the larger icon: every chip gets a place.
  return shown + (room.lines * room.width) / 1e6 + icon / 1e9;
}

/** The size of a chip in a cell of `w` by `h`: the designed shape scaled for icons, the cell (up to the label's need) for labels. */
function chipIn(w: number, h: number, mode: ChipMode): { w: number; h: number } {
  if (!mode.labels) {
    const s = Math.min(w / TOKEN.w, h / TOKEN.h, 1);
    return { w: TOKEN.w * s, h: TOKEN.h * s };
  }
  const lines = Math.max(1, labelRoom(w, h, mode.lineH).lines);
  return { w: Math.min(w, CHIP.maxW), h: Math.min(h, CHIP.pad + lines * mode.lineH + 2) };
}

export interface TrayLayout {
  slots: Map<string, Slot>;
  /** Each group's heading: where it starts, and the width of the group's columns. */
  headers: { category: ChipGroup['category']; x: number; y: number; w: number }[];
}

/**
 * Lay groups of chips out in columns inside an area, each group's columns under its heading: as
 * many rows as make the chips' labels roomiest (icons: as large as they fit). Every chip gets a slot.
 */
export function layoutTray(groups: ChipGroup[], area: Rect, headerH: number, mode: ChipMode): TrayLayout {
  const count = groups.reduce((n, g) => n + g.chips.length, 0);
  const gap = TOKEN.gap;
  const avail = area.h - headerH;
  // Each group's chips in columns of `rows`; a column with fewer chips gives each more height.
  const columnsOf = (rows: number) => groups.flatMap((g) => Array.from({ length: Math.ceil(g.chips.length / rows) }, (_, c) => g.chips.slice(c * rows, (c + 1) * rows).map((chip) => chip.id)));
  // No more rows than chips, nor (labels) than rows a line of words high.
  const most = mode.labels ? Math.max(1, Math.floor((avail + gap) / (CHIP.pad + mode.lineH + gap))) : count;
  let best: { rows: number; widths: number[]; score: number } | null = null;
  for (let rows = 1; rows <= Math.max(1, Math.min(count, most)); rows++) {
    const columns = columnsOf(rows);
    if ((avail + gap) / rows - gap <= 0) break;
    const widths = columnWidths(columns, area.w, mode);
    let s = 0;
    columns.forEach((ids, c) => {
      const chip = chipIn(widths[c]!, (avail + gap) / ids.length - gap, mode);
      s += score(ids, chip.w, chip.h, mode);
    });
    if (mode.labels && mode.headingFits) {
      let c = 0;
      for (const g of groups) {
        const n = Math.ceil(g.chips.length / rows);
        const w = widths.slice(c, c + n).reduce((t, x) => t + x + gap, -gap);
        if (!mode.headingFits(g.category, w)) s -= 0.3;
        c += n;
      }
    }
    if (!best || s > best.score + 1e-12) best = { rows, widths, score: s };
  }
  const slots = new Map<string, Slot>();
  const headers: TrayLayout['headers'] = [];
  if (!best) return { slots, headers };
  const { rows, widths } = best;
  let col = 0;
  let x = area.x;
  for (const group of groups) {
    const groupCols = Math.ceil(group.chips.length / rows);
    const groupW = widths.slice(col, col + groupCols).reduce((t, w) => t + w + gap, -gap);
    headers.push({ category: group.category, x, y: area.y, w: groupW });
    for (let c = 0; c < groupCols; c++) {
      const ids = group.chips.slice(c * rows, (c + 1) * rows);
      const chip = chipIn(widths[col + c]!, (avail + gap) / ids.length - gap, mode);
      ids.forEach((one, r) => {
        slots.set(one.id, { x: x + chip.w / 2, y: area.y + headerH + r * (chip.h + gap) + chip.h / 2, w: chip.w, h: chip.h });
      });
      x += widths[col + c]! + gap;
    }
    col += groupCols;
  }
  return { slots, headers };
}

/**
 * The columns' widths across `total`: equal, unless (labels) a column needs more for the first
 * words of its labels (each of its first three words, with an ellipsis, on a line): then each
 * column gets what it needs and the rest is shared equally, or if the needs do not all fit, a
 * share of the room in proportion to its need.
 */
function columnWidths(columns: string[][], total: number, mode: ChipMode): number[] {
  const gap = TOKEN.gap;
  const room = total - gap * (columns.length - 1);
  const equal = columns.map(() => room / Math.max(1, columns.length));
  if (!mode.labels) return equal;
  const needs = columns.map((ids) =>
    Math.max(0, ...ids.flatMap((id) => wordsOf(mode.label(id)).slice(0, 3).map((w) => mode.measure(`${w}…`) + CHIP.inset + CHIP.right + 1))),
  );
  const needed = needs.reduce((t, n) => t + n, 0);
  if (needs.every((n, i) => n <= equal[i]!)) return equal;
  // Not room for every need: each column its share of the room in proportion to its need.
  if (needed > room) return needs.map((n) => (n * room) / needed);
  // What is left once every column has its need, shared so that columns end as equal as they can.
  const widths = [...needs];
  let left = room - needed;
  while (left > 0.5) {
    const least = Math.min(...widths);
    const at = widths.filter((w) => w - least < 0.5).length;
    const next = Math.min(...widths.filter((w) => w - least >= 0.5), least + left / at);
    const step = Math.min(next - least, left / at);
    for (let i = 0; i < widths.length; i++) if (widths[i]! - least < 0.5) widths[i]! += step;
    left -= step * at;
    if (step < 1e-6) break;
  }
  return widths;
}

/** Lay chips out in rows inside a zone of the table, below its title (`top`), as roomy as they fit. */
export function layoutZone(ids: string[], area: Rect, top: number, mode: ChipMode): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  if (ids.length === 0) return slots;
  const gap = TOKEN.gap;
  let best: { cols: number; w: number; h: number; score: number } | null = null;
  for (let rows = 1; rows <= ids.length; rows++) {
    const cols = Math.ceil(ids.length / rows);
    const cell = { w: (area.w - 20 + gap) / cols - gap, h: (area.h - top - 2 + gap) / rows - gap };
    if (cell.h <= 0) break;
    const chip = chipIn(cell.w, cell.h, mode);
    const s = score(ids, chip.w, chip.h, mode);
    if (!best || s > best.score + 1e-12) best = { cols, w: chip.w, h: chip.h, score: s };
  }
  if (!best) return slots;
  const { cols, w, h } = best;
  ids.forEach((id, i) => {
    slots.set(id, { x: area.x + 10 + (i % cols) * (w + gap) + w / 2, y: area.y + top + Math.floor(i / cols) * (h + gap) + h / 2, w, h });
  });
  return slots;
}

/** What a label shows in its room: whole lines of whole words, the last ending in "…" if words were left out. */
export interface WrappedLabel {
  lines: string[];
  /** Every word is shown. */
  whole: boolean;
}

/**
 * Set a label in at most `maxLines` lines no wider than `width` (as `measure` measures a string),
 * breaking only between words. A label too long for its room is shortened at a word's end with an
 * ellipsis (trailing punctuation dropped); a word wider than a line is never cut (a word cut in two
 * reads as another word): the label stops before it, and when not even its first word fits it
 * shows nothing (the caller says it another way).
 */
export function wrapLabel(label: string, width: number, maxLines: number, measure: (s: string) => number): WrappedLabel {
  const words = label.split(/\s+/).filter(Boolean);
  // A mark in front (a figure's † or ‡) goes with the word after it, where the two fit a line.
  if (words.length > 1 && /^[^\p{L}\p{N}]$/u.test(words[0]!) && measure(`${words[0]} ${words[1]}`) <= width) words.splice(0, 2, `${words[0]} ${words[1]}`);
  if (words.length === 0 || maxLines < 1) return { lines: [], whole: words.length === 0 };
  // Greedy filling: each line takes as many of the next words as fit.
  const fill = (ws: string[], last: (line: string) => string = (l) => l): string[] | null => {
    const lines: string[] = [];
    let line = '';
    for (let i = 0; i < ws.length; i++) {
      const next = line ? `${line} ${ws[i]}` : ws[i]!;
      const shown = i === ws.length - 1 ? last(next) : next;
      if (measure(shown) <= width) line = next;
      else {
        if (!line) return null;
        lines.push(line);
        line = ws[i]!;
        if (measure(i === ws.length - 1 ? last(line) : line) > width) return null;
      }
    }
    lines.push(line);
    return lines;
  };
  const whole = fill(words);
  if (whole && whole.length <= maxLines) return { lines: whole, whole: true };
  // Shortened: from as many words as the lines hold whole (fewer once "…" is added), down.
  let most = 0;
  for (let n = 1, lines = 1, line = ''; n <= words.length; n++) {
    const next = line ? `${line} ${words[n - 1]}` : words[n - 1]!;
    if (measure(next) <= width) line = next;
    else if (line && ++lines <= maxLines && measure(words[n - 1]!) <= width) line = words[n - 1]!;
    else break;
    most = n;
  }
  for (let n = Math.min(most, words.length - 1); n >= 1; n--) {
    const kept = words.slice(0, n);
    kept[n - 1] = kept[n - 1]!.replace(/[,;:–-]+$/, '');
    if (kept[n - 1] === '') continue;
    const lines = fill(kept, (l) => `${l}…`);
    if (lines && lines.length <= maxLines) {
      lines[lines.length - 1] = `${lines[lines.length - 1]}…`;
      return { lines, whole: false };
    }
  }
  return { lines: [], whole: false };
}
