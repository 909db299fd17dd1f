import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const run = (script: string, args: string[]) => spawnSync(tsx, [join(root, 'src', 'cli', script), ...args], { cwd: root, encoding: 'utf8' });
const tmp = mkdtempSync(join(tmpdir(), 'bc-cli-'));

describe('npm run sim', () => {
  it('prints the same bytes for the same arguments, and another game for another seed', () => {
    const a = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '7', '--json']);
    const b = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '7', '--json']);
    const c = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '8', '--json']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    const report = JSON.parse(a.stdout);
    expect(report.scenario).toEqual({ id: 'busan-2025', version: expect.any(Number) });
    expect(report.resultCode).toMatch(/^bc1-/);
    expect(report.state.phase).toBe('ended');
    expect(Object.keys(report.scores)).toEqual(['us', 'china']);
    // Ratings on the bargaining-zone scale, at the top level (src/core/rating.ts).
    for (const side of ['us', 'china']) {
      expect(report.ratings[side]).toEqual(expect.objectContaining({ rating: expect.any(Number), value: expect.any(Number), noDeal: expect.any(Number), best: expect.any(Number) }));
      expect(report.ratings[side].value).toBe(report.scores[side].find((s: { doctrine: string }) => s.doctrine === report.state.options.doctrines[side]).score);
    }
    expect(report.jointGap).toBeGreaterThanOrEqual(0);
  });

  it('plays a moves file', () => {
    const file = join(tmp, 'moves.json');
    writeFileSync(file, JSON.stringify([{ type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } }, { type: 'accept', side: 'china' }]));
    const out = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '1', '--moves', file, '--json']);
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.outcome).toEqual({ kind: 'deal', round: 1, by: 'china', package: { tariffTruce: 'extended-1yr' } });
    // a year later (52 rounds) the extension has run out and the tariffs snapped back
    expect(report.state.positions.tariffTruce).toBe('reciprocal-34pct');
  });

  it('rejects a bad moves file, naming the move and the problem', () => {
    const file = join(tmp, 'bad-moves.json');
    writeFileSync(file, JSON.stringify([{ type: 'accept', side: 'us' }]));
    const out = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '1', '--moves', file]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('move 1 {"type":"accept","side":"us"}: illegal move: there is no offer from China to accept');
    writeFileSync(file, '{"not": "a list"}');
    expect(run('sim.ts', ['--scenario', 'busan-2025', '--seed', '1', '--moves', file]).stderr).toContain('must hold a JSON array of moves');
    writeFileSync(file, '[{');
    expect(run('sim.ts', ['--scenario', 'busan-2025', '--seed', '1', '--moves', file]).stderr).toContain('is not valid JSON');
  });

  it('records the random player as such, so replaying a sim\'s moves with its players gives its code, and --code replays the code', () => {
    const played = JSON.parse(run('sim.ts', ['--scenario', 'busan-2025', '--seed', '4', '--us', 'random', '--china', 'hard', '--json']).stdout);
    expect(played.players).toEqual({ us: 'random', china: 'hard' });
    const file = join(tmp, 'played.json');
    writeFileSync(file, JSON.stringify(played.moves));
    const again = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '4', '--moves', file, '--us', 'random', '--china', 'hard', '--json']);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).resultCode).toBe(played.resultCode);
    const fromCode = run('sim.ts', ['--code', played.resultCode, '--json']);
    expect(fromCode.status).toBe(0);
    expect(JSON.parse(fromCode.stdout)).toMatchObject({ resultCode: played.resultCode, players: { us: 'random', china: 'hard' }, outcome: played.outcome });
  });

  it('plays a scenario file named by its path', () => {
    const out = run('sim.ts', ['--scenario', 'tests/fixtures/mini.yaml', '--seed', '2', '--json']);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).scenario).toEqual({ id: 'mini', version: 3 });
  });

  it('names an unknown scenario and a missing argument', () => {
    const out = run('sim.ts', ['--scenario', 'atlantis', '--seed', '1']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('unknown scenario "atlantis"; the shipped scenarios are:');
    expect(run('sim.ts', ['--scenario', 'busan-2025']).stderr).toContain('--seed is required');
    expect(run('sim.ts', ['--scenario', 'busan-2025', '--seed', '1', '--colour']).stderr).toContain('unknown option --colour');
  });
});

describe('npm run check:scenarios', () => {
  it('passes on the shipped scenarios', () => {
    const out = run('check-scenarios.ts', []);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('ok   busan-2025');
  });

  it('names every problem of a broken file and exits 1', () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, 'id: broken\nversion: 0\ntitle: ""\nissues: []\n');
    const out = run('check-scenarios.ts', [file]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/FAIL .*broken\.yaml: \d+ problems/);
    expect(out.stderr).toContain('broken.yaml:2:10: version: must be at least 1');
    expect(out.stderr).toContain('broken.yaml:3:8: title: must not be empty');
    expect(out.stderr).toContain('issues: a scenario needs at least one issue');
    expect(out.stderr).toContain('summary: is missing');
  });

  it('reports a file it cannot read', () => {
    const out = run('check-scenarios.ts', [join(tmp, 'nope.yaml')]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('cannot read the file: there is no such file');
  });
});
