import { describe, expect, inject, it } from 'vitest';
import {
  browserOrSkip,
  checkScreen,
  expectAccessible,
  openGame,
  screenshot,
  waitScreen,
  browserPerTest,
} from './browser';
import { startSolo, view } from './flows';

const browser = browserOrSkip();

describe.skipIf(!browser)('settings', () => {
  const s = browserPerTest();

  it('applies high contrast, larger text and reduced motion at once, remembers them, and stays accessible', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await page.getByRole('button', { name: 'Settings' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    await expectAccessible(page, '22-settings-dialog');
    await screenshot(page, '22-settings-dialog');
    await dialog.getByLabel('High contrast').check();
    await dialog.getByLabel('Reduced motion').check();
    await dialog.getByLabel('Text size').selectOption('larger');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await page.evaluate(() => document.documentElement.className)).toMatch(
      /high-contrast.*text-larger|text-larger.*high-contrast/,
    );
    await checkScreen(page, '23-title-high-contrast');
    await page.reload();
    await page.waitForFunction(() => window.__bc?.ready === true);
    expect((await view(page)).screen).toBe('title');
    expect(await page.evaluate(() => document.documentElement.classList.contains('high-contrast'))).toBe(
      true,
    );
    await startSolo(page, { side: 'china', seed: 'contrast' });
    await waitScreen(page, 'table');
    await checkScreen(page, '24-table-high-contrast');
    expect(s.errors).toEqual([]);
  });
});
