import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMaterialFiles } from '../../src/cli/materials-files';
import { loadAllShippedScenarios, SCENARIO_DIR } from '../../src/cli/scenario-files';

/**
 * Dates that match their sources. A step of the historical path says what a side did at a date;
 * a source written months later cannot show that it was so at that date unless the step itself
 * says it is looking ahead (a Beijing "hold" in February once cited an AP story of May). And a
 * claim that something "never" happened needs a source that covers the time since: the only
 * record of the H20 revenue share's status is NVIDIA's report of August 2025, so the texts say
 * "not codified as of August 2025", not "never codified".
 */
const scenarios = loadAllShippedScenarios();
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** How far a source may postdate the step it supports before the step must name the later time. */
const GRACE_DAYS = 31;

function day(date: string): number {
  const [y, m = '1', d = '1'] = date.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000;
}

/** Steps whose source postdates them by more than the grace and whose account does not say so. */
export function lateSources(scenario: ReturnType<typeof loadAllShippedScenarios>[number]): string[] {
  const byId = new Map(scenario.sources.map((s) => [s.id, s]));
  const out: string[] = [];
  for (const [i, step] of (scenario.history?.path ?? []).entries()) {
    const source = step.source === undefined ? undefined : byId.get(step.source);
    if (step.date === undefined || source?.date === undefined) continue;
    const sourceDate = String(source.date);
    if (!/^\d{4}-\d{2}/.test(sourceDate)) continue;
    if (day(sourceDate) - day(String(step.date)) <= GRACE_DAYS) continue;
    const month = MONTHS[Number(sourceDate.slice(5, 7)) - 1]!;
    const account = step.account ?? '';
    const laterYear = sourceDate.slice(0, 4) !== String(step.date).slice(0, 4) && account.includes(sourceDate.slice(0, 4));
    if (!account.includes(month) && !laterYear) out.push(`step ${i} (${String(step.date)}) cites ${source.id} of ${sourceDate}`);
  }
  return out;
}

describe('history steps cite sources of their own time', () => {
  it.each(scenarios.filter((s) => s.history).map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    expect(lateSources(scenario)).toEqual([]);
  });

  it('catches a step that cites a source written months later (the check can fail)', () => {
    const beijing = scenarios.find((s) => s.id === 'beijing-2026')!;
    const path = beijing.history!.path.map((step, i) =>
      i === 3 ? { ...step, date: '2026-02', account: "Beijing makes no offer while a leaders' summit is prepared.", source: 'ap-summit' } : step,
    );
    expect(lateSources({ ...beijing, history: { ...beijing.history!, path } })).toEqual(['step 3 (2026-02) cites ap-summit of 2026-05-13']);
  });
});

describe('the H20 revenue share is dated, not said to be "never" codified', () => {
  const texts = [
    ...scenarios.map((s) => ({ path: `${s.id}.yaml`, text: readFileSync(`${SCENARIO_DIR}/${s.id}.yaml`, 'utf8') })),
    ...readMaterialFiles(),
  ];
  it.each(texts.map((t) => [t.path, t.text] as const))('%s', (_path, text) => {
    expect(text).not.toMatch(/never\s+codified/i);
  });
});
