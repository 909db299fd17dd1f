import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSV_BOM } from '../../src/session/csv';
import { distribution, playMcGame, summarize, type McGame } from '../../src/session/monte-carlo';
import { mini } from '../helpers';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const sim = (args: string[]) => spawnSync(tsx, [join(root, 'src', 'cli', 'sim.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('the Monte Carlo (npm run sim -- --games N)', () => {
  it('prints the same summary, to the byte, on 1 and on 4 worker threads (text, JSON and CSV)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-mc-'));
    const args = ['--scenario', 'busan-2025', '--games', '6', '--us', 'hard', '--china', 'random'];
    const one = sim([...args, '--workers', '1', '--json', '--csv', join(dir, 'one.csv')]);
    const four = sim([...args, '--workers', '4', '--json', '--csv', join(dir, 'four.csv')]);
    expect(one.status, one.stderr).toBe(0);
    expect(four.status, four.stderr).toBe(0);
    expect(four.stdout).toBe(one.stdout);
    // Piped, the progress bar stays quiet.
    expect(one.stderr).toBe('');
    const summary = JSON.parse(one.stdout) as { games: number; outcomes: Record<string, number>; ratings: { us: { n: number } }; indicators: Record<string, unknown> };
    expect(summary.games).toBe(6);
    expect(summary.outcomes.deal! + summary.outcomes.walkout! + summary.outcomes.deadline!).toBe(6);
    expect(Object.keys(summary.indicators).length).toBeGreaterThan(5);
    const csv = readFileSync(join(dir, 'one.csv'), 'utf8');
    expect(csv).toBe(readFileSync(join(dir, 'four.csv'), 'utf8'));
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(7);
    const text1 = sim([...args, '--workers', '1']);
    const text4 = sim([...args, '--workers', '3']);
    expect(text4.stdout).toBe(text1.stdout);
    expect(text1.stdout).toContain('Chips in deals');
  }, 240_000);

  it('refuses bad counts and combinations by name', () => {
    const r = sim(['--scenario', 'busan-2025', '--games', '0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--games: expected a whole number from 1 to 100000');
    const w = sim(['--scenario', 'busan-2025', '--games', '2', '--workers', 'many']);
    expect(w.stderr).toContain('--workers: expected a whole number');
    const m = sim(['--scenario', 'busan-2025', '--games', '2', '--moves', 'x.json']);
    expect(m.stderr).toContain('cannot be combined with --moves');
  }, 60_000);

  it('sums up games in seed order whatever order they come in, and plays each from its seed alone', () => {
    const scenario = mini();
    const players = { us: 'hard', china: 'normal' } as const;
    const games: McGame[] = [0, 1, 2, 3, 4].map((i) => playMcGame(scenario, 't', i, players));
    expect(playMcGame(scenario, 't', 3, players)).toEqual(games[3]);
    expect(summarize(scenario, players, 't', [...games].reverse())).toEqual(summarize(scenario, players, 't', games));
    expect(games.map((g) => g.seed)).toEqual(['t-1', 't-2', 't-3', 't-4', 't-5']);
  });

  it('gives mean and nearest-rank deciles, leaving out games without a number', () => {
    expect(distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null])).toEqual({ n: 10, mean: 5.5, p10: 1, p50: 5, p90: 9 });
    expect(distribution([null])).toBeNull();
    expect(distribution([2])).toEqual({ n: 1, mean: 2, p10: 2, p50: 2, p90: 2 });
  });
});
