import { describe, expect, inject, it } from 'vitest';
import { browserOrSkip, browserPerTest, openGame, SCREENSHOT_DIR, settle, waitScreen, VIEWPORTS } from './browser';

/**
 * A position's note (a source's caveat, kept out of the label the AI speaks) is shown beside the
 * position: in the briefing's levers, and under the table's chips with figures.
 */

const browser = browserOrSkip();

describe.skipIf(!browser)('position notes', () => {
  const s = browserPerTest();

  it('shows the notes of Busan’s H20 and soybean positions beside them', { timeout: 120_000 }, async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await page.getByRole('button', { name: /Play solo/ }).click();
    await waitScreen(page, 'choice');
    await page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Busan, autumn 2025' }) }).getByRole('button', { name: 'Play this scenario' }).click();
    await waitScreen(page, 'setup');
    await page.getByLabel('Seed').fill('notes-1');
    await page.getByRole('button', { name: 'Continue to the briefing' }).click();
    await waitScreen(page, 'briefing');
    await page.locator('[data-key="full-briefing"]').click();
    const h20 = page.locator('li').filter({ hasText: /Now: H20 licensed\./ });
    await expect.poll(() => h20.locator('[data-position-note]').textContent()).toMatch(/announced 15% revenue share for the US government, not codified as of August 2025/);
    for (const size of VIEWPORTS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await settle(page, 300);
      await h20.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/position-notes-briefing-${size.name}.png` });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Sit down at the table' }).click();
    await waitScreen(page, 'table');
    // The soybean chip's figures, with their note and the conflict of its sources.
    const soy = page.locator('[data-figures] li').filter({ hasText: /^12 Mt of soybeans first, then 25 Mt a year for 2026-28:/ });
    expect(await soy.locator('[data-position-note]').textContent()).toMatch(/by the end of 2025 in the fact sheet; US officials later spoke of the end of February/);
    expect(await soy.locator('[data-conflict]').count()).toBe(1);
    expect(s.errors).toEqual([]);
  });
});
