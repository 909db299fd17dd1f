import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserOrSkip, screenshot, settle, waitScreen, VIEWPORTS } from './browser';
import { classServerAndBrowser, openTheClass } from './class-people';
import { scenario as b } from './flows';
import { expectNoOverlap, smallPanelText } from './screen-checks';

/**
 * A teacher who changes device (the projector's computer, a colleague's laptop) or whose browser
 * forgot the class: the dashboard shows the teacher key on request, and another browser opens the
 * dashboard from "Run a class" with the class code and that key, checked by the server first (a
 * wrong key is said on the form), and sees the students. The key goes in no address, and the
 * second browser keeps it (a reload opens the dashboard again).
 */

const browserPath = browserOrSkip();

async function shoot(page: Page, name: string, at: string): Promise<void> {
  for (const v of VIEWPORTS) {
    await page.setViewportSize(v);
    await settle(page, 300);
    await page.locator(at).scrollIntoViewIfNeeded();
    const where = `${name} at ${v.width}x${v.height}`;
    expect.soft(await smallPanelText(page), `${where}: panel texts under 12 px`).toEqual([]);
    await screenshot(page, `class-open-key-${name}-${v.width}x${v.height}`);
    await expectNoOverlap(page, v.width < 1088, where);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await settle(page, 300);
}

describe.skipIf(!browserPath)('opening a class’s dashboard on another device', () => {
  const { person, people } = classServerAndBrowser();

  it('shows the teacher key on the dashboard; another browser opens the dashboard with the code and key, a wrong key said on the form', async () => {
    const first = await person('Teacher');
    const t = first.page;
    await t.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(t, 'class-run', 'title');
    await t.locator('#run-scenario').selectOption(b.id);
    const code = await openTheClass(t);
    for (const name of ['Ana', 'Bo']) {
      const p = await person(name, `/?join=${code}`);
      await p.page.locator('#join-name').fill(name);
      await p.page.getByRole('button', { name: 'Join the class' }).click();
    }
    await t.waitForFunction(() => document.querySelectorAll('#dashboard tbody tr').length === 1, null, { timeout: 60_000 });

    // The key is hidden until asked for (the dashboard may be on the projector), then shown whole.
    expect(await t.locator('#teacher-key').count()).toBe(0);
    await t.getByRole('button', { name: 'Show the teacher key' }).click();
    const key = await t.locator('#teacher-key').inputValue();
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    await shoot(t, 'key-shown', '#teacher-key-title');
    await t.getByRole('button', { name: 'Hide the teacher key' }).click();
    expect(await t.locator('#teacher-key').count()).toBe(0);

    // The projector's computer: a browser of its own, nothing kept for this class.
    const second = await person('Projector');
    const p = second.page;
    const addresses: string[] = [];
    p.on('request', (r) => addresses.push(r.url()));
    await p.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(p, 'class-run', 'title');
    // The pointer at the top of the form brings the section's first field to the keyboard.
    await p.getByRole('button', { name: 'Open it with its code and teacher key' }).click();
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('open-code');
    await p.locator('#open-code').fill(code.toLowerCase());
    // A wrong key (another class's would do): refused by the server, said on the form, nothing in the console.
    await p.locator('#open-key').fill('W'.repeat(32));
    await p.getByRole('button', { name: 'Open its dashboard' }).click();
    await p.locator('#open-error').waitFor({ timeout: 30_000 });
    expect(await p.locator('#open-error').textContent()).toBe('That is not the teacher key of this class.');
    expect(await state(p)).toBe('class-run');
    await shoot(p, 'wrong-key', '#open-class-title');
    // Half a key, as a hurried paste would give: said before anything is asked of the server.
    await p.locator('#open-key').fill(key.slice(0, 10));
    await p.getByRole('button', { name: 'Open its dashboard' }).click();
    await p.locator('#open-error').getByText('That is not a whole teacher key').waitFor({ timeout: 10_000 });
    expect(await p.locator('#open-error').textContent()).not.toMatch(/["']/);

    // The right key, pasted with a line break after it: the dashboard, with the two students.
    await p.locator('#open-key').fill(`${key}\n`);
    await p.getByRole('button', { name: 'Open its dashboard' }).click();
    await waitScreen(p, 'class-teacher', 'title');
    await p.waitForFunction(() => document.querySelector('#class-connection')?.textContent === 'Connected to the class server.', null, { timeout: 60_000 });
    await p.locator('#dashboard tbody tr').waitFor({ timeout: 60_000 });
    const row = (await p.locator('#dashboard tbody tr').first().textContent()) ?? '';
    expect(row).toContain('Ana');
    expect(row).toContain('Bo');
    await shoot(p, 'opened', '#dash-title');

    // The key was in no address the page asked for, nor is it in the page's own.
    expect(addresses.filter((a) => a.includes(key))).toEqual([]);
    expect(p.url()).not.toContain(key);
    // Kept in this browser: a reload opens the dashboard again.
    await p.reload();
    await p.waitForFunction(() => window.__bc?.ready === true, null, { timeout: 120_000 });
    await waitScreen(p, 'class-teacher', 'title');
    await p.locator('#dashboard tbody tr').waitFor({ timeout: 60_000 });
    expect(await p.locator('#dashboard tbody tr').first().textContent()).toContain('Ana');
    expect(people.flatMap((q) => q.errors)).toEqual([]);
  });
});

const state = (p: Page) => p.evaluate(() => (window.__bc!.state() as { screen: string }).screen);
