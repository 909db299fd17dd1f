import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { TEXT_SIZES, SETTINGS_KEY, defaultSettings, type TextSize } from '../../src/session/settings';
import { browserOrSkip, browserPerTest, openGame, SCREENSHOT_DIR, settle, waitScreen, VIEWPORTS } from './browser';
import { dragChip, startSolo, usPackage, chipsOf, scenario } from './flows';
import { canvasTextProblems, shownCanvasText, chipLabelProblems, cutWordProblems, pageBoxProblems, smallestCanvasText, trayHeadingProblems } from './screen-checks';

/**
 * The larger text sizes on every screen a student meets, at the three screen sizes: canvas text
 * readable on a phone, none over another, off the canvas, out of its chip or cut mid-word, and the
 * notes' lessons all on the canvas. One browser per text size; screenshots in test-results/screenshots/textsize-*.
 */

const browser = browserOrSkip();

// with every other screen's, under its own prefix
const SHOTS = SCREENSHOT_DIR;


/** A projector's screen: large enough for the table's designed layout with the larger text. */
const PROJECTOR = { name: '1920x1080', width: 1920, height: 1080 };

/** The larger sizes: the normal one is checked by outcomes.test.ts. */
const LARGER = TEXT_SIZES.filter((size) => size !== 'normal');

/** Open the game with the text size set, as the settings dialog stores it. */
async function openWithTextSize(page: Page, textSize: TextSize): Promise<void> {
  await openGame(page, inject('baseUrl'));
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SETTINGS_KEY, JSON.stringify({ ...defaultSettings(), textSize })] as const);
  await openGame(page, inject('baseUrl'));
  expect(await page.evaluate(() => document.documentElement.classList.contains('text-large') || document.documentElement.classList.contains('text-larger'))).toBe(true);
}

/** A screen at each screen size: the page's boxes, the canvas's texts, and `more` (the screen's own checks); a screenshot each. */
async function checkAtEachSize(page: Page, textSize: TextSize, screen: string, more: (narrow: boolean) => Promise<string[]> = async () => [], sizes = VIEWPORTS): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await settle(page, 600);
    const narrow = size.width < 700;
    const where = `${screen} with ${textSize} text at ${size.name}`;
    const smallest = await smallestCanvasText(page);
    expect.soft(smallest.px, `${where}: smallest canvas text “${smallest.text}”`).toBeGreaterThanOrEqual(narrow ? 12 : 14);
    expect.soft([...(await pageBoxProblems(page, narrow)), ...(await canvasTextProblems(page)), ...(await cutWordProblems(page)), ...(await more(narrow))], where).toEqual([]);
    await page.evaluate(() => document.querySelector('#panel')!.scrollTo({ top: 0 }));
    await page.evaluate(() => window.scrollTo({ top: 0 }));
    await page.screenshot({ path: `${SHOTS}/textsize-${screen}-${textSize}-${size.name}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await settle(page, 600);
}

/** The notes' lessons: each question's, in full, in a canvas text, on one page or another (turned by the canvas's page control). */
async function notesLessonProblems(page: Page): Promise<string[]> {
  const model = (await page.evaluate(() => (window.__bc!.state() as { stageModel: unknown }).stageModel)) as { questions: { text: string; lessons: string }[] };
  const seen = new Set<string>();
  type Entry = { entry: string; x: number; y: number; w: number; h: number };
  for (let turned = 0; turned <= model.questions.length; turned++) {
    for (const t of await shownCanvasText(page)) seen.add(t.text);
    const next = ((await page.evaluate(() => (window.__bc as unknown as { entries(): Entry[] }).entries())) as Entry[]).find((e) => e.entry === 'notes:next-page');
    if (!next) break;
    await page.mouse.click(next.x + next.w / 2, next.y + next.h / 2);
    await settle(page, 300);
  }
  return model.questions.flatMap((q, i) => (seen.has(q.lessons) ? [] : [`question ${i + 1}’s lessons are not on the canvas`]));
}

describe.skipIf(!browser)('larger text sizes on the screens a student meets', () => {
  const s = browserPerTest();
  mkdirSync(SHOTS, { recursive: true });

  for (const textSize of LARGER)
    it(`${textSize} text: title to debrief, history, replay and notes, at 1366×768, 1280×720 and 390×844`, { timeout: 600_000 }, async () => {
      const { page } = s;
      await page.setViewportSize({ width: 1280, height: 720 });
      await openWithTextSize(page, textSize);
      // The choice and history screens wait for the scenario files: on a busy machine that is slow.
      await page.waitForFunction(() => window.__bc?.ready === true);
      await startSolo(page, {
        side: 'us',
        seed: 'textsize',
        check: async (name) => {
          if (name === '02-choice') await page.waitForFunction(() => window.__bc?.drawn.choice !== undefined, null, { timeout: 120_000 });
          await checkAtEachSize(page, textSize, name.replace(/-us$/, ''));
        },
      });
      // Several chips on the table (offers and asks), the rest in the trays.
      for (const chip of chipsOf(usPackage(0))) {
        const holder = scenario.issues.find((i) => i.id === chip.split('=')[0])!.holder;
        await dragChip(page, chip, holder === 'us' ? 'offer' : 'ask');
      }
      // Compact on a laptop and a phone (chips as icons), designed on a projector: headings and chip labels whole there.
      const compact = async () => (await shownCanvasText(page)).every((t) => t.name !== 'chip-label');
      await checkAtEachSize(page, textSize, '05-table', async () => [...((await compact()) ? [] : await trayHeadingProblems(page)), ...(await chipLabelProblems(page))], [...VIEWPORTS, PROJECTOR]);
      await page.getByRole('button', { name: 'Walk out…' }).click();
      await page.getByRole('button', { name: 'Yes, walk out' }).click();
      await page.getByRole('button', { name: 'See the debrief' }).click();
      await waitScreen(page, 'debrief');
      await checkAtEachSize(page, textSize, '06-debrief');

      await page.getByRole('button', { name: 'Main menu' }).first().click();
      await waitScreen(page, 'title');
      await page.getByRole('button', { name: /^History/ }).click();
      await page.waitForFunction(() => window.__bc?.drawn.history !== undefined, null, { timeout: 120_000 });
      await waitScreen(page, 'history');
      await checkAtEachSize(page, textSize, '07-history');
      await page.locator('[data-episode="zte-2018"]').getByRole('button', { name: 'Replay this episode' }).click();
      await waitScreen(page, 'replay');
      await page.getByRole('button', { name: 'Next step' }).click();
      await settle(page, 300);
      await checkAtEachSize(page, textSize, '08-replay');
      await page.getByRole('button', { name: 'Open the teaching notes' }).click();
      await waitScreen(page, 'history-notes');
      await checkAtEachSize(page, textSize, '09-notes', async (narrow) => (narrow ? [] : notesLessonProblems(page)));
      expect(s.errors).toEqual([]);
    });
});
