import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMaterialFiles } from '../../src/cli/materials-files';
import { scenarioFiles } from '../../src/cli/scenario-files';

/**
 * The game paraphrases and cites; it does not copy. No run of 8 words in a scenario file or a
 * teaching material may also appear in one of the source articles the scenarios were written from.
 * The articles are not shipped: tests/fixtures/seed-shingles.txt holds a hash of every 8-word run
 * in them. Source titles and addresses are left out of the check (citing a headline is not copying).
 */
const N = 8;

function words(text: string): string[] {
  return text.toLowerCase().replace(/['\u2019]/g, '').match(/[a-z0-9$%]+/g) ?? [];
}

/** FNV-1a, 32 bits, as hex: the hash the fixture was made with. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The runs of 8 or more words of `text` whose every 8-word window is in `hashes`. */
function copiedRuns(text: string, hashes: ReadonlySet<string>): string[] {
  const w = words(text);
  const runs: string[] = [];
  let i = 0;
  while (i + N <= w.length) {
    if (!hashes.has(fnv1a(w.slice(i, i + N).join(' ')))) {
      i += 1;
      continue;
    }
    let end = i + N;
    while (end < w.length && hashes.has(fnv1a(w.slice(end - N + 1, end + 1).join(' ')))) end += 1;
    runs.push(w.slice(i, end).join(' '));
    i = end;
  }
  return runs;
}

/** A file's text without the lines that carry a source's title or address. */
function withoutCitations(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/\btitle:|\burl:|https?:\/\//.test(line))
    .join('\n');
}

const hashes = new Set(
  readFileSync(new URL('../fixtures/seed-shingles.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[0-9a-f]{8}$/.test(l)),
);

const files = [
  ...scenarioFiles().map((f) => ({ name: basename(f), text: readFileSync(f, 'utf8') })),
  ...readMaterialFiles().map((f) => ({ name: `materials/${f.path}`, text: f.text })),
];

describe('no sentence copied from a source article', () => {
  it('hashes the way the fixture was made, and finds a copied run (the check can fail)', () => {
    expect(fnv1a('one two three four five six seven eight')).toBe('f811fb9b');
    expect(hashes.size).toBeGreaterThan(5000);
    const planted = new Set([fnv1a('a b c d e f g h'), fnv1a('b c d e f g h i')]);
    expect(copiedRuns('x A, b c d e f g h i. y', planted)).toEqual(['a b c d e f g h i']);
    expect(copiedRuns('a b c d e f g', planted)).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f.text] as const))('%s', (_name, text) => {
    expect(copiedRuns(withoutCitations(text), hashes)).toEqual([]);
  });
});
