import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const run = (script: string, args: string[]) =>
  spawnSync(tsx, [join(root, 'src', 'cli', script), ...args], { cwd: root, encoding: 'utf8' });
const tmp = mkdtempSync(join(tmpdir(), 'bc-neg-'));

describe('npm run sim: AI against AI', () => {
  it('plays hard against normal by default, with each move, what the AI said and why, the same bytes each time', () => {
    const a = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '3']);
    const b = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '3']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('Moves (United States: hard, China: normal):');
    // what the AI says at the table, then the analysis behind it
    expect(a.stdout).toMatch(
      /\n {3}1\. The United States proposes: .+\n {6}“[^”\n]*\b(we|our)\b[^”\n]*”\n {6}There is no offer from China on the table\. It opens with a package worth/i,
    );
  });

  it('lets each side be easy, normal, hard or the random baseline, records them in the game, and reports them in JSON', () => {
    const out = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '3', '--us', 'random', '--china', 'easy', '--json']);
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.players).toEqual({ us: 'random', china: 'easy' });
    expect(report.reasons).toHaveLength(report.moves.length);
    // The random baseline is a player like the others: it gives its (plain) reason, and the game records it.
    report.moves.forEach((m: { side: string }, i: number) => expect(report.reasons[i]).toMatch(m.side === 'us' ? /^A random move/ : /\S/));
    report.moves.forEach((m: { side: string }, i: number) => expect(typeof report.says[i]).toBe('string'));
    expect(report.state.options.difficulty).toEqual({ us: 'random', china: 'easy' });
  });

  it('refuses an unknown player, and records the players named with a moves file', () => {
    const bad = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '3', '--us', 'genius']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--us: expected easy, normal, hard, random, got "genius"');
    const file = join(tmp, 'moves.json');
    writeFileSync(file, '[]');
    const recorded = run('sim.ts', ['--scenario', 'busan-2025', '--seed', '3', '--moves', file, '--china', 'hard', '--json']);
    expect(recorded.status).toBe(0);
    expect(JSON.parse(recorded.stdout).players).toEqual({ us: 'normal', china: 'hard' });
  });
});

describe('npm run bench:negotiators', () => {
  it('prints the per-agent table, self-play and head to head, the same bytes each time', () => {
    const a = run('bench-negotiators.ts', [
      '--seeds',
      '4',
      '--agents',
      'boulware,hard',
      '--in-game-seeds',
      '0',
    ]);
    const b = run('bench-negotiators.ts', [
      '--seeds',
      '4',
      '--agents',
      'boulware,hard',
      '--in-game-seeds',
      '0',
    ]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain(
      'Negotiator benchmark: 4 generated instances (seeds 0..3); 2 agents, 16 games.',
    );
    expect(a.stdout).toMatch(/\nhard +\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\] +\d\.\d{3} +0 /);
    expect(a.stdout).toContain('Self-play (the agent against itself):');
    expect(a.stdout).toContain('Head to head:');
    // with hard and boulware in the run, the issue's bars for hard, each marked met or not
    const bars = a.stdout
      .slice(a.stdout.indexOf("Issue 3's bars for hard"))
      .split('\n')
      .slice(1)
      .filter((l) => l !== '');
    expect(bars).toHaveLength(7);
    for (const line of bars) expect(line).toMatch(/^ {2}(met {4}|NOT met) {2}\S.*: \S/);
    expect(bars[6]).toMatch(/no head-to-head loss worse than 0\.01: worst [+−]\d\.\d{3} against boulware$/);
    expect(
      run('bench-negotiators.ts', ['--seeds', '2', '--agents', 'linear,conceder', '--in-game-seeds', '0'])
        .stdout,
    ).not.toContain("Issue 3's bars");
  });

  it('gives every game raw in JSON, in the form the issue names', () => {
    const out = run('bench-negotiators.ts', [
      '--seeds',
      '2',
      '--agents',
      'linear,hard',
      '--json',
      '--in-game-seeds',
      '0',
    ]);
    const report = JSON.parse(out.stdout);
    expect(report.games).toHaveLength(8);
    expect(report.inGame).toBeUndefined();
    expect(Object.keys(report.games[0])).toEqual([
      'instance',
      'first',
      'second',
      'agreement',
      'outcome',
      'utilities',
      'turn',
    ]);
    expect(report.headToHead.hard.linear).toBeCloseTo(-report.headToHead.linear.hard, 12);
    expect(report.stats.map((s: { agent: string }) => s.agent)).toEqual(['linear', 'hard']);
  });

  it('runs the instances of a file', () => {
    const file = join(tmp, 'one.json');
    const instance = {
      id: 'x',
      turns: 20,
      issues: [{ name: 'a', options: ['lo', 'mid', 'hi'] }],
      sides: [
        { weights: [1], values: [[0, 0.5, 1]], reservation: 0.1 },
        { weights: [1], values: [[1, 0.5, 0]], reservation: 0.2 },
      ],
    };
    writeFileSync(file, JSON.stringify({ instances: [instance] }));
    const out = run('bench-negotiators.ts', [
      '--instances',
      file,
      '--agents',
      'conceder,hard',
      '--json',
      '--in-game-seeds',
      '0',
    ]);
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.source).toBe(`1 instances from ${file}`);
    expect(report.games.map((g: { instance: string }) => g.instance)).toEqual(['x', 'x', 'x', 'x']);
  });

  it('refuses a bad instances file, naming the field, and runs nothing', () => {
    const file = join(tmp, 'bad.json');
    const instance = {
      id: 'x',
      turns: 20,
      issues: [{ name: 'a', options: ['lo', 'hi'] }],
      sides: [
        { weights: [0.5], values: [[0, 1]], reservation: 0.1 },
        { weights: [1], values: [[1, 2]], reservation: 0.2 },
      ],
    };
    writeFileSync(file, JSON.stringify({ instances: [instance] }));
    const out = run('bench-negotiators.ts', ['--instances', file]);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(
      `${file}.instances[0].sides[0].weights: sum to 0.5, not 1 (within 0.000001)`,
    );
    expect(out.stderr).toContain(
      `${file}.instances[0].sides[1].values[0][1]: expected a number in [0, 1], got 2`,
    );
    writeFileSync(file, '{"instances": [}');
    expect(run('bench-negotiators.ts', ['--instances', file]).stderr).toContain('not valid JSON');
  });

  it('plays the scripted strategies in game, per scenario and side, with issue 10’s bars for hard and against normal', () => {
    const out = run('bench-negotiators.ts', [
      '--seeds',
      '2',
      '--agents',
      'linear,hard',
      '--in-game-seeds',
      '1',
    ]);
    expect(out.status).toBe(0);
    const section = out.stdout.slice(out.stdout.indexOf('In game: the scripts of issue 10'));
    for (const scenario of ['busan-2025', 'geneva-london-2025', 'zte-2018']) {
      expect(section).toContain(`${scenario}: the AI plays the United States`);
      expect(section).toContain(`${scenario}: the AI plays China`);
    }
    for (const script of [
      'stall',
      'accept-first',
      'threat-spam',
      'impose-spam',
      'early-sanction',
      'repeat-offer',
    ])
      expect(section).toMatch(new RegExp(`\\n${script} +-?\\d+\\.\\d\\d`));
    const bars = section
      .slice(section.indexOf("Issue 10's bars (its suite"))
      .split('\n')
      .slice(1)
      .filter((l) => l !== '');
    expect(bars).toHaveLength(4);
    expect(bars[1]).toContain('against normal');
    for (const line of bars) expect(line).toMatch(/^ {2}(met {4}|NOT met) {2}\S.*: \S/);
    expect(run('bench-negotiators.ts', ['--in-game-seeds', 'x']).stderr).toContain(
      '--in-game-seeds: expected a whole number',
    );
  });

  it('refuses unknown agents and stray arguments', () => {
    expect(run('bench-negotiators.ts', ['--agents', 'hard,genius']).stderr).toContain('--agents: unknown agent "genius"');
    expect(run('bench-negotiators.ts', ['--seeds', '0']).stderr).toContain('--seeds: expected a whole number from 1 to 100000, got "0"');
    expect(run('bench-negotiators.ts', ['extra']).stderr).toContain('unexpected argument "extra"');
  });
});

describe('npm run bench:sim', () => {
  it('prints, for each scenario it is given, games per second and the time of one decision, in the form the issue names', () => {
    const out = run('bench-sim.ts', ['--scenario', 'zte-2018', '--seconds', '0.05', '--warm-up', '0.05', '--json']);
    expect(out.status).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.scenarios).toHaveLength(1);
    const [row] = report.scenarios;
    expect(row.id).toBe('zte-2018');
    for (const key of ['aiGamesPerSecond', 'randomGamesPerSecond']) expect(row[key]).toBeGreaterThan(0);
    expect(Object.keys(row.decisionMs)).toEqual(['p50', 'p99', 'max']);
    expect(row.decisionMs.p50).toBeLessThanOrEqual(row.decisionMs.p99);
    expect(row.decisionMs.p99).toBeLessThanOrEqual(row.decisionMs.max);
    expect(row.games.ai).toBeGreaterThanOrEqual(3);
    // a fresh process's first game, measured in a child process
    expect(row.coldDecisionMs.mean).toBeGreaterThan(0);
    expect(row.coldDecisionMs.max).toBeGreaterThanOrEqual(row.coldDecisionMs.mean);
    const table = run('bench-sim.ts', [
      '--scenario',
      'zte-2018',
      '--seconds',
      '0.05',
      '--warm-up',
      '0',
      '--best-of',
      '2',
    ]).stdout;
    expect(table).toMatch(/^scenario +AI games\/s +random games\/s +ratio.* cold mean +cold max\n/);
    expect(table).toMatch(/\nzte-2018 +\d+\.\d/);
  });

  it('refuses what it cannot measure', () => {
    expect(run('bench-sim.ts', ['--seconds', '0']).stderr).toContain('--seconds: expected a number of seconds above 0 and at most 3600');
    expect(run('bench-sim.ts', ['--warm-up', 'soon']).stderr).toContain('--warm-up: expected a number of seconds from 0 to 3600, got "soon"');
    expect(run('bench-sim.ts', ['--best-of', '0']).stderr).toContain(
      '--best-of: expected a whole number from 1 to 100',
    );
    expect(run('bench-sim.ts', ['--scenario', 'atlantis']).stderr).toContain('unknown scenario "atlantis"');
  });
});
