import { describe, expect, it } from 'vitest';
import { readMaterialFiles } from '../../src/cli/materials-files';
import { loadAllShippedScenarios } from '../../src/cli/scenario-files';
import type { Scenario } from '../../src/core/types';
import { conflictFigures, declaredConflicts, mentionsFigure, unmarkedConflictMentions } from '../../src/scenario/conflict-mentions';
import { historyTimeline } from '../../src/session/history-timeline';

/**
 * Where the sources disagree about a figure (68 or 70 Huawei affiliates, Section 122 at 10% or
 * 15%, the soybean deadline), every text that states the figure gives every value, or sits in an
 * entry that carries the conflict (which the screens draw with both values and the conflict named).
 */
const scenarios = loadAllShippedScenarios();
const materials = readMaterialFiles();
const materialsOf = (s: Scenario) => materials.filter((m) => m.path.startsWith(`${s.id}/`));

describe('the figures of a conflict', () => {
  it('are the numbers that tell its values apart', () => {
    expect(conflictFigures({ values: [{ value: '68 affiliates', source: 'a' }, { value: '70 affiliates', source: 'b' }] })).toEqual(['68', '70']);
    expect(conflictFigures({ values: [{ value: '10% proclaimed on 20 February', source: 'a' }, { value: '15% announced on 21 February', source: 'b' }] })).toEqual(['10%', '15%']);
    expect(conflictFigures({ values: [{ value: '12 Mt by the end of 2025', source: 'a' }, { value: '12 Mt by the end of February 2026', source: 'b' }] })).toEqual(['2025', '2026']);
    expect(conflictFigures({ values: [{ value: 'dropped', source: 'a' }, { value: 'kept', source: 'b' }] })).toBeNull();
  });

  it('are found as whole numbers only', () => {
    expect(mentionsFigure('Huawei and 68 affiliates', '68')).toBe(true);
    expect(mentionsFigure('Huawei and 168 affiliates', '68')).toBe(false);
    expect(mentionsFigure('a 10% tariff', '10%')).toBe(true);
    expect(mentionsFigure('a 10 % tariff', '10%')).toBe(true);
    expect(mentionsFigure('a 110% tariff', '10%')).toBe(false);
  });
});

describe('a figure the sources disagree on is shown with every value wherever it is stated', () => {
  it('catches a text that states one value as fact (the check can fail)', () => {
    const huawei = scenarios.find((s) => s.id === 'huawei-osaka-2019')!;
    const bad: Scenario = { ...huawei, summary: 'Huawei and its 68 affiliates were listed.' };
    const found = unmarkedConflictMentions(bad);
    expect(found.map((f) => f.where)).toContain('summary');
    expect(found.find((f) => f.where === 'summary')!.missing).toEqual(['70']);
    const inMaterial = unmarkedConflictMentions(huawei, [{ path: 'x/background.md', text: 'Intro.\n\nSection 122 was set at 15% for 150 days.' }]);
    expect(inMaterial).toEqual([]); // Huawei declares no Section 122 conflict
    const beijing = scenarios.find((s) => s.id === 'beijing-2026')!;
    expect(unmarkedConflictMentions(beijing, [{ path: 'x/background.md', text: 'Intro.\n\nSection 122 was set at 15% for 150 days.' }]).map((f) => f.where)).toEqual(['x/background.md paragraph 2']);
  });

  it('every conflict the shipped scenarios declare has a topic and figures the check can follow', () => {
    let n = 0;
    for (const s of scenarios) n += declaredConflicts(s).length;
    const all = scenarios.flatMap((s) => JSON.stringify(s).match(/"conflict":\{/g) ?? []);
    expect(n).toBeGreaterThanOrEqual(4);
    // Every declared conflict (counted once per distinct conflict) is followed.
    for (const s of scenarios) {
      const distinct = new Set<string>();
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(visit);
        else if (typeof v === 'object' && v !== null) {
          const r = v as Record<string, unknown>;
          if (r.conflict) distinct.add(JSON.stringify(r.conflict));
          Object.values(r).forEach(visit);
        }
      };
      visit(s);
      expect(declaredConflicts(s).length, s.id).toBe(distinct.size);
    }
    expect(all.length).toBeGreaterThanOrEqual(n);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: its texts and its materials', (_id, s) => {
    expect(unmarkedConflictMentions(s, materialsOf(s))).toEqual([]);
  });

  it('the replay carries the conflicts of event notes and epilogue items to the screen', () => {
    let carried = 0;
    for (const s of scenarios.filter((x) => x.history)) {
      const timeline = historyTimeline(s);
      for (const note of s.history!.events ?? []) {
        if (!note.conflict) continue;
        const entry = timeline.find((e) => e.kind === 'event' && e.event === note.event);
        if (entry) {
          expect(entry.conflict, `${s.id} ${note.event}`).toEqual(note.conflict);
          carried += 1;
        }
      }
      for (const item of s.history!.epilogue ?? []) {
        if (!item.conflict) continue;
        const entry = timeline.find((e) => e.kind === 'epilogue' && e.text === item.text);
        expect(entry?.conflict, `${s.id} epilogue ${item.date}`).toEqual(item.conflict);
        carried += 1;
      }
    }
    expect(carried).toBeGreaterThan(0);
  });
});
