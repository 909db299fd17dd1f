import { describe, expect, inject, it } from 'vitest';
import { browserOrSkip, checkScreen, launch, openGame, state, waitScreen, browserPerTest } from './browser';

/**
 * A link to a replay at a step, as a teacher hands it out: it opens that step on a laptop and on a
 * phone, the replay gives the link of the step it shows, and a bad one says on the title what is wrong.
 */

const browser = browserOrSkip();

describe.skipIf(!browser)('replay links', () => {
  for (const viewport of [
    { name: '1366x768', width: 1366, height: 768 },
    { name: '390x844', width: 390, height: 844 },
  ]) {
    it(`open the replay at the link's step, and give the link of the step shown (${viewport.name})`, async () => {
      const s = await launch({ viewport });
      try {
        const { page } = s;
        const base = inject('baseUrl');
        await openGame(page, `${base}?replay=zte-2018&step=3`);
        await waitScreen(page, 'replay');
        expect((await state<{ replay: unknown }>(page)).replay).toEqual({ id: 'zte-2018', position: 3 });
        expect(await page.locator('.replay-position').textContent()).toBe('Step 3 of 8');
        // Read once: a reload goes on with the saved state, not the link.
        expect(new URL(page.url()).search).toBe('');

        const field = page.getByLabel('Link to this replay');
        const link = await field.inputValue();
        expect(new URL(link).search).toBe('?replay=zte-2018&step=3');
        await page.getByRole('button', { name: 'Copy a link to this step' }).click();
        await page.locator('#replay-link-copied').filter({ hasText: /^(Copied\.|Selected: copy it with Ctrl\+C)/ }).waitFor();
        // Whether or not a clipboard was there, the link is selected for the keyboard's copy.
        expect(await field.evaluate((i: HTMLInputElement) => [i.selectionStart, i.selectionEnd])).toEqual([0, link.length]);
        await page.locator('#replay-link').scrollIntoViewIfNeeded();
        await checkScreen(page, `62-replay-link-${viewport.name}`);

        await page.getByRole('button', { name: 'Next step' }).click();
        expect(new URL(await field.inputValue()).search).toBe('?replay=zte-2018&step=4');
        expect(s.errors).toEqual([]);
      } finally {
        await s.close();
      }
    });
  }

  describe('a bad link', () => {
    const s = browserPerTest();

    it('says on the title which step there is not, and the steps there are', async () => {
      const { page } = s;
      await openGame(page, `${inject('baseUrl')}?replay=zte-2018&step=12`);
      await waitScreen(page, 'title');
      const notice = page.getByText(/^This link cannot be opened:/).first();
      await notice.waitFor();
      expect(await notice.textContent()).toBe(
        'This link cannot be opened: the parameter "step": there is no step 12; the steps of zte-2018 are numbered 1 to 8; leave "step" out for the starting position.',
      );
      expect((await state<{ replay: unknown }>(page)).replay).toBeNull();
      await checkScreen(page, '63-bad-replay-link');
      expect(s.errors).toEqual([]);
    });
  });
});
