import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import type { GameSpec, Move } from '../../src/core/types';
import {
  classCsv,
  classDebrief,
  classJson,
  cleanName,
  handInLine,
  parseCodeList,
  ratingsCaption,
  ratingsScaleText,
  scenariosOf,
  type SideRatings,
  verifyCodes,
} from '../../src/session/class-debrief';
import { CSV_BOM } from '../../src/session/csv';
import { resultCodeOf } from '../../src/session/games';
import { busan } from '../helpers';

const b = busan();
const find = (id: string) => (id === b.id ? b : undefined);
const spec = (seed: string, moves: Move[]): GameSpec => ({
  scenario: { id: b.id, version: b.version },
  seed,
  options: defaultOptions(b, { humans: ['us', 'china'] }),
  moves,
});
const deal = spec('1', [
  { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } },
  { type: 'accept', side: 'china' },
]);
const walkout = spec('2', [
  { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } },
  { type: 'walkout', side: 'china' },
]);
const unfinished = spec('3', [{ type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } }]);
const dealCode = resultCodeOf(b, deal);
const walkoutCode = resultCodeOf(b, walkout);

describe('the class page from result codes', () => {
  it('reads names before codes, skips a header, and lists a line without a code with its reason', () => {
    const text = `\ufeffname,code\r\nAna Li: ${dealCode}\r\n"Bo, Chen",${walkoutCode}\n\nhello there\n${dealCode}\n`;
    const { entries, rejected, problem } = parseCodeList(text);
    expect(problem).toBeNull();
    expect(entries.map((e) => [e.line, e.name])).toEqual([
      [2, 'Ana Li'],
      [3, 'Bo, Chen'],
      [6, ''],
    ]);
    expect(rejected).toEqual([{ line: 5, name: '', text: 'hello there', reason: expect.stringContaining('no result code') }]);
  });

  it('a student’s hand-in line reads back as the same name and code', () => {
    const line = handInLine('  <b>Zoë</b>\n Ng ', dealCode);
    expect(line).toBe(`<b>Zoë</b> Ng: ${dealCode}`);
    expect(parseCodeList(line).entries[0]).toEqual({ line: 1, name: '<b>Zoë</b> Ng', code: dealCode });
    expect(handInLine('', dealCode)).toBe(dealCode);
    expect([...cleanName('x'.repeat(500))]).toHaveLength(60);
    // A pasted list is students' text: bidirectional overrides, zero-width characters and stacked marks go, as on a class server.
    expect(cleanName('\u202eAna\u202c\u200b Li')).toBe('Ana Li');
    expect(parseCodeList(`\u202eAna\u2066: ${dealCode}`).entries[0]).toEqual({ line: 1, name: 'Ana', code: dealCode });
    expect(cleanName(`Z${'\u0336'.repeat(50)}oë`)).toBe(`Z${'\u0336'.repeat(4)}oë`);
  });

  it('verifies by replay: an altered code, an unfinished game and a repeated game are rejected by name, never dropped', () => {
    const altered = dealCode.slice(0, 20) + (dealCode[20] === 'A' ? 'B' : 'A') + dealCode.slice(21);
    const text = [`A: ${dealCode}`, `B: ${walkoutCode}`, `C: ${altered}`, `D: ${resultCodeOf(b, unfinished)}`, `E: ${dealCode}`].join('\n');
    const { games, rejected } = verifyCodes(parseCodeList(text).entries, find);
    expect(games.map((g) => g.name)).toEqual(['A', 'B']);
    expect(rejected.map((r) => [r.line, r.name])).toEqual([
      [3, 'C'],
      [4, 'D'],
      [5, 'E'],
    ]);
    expect(rejected[0]!.reason).toMatch(/cannot be opened/);
    expect(rejected[1]!.reason).toMatch(/not over: it stopped in round 1/);
    expect(rejected[2]!.reason).toBe('the same game as line 1');
    expect(scenariosOf(games)).toEqual([{ id: b.id, title: b.title, count: 2 }]);
    expect(verifyCodes([{ line: 1, name: '', code: 'bc1-AAAA' }], find).rejected).toHaveLength(1);
  });

  it('builds the class debrief: both games on one chart, ratings per side, chips of the deals, outcomes', () => {
    const d = classDebrief(b, [
      { name: 'Ana', line: 1, code: dealCode, spec: deal },
      { name: '', line: 2, code: walkoutCode, spec: walkout },
    ]);
    expect(d.outcomes).toEqual({ deal: 1, walkout: 1, deadline: 0 });
    expect(d.games.map((g) => [g.label, g.outcome, g.round, g.by])).toEqual([
      ['1. Ana', 'deal', 1, null],
      ['Game 2', 'walkout', 1, 'china'],
    ]);
    expect(d.chart.games).toHaveLength(2);
    expect(d.chart.noDeal.kind).toBe('no-deal');
    expect(d.chart.history?.kind).toBe('history');
    expect(d.games[0]!.terms).toHaveLength(1);
    expect(d.chips).toEqual([expect.objectContaining({ issue: 'tariffTruce', position: 'extended-1yr', count: 1, share: 1 })]);
    for (const side of ['us', 'china'] as const) {
      const r = d.ratings[side];
      expect(r.bins.reduce((a, x) => a + x.count, 0) + r.unrated).toBe(2);
      // The caption names the doctrine as the players know it, not by its id ("(security-first)").
      const doctrine = b.doctrines.find((x) => x.id === r.doctrine)!;
      // The numbers say their scale, with a true minus sign as the solo debrief writes them.
      expect(ratingsCaption(r)).toMatch(new RegExp(`^${b.sides[side].label}, judged by ${doctrine.label}: mean −?\\d+, median −?\\d+ on a scale of 0 to 100$`));
      expect(ratingsCaption(r)).not.toContain(`(${r.doctrine})`);
    }
    // The heading above names the scenario: the summary does not say it again.
    expect(d.summary[0]).toMatch(/^2 games: 1 deal, 1 walkout, 0 without a deal/);
    expect(d.summary.join(' ')).not.toContain(b.title);
    // A game's mark is the same as its own chart puts it (one chart for the class and the game).
    const values = d.games.map((g) => [g.mark.x, g.mark.y]);
    expect(values[0]).not.toEqual(values[1]);
  });

  it('says what the ratings mean: the scale, and what a mean below 0 (or far from the median) says', () => {
    const side = (mean: number | null, median: number | null): SideRatings => ({ side: 'us', label: 'United States', doctrine: 'd', doctrineLabel: 'D', bins: [], unrated: 0, mean, median });
    const plain = ratingsScaleText({ us: side(55, 60), china: { ...side(40, 45), side: 'china', label: 'China' } });
    expect(plain).toBe('Ratings: 0 is no deal for that side, 100 the best deal the other side would have ratified.');
    const odd = ratingsScaleText({ us: side(-169, 12), china: { ...side(40, 45), side: 'china', label: 'China' } });
    expect(odd).toContain('Below 0, the outcome was worse for that side than no deal.');
    expect(odd).toContain('the median is the middle game');
    expect(ratingsCaption(side(-169, 12))).toBe('United States, judged by D: mean −169, median 12 on a scale of 0 to 100');
    // The class's summary line gives the means; the scale is said once, under the ratings per side (not here too).
    const d = classDebrief(b, [{ name: 'Ana', line: 1, code: dealCode, spec: deal }]);
    expect(d.summary[2]).toMatch(/\(1 of 1 deal\)\.$/);
    expect(d.summary[1]).toMatch(/: mean rating −?\d+, median −?\d+; .*: mean rating −?\d+, median −?\d+\.$/);
    expect(d.summary.join(' ')).not.toContain('0 is no deal');
  });

  it('exports the class as CSV through toCsv (names neutralised) and as JSON with verified codes and moves', () => {
    const d = classDebrief(b, [
      { name: '=HYPERLINK("x")', line: 1, code: dealCode, spec: deal },
      { name: 'Bo', line: 2, code: walkoutCode, spec: walkout },
    ]);
    const csv = classCsv(d);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain(dealCode);
    expect(lines[2]).toContain(walkoutCode);
    expect(lines[2]).toContain('walkout');
    const json = JSON.parse(classJson(d, [{ line: 9, name: 'Z', text: 'x', reason: 'why' }]));
    expect(json.games).toHaveLength(2);
    expect(json.games[0]).toMatchObject({ resultCode: dealCode, verified: true, outcome: { kind: 'deal' } });
    expect(json.games[1].moves).toEqual(walkout.moves);
    expect(json.games[0].ratings.us.doctrine).toBe(d.chart.x.doctrine);
    expect(json.rejected).toEqual([{ line: 9, name: 'Z', text: 'x', reason: 'why' }]);
  });

  it('refuses a list that is not text it can read, by name', () => {
    expect(parseCodeList('a\u0000b').problem).toMatch(/^The list cannot be read/);
    expect(parseCodeList('x'.repeat(2_000_001)).problem).toMatch(/characters long/);
  });
});
