import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { CanvasTextInfo } from '../../src/view/test-hook';

/**
 * Checks of the canvas's texts as drawn (see the test hook's `canvasText`): how large they show,
 * whether they run off the canvas, over one another, out of their chip, or cut a word in two; and
 * the page's boxes (canvas and panel) against one another.
 */

/** The texts shown on the canvas. */
export async function shownCanvasText(page: Page): Promise<CanvasTextInfo[]> {
  const texts = (await page.evaluate(() => (window.__bc as unknown as { canvasText(): CanvasTextInfo[] }).canvasText())) as CanvasTextInfo[];
  const shown = texts.filter((t) => t.visible && t.text.trim() !== '');
  expect(shown.length, 'texts on the canvas').toBeGreaterThan(0);
  return shown;
}

/** The smallest canvas text shown, in CSS px. */
export async function smallestCanvasText(page: Page): Promise<{ px: number; text: string }> {
  return (await shownCanvasText(page)).reduce((a, b) => (b.px < a.px ? b : a));
}

/** The canvas in game units: stage.ts's GAME_SIZE (importing that module would load Phaser here). */
export const GAME_SIZE = { width: 1600, height: 1000 };

type Box = CanvasTextInfo['box'];

/** Two boxes (game units) that share more than a sliver: the glyphs' padding may touch, the glyphs may not. */
export const overlapping = (a: Box, b: Box, slack = 3): boolean =>
  a.x < b.x + b.w - slack && b.x < a.x + a.w - slack && a.y < b.y + b.h - slack && b.y < a.y + a.h - slack;

const named = (t: CanvasTextInfo) => `“${t.text.replace(/\s+/g, ' ').slice(0, 40)}”`;

/** Canvas texts shown that run off the canvas or over one another, in words. */
export async function canvasTextProblems(page: Page): Promise<string[]> {
  const shown = await shownCanvasText(page);
  const out: string[] = [];
  for (const t of shown) {
    const b = t.box;
    if (b.x < -1 || b.y < -1 || b.x + b.w > GAME_SIZE.width + 1 || b.y + b.h > GAME_SIZE.height + 1)
      out.push(`${named(t)} runs off the canvas: (${Math.round(b.x)}, ${Math.round(b.y)})–(${Math.round(b.x + b.w)}, ${Math.round(b.y + b.h)})`);
  }
  for (let i = 0; i < shown.length; i++)
    for (let j = i + 1; j < shown.length; j++) if (overlapping(shown[i]!.box, shown[j]!.box)) out.push(`${named(shown[i]!)} overlaps ${named(shown[j]!)}`);
  return out;
}

/**
 * Canvas texts cut mid-word, by their wrapping or by shortening: every piece of a drawn line is a
 * whole word of what the text was asked to show (a shortened one ends on a whole word, then “…”).
 */
export async function cutWordProblems(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const t of await shownCanvasText(page)) {
    // A shortened text may end a word before its comma or dash.
    const words = new Set(t.full.split(/\s+/).flatMap((w) => [w, w.replace(/[,;:–-]+$/, '')]));
    for (const line of t.lines)
      for (const piece of line.trim().split(/\s+/))
        if (piece.replace(/…$/, '') !== '' && !words.has(piece.replace(/…$/, ''))) out.push(`${named(t)} is cut mid-word: a line holds “${piece}”`);
  }
  return out;
}

/** The table's chips off the trays' layout, in game units: the hook gives each chip's centre on the page and its size in CSS px. */
async function chipBoxes(page: Page, which: 'tray' | 'all'): Promise<{ id: string; box: Box }[]> {
  return (await page.evaluate((all) => {
    const rect = document.querySelector('#stage canvas')!.getBoundingClientRect();
    const k = rect.width / 1600;
    const layout = (window.__bc as unknown as { layout(): { tokens: { id: string; inPackage: boolean; x: number; y: number; w: number; h: number }[] } }).layout();
    return layout.tokens
      .filter((t) => all || !t.inPackage)
      .map((t) => ({ id: t.id, box: { x: (t.x - rect.left) / k - t.w / k / 2, y: (t.y - rect.top) / k - t.h / k / 2, w: t.w / k, h: t.h / k } }));
  }, which === 'all')) as { id: string; box: Box }[];
}

/**
 * The table's trays: their labels and chip-group headings ("Security control", "Economic", ...)
 * neither over one another nor over a chip in the trays, nor off the canvas (in game units).
 */
export async function trayHeadingProblems(page: Page): Promise<string[]> {
  const headings = (await shownCanvasText(page)).filter((t) => t.name === 'tray-heading' || t.name === 'tray-label');
  expect(headings.filter((t) => t.name === 'tray-heading').length, 'chip-group headings on the table').toBeGreaterThan(0);
  const chips = await chipBoxes(page, 'tray');
  const out: string[] = [];
  for (const t of headings) if (t.box.x + t.box.w > GAME_SIZE.width / 2 + 40) out.push(`“${t.text}” runs past the trays into the negotiators’ column`);
  for (let i = 0; i < headings.length; i++) {
    for (let j = i + 1; j < headings.length; j++) if (overlapping(headings[i]!.box, headings[j]!.box)) out.push(`“${headings[i]!.text}” overlaps “${headings[j]!.text}”`);
    for (const chip of chips) if (overlapping(headings[i]!.box, chip.box)) out.push(`“${headings[i]!.text}” overlaps the chip ${chip.id}`);
  }
  return out;
}

/** The chips' labels, in the trays and on the table: each inside one chip, the chip it names. */
export async function chipLabelProblems(page: Page): Promise<string[]> {
  const labels = (await shownCanvasText(page)).filter((t) => t.name === 'chip-label');
  const chips = await chipBoxes(page, 'all');
  const within = (a: Box, b: Box, slack = 2) => a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.w <= b.x + b.w + slack && a.y + a.h <= b.y + b.h + slack;
  return labels.filter((t) => !chips.some((c) => within(t.box, c.box))).map((t) => `the chip label ${named(t)} spills out of its chip`);
}

/**
 * The page's boxes: the top bar within the screen; the canvas and the panel side by side (or
 * stacked on a narrow screen) without overlapping; nothing in the panel wider than the panel unless it scrolls in its own box; the
 * blocks of the panel and of the debrief's first screen each below the one before.
 */
export async function pageBoxProblems(page: Page, narrow: boolean): Promise<string[]> {
  return page.evaluate((narrowScreen) => {
    const out: string[] = [];
    const stage = document.querySelector('#stage')!.getBoundingClientRect();
    const panel = document.querySelector('#panel')!.getBoundingClientRect();
    if (narrowScreen) {
      if (stage.bottom > panel.top + 1) out.push(`canvas (bottom ${stage.bottom}) runs into the panel (top ${panel.top})`);
      if (stage.width < window.innerWidth - 1) out.push(`canvas is ${stage.width} px wide on a ${window.innerWidth} px screen`);
    } else if (stage.right > panel.left + 1) out.push(`canvas (right ${stage.right}) runs into the panel (left ${panel.left})`);
    for (const el of document.querySelectorAll('.topbar *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1) out.push(`the top bar’s “${(el.textContent ?? '').trim().slice(0, 30)}” runs off the screen by ${Math.round(r.right - window.innerWidth)} px`);
    }
    const canvas = document.querySelector('#stage canvas');
    if (canvas) {
      const c = canvas.getBoundingClientRect();
      if (c.right > stage.right + 1 || c.bottom > stage.bottom + 1 || c.left < stage.left - 1) out.push('the canvas is clipped by its box');
    }
    const visible = (el: Element) => {
      if (el.closest('details:not([open]) > :not(summary)')) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const scrollsSideways = (el: Element) => {
      for (let p: Element | null = el; p && p.id !== 'panel'; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') return p;
      }
      return null;
    };
    for (const el of document.querySelectorAll('#panel *')) {
      // An SVG's drawing shows only inside the SVG's own box (checked itself): a clipped line's box may run past it.
      if (!visible(el) || el.parentElement?.closest('svg')) continue;
      const r = el.getBoundingClientRect();
      const box = scrollsSideways(el)?.getBoundingClientRect() ?? panel;
      if (el === scrollsSideways(el)) continue;
      if (!scrollsSideways(el) && r.right > box.right + 1)
        out.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}” sticks out of the panel by ${Math.round(r.right - box.right)} px`);
    }
    for (const parent of [document.querySelector('#panel'), ...document.querySelectorAll('.debrief-front, .front-main, .front-side, .ratings, .briefing-summary')]) {
      if (!parent) continue;
      // A bar kept at the top of a scrolled panel (position: sticky) lies over what scrolls under it, by design.
      const scrolled = parent.scrollTop > 0 || window.scrollY > 0;
      const kids = [...parent.children].filter((el) => visible(el) && !(scrolled && ['sticky', 'fixed'].includes(getComputedStyle(el).position)));
      const grid = getComputedStyle(parent).display === 'grid';
      for (let i = 0; i < kids.length; i++)
        for (let j = i + 1; j < kids.length; j++) {
          const a = kids[i]!.getBoundingClientRect();
          const b = kids[j]!.getBoundingClientRect();
          const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          if (overlap) out.push(`${kids[i]!.tagName} and ${kids[j]!.tagName} overlap in ${parent.className || parent.id}${grid ? ' (grid)' : ''}`);
        }
    }
    return out;
  }, narrow);
}

export async function expectNoOverlap(page: Page, narrow: boolean, where?: string): Promise<void> {
  expect(await pageBoxProblems(page, narrow), where).toEqual([]);
}

/**
 * Texts of the panel shown smaller than `min` CSS px, in words: visually hidden ones (read only by
 * screen readers) aside, and a chart's (an SVG's words scale with it: see `smallestSvgText`).
 */
export async function smallPanelText(page: Page, min = 12): Promise<string[]> {
  return page.evaluate((least) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('#panel')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.nodeValue?.trim() || el.closest('.visually-hidden, [hidden], svg, details:not([open]) > :not(summary)')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < least) out.push(`“${n.nodeValue.trim().slice(0, 40)}” at ${px} px`);
    }
    return out;
  }, min);
}

/**
 * The deal chart's fair split (the Nash point) as seen: drawn after (over) each side's best-deal
 * triangles, and what shows at its point is the fair split itself (or a game struck there, drawn
 * over it on purpose), not a best-deal triangle. On the Busan charts it sits by them and was
 * drawn under them; a best deal at its place still shows round it. [] when both are seen or the chart
 * has no fair split; else what hides which.
 */
export async function hiddenNash(page: Page, chart: string): Promise<string[]> {
  const nash = page.locator(`${chart} polygon[data-kind="nash"]`);
  if ((await nash.count()) === 0) return [];
  await nash.scrollIntoViewIfNeeded();
  return nash.evaluate((el) => {
    const root = el.closest('svg')!;
    const out: string[] = [];
    const r = el.getBoundingClientRect();
    for (const best of root.querySelectorAll('polygon.dc-best')) {
      if (best.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) out.push(`drawn under ${best.getAttribute('class')}`);
      // And the best deal is not lost under it in turn: a best deal at the same place shows round it.
      const b = best.getBoundingClientRect();
      if (b.left >= r.left - 0.5 && b.right <= r.right + 0.5 && b.top >= r.top - 0.5 && b.bottom <= r.bottom + 0.5) out.push(`${best.getAttribute('class')} hidden under it`);
    }
    // The point itself: the triangle's apex is r above it, its base 0.8 r below.
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 1.8;
    const shown = document.elementsFromPoint(x, y).find((e) => root.contains(e));
    if (shown !== el && !shown?.closest('[data-game]')) out.push(`at its point: ${shown ? `${shown.tagName} ${shown.getAttribute('class') ?? ''}` : 'nothing of the chart'}`);
    return out;
  });
}
