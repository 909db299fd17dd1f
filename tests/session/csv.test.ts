import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import type { GameSpec, Scenario } from '../../src/core/types';
import { CSV_BOM, csvCell, isFormulaLike, restoreCsvText, toCsv } from '../../src/session/csv';
import { movesCsv } from '../../src/session/export';
import { mini } from '../helpers';

const { payloads } = JSON.parse(
  readFileSync(new URL('../bad-inputs/formula-payloads.json', import.meta.url), 'utf8'),
) as { payloads: string[] };

/** Parse a file the way a spreadsheet's CSV import reads it (the byte-order mark is not a cell). */
function parse(file: string): string[][] {
  expect(file.startsWith(CSV_BOM)).toBe(true);
  const result = Papa.parse<string[]>(file.slice(1), {
    delimiter: ',',
    newline: '\r\n',
    skipEmptyLines: true,
  });
  expect(result.errors).toEqual([]);
  return result.data;
}

/** What a spreadsheet would run: a parsed cell that starts like a formula and is not a plain number. Apostrophe-led text is shown as text. */
function runnable(cell: string): boolean {
  return isFormulaLike(cell) && !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell);
}

describe('the CSV writer', () => {
  it('writes every formula or DDE payload as inert text that reads back as the same text', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(25);
    const file = toCsv([['name'], ...payloads.map((p) => [p])]);
    const rows = parse(file).slice(1);
    expect(rows).toHaveLength(payloads.length);
    rows.forEach(([cell], i) => {
      expect(runnable(cell!), JSON.stringify(payloads[i])).toBe(false);
      expect(cell!.startsWith("'")).toBe(true);
      expect(restoreCsvText(cell!)).toBe(payloads[i]);
    });
  });

  it('keeps numbers as numbers, negative ones included, and leaves ordinary text alone', () => {
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Soybean purchases')).toBe('Soybean purchases');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell("it's fine")).toBe("it's fine");
    expect(csvCell('3 = 3')).toBe('3 = 3');
  });

  it('starts with a byte-order mark and ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe('\uFEFFa,1\r\nb,2\r\n');
  });

  it('gives back the same names, accented, Chinese, quoted or formula-like, through a CSV parser', () => {
    const names = [
      'Zoë Ørsted',
      '李明',
      'Nguyễn Thị Minh Khai',
      'O\'Brien, "Sam"',
      'line\nbreak',
      '<img src=x onerror=alert(1)>',
      ...payloads,
    ];
    const file = toCsv([['seat', 'name', 'rating'], ...names.map((n, i) => [i + 1, n, -(i + 1) / 4])]);
    const rows = parse(file);
    expect(rows[0]).toEqual(['seat', 'name', 'rating']);
    rows.slice(1).forEach((row, i) => {
      expect(Number(row[0])).toBe(i + 1);
      expect(restoreCsvText(row[1]!)).toBe(names[i]);
      expect(Number(row[2])).toBe(-(i + 1) / 4);
      expect(row.some(runnable)).toBe(false);
    });
  });
});

describe('the moves export', () => {
  it('keeps scenario labels carrying formulas inert', () => {
    const base = mini();
    // A shared scenario file whose every label is a payload.
    let k = 0;
    const next = () => payloads[k++ % payloads.length]!;
    const scenario: Scenario = {
      ...base,
      sides: { us: { ...base.sides.us, label: next() }, china: { ...base.sides.china, label: next() } },
      issues: base.issues.map((issue) => ({
        ...issue,
        label: next(),
        positions: issue.positions.map((p) => ({ ...p, label: next() })),
      })),
    };
    const pkg = { beans: 'lots' };
    const spec: GameSpec = {
      scenario: { id: scenario.id, version: scenario.version },
      seed: 's',
      options: defaultOptions(scenario, { humans: ['us'] }),
      moves: [
        { type: 'propose', side: scenario.opener, package: pkg },
        { type: 'accept', side: scenario.opener === 'us' ? 'china' : 'us' },
      ],
    };
    const payload = '=HYPERLINK("http://attacker.example","why")';
    const rows = parse(movesCsv(scenario, spec, [{ move: 1, say: payload, analysis: `-${payload}` }]));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['move', 'round', 'side', 'played by', 'type', 'issue', 'position', 'package', 'in words', 'AI said', 'AI analysis']);
    for (const row of rows) for (const cell of row) expect(runnable(cell), cell).toBe(false);
    expect(restoreCsvText(rows[2]![9]!)).toBe(payload);
    expect(restoreCsvText(rows[2]![10]!)).toBe(`-${payload}`);
    expect(rows[1]!.slice(0, 2)).toEqual(['1', '1']);
  });
});
