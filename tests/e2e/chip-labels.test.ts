import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { aiSettled, browserOrSkip, browserPerTest, launch, openGame, SCREENSHOT_DIR, settle, waitScreen, VIEWPORTS } from './browser';
import { canvasTextProblems, chipLabelProblems, cutWordProblems, pageBoxProblems, shownCanvasText, trayHeadingProblems } from './screen-checks';

/**
 * The table's chip labels at the normal text size on a laptop's screen: wrapped over the lines the
 * chip holds, enough words to tell chips apart, none out of its chip or over another text; and the
 * choice screen's timeline on a phone: every title readable, nothing crowded. Screenshots in
 * test-results/screenshots/chiplabels-*.
 */

const browser = browserOrSkip();

const LAPTOPS = VIEWPORTS.filter((v) => v.width >= 700);
const PHONE = VIEWPORTS.find((v) => v.width < 700)!;

/** Scenarios with the longest chip labels, and the sandbox with the most chips. */
const SCENARIOS = ['Busan, autumn 2025', 'The road to the Beijing summit, 2026', 'Chips against minerals, 2022-2024', 'Sandbox: every lever on the table'];

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w.replace(/…$/, '')));

async function sitDown(page: Page, title: string): Promise<void> {
  await openGame(page, inject('baseUrl'));
  await waitScreen(page, 'title');
  await page.getByRole('button', { name: /Play solo/ }).click();
  await waitScreen(page, 'choice');
  await page.waitForFunction(() => window.__bc?.drawn.choice !== undefined, null, { timeout: 120_000 });
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: title }) })
    .getByRole('button', { name: 'Play this scenario' })
    .click();
  await waitScreen(page, 'setup');
  await page.getByLabel('Seed').fill('chiplabels');
  await page.getByRole('button', { name: 'Continue to the briefing' }).click();
  await waitScreen(page, 'briefing');
  await page.getByRole('button', { name: 'Sit down at the table' }).click();
  await waitScreen(page, 'table');
  await aiSettled(page);
}

describe.skipIf(!browser)('chip labels on the table, and the choice screen on a phone', () => {
  const s = browserPerTest();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  it('shows each chip’s label over several lines, enough words to tell the chips apart, at 1366×768 and 1280×720', { timeout: 600_000 }, async () => {
    // A fresh browser for each scenario: the game reopens where the last one was left.
    for (const title of SCENARIOS) {
      const own = await launch({ viewport: LAPTOPS[0]! });
      const { page } = own;
      await sitDown(page, title);
      for (const size of [...LAPTOPS, PHONE]) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await settle(page, 600);
        const where = `${title} at ${size.name}`;
        const narrow = size.width < 700;
        // No word cut anywhere on the canvas (a reused text keeps what it was asked to show in full).
        const cut = await cutWordProblems(page);
        expect.soft([...(await pageBoxProblems(page, narrow)), ...(await canvasTextProblems(page)), ...cut, ...(await chipLabelProblems(page))], where).toEqual([]);
        const slug = title.replace(/\W+/g, '-').replace(/-+$/, '').toLowerCase();
        await page.screenshot({ path: `${SCREENSHOT_DIR}/chiplabels-table-${slug}-${size.name}.png` });
        if (narrow) continue;
        expect.soft(await trayHeadingProblems(page), where).toEqual([]);
        // The chart's axes name their indicators whole ('↑ Control…' said nothing at 1280×720).
        const axes = (await shownCanvasText(page)).filter((t) => /^↑ |→$/.test(t.full));
        expect.soft(axes.length, `${where}: the chart's two axis names`).toBe(2);
        for (const a of axes) expect.soft(a.text.replace(/\s+/g, ' '), `${where}: axis name`).toBe(a.full);
        const labels = (await shownCanvasText(page)).filter((t) => t.name === 'chip-label');
        const chips = ((await page.evaluate(() => window.__bc!.layout()!.tokens.length)) as number);
        // Every chip says something in words (a label shortened to its mark alone does not).
        expect.soft(labels.length, `${where}: chips with a label`).toBe(chips);
        const shown = labels.map((t) => ({ full: t.full, shown: words(t.lines.join(' ')).length, whole: !t.text.endsWith('…') }));
        for (const l of shown) expect.soft(l.shown, `${where}: “${l.full}” shows no word`).toBeGreaterThanOrEqual(1);
        // Wrapped over its lines: the fixed chip's one or two words were too few to tell chips apart.
        const mean = shown.reduce((n, l) => n + l.shown, 0) / Math.max(1, shown.length);
        expect.soft(mean, `${where}: words shown on a chip, on average`).toBeGreaterThanOrEqual(3.5);
        const single = shown.filter((l) => !l.whole && l.shown < 2);
        expect.soft(single.length, `${where}: chips showing one word: ${single.map((l) => l.full).join('; ')}`).toBeLessThanOrEqual(Math.floor(shown.length / 10));
        for (const t of labels) expect.soft(t.lines.length, `${where}: “${t.full}”`).toBeLessThanOrEqual(4);
      }
      expect(own.errors, title).toEqual([]);
      expect(own.violations, title).toEqual([]);
      await own.close();
    }
  });

  it('draws Phase One’s eight purchase chips so that they can be told apart, at every size', { timeout: 300_000 }, async () => {
    // They all began "Buy $… more … than in 2017": at 1280×720 each read "‡ Buy…".
    const own = await launch({ viewport: LAPTOPS[0]! });
    const { page } = own;
    await sitDown(page, 'The Phase One deal, 2019-2021');
    for (const size of [...LAPTOPS, PHONE]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await settle(page, 600);
      const labels = (await shownCanvasText(page)).filter((t) => t.name === 'chip-label');
      const byText = new Map<string, Set<string>>();
      for (const t of labels) byText.set(t.text.replace(/\s+/g, ' '), (byText.get(t.text.replace(/\s+/g, ' ')) ?? new Set()).add(t.full));
      const alike = [...byText].filter(([, fulls]) => fulls.size > 1).map(([text, fulls]) => `“${text}” for ${[...fulls].join('; ')}`);
      expect.soft(alike, `Phase One at ${size.name}`).toEqual([]);
      expect.soft([...(await canvasTextProblems(page)), ...(await cutWordProblems(page))], `Phase One at ${size.name}`).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/chiplabels-phase-one-${size.name}.png` });
    }
    expect(own.errors).toEqual([]);
    await own.close();
  });

  it('keeps the choice screen’s timeline readable on a phone: no text over another, every title mostly whole', async () => {
    const { page } = s;
    await page.setViewportSize(PHONE);
    await openGame(page, inject('baseUrl'));
    await waitScreen(page, 'title');
    await page.getByRole('button', { name: /Play solo/ }).click();
    await waitScreen(page, 'choice');
    await page.waitForFunction(() => window.__bc?.drawn.choice !== undefined, null, { timeout: 120_000 });
    for (const size of [PHONE, ...LAPTOPS]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await settle(page, 600);
      const where = `choice at ${size.name}`;
      expect.soft([...(await pageBoxProblems(page, size.width < 700)), ...(await canvasTextProblems(page)), ...(await cutWordProblems(page))], where).toEqual([]);
      // The titles as the model has them: each on the canvas with at least two thirds of its words.
      const model = (await page.evaluate(() => (window.__bc!.state() as { stageModel: unknown }).stageModel)) as { scenarios: { title: string }[] };
      const texts = await shownCanvasText(page);
      for (const { title } of model.scenarios) {
        const t = texts.find((x) => x.full === title || x.full === `Fictional: ${title}`);
        expect.soft(t, `${where}: “${title}” on the canvas`).toBeDefined();
        if (t) expect.soft(words(t.text).length, `${where}: “${title}” shown as “${t.text}”`).toBeGreaterThanOrEqual(Math.ceil((words(t.full).length * 2) / 3));
      }
      await page.screenshot({ path: `${SCREENSHOT_DIR}/chiplabels-choice-${size.name}.png` });
    }
    expect(s.errors).toEqual([]);
  });
});
