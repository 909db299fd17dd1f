import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { CanvasTextInfo } from '../../src/view/test-hook';
import { aiSettled, browserOrSkip, browserPerTest, openGame, screenshot, settle, state, waitScreen } from './browser';
import { view } from './flows';

/**
 * The replay read as a class reads it, from a file a teacher was sent: the canvas's heading beside
 * its legend on a laptop and on a phone, a source's date written as every other date, a real date
 * that falls outside the model's round, and the way back to history from a game taken over from
 * it (and back to the game).
 */

const browser = browserOrSkip();
const LONG_SIDE = 'China (and ByteDance, with its US bidders)';

/** The history fixture with a long side label, a dated source, and a step dated before its model round. */
function episodeFile(): string {
  return readFileSync(fileURLToPath(new URL('../history/fixtures/mini-history.yaml', import.meta.url)), 'utf8')
    .replace('china: { label: China,', `china: { label: '${LONG_SIDE}',`)
    .replace('{ id: src-a, title: Source A }', '{ id: src-a, title: Source A, publisher: The Gazette, date: 2030-01-05 }')
    .replace('date: 2030-01-15, account: A deal is offered.', 'date: 2030-01-12, account: A deal is offered.');
}

async function openEpisode(page: Page): Promise<void> {
  await openGame(page, inject('baseUrl'));
  await page.getByRole('button', { name: /Play solo/ }).click();
  await waitScreen(page, 'choice');
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'episode.yaml', mimeType: 'text/yaml', buffer: Buffer.from(episodeFile()) });
  await page.getByRole('heading', { name: /^Mini history/ }).waitFor();
  await page.getByRole('button', { name: 'Main menu' }).first().click();
  await page.getByRole('button', { name: /^History/ }).click();
  await waitScreen(page, 'history');
  await page.locator('[data-episode="mini-history"]').getByRole('button', { name: 'Replay this episode' }).click();
  await waitScreen(page, 'replay');
}

const canvasTexts = (page: Page) => page.evaluate(() => (window.__bc as unknown as { canvasText(): CanvasTextInfo[] }).canvasText());

const overlap = (a: CanvasTextInfo['box'], b: CanvasTextInfo['box']) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.skipIf(!browser)('the replay as a class reads it', () => {
  const s = browserPerTest();

  it('keeps the heading clear of the legend (dropping the side before cutting a word), and writes every date alike', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 720 });
    await openEpisode(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await settle(page);
    const texts = (await canvasTexts(page)).filter((t) => t.visible);
    const heading = texts.find((t) => t.full.includes('Step 2 of 4'))!;
    const legend = texts.filter((t) => /history’s sources|the charts$/.test(t.text));
    expect(legend).toHaveLength(2);
    for (const l of legend) expect(overlap(heading.box, l.box), `"${heading.text}" over "${l.text}"`).toBe(false);
    expect(heading.text).toBe('‡ Step 2 of 4 · Jan 2030');
    await screenshot(page, 'replay-reading-1280');

    // The panel says all of it; the source's date reads as the step's does.
    expect(await page.locator('#replay-step .who').innerText()).toContain(LONG_SIDE);
    expect(await page.locator('#replay-step .source').innerText()).toBe('Source: Source A (The Gazette, 5 Jan 2030).');

    // The deal offered on 12 January, in the model's round 2 (14–20 January): said, not contradicted.
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#step-title').innerText()).toBe('Step 3 of 4: 12 Jan 2030');
    const who = await page.locator('#replay-step .who').innerText();
    expect(who).toContain('in round 2 of the model. The model’s calendar starts that round on 14 Jan 2030, after the real date');
    expect(who).not.toContain('(from 14 Jan 2030)');

    // A phone: the compact heading keeps whole words.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.keyboard.press('ArrowLeft');
    await settle(page);
    const phone = (await canvasTexts(page)).find((t) => t.visible && t.full.includes('Step 2 of 4'))!;
    expect(phone.text).toBe('‡ Step 2 of 4 · Jan 2030');
    await screenshot(page, 'replay-reading-390');
    expect(s.errors).toEqual([]);
  });

  it('goes back to history from a game taken over from it, at the step it left, and back to the game, from the table and the debrief', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openEpisode(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: 'Take over as the United States (to move now)' }).click();
    await waitScreen(page, 'setup');
    await page.getByRole('button', { name: 'Continue to the briefing' }).click();
    await waitScreen(page, 'briefing');
    await page.getByRole('button', { name: 'Sit down at the table' }).click();
    await waitScreen(page, 'table');
    const spec = (await view(page)).spec!;
    expect(spec.options.branchStep).toBe(2);

    await page.locator('.branch-note').getByRole('button', { name: 'Back to history: step 2' }).click();
    await waitScreen(page, 'replay');
    expect((await state<{ replay: unknown }>(page)).replay).toEqual({ id: 'mini-history', position: 2 });
    await page.getByRole('button', { name: /^Back to your game \(round \d+\)$/ }).click();
    await waitScreen(page, 'table');
    expect((await view(page)).spec).toEqual(spec);

    // Play it out (no offer, or reject theirs), then the same from the debrief.
    for (let guard = 0; guard < 30; guard++) {
      const v = await view(page);
      if (v.outcome || v.humanToMove !== 'us') break;
      if (v.standing?.by === 'china') await page.getByRole('button', { name: 'Reject it' }).click();
      else await page.getByRole('button', { name: 'Make no offer this round' }).click();
      await settle(page, 120);
      await aiSettled(page);
    }
    expect((await view(page)).outcome).not.toBeNull();
    await page.getByRole('button', { name: 'See the debrief' }).click();
    await waitScreen(page, 'debrief');
    await page.locator('#history-comparison summary').click();
    // Each real number with its unit as the teaching notes write it ("In of 17" read badly).
    expect(await page.locator('[data-metric="tariff-after"] th').innerText()).toMatch(/^Tariff after the deal \(%\)\s*Source: Source A \(The Gazette, 5 Jan 2030\)\.$/);
    await page.locator('#history-comparison').getByRole('button', { name: 'Back to history: step 2' }).click();
    await waitScreen(page, 'replay');
    expect((await state<{ replay: unknown }>(page)).replay).toEqual({ id: 'mini-history', position: 2 });
    await page.getByRole('button', { name: 'Back to your game’s debrief' }).click();
    await waitScreen(page, 'debrief');
    expect(s.errors).toEqual([]);
  });
});
