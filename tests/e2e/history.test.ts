import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { compareWithHistory } from '../../src/core/fidelity';
import { followsHistory } from '../../src/core/history';
import { INDICATOR_IDS, type GameSpec, type IndicatorId, type Scenario } from '../../src/core/types';
import { historyReplay } from '../../src/session/history-replay';
import { formatDate } from '../../src/session/text';
import { loadOrThrow, scenarioPath } from '../helpers';
import { aiSettled, browserOrSkip, checkScreen, openGame, settle, state, waitScreen, browserPerTest } from './browser';
import { expectDebriefMatchesReplay, view } from './flows';
import { decodeResult } from '../../src/core/result-code';

/**
 * The history screens as a teacher and a class use them: the episodes on a timeline, a replay
 * stepped forward and back by buttons and keys, a decision point, the teaching notes, a take-over
 * by a student through the UI, a game played to its end, and the debrief beside history. The
 * page's numbers are checked against the core computed here in Node.
 */

const browser = browserOrSkip();
const zte: Scenario = loadOrThrow(scenarioPath('zte-2018.yaml'));
const meng: Scenario = loadOrThrow(scenarioPath('meng-glasgow-2021.yaml'));
const replayed = historyReplay(zte);

interface ReplayView {
  replay: { id: string; position: number } | null;
}

const position = async (page: Page) =>
  Number(await page.locator('[data-position]').getAttribute('data-position'));

/** The replay's indicator table equals the model's frame at this position, and the hook agrees on where it stands. */
async function expectFrame(page: Page, at: number): Promise<void> {
  expect(await position(page)).toBe(at);
  expect((await state<ReplayView>(page)).replay).toEqual({ id: zte.id, position: at });
  const shown = await page
    .locator('#replay-indicators tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.getAttribute('data-indicator'),
        Number(r.querySelector('[data-value]')!.getAttribute('data-value')),
      ]),
    );
  expect(Object.fromEntries(shown)).toEqual(replayed.frames[at]!.indicators);
}

/** The page's step equals the path's: date, account, who moved, and its source as a link. */
async function expectStep(page: Page, at: number): Promise<void> {
  const step = replayed.steps[at - 1]!;
  await expectFrame(page, at);
  expect(await page.locator('[data-account]').innerText()).toBe(step.account);
  expect(await page.locator('#step-title').innerText()).toBe(
    `Step ${at} of ${replayed.steps.length}: ${formatDate(step.date)}`,
  );
  expect(await page.locator('#replay-step .who').innerText()).toContain(zte.sides[step.side].label);
  const source = page.locator('#replay-step .source');
  if (step.source?.url)
    expect(await source.getByRole('link').getAttribute('href')).toBe(new URL(step.source.url).href);
  else expect(await source.getByRole('link').count()).toBe(0);
  expect(await source.innerText()).toContain(step.source!.title);
}

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';

/**
 * A history file a teacher might have been sent: the test fixture with markup in its texts, a
 * web address with markup in it (a javascript: one the loader refuses), and an event and an
 * epilogue item the sources could not confirm.
 */
function hostileHistory(): string {
  return readFileSync(
    fileURLToPath(new URL('../history/fixtures/mini-history.yaml', import.meta.url)),
    'utf8',
  )
    .replace('title: Mini history', `title: 'Mini history ${IMG}'`)
    .replace('account: The US threatens a hike.', `account: 'The US threatens a hike ${SCRIPT}.'`)
    .replace(
      '{ id: src-b, title: Source B }',
      `{ id: src-b, title: Source B, url: 'https://example.org/"><img src=x onerror=window.__pwned=3>' }`,
    )
    .replace(
      'account: The order was lifted., source: src-b }',
      'account: The order was lifted., source: src-b, unverified: true }',
    )
    .replace(
      '  calibration: A test fixture.',
      `  calibration: A test fixture.\n  epilogue:\n    - { date: 2031-01, text: 'A rumoured deal ${IMG}', source: src-b, unverified: true }`,
    );
}

/** Pixels of the canvas near a colour, read back at full size (the game keeps its drawing buffer). */
async function pixelsNear(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(([r, g, b]) => {
    const source = document.querySelector<HTMLCanvasElement>('#stage canvas')!;
    const c = document.createElement('canvas');
    c.width = source.width;
    c.height = source.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(source, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 60) n++;
    return n;
  }, rgb);
}

/** From a fresh page: title, History, then the replay of one episode. */
async function openReplay(page: Page, episode: string): Promise<void> {
  await openGame(page, inject('baseUrl'));
  await page.getByRole('button', { name: /^History/ }).click();
  await waitScreen(page, 'history');
  await page
    .locator(`[data-episode="${episode}"]`)
    .getByRole('button', { name: 'Replay this episode' })
    .click();
  await waitScreen(page, 'replay');
}

describe.skipIf(!browser)('history: replay an episode, take over, and compare', () => {
  const s = browserPerTest();

  it('lists the episodes on a timeline, steps a replay forward and back by buttons and keys, and opens the teaching notes', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await page.getByRole('button', { name: /^History/ }).click();
    await waitScreen(page, 'history');
    await checkScreen(page, '30-history');
    const cards = page.locator('[data-episode]');
    expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-episode')))).toEqual([
      'zte-2018',
      'huawei-osaka-2019',
      'phase-one-2020',
      'tiktok-2020',
      'meng-glasgow-2021',
      'chips-minerals-2022',
      'geneva-london-2025',
      'busan-2025',
      'beijing-2026',
    ]);
    // The what-if is labelled as such in the list; nothing else is.
    expect(
      await page
        .locator('[data-episode] [data-caveat="what-if"]')
        .evaluateAll((els) => els.map((e) => e.closest('[data-episode]')!.getAttribute('data-episode'))),
    ).toEqual(['meng-glasgow-2021']);

    await page
      .locator('[data-episode="zte-2018"]')
      .getByRole('button', { name: 'Replay this episode' })
      .click();
    await waitScreen(page, 'replay');
    await expectFrame(page, 0);
    expect(await page.getByRole('button', { name: 'Previous step' }).isDisabled()).toBe(true);
    await checkScreen(page, '31-replay-start');

    // Forward by the button, then by the keyboard.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expectStep(page, 1);
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 2);
    // History's next move was a choice: the question shows, history's answer only when asked for.
    const decision = page.locator('section[data-decision="opening-ask"]');
    expect(await decision.getByRole('heading', { level: 2 }).innerText()).toBe(
      'Decision point: What should the US ask for in Beijing?',
    );
    const did = decision.getByText('A $200B cut in the trade deficit.');
    expect(await did.isVisible()).toBe(false);
    await decision.getByText('What history did').click();
    expect(await did.isVisible()).toBe(true);
    await checkScreen(page, '32-replay-decision');

    // Back: that decision is gone, step 1's (how Beijing answers the order) shows, and the numbers are step 1's again.
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, 1);
    expect(await page.locator('section[data-decision="opening-ask"]').count()).toBe(0);
    expect(await page.locator('section[data-decision="beijing-answer"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await expectFrame(page, 0);
    // A presentation clicker's keys, and the jumps.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expectStep(page, 3);
    await page.keyboard.press('PageUp');
    await expectStep(page, 2);
    await page.keyboard.press('End');
    await expectFrame(page, replayed.frames.length - 1);
    expect(await page.getByRole('button', { name: 'Next step' }).isDisabled()).toBe(true);
    // After the talks: the lifting of the order with its real date and source, and the epilogue.
    const after = await page.locator('#replay-step').innerText();
    expect(after).toContain('13 Jul 2018: After a temporary authorisation on 2 July');
    expect(after).toContain('16 May 2019: A year later Huawei and its affiliates');
    await checkScreen(page, '33-replay-end');
    await page.keyboard.press('Home');
    await expectFrame(page, 0);

    // The teaching notes, and back to where the replay stood.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: 'Open the teaching notes' }).click();
    await waitScreen(page, 'history-notes');
    expect(await page.locator('#questions > li').count()).toBe(zte.history!.questions.length);
    expect(await page.locator('#questions').innerText()).toContain(
      'Lesson 1: A security control and a trade bargaining chip are different instruments',
    );
    expect((await page.locator('#calibration').innerText()).replace(/\s+/g, ' ')).toBe(
      zte.history!.calibration.replace(/\s+/g, ' '),
    );
    expect(await page.locator('#fidelity tbody tr').count()).toBe(zte.history!.outcome.length);
    expect(await page.locator('#epilogue > li').count()).toBe(zte.history!.epilogue!.length);
    await checkScreen(page, '34-history-notes');
    await page.getByRole('button', { name: 'Back to the replay' }).click();
    await waitScreen(page, 'replay');
    await expectStep(page, 1);

    // A what-if says so before anything else, and on each supposed step.
    await page.getByRole('button', { name: 'All episodes' }).click();
    await waitScreen(page, 'history');
    await page
      .locator('[data-episode="meng-glasgow-2021"]')
      .getByRole('button', { name: 'Replay this episode' })
      .click();
    await waitScreen(page, 'replay');
    expect(await page.getByRole('note').innerText()).toMatch(
      /^A what-if, built on real events\. What is real:/,
    );
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-account] [data-caveat="what-if"]').innerText()).toBe(
      'What-if: supposed',
    );
    expect(await page.locator('[data-account]').innerText()).toContain(meng.history!.path[0]!.account);
    await checkScreen(page, '35-replay-what-if');
    expect(s.errors).toEqual([]);
  });

  it('lets a student take over at a decision point, play to the end, and see the game beside history; its code brings the branch back', async () => {
    const { page } = s;
    await openReplay(page, 'zte-2018');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next step' }).click();
    await expectStep(page, 4);
    // Decision point zte-on-the-table: keep the order out of the talks (the US rejects Beijing's precondition).
    const decision = page.locator('section[data-decision="zte-on-the-table"]');
    await decision
      .getByRole('button', { name: /Take over with this alternative: Keep the order out of the talks/ })
      .click();
    await waitScreen(page, 'setup');
    expect(await page.locator('#takeover-note').innerText()).toContain(
      'You take over after step 4 of 8 (May 2018).',
    );
    expect(await page.getByRole('radio', { name: /United States/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Seed').count()).toBe(0);
    await checkScreen(page, '36-setup-takeover');
    await page.getByRole('button', { name: 'Continue to the briefing' }).click();
    await waitScreen(page, 'briefing');
    expect(await page.locator('#history-so-far li').allInnerTexts()).toEqual(
      zte.history!.path.slice(0, 4).map((p) => `${formatDate(p.date)}: ${p.account}`),
    );
    await checkScreen(page, '37-briefing-takeover');
    await page.getByRole('button', { name: 'Sit down at the table' }).click();
    await waitScreen(page, 'table');
    await settle(page, 200);
    let v = await view(page);
    // History's four moves, then the alternative as the player's own move, from history's seed.
    expect(v.spec!.seed).toBe(zte.history!.seed);
    expect(v.spec!.options.branchStep).toBe(4);
    expect(v.spec!.moves.slice(0, 4)).toEqual(zte.history!.path.slice(0, 4).map((p) => p.move));
    expect(v.spec!.moves[4]).toEqual({ type: 'reject', side: 'us' });
    expect(await page.locator('.branch-note').innerText()).toContain(
      'Taken over from history after step 4 of 8',
    );
    expect(await page.locator('#log-title + .log li[data-by="history"]').count()).toBe(4);
    await checkScreen(page, '38-table-takeover');

    // Play to the end through the buttons: accept an offer that would pass at home, else no offer / reject.
    for (let guard = 0; guard < 30; guard++) {
      v = await view(page);
      if (v.outcome || v.humanToMove !== 'us') break;
      if (v.standing?.by === 'china' && (await page.getByText(/At home it would pass/).count()) > 0)
        await page.getByRole('button', { name: 'Accept their offer' }).click();
      else if (v.standing?.by === 'china') await page.getByRole('button', { name: 'Reject it' }).click();
      else await page.getByRole('button', { name: 'Make no offer this round' }).click();
      await settle(page, 120);
      await aiSettled(page);
    }
    v = await view(page);
    expect(v.outcome, 'the game reached its end').not.toBeNull();
    await page.getByRole('button', { name: 'See the debrief' }).click();
    await waitScreen(page, 'debrief');
    await checkScreen(page, '39-debrief-history');
    const spec = await expectDebriefMatchesReplay(page, 'us', zte);
    await expectHistoryComparison(page, spec);
    expect(s.errors).toEqual([]);

    // The result code brings the branched game back, with its comparison.
    const code = await page.getByRole('textbox', { name: 'Result code' }).inputValue();
    await page.getByRole('button', { name: 'Main menu', exact: true }).first().click();
    await waitScreen(page, 'title');
    await page.getByRole('button', { name: /Load a result code/ }).click();
    await waitScreen(page, 'load-code', 'title');
    await page.getByRole('textbox', { name: 'Result code' }).fill(code);
    await page.getByRole('button', { name: 'Open this code' }).click();
    await waitScreen(page, 'debrief');
    expect((await state<{ branch: unknown }>(page)).branch).toEqual({
      step: 4,
      alternative: "Keep the order out of the talks and refuse Beijing's precondition",
    });
    await expectHistoryComparison(page, spec);
    expect(s.errors).toEqual([]);
  });

  it('takes over at an ordinary step as the side that does not move next: the AI answers from history’s state', async () => {
    const { page } = s;
    await openReplay(page, 'zte-2018');
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 1);
    // China moves next in history; the student takes the US, so the AI (China) moves first.
    await page.getByRole('button', { name: 'Take over as the United States' }).click();
    await waitScreen(page, 'setup');
    await page.getByRole('button', { name: 'Continue to the briefing' }).click();
    await waitScreen(page, 'briefing');
    await page.getByRole('button', { name: 'Sit down at the table' }).click();
    await waitScreen(page, 'table');
    await aiSettled(page);
    const v = await view(page);
    expect(v.spec!.options.branchStep).toBe(1);
    expect(v.spec!.moves[0]).toEqual(zte.history!.path[0]!.move);
    expect(v.spec!.moves[1]!.side).toBe('china');
    expect(v.humanToMove).toBe('us');
    expect(await page.locator('#report-title').count()).toBe(1);
    expect(s.errors).toEqual([]);
  });
});

describe.skipIf(!browser)('history from a file a teacher was sent', () => {
  const s = browserPerTest();

  it('shows its texts as text, links only http(s) sources, and labels what the sources could not confirm', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await page.getByRole('button', { name: /Play solo/ }).click();
    await waitScreen(page, 'choice');
    await page.getByLabel('Open a scenario file').setInputFiles({
      name: 'mini-history.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(hostileHistory()),
    });
    await page.getByRole('heading', { name: /^Mini history/ }).waitFor();
    await page.getByRole('button', { name: 'Main menu' }).first().click();
    await page.getByRole('button', { name: /^History/ }).click();
    await waitScreen(page, 'history');
    const card = page.locator('[data-episode="mini-history"]');
    expect(await card.getByRole('heading').textContent()).toBe(`Mini history ${IMG}`);
    await card.getByRole('button', { name: 'Replay this episode' }).click();
    await waitScreen(page, 'replay');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-account]').textContent()).toBe(`The US threatens a hike ${SCRIPT}.`);
    const after = page.locator('#replay-step');
    // The model's event whose real counterpart is unconfirmed (it follows the deal, the last step), and the epilogue item: both labelled.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    expect(
      await after
        .locator('li', { hasText: 'The order was lifted.' })
        .locator('[data-caveat="unverified"]')
        .textContent(),
    ).toBe('Unverified');
    await page.keyboard.press('End');
    expect(
      await after
        .locator('li', { hasText: 'A rumoured deal' })
        .locator('[data-caveat="unverified"]')
        .textContent(),
    ).toBe('Unverified');
    expect(await after.getByText(`A rumoured deal ${IMG}`).count()).toBe(1);
    expect(await after.getByText('Source B').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href*="onerror"], a[href^="javascript"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Open the teaching notes' }).click();
    await waitScreen(page, 'history-notes');
    expect(await page.locator('#epilogue [data-caveat="unverified"]').count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('#panel script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(s.errors).toEqual([]);
  });
});

/** The side-by-side section and charts equal compareWithHistory for the spec the page's result code holds. */
async function expectHistoryComparison(page: Page, spec: GameSpec): Promise<void> {
  const code = await page.getByRole('textbox', { name: 'Result code' }).inputValue();
  expect(decodeResult(code, (id) => (id === zte.id ? zte : undefined))).toEqual(spec);
  expect(followsHistory(zte, spec)).toBe(true);
  const c = compareWithHistory(zte, spec);
  const section = page.locator('#history-comparison');
  // Below the debrief's first screen, the comparison is collapsed to its title: open it as a reader would.
  await section.locator('summary').first().click();
  expect(await section.getAttribute('data-seed')).toBe(spec.seed);
  expect(await section.getAttribute('data-branched')).toBe('true');
  expect(await section.innerText()).toContain('You took over from history after step 4 of 8');

  const rows = await page.locator('#history-metrics tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      metric: tr.getAttribute('data-metric'),
      expected: tr.querySelector('[data-expected]')!.getAttribute('data-expected'),
      history: tr.querySelector('[data-history]')!.getAttribute('data-history'),
      game: tr.querySelector('[data-game]')!.getAttribute('data-game'),
    })),
  );
  expect(rows).toEqual(
    c.game.metrics.map((g, i) => ({
      metric: g.metric,
      expected: String(g.expected),
      history: String(c.history.metrics[i]!.got),
      game: String(g.got),
    })),
  );
  // Every metric cites its source, by title.
  for (const m of zte.history!.outcome)
    expect(await page.locator(`#history-metrics tr[data-metric="${m.id}"]`).innerText()).toContain(
      zte.sources.find((x) => x.id === m.source)!.title,
    );

  const decisions = await page
    .locator('#history-decisions > li')
    .evaluateAll((lis) =>
      lis.map((li) => [
        li.getAttribute('data-decision'),
        li.getAttribute('data-status'),
        li.getAttribute('data-by-player'),
      ]),
    );
  expect(decisions).toEqual(c.decisions.map((d) => [d.id, d.status, String(d.byPlayer)]));
  expect(c.decisions.find((d) => d.id === 'zte-on-the-table')).toMatchObject({
    status: 'different',
    alternative: 0,
    byPlayer: true,
  });
  expect(
    await page.locator('#history-decisions > li[data-decision="zte-on-the-table"]').innerText(),
  ).toContain('You made a different choice from history’s. You reject China’s offer.');

  const finals = await page
    .locator('#trajectories tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-indicator'),
        Number(tr.querySelector('[data-history-final]')!.getAttribute('data-history-final')),
      ]),
    );
  expect(Object.fromEntries(finals)).toEqual(c.history.final.indicators);

  // The canvas draws history as a second series: the model behind it, and its dashed line on screen.
  const model = (
    await state<{
      stageModel: {
        historyLabel: string;
        trajectories: { id: IndicatorId; values: number[]; history: number[] }[];
      };
    }>(page)
  ).stageModel;
  expect(model.historyLabel).toBe('history (same seed)');
  for (const id of INDICATOR_IDS) {
    const t = model.trajectories.find((x) => x.id === id)!;
    expect(t.history, id).toEqual(c.history.final.trajectory.map((r) => r.indicators[id]));
    expect(t.values, id).toEqual(c.game.final.trajectory.map((r) => r.indicators[id]));
  }
  expect(await pixelsNear(page, [0x00, 0x72, 0xb2]), 'pixels of the dashed history series').toBeGreaterThan(
    1500,
  );
}
