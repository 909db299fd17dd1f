import { describe, expect, it } from 'vitest';
import { PackageSpace } from '../../src/negotiators/domain';
import { generateInstance, issueKind } from '../../src/negotiators/instances';
import { checkDomain, checkPreferences } from '../../src/negotiators/validate';

describe('generated benchmark instances', () => {
  it('are the same for the same seed and differ between seeds', () => {
    expect(generateInstance(7)).toEqual(generateInstance(7));
    expect(generateInstance(7)).not.toEqual(generateInstance(8));
  });

  it('have 2 to 4 issues of 3 to 6 options, valid preferences and 100 turns', () => {
    const issueCounts = new Set<number>();
    const optionCounts = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const inst = generateInstance(seed);
      expect(inst.turns).toBe(100);
      issueCounts.add(inst.domain.issues.length);
      for (const issue of inst.domain.issues) optionCounts.add(issue.options.length);
      expect(checkDomain(inst.domain.issues)).toEqual([]);
      for (const side of inst.sides) {
        expect(checkPreferences(side, inst.domain)).toEqual([]);
        expect(side.reservation).toBeGreaterThanOrEqual(0);
        expect(side.reservation).toBeLessThan(0.4);
      }
    }
    expect([...issueCounts].sort()).toEqual([2, 3, 4]);
    expect([...optionCounts].sort()).toEqual([3, 4, 5, 6]);
  });

  it('always have a package that beats both reservations', () => {
    for (let seed = 0; seed < 200; seed++) {
      const inst = generateInstance(seed);
      const space = new PackageSpace(inst.domain);
      const [a, b] = inst.sides.map((s) => space.utilities(s));
      expect(Array.from(a!).some((u, p) => u > inst.sides[0].reservation && b![p]! > inst.sides[1].reservation)).toBe(true);
    }
  });

  it('draw the issue kinds in the proportions 60/20/20, each with the shape its name says', () => {
    expect([0, 0.59, 0.6, 0.79, 0.8, 0.99].map(issueKind)).toEqual(['distributive', 'distributive', 'compatible', 'compatible', 'random', 'random']);
    const tally = { distributive: 0, compatible: 0, random: 0 };
    for (let seed = 0; seed < 400; seed++) {
      const inst = generateInstance(seed);
      inst.kinds.forEach((kind, i) => {
        tally[kind]++;
        const [va, vb] = [inst.sides[0].values[i]!, inst.sides[1].values[i]!];
        expect(Math.min(...va)).toBe(0);
        expect(Math.max(...vb)).toBe(1);
        if (kind === 'distributive') va.forEach((v, j) => expect(v + vb[j]!).toBeCloseTo(1, 12));
        if (kind === 'compatible') expect(va.indexOf(1)).toBe(vb.indexOf(1));
      });
    }
    const total = tally.distributive + tally.compatible + tally.random;
    expect(tally.distributive / total).toBeGreaterThan(0.55);
    expect(tally.distributive / total).toBeLessThan(0.65);
    expect(tally.compatible / total).toBeGreaterThan(0.15);
    expect(tally.random / total).toBeGreaterThan(0.15);
  });
});
