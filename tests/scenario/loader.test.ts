import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, loadScenarioSet, type ScenarioProblem } from '../../src/scenario/loader';
import { fixturePath } from '../helpers';

const miniText = readFileSync(fixturePath('mini.yaml'), 'utf8');

/** Load mini.yaml with one textual change, and return its problems. */
function problemsAfter(from: string, to: string): ScenarioProblem[] {
  expect(miniText).toContain(from);
  const result = loadScenario('bad.yaml', miniText.replace(from, to));
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

const lineOf = (text: string) => miniText.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('loadScenario', () => {
  it('loads a good file and applies defaults', () => {
    const result = loadScenario('mini.yaml', miniText);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.scenario.id).toBe('mini');
      expect(result.scenario.events).toHaveLength(2);
      expect(result.scenario.profiles[0]!.redLines).toEqual([]);
    }
  });

  it('reads JSON as well as YAML', () => {
    const result = loadScenario('mini.json', JSON.stringify(JSON.parse(JSON.stringify((loadScenario('m', miniText) as { scenario: unknown }).scenario))));
    expect(result.ok).toBe(true);
  });

  it('names an unknown issue referenced by a red line, with its line', () => {
    const [p] = problemsAfter('redLines: [{ issue: beans, never: [lots] }]', 'redLines: [{ issue: peas, never: [lots] }]');
    expect(p).toMatchObject({ file: 'bad.yaml', path: 'profiles[1].redLines[0].issue', message: 'unknown issue "peas"', line: lineOf('redLines: [{ issue: beans') });
  });

  it('names an unknown position, listing the ones that exist', () => {
    const [p] = problemsAfter('statusQuo: none', 'statusQuo: nil');
    expect(p).toMatchObject({ path: 'issues[1].statusQuo', message: 'issue "beans" has no position "nil" (it has: none, some, lots)' });
  });

  it('finds duplicate ids', () => {
    const problems = problemsAfter('      - id: some\n', '      - id: none\n');
    expect(problems.map((p) => [p.path, p.message])).toContainEqual(['issues[1].positions[1].id', 'duplicate position id "none" in issue "beans"']);
  });

  it('refuses a probability outside 0..1', () => {
    const [p] = problemsAfter("text: Happens in round 2.\n    round: 2", 'text: Happens in round 2.\n    round: 2\n    chance: 1.5');
    expect(p).toMatchObject({ path: 'events[0].chance', message: 'a probability must lie between 0 and 1' });
  });

  it('refuses an issue with too few positions', () => {
    const problems = problemsAfter(
      "    positions:\n      - id: none\n        label: None\n      - id: some\n        label: Some\n        inForce: [{ indicator: us.tradeGains, delta: { uniform: [4, 6] }, stream: compliance }]\n      - id: lots\n        label: Lots\n        inForce:\n          - { indicator: us.tradeGains, delta: 10 }\n          - { indicator: us.domesticSupport, delta: 5 }\n",
      '    positions: []\n',
    );
    expect(problems.map((p) => [p.path, p.message])).toContainEqual(['issues[1].positions', 'an issue needs at least two positions']);
  });

  it('names unknown fields and missing fields', () => {
    const problems = problemsAfter('roundLength: a week', 'roundLenght: a week');
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['roundLength', 'is missing (expected text)'],
      ['roundLenght', 'unknown field "roundLenght"'],
    ]);
  });

  it('explains the comma trap of YAML flow mappings', () => {
    const [p] = problemsAfter("redLines: [{ issue: beans, never: [lots] }]", "redLines: [{ issue: beans, never: [lots], why: it costs, and too much }]");
    expect(p!.message).toBe(`unknown field "and too much": a text with a comma inside { ... } must be quoted, e.g. note: 'a, b'`);
  });

  it('refuses bad distributions and unknown indicators', () => {
    const problems = problemsAfter('delta: { uniform: [4, 6] }', 'delta: { uniform: [6, 4] }');
    expect(problems[0]).toMatchObject({ path: 'issues[1].positions[1].inForce[0].delta.uniform', message: 'uniform [lo, hi] needs lo <= hi' });
    const [q] = problemsAfter('{ indicator: us.tradeGains, delta: 10 }', '{ indicator: us.happiness, delta: 10 }');
    expect(q!.path).toBe('issues[1].positions[2].inForce[0].indicator');
    expect(q!.message).toMatch(/^expected one of the indicators: us.tradeGains, /);
  });

  it('checks sources, sides and numbers that must agree', () => {
    expect(problemsAfter('source: src-a', 'source: src-b')[0]).toMatchObject({ path: 'issues[0].positions[1].effects[0].source', message: 'unknown source "src-b": add it to the sources list or fix the id' });
    expect(problemsAfter('horizon: 6', 'horizon: 2')[0]).toMatchObject({ path: 'horizon', message: 'the horizon (2) must be at least the number of rounds (3)' });
    expect(problemsAfter('defaultProfile: china-p', 'defaultProfile: us-p')[0]).toMatchObject({ path: 'sides.china.defaultProfile', message: 'profile "us-p" plays us, not china' });
    expect(problemsAfter('tension: { initial: 4 }', 'tension: { initial: 40 }')[0]).toMatchObject({ path: 'indicators.tension.initial', message: '40 is outside the range of Tension (0 to 10 ladder)' });
  });

  it('reports every problem at once, in line order', () => {
    const text = miniText.replace('horizon: 6', 'horizon: 2').replace('statusQuo: none', 'statusQuo: nil').replace('version: 3', 'version: zero');
    const result = loadScenario('bad.yaml', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['version', 'horizon', 'issues[1].statusQuo']);
    expect(formatProblem(result.problems[0]!)).toBe(`bad.yaml:${lineOf('version: 3')}:10: version: expected a whole number`);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = loadScenario('broken.yaml', 'id: x\ntitle: [unclosed\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]!.path).toBe('(syntax)');
      expect(result.problems[0]!.line).toBeGreaterThan(1);
    }
  });

  it('reports a file that is not a mapping', () => {
    const result = loadScenario('list.yaml', '- a\n- b\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: '(top level)', line: 1 });
  });
});

describe('loadScenarioSet', () => {
  it('loads the good files and reports the bad ones', () => {
    const set = loadScenarioSet([
      { file: 'a.yaml', text: miniText },
      { file: 'b.yaml', text: 'nonsense: true' },
      { file: 'c.yaml', text: miniText },
    ]);
    expect(set.scenarios.map((s) => s.id)).toEqual(['mini']);
    expect(set.failures.map((f) => f.file)).toEqual(['b.yaml', 'c.yaml']);
    expect(set.failures[1]!.problems[0]!.message).toBe('scenario id "mini" is already used by a.yaml');
  });
});
