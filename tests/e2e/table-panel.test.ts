import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { aiSettled, browserOrSkip, browserPerTest, openGame, settle } from './browser';
import { startSolo, usPackage, chipsOf, view } from './flows';

const browser = browserOrSkip();

/** The table's panel is patched in place at each change (src/view/patch.ts); it must read exactly as a panel built afresh. */
async function expectAsFresh(page: Page, when: string): Promise<void> {
  const { live, fresh } = await page.evaluate(() => window.__bc!.panel());
  expect(fresh, `the game's code is in (${when})`).not.toBeNull();
  expect(live, `the patched panel, ${when}`).toBe(fresh);
}

describe.skipIf(!browser)('the table panel patched in place', () => {
  const s = browserPerTest();

  it('shows after every move, chip and rewind exactly what a rebuilt panel shows, and keeps the focus and open details', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await startSolo(page, { side: 'us', seed: 'patch-1' });
    await expectAsFresh(page, 'at the start');
    let moves = 0;
    for (let turn = 0; turn < 6; turn++) {
      const v = await view(page);
      if (v.outcome || !v.humanToMove) break;
      if (turn === 1) {
        // A package built chip by chip (the projection section appears), then proposed.
        for (const chip of chipsOf(usPackage(1))) {
          const toggle = page.locator(`[data-chip="${chip}"]`).first();
          if ((await toggle.count()) > 0 && (await toggle.isEnabled())) await toggle.click();
          await expectAsFresh(page, `after pressing ${chip}`);
        }
        const propose = page.getByRole('button', { name: /^(Propose|Counter with) this package$/ });
        if (await propose.isEnabled()) await propose.click();
        else await page.getByRole('button', { name: 'Make no offer this round', exact: true }).click();
      } else {
        await page.getByRole('button', { name: v.standing && v.standing.by === 'china' ? 'Reject it' : 'Make no offer this round', exact: true }).click();
      }
      moves++;
      await aiSettled(page);
      await expectAsFresh(page, `after move ${moves}`);
    }
    expect(moves).toBeGreaterThan(2);

    // An analysis opened by the player stays open through the next move, as it did when the panel was rebuilt.
    const v = await view(page);
    if (!v.outcome && v.humanToMove) {
      const analysis = page.locator('details[data-keep^="analysis-"]').first();
      if ((await analysis.count()) > 0) {
        const key = await analysis.getAttribute('data-keep');
        await analysis.locator('summary').click();
        await page.getByRole('button', { name: v.standing && v.standing.by === 'china' ? 'Reject it' : 'Make no offer this round', exact: true }).click();
        await aiSettled(page);
        const still = page.locator(`details[data-keep="${key}"]`);
        if ((await still.count()) > 0) expect(await still.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      }
    }

    // The focus set by a key press stays on its control when a chip press redraws the panel.
    const chip = page.locator('[data-chip]:not([disabled])').first();
    if ((await chip.count()) > 0) {
      await chip.focus();
      await page.keyboard.press('Enter');
      await settle(page, 200);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? null)).toBe(await chip.getAttribute('data-key'));
      await expectAsFresh(page, 'after a chip pressed by key');
    }

    // A rewind changes most of the panel.
    await page.locator('summary[data-key="rewind-summary"]').click();
    const back = page.getByRole('button', { name: /^Go back to the start of round/ }).first();
    if ((await back.count()) > 0) {
      await back.click();
      await aiSettled(page);
      await expectAsFresh(page, 'after a rewind');
    }
    expect(s.errors).toEqual([]);
  });
});
