import { describe, expect, it } from 'vitest';
import { placeLabels, type Box } from '../../src/view/screens/deal-chart';

/**
 * The class chart's game numbers keep off the other marks: a walkout sits on the no-deal point,
 * and its number, always drawn to the right of its ×, lay on the no-deal diamond. Each label now
 * takes the first side of its point that covers no mark, no label placed before it, and stays on the chart.
 */
const bounds: Box = { x: 0, y: 0, w: 400, h: 300 };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placing the class chart’s game numbers', () => {
  it('puts a number on its point’s right when nothing is there', () => {
    const [p] = placeLabels([{ text: '1', x: 100, y: 100, r: 5 }], [{ x: 95, y: 95, w: 10, h: 10 }], 12, bounds);
    expect(p!.anchor).toBe('start');
    expect(p!.x).toBeGreaterThan(105);
    expect(p!.y).toBe(100);
  });

  it('moves a walkout’s number off the no-deal diamond beside it', () => {
    // The walkout's × at (100, 100), the no-deal diamond (radius 8) just to its right.
    const walkout = { x: 95, y: 95, w: 10, h: 10 };
    const noDeal = { x: 104, y: 92, w: 16, h: 16 };
    const [p] = placeLabels([{ text: '2', x: 100, y: 100, r: 5 }], [walkout, noDeal], 12, bounds);
    expect(overlaps(p!.box, noDeal)).toBe(false);
    expect(overlaps(p!.box, walkout)).toBe(false);
    expect(p!.anchor).toBe('end');
  });

  it('clears a larger mark on the very same spot (a walkout on the no-deal point)', () => {
    const walkout = { x: 95, y: 95, w: 10, h: 10 };
    const noDeal = { x: 92, y: 92, w: 16, h: 16 };
    const [p] = placeLabels([{ text: '2', x: 100, y: 100, r: 5 }], [walkout, noDeal], 12, bounds);
    expect(overlaps(p!.box, noDeal)).toBe(false);
    expect(p!.anchor).toBe('start');
  });

  it('keeps two numbers off each other, and off the chart’s edge', () => {
    const marks = [
      { x: 95, y: 95, w: 10, h: 10 },
      { x: 115, y: 95, w: 10, h: 10 },
    ];
    const places = placeLabels(
      [
        { text: '1', x: 100, y: 100, r: 5 },
        { text: '2', x: 120, y: 100, r: 5 },
      ],
      marks,
      12,
      bounds,
    );
    expect(overlaps(places[0]!.box, places[1]!.box)).toBe(false);
    for (const p of places) for (const m of marks) expect(overlaps(p.box, m)).toBe(false);
    // A long label at the right edge goes to the left of its point.
    const [edge] = placeLabels([{ text: '1–12', x: 395, y: 100, r: 5 }], [{ x: 390, y: 95, w: 10, h: 10 }], 12, bounds);
    expect(edge!.box.x).toBeGreaterThanOrEqual(0);
    expect(edge!.box.x + edge!.box.w).toBeLessThanOrEqual(400);
  });

  it('takes the side it covers least when every side is taken', () => {
    // Marks all round the point, a small gap only below.
    const around = [
      { x: 80, y: 60, w: 40, h: 37 },
      { x: 60, y: 80, w: 36, h: 40 },
      { x: 104, y: 80, w: 36, h: 40 },
      { x: 80, y: 112, w: 40, h: 4 },
    ];
    const [p] = placeLabels([{ text: '3', x: 100, y: 100, r: 2 }], around, 12, bounds);
    expect(p!.anchor).toBe('middle');
    expect(p!.y).toBeGreaterThan(100);
  });
});
