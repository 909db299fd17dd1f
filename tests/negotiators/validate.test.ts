import { describe, expect, it } from 'vitest';
import { checkPreferences, parseInstances } from '../../src/negotiators/validate';
import { DOMAIN } from './fixtures';

const good = {
  instances: [
    {
      id: 'x',
      turns: 100,
      issues: [{ name: 'a', options: ['lo', 'mid', 'hi'] }],
      sides: [
        { weights: [1], values: [[0, 0.5, 1]], reservation: 0.1 },
        { weights: [1], values: [[1, 0.5, 0]], reservation: 0.2 },
      ],
    },
  ],
};

const parse = (data: unknown) => parseInstances(JSON.stringify(data), 'f.json');
const problems = (data: unknown) => {
  const r = parse(data);
  return r.ok ? [] : r.problems;
};
const withSide = (side: object) => ({ instances: [{ ...good.instances[0], sides: [side, good.instances[0]!.sides[1]] }] });

describe('the instances file', () => {
  it('reads the form the issue gives', () => {
    const r = parse(good);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value[0]).toEqual({ id: 'x', turns: 100, domain: { issues: good.instances[0]!.issues }, sides: good.instances[0]!.sides });
  });

  it('rejects text that is not JSON, or not the expected shape', () => {
    const r = parseInstances('{"instances": [', 'f.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^f\.json: not valid JSON/);
    expect(problems([])).toEqual(['f.json: expected an object {"instances": [...]}, got []']);
    expect(problems({ instances: [] })).toEqual(['f.json.instances: expected a non-empty list of instances, got []']);
    expect(problems({ instances: [good.instances[0]], extra: 1 })).toEqual(['f.json.extra: unknown field (expected instances)']);
  });

  it('rejects weights that do not sum to 1 within 1e-6, naming the field', () => {
    expect(problems(withSide({ weights: [0.9], values: [[0, 0.5, 1]], reservation: 0.1 }))).toEqual(['f.json.instances[0].sides[0].weights: sum to 0.9, not 1 (within 0.000001)']);
    expect(problems(withSide({ weights: [1 - 5e-7], values: [[0, 0.5, 1]], reservation: 0.1 }))).toEqual([]);
  });

  it('rejects values and reservations outside [0, 1], naming the field', () => {
    expect(problems(withSide({ weights: [1], values: [[0, 1.5, 1]], reservation: 0.1 }))).toEqual(['f.json.instances[0].sides[0].values[0][1]: expected a number in [0, 1], got 1.5']);
    expect(problems(withSide({ weights: [1], values: [[0, 0.5, 1]], reservation: -0.1 }))).toEqual(['f.json.instances[0].sides[0].reservation: expected a number in [0, 1], got -0.1']);
    expect(problems(withSide({ weights: [1], values: [[0, 0.5]], reservation: 0.1 }))).toEqual(['f.json.instances[0].sides[0].values[0]: expected 3 values (one per option of "a"), got [0,0.5]']);
  });

  it('reports every problem at once and runs nothing on half-valid input', () => {
    const data = {
      instances: [
        good.instances[0],
        { id: 'x', turns: 1, issues: [{ name: 'a', options: ['p', 'p'] }], sides: [] },
        { ...good.instances[0], id: 'z', sides: [{ weights: [2], values: [['no', 0, 0]], reservation: 0 }, good.instances[0]!.sides[1]] },
      ],
    };
    const r = parse(data);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        'f.json.instances[1].id: "x" names two instances',
        'f.json.instances[1].turns: expected a whole number of at least 2, got 1',
        'f.json.instances[1].issues[0].options[1]: "p" appears twice',
        'f.json.instances[1].sides: expected a list of exactly 2 sides, got []',
        'f.json.instances[2].sides[0].weights[0]: expected a number in [0, 1], got 2',
        'f.json.instances[2].sides[0].values[0][0]: expected a number in [0, 1], got "no"',
      ]);
  });

  it('rejects a domain too large to enumerate', () => {
    const issues = Array.from({ length: 7 }, (_, i) => ({ name: `i${i}`, options: Array.from({ length: 10 }, (_, j) => `o${j}`) }));
    expect(problems({ instances: [{ ...good.instances[0], issues }] })).toEqual(['f.json.instances[0].issues: 10000000 packages, more than the 1000000 that can be enumerated']);
  });
});

describe('checkPreferences', () => {
  it('accepts valid preferences and names the fields of invalid ones', () => {
    expect(checkPreferences({ weights: [0.5, 0.5], values: [[0, 0.5, 1], [1, 0]], reservation: 0 }, DOMAIN)).toEqual([]);
    expect(checkPreferences({ weights: [0.5], values: [[0, 0.5, 1], [1, 0]], reservation: 0, colour: 'red' }, DOMAIN, 'p')).toEqual([
      'p.colour: unknown field (expected weights, values, reservation)',
      'p.weights: expected a list of 2 numbers (one per issue), got [0.5]',
    ]);
  });
});
