import { describe, expect, it } from 'vitest';
import { gameNumberLabels } from '../../src/view/screens/deal-chart';

/**
 * The class deal chart's game numbers: pairs that struck the same deal are drawn at one point,
 * and their numbers, each drawn beside its own point, were printed over one another (a blot a
 * class could not read off the projected chart). One label per place, listing its games.
 */
describe('the numbers beside the class chart’s games', () => {
  it('gives games at one place one label, runs written as a range', () => {
    const same = { x: 100, y: 50 };
    expect(gameNumberLabels([same, same, same, same], 10)).toEqual(['1–4', null, null, null]);
  });

  it('keeps apart games that are apart, and lists a place’s games that are not consecutive', () => {
    const a = { x: 100, y: 50 };
    const b = { x: 300, y: 200 };
    expect(gameNumberLabels([a, b, { x: 104, y: 53 }, b, a, a], 10)).toEqual(['1, 3, 5, 6', '2, 4', null, null, null, null]);
  });

  it('numbers a lone game as before', () => {
    expect(gameNumberLabels([{ x: 0, y: 0 }, { x: 50, y: 0 }], 10)).toEqual(['1', '2']);
  });
});
