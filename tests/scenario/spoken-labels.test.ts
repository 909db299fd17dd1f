import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureWords } from '../../src/negotiators/game/voice';
import { wordsOf } from '../../src/negotiators/game/assess';
import { busan, loadOrThrow, scenarioPath } from '../helpers';

/**
 * The AI speaks labels in its sentences ("We move on soybean purchases (…)"), so a label is what a
 * negotiator would say; a source's caveat ("not codified", "officials' figure") belongs in the
 * position's note, which the screens show beside the chip.
 */

const SOURCE_ASIDE = /\([^)]*\b(announced|codified|reported|officials?|published|fact sheet|Reuters|implemented|details)\b[^)]*\)/i;

const files = readdirSync(scenarioPath('.')).filter((f) => f.endsWith('.yaml'));

describe('labels the AI speaks', () => {
  it.each(files)('%s: no label carries a source note in brackets', (file) => {
    const scenario = loadOrThrow(scenarioPath(file));
    const asides = scenario.issues.flatMap((i) => [i.label, ...i.positions.map((p) => p.label)]).filter((l) => SOURCE_ASIDE.test(l));
    expect(asides).toEqual([]);
  });

  it('Busan keeps the notes of the H20 and soybean positions beside them, and the AI says the short label', () => {
    const s = busan();
    const pos = (issue: string, id: string) => s.issues.find((i) => i.id === issue)!.positions.find((p) => p.id === id)!;
    expect(pos('chipExports', 'h20-licensed').description).toMatch(/15% revenue share.*not codified/);
    expect(pos('soybeanPurchases', '25mmt').description).toMatch(/end of 2025 in the fact sheet.*end of February/);
    const said = measureWords(wordsOf(s), { issue: 'soybeanPurchases', position: '25mmt' });
    expect(said).not.toMatch(/fact sheet/);
    expect(said).toContain('12 Mt of soybeans first, then 25 Mt a year');
  });
});
