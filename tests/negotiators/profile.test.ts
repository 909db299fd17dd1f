import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import type { Scenario } from '../../src/core/types';
import { InvalidProfileError } from '../../src/negotiators/game/negotiator';
import { decideMove } from '../../src/negotiators/index';
import { checkProfile } from '../../src/negotiators/validate';
import { formatProblem, loadScenario } from '../../src/scenario/loader';
import { busan, fixturePath } from '../helpers';

const BUSAN = busan();

describe('a profile that does not fit its scenario', () => {
  it('is reported field by field', () => {
    const hawk = BUSAN.profiles.find((p) => p.id === 'us-hawk')!;
    expect(checkProfile(BUSAN, hawk)).toEqual([]);
    const bad = { ...hawk, doctrine: 'self-reliance', domesticSensitivity: 2, redLines: [{ issue: 'chips', never: ['x'] }, { issue: 'chipExports', never: ['nope'] }] };
    expect(checkProfile(BUSAN, bad)).toEqual([
      'profiles.us-hawk.doctrine: "self-reliance" is a doctrine of china, not of us',
      'profiles.us-hawk.domesticSensitivity: expected a number in [0, 1], got 2',
      'profiles.us-hawk.redLines[0].issue: unknown issue "chips"',
      'profiles.us-hawk.redLines[1].never[0]: issue "chipExports" has no position "nope"',
    ]);
  });

  it('stops the negotiator before it runs anything', () => {
    const broken: Scenario = { ...BUSAN, profiles: BUSAN.profiles.map((p) => (p.id === 'us-busan' ? { ...p, redLines: [{ issue: 'chips', never: ['open'] }] } : p)) };
    const spec = { scenario: { id: BUSAN.id, version: BUSAN.version }, seed: 's', options: defaultOptions(BUSAN), moves: [] };
    expect(() => decideMove(broken, spec, 'us')).toThrow(InvalidProfileError);
    expect(() => decideMove(broken, spec, 'us')).toThrow('profiles.us-busan.redLines[0].issue: unknown issue "chips"');
  });

  it('is refused by the scenario loader too, with the field and its line', () => {
    const text = readFileSync(fixturePath('mini.yaml'), 'utf8').replace('redLines: [{ issue: beans, never: [lots] }]', 'redLines: [{ issue: soy, never: [lots] }]');
    const result = loadScenario('bad.yaml', text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatProblem).join('\n')).toMatch(/^bad\.yaml:76:\d+: profiles\[1\]\.redLines\[0\]\.issue: .*"soy"/);
  });
});
