import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import { crc32, decodeResult, encodeResult, fromBase64Url, ResultCodeError, toBase64Url, utf8Decode, utf8Encode } from '../../src/core/result-code';
import type { GameSpec, Scenario } from '../../src/core/types';
import { AI_PLAYERS } from '../../src/core/types';
import { busan, mini } from '../helpers';

const b = busan();
const m = mini();
const find = (id: string): Scenario | undefined => ({ 'busan-2025': b, mini: m })[id];

const spec: GameSpec = {
  scenario: { id: b.id, version: b.version },
  seed: 'class-7B',
  options: { ...defaultOptions(b, { humans: ['us'], difficulty: { us: 'normal', china: 'hard' } }), profiles: { china: 'china-stability' }, branchStep: 3 },
  moves: [
    { type: 'propose', side: 'us', package: { soybeanPurchases: '25mmt', tariffTruce: 'extended-1yr' } },
    { type: 'threaten', side: 'china', issue: 'rareEarthControls', position: 'oct9-controls' },
    { type: 'hold', side: 'us' },
    { type: 'impose', side: 'china', issue: 'rareEarthControls', position: 'oct9-controls' },
    { type: 'reject', side: 'us' },
    { type: 'walkout', side: 'china' },
    { type: 'accept', side: 'us' },
  ],
};

function problemOf(code: string): string {
  try {
    decodeResult(code, find);
  } catch (error) {
    if (error instanceof ResultCodeError) return error.problem;
    throw error;
  }
  return 'accepted';
}

describe('result codes', () => {
  it('round-trips a game, with packages in canonical order', () => {
    const code = encodeResult(spec, b);
    expect(code).toMatch(/^bc1-[A-Za-z0-9_-]+$/);
    const decoded = decodeResult(code, find);
    expect(decoded).toEqual({
      ...spec,
      moves: [{ type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr', soybeanPurchases: '25mmt' } }, ...spec.moves.slice(1)],
    });
  });

  it('is compact', () => {
    expect(encodeResult(spec, b).length).toBeLessThan(80);
  });

  it('rejects a truncated code, saying so', () => {
    const code = encodeResult(spec, b);
    for (let cut = 1; cut <= code.length - 4; cut++) expect(problemOf(code.slice(0, code.length - cut))).toBe('truncated');
    expect(() => decodeResult(code.slice(0, -6), find)).toThrow(/truncated/);
  });

  it('says a code whose start is garbage is not a code from this game, not that it misses millions of bytes', () => {
    for (const text of ['bc1-garbage', 'bc1-hello-world']) {
      expect(problemOf(text)).toBe('not-a-code');
      expect(() => decodeResult(text, find)).toThrow(/^this is not a result code from this game: it is too short, or damaged at its start$/);
    }
    // a real code cut short keeps its precise message
    const code = encodeResult(spec, b);
    expect(() => decodeResult(code.slice(0, -8), find)).toThrow(/should carry \d+ bytes of game data but has \d+/);
  });

  it('rejects every single-character change', () => {
    const code = encodeResult(spec, b);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < code.length; i++) {
      for (const c of alphabet) {
        if (c === code[i]) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(problemOf(changed), `${changed} (position ${i})`).not.toBe('accepted');
      }
    }
  });

  it('names an unknown format version, an unknown scenario and a scenario version mismatch', () => {
    const code = encodeResult(spec, b);
    expect(() => decodeResult(code.replace(/^bc1-/, 'bc3-'), find)).toThrow('result code format version 3 is unknown: this game reads versions 1 and 2');
    expect(() => decodeResult(code, () => undefined)).toThrow('the code is for scenario "busan-2025", which this game does not have');
    expect(() => decodeResult(code, () => ({ ...b, version: b.version + 1 }))).toThrow(`the code was made with version ${b.version} of "busan-2025", but this game has version ${b.version + 1}`);
    expect(() => decodeResult('hello', find)).toThrow('not a Bargaining Chips result code');
    expect(() => decodeResult('bc1-!!', find)).toThrow('characters a result code never has');
  });

  it('refuses a non-canonical spelling of the same bytes', () => {
    const bytes = Uint8Array.from([1, 2]);
    const canonical = toBase64Url(bytes); // "AQI": the last character carries two unused bits
    expect(canonical).toBe('AQI');
    expect(fromBase64Url('AQJ')).toEqual(bytes);
    expect(toBase64Url(fromBase64Url('AQJ')!)).not.toBe('AQJ');
  });

  it('encodes text as UTF-8 and the checksum as CRC-32', () => {
    expect(crc32(Uint8Array.from(utf8Encode('123456789')))).toBe(0xcbf43926);
    expect(utf8Encode('é')).toEqual([0xc3, 0xa9]);
    expect(utf8Decode(Uint8Array.from([0xc3, 0xa9]))).toBe('é');
    expect(utf8Decode(Uint8Array.from([0xc3]))).toBeNull();
    const seeded: GameSpec = { ...spec, seed: 'Classe de 5e — groupe β', moves: [] };
    expect(decodeResult(encodeResult(seeded, b), find).seed).toBe('Classe de 5e — groupe β');
  });

  it('reads codes made before the random player was recorded, exactly as they were made', () => {
    // Made by the build before this format kept the random player (commit 51b7936), from `spec` above.
    // The code names Busan's version 1, the version it was made with.
    const v1 = { ...b, version: 1 };
    const specV1: GameSpec = { ...spec, scenario: { id: b.id, version: 1 } };
    const old = 'bc1-LApidXNhbi0yMDI1AQhjbGFzcy03QuUDBQAFAwcAAgQBBwIJBgMMBwYDBAsCoKqCUA';
    expect(encodeResult(specV1, v1)).toBe(old);
    expect(decodeResult(old, () => v1)).toEqual(decodeResult(encodeResult(specV1, v1), () => v1));
  });

  it('records the random player as such, in the two bits a side that no earlier code used', () => {
    const random: GameSpec = { ...spec, options: { ...spec.options, humans: [], difficulty: { us: 'random', china: 'hard' } } };
    const decoded = decodeResult(encodeResult(random, b), find);
    expect(decoded.options.difficulty).toEqual({ us: 'random', china: 'hard' });
    for (const player of AI_PLAYERS) {
      const s: GameSpec = { ...spec, options: { ...spec.options, difficulty: { us: player, china: player } } };
      expect(decodeResult(encodeResult(s, b), find).options.difficulty).toEqual({ us: player, china: player });
    }
  });

  it('insists on the canonical spelling of the prefix: "bc01-" is an altered "bc1-"', () => {
    const code = encodeResult(spec, b);
    expect(problemOf(code.replace(/^bc1-/, 'bc01-'))).toBe('altered');
    expect(() => decodeResult(code.replace(/^bc1-/, 'bc01-'), find)).toThrow('it starts with "bc01-", but result codes start with "bc1-"');
    expect(problemOf(`  ${code}\n`)).toBe('accepted');
  });

  it('calls every cut of a code truncated and every one-character change altered, over 200 generated games', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const counts = { truncations: 0, alterations: 0 };
    const wrong: string[] = [];
    const options = defaultOptions(b, { humans: ['us'] });
    for (let g = 0; g < 200; g++) {
      // Games of different lengths, so that codes end on every residue of the base64 blocks.
      const moves: GameSpec['moves'] = [];
      for (let k = 0; k < g % 9; k++) moves.push({ type: 'hold', side: k % 2 === 0 ? 'us' : 'china' });
      const code = encodeResult({ scenario: { id: b.id, version: b.version }, seed: `s${g}`, options, moves }, b);
      const body = code.length - 4;
      for (let cut = 1; cut <= body; cut++) {
        const problem = problemOf(code.slice(0, code.length - cut));
        if (problem !== 'truncated') wrong.push(`${code} cut by ${cut}: ${problem}`);
        counts.truncations += 1;
      }
      // Every position of the body, with three replacements each (all 63 for the first twelve games).
      for (let i = 4; i < code.length; i++) {
        const tries = g < 12 ? alphabet : alphabet[(g + i) % 64]! + alphabet[(g * 7 + i) % 64]! + alphabet[(g * 13 + i * 5) % 64]!;
        for (const c of tries) {
          if (c === code[i]) continue;
          const problem = problemOf(code.slice(0, i) + c + code.slice(i + 1));
          if (problem !== 'altered') wrong.push(`${code}: character ${i} changed to ${c}: ${problem}`);
          counts.alterations += 1;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(counts.truncations).toBeGreaterThan(5_000);
    expect(counts.alterations).toBeGreaterThan(40_000);
  });

  it('refuses to encode a game of another scenario', () => {
    expect(() => encodeResult(spec, m)).toThrow(`the game is of busan-2025 v${b.version}, not mini v3`);
  });

  describe('a teacher-set number of rounds (format version 2)', () => {
    const short = b.rounds - 2;
    const rounded: GameSpec = { ...spec, options: { ...spec.options, rounds: short } };

    it('writes a game without it as version 1, spelled as before, and one with it as version 2', () => {
      expect(encodeResult(spec, b)).toMatch(/^bc1-/);
      const code = encodeResult(rounded, b);
      expect(code).toMatch(/^bc2-[A-Za-z0-9_-]+$/);
      expect(decodeResult(code, find)).toEqual(rounded);
      expect(decodeResult(code, find).options.rounds).toBe(short);
    });

    it('still reads a version 1 code made before the option existed', () => {
      const v1 = { ...b, version: 1 };
      const old = 'bc1-LApidXNhbi0yMDI1AQhjbGFzcy03QuUDBQAFAwcAAgQBBwIJBgMMBwYDBAsCoKqCUA';
      expect(decodeResult(old, () => v1).options.rounds).toBeUndefined();
      expect(decodeResult(old, () => v1).moves).toHaveLength(7);
    });

    it('calls a version 2 code altered when any character or its version digit changes', () => {
      const code = encodeResult(rounded, b);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      for (let i = 4; i < code.length; i++) {
        for (const c of alphabet) {
          if (c === code[i]) continue;
          const changed = code.slice(0, i) + c + code.slice(i + 1);
          expect(problemOf(changed), `${changed} (position ${i})`).not.toBe('accepted');
        }
      }
      // The checksum covers the version from 2 on: relabelling a code's version is caught, not misread.
      expect(problemOf(code.replace(/^bc2-/, 'bc1-'))).toBe('altered');
      expect(problemOf(encodeResult(spec, b).replace(/^bc1-/, 'bc2-'))).toBe('altered');
      expect(problemOf(code.slice(0, -3))).toBe('truncated');
    });

    it('refuses a deadline outside the scenario\'s range by name', () => {
      const far: GameSpec = { ...spec, options: { ...spec.options, rounds: b.rounds * 2 + 1 } };
      expect(() => decodeResult(encodeResult(far, b), find)).toThrow(`rounds: busan-2025 can be played in`);
    });
  });
});
