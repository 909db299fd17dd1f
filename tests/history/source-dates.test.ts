import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMaterialFiles } from '../../src/cli/materials-files';
import { loadAllShippedScenarios, SCENARIO_DIR } from '../../src/cli/scenario-files';
import { dateSpan } from '../../src/core/history';

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

/**
 * The other way round: a source cannot report what happened after it was written. A step whose
 * source ends before the step's date can begin (a month-dated step or source counts as its whole
 * month) rests on nothing, unless the source announced the event in advance and the step says so
 * ("the summit opens as set on 25 March"). A hold that "keeps" a measure in force needs a record
 * from the time it was kept, not the one that first imposed it; "had already told its firms" or
 * "the ban it had announced" is context, not a record of the step. Dated events obey the same rule.
 */
const ANNOUNCED_IN_ADVANCE = new RegExp(
  `\\b((announced|set|scheduled) in advance|as (announced|set|scheduled) on \\d{1,2} (${MONTHS.join('|')}))\\b`,
  'i',
);

/** Path steps and dated events whose source was written before them and whose account does not say it announced them. */
export function earlySources(scenario: ReturnType<typeof loadAllShippedScenarios>[number]): string[] {
  const byId = new Map(scenario.sources.map((s) => [s.id, s]));
  const out: string[] = [];
  const entries = [
    ...(scenario.history?.path ?? []).map((e, i) => ({ where: `step ${i}`, ...e })),
    ...(scenario.history?.events ?? []).map((e, i) => ({ where: `event ${i}`, ...e })),
  ];
  for (const { where, date, source: id, account = '' } of entries) {
    const source = id === undefined ? undefined : byId.get(id);
    if (date === undefined || source?.date === undefined || !/^\d{4}-\d{2}/.test(String(source.date))) continue;
    if (dateSpan(String(source.date))[1] >= dateSpan(String(date))[0]) continue;
    if (!ANNOUNCED_IN_ADVANCE.test(account)) out.push(`${where} (${String(date)}) cites ${source.id} of ${String(source.date)}`);
  }
  return out;
}

describe('history steps cite no source written before them', () => {
  it.each(scenarios.filter((s) => s.history).map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    expect(earlySources(scenario)).toEqual([]);
  });

  it('catches a step whose source predates it, and lets one through that says it was announced in advance (the check can fail)', () => {
    const beijing = scenarios.find((s) => s.id === 'beijing-2026')!;
    const withStep = (account: string) => {
      const path = beijing.history!.path.map((step, i) => (i === 1 ? { ...step, date: '2025-12-08', account, source: 'bs-stop-buying' } : step));
      return earlySources({ ...beijing, history: { ...beijing.history!, path } });
    };
    expect(withStep("Beijing makes no offer; it had already told its firms to stop buying Nvidia's China-market chips.")).toEqual([
      'step 1 (2025-12-08) cites bs-stop-buying of 2025-09-17',
    ]);
    expect(withStep('Beijing makes no offer, keeping the purchase ban it had announced in September.')).toHaveLength(1);
    // A summit held on the dates a source set weeks before: the source did announce it in advance.
    const summit = (account: string) => {
      const path = beijing.history!.path.map((step, i) => (i === 6 ? { ...step, account, source: 'lapresse-summit-date' } : step));
      return earlySources({ ...beijing, history: { ...beijing.history!, path } });
    };
    expect(summit('In Beijing Trump speaks of fantastic trade deals.')).toEqual(['step 6 (2026-05-14) cites lapresse-summit-date of 2026-03-25']);
    expect(summit('The summit opens in Beijing as set on 25 March.')).toEqual([]);
    expect(summit('The summit opens in Beijing on dates announced in advance.')).toEqual([]);
    const chips = scenarios.find((s) => s.id === 'chips-minerals-2022')!;
    const path = chips.history!.path.map((step, i) => (i === 2 ? { ...step, date: '2023-04', account: 'Washington keeps the October 2022 controls in force.', source: 'th-oct2022' } : step));
    expect(earlySources({ ...chips, history: { ...chips.history!, path } })).toEqual(['step 2 (2023-04) cites th-oct2022 of 2022-10']);
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
