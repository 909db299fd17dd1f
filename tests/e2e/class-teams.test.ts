import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserOrSkip, expectAccessible, screenshot, settle, waitScreen } from './browser';
import { scenario as b } from './flows';
import { openTheClass, classServerAndBrowser, type ClassPerson } from './class-people';

/**
 * A class of teams end to end: the teacher opens a class of teams of two with a set number of
 * rounds and a time limit per turn; three students join (two on the US team, one for China);
 * the two US members both see the table, a chip one of them puts in the draft appears in the
 * other's, the other sends it, and China sees the offer. The team member's lobby and table are
 * checked with axe and photographed at 1366x768 and 390x844.
 */

const browserPath = browserOrSkip();

type Person = ClassPerson;

type Hook = { screen: string; humanToMove: string | null; draft: Record<string, string>; spec: { moves: unknown[]; options: { rounds?: number } } | null; standing: unknown };

describe.skipIf(!browserPath)('a class of teams', () => {
  const { person, people } = classServerAndBrowser();

  async function photograph(page: Page, name: string): Promise<void> {
    await settle(page, 300);
    await expectAccessible(page, name);
    for (const v of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(v);
      await settle(page, 250);
      await screenshot(page, `${name}-${v.width}x${v.height}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  async function join(p: Person, code: string): Promise<void> {
    await p.page.locator('#panel').getByRole('button', { name: /Join a class/ }).click({ timeout: 120_000 });
    await waitScreen(p.page, 'class-join', 'title');
    await p.page.locator('#join-code-input').fill(code);
    await p.page.locator('#join-name').fill(p.name);
    await p.page.getByRole('button', { name: 'Join the class' }).click();
    await p.page.waitForFunction(() => document.querySelector('#lobby-seat') !== null || (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 30_000 });
  }

  const hook = (page: Page) => page.evaluate(() => window.__bc!.state() as Hook);
  const onTable = (p: Person) => p.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });

  it('two students on one side share the draft; either sends it; China sees the offer', async () => {
    const teacher = await person('Teacher');
    const t = teacher.page;
    await t.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(t, 'class-run', 'title');
    await t.locator('#run-scenario').selectOption(b.id);
    await t.locator('#run-pairing').selectOption('teams');
    await t.locator('#run-team-size').selectOption('2');
    await t.locator('#run-rounds').fill(String(b.rounds - 2));
    await t.locator('#run-seconds').fill('600');
    await expectAccessible(t, 'class-run-teams');
    const code = await openTheClass(t);
    // Four browsers drawing at once are too many for a small machine: the teacher's closes here
    // (the dashboard's team cells are covered by the view's tests).
    expect(teacher.errors).toEqual([]);
    await teacher.context.close();
    people.splice(people.indexOf(teacher), 1);

    // Ana (US), Bo (China), Cy (US, Ana's teammate), one after the other.
    const ana = await person('Ana');
    await join(ana, code);
    // A team member's lobby, before anyone else has come.
    expect(await ana.page.locator('#lobby-team').textContent()).toBe('Your teammates join as they arrive.');
    await photograph(ana.page, 'class-team-lobby');
    const bo = await person('Bo');
    await join(bo, code);
    await onTable(ana);
    const cy = await person('Cy');
    await join(cy, code);
    await onTable(cy);
    expect((await hook(cy.page)).humanToMove).toBe('us');
    expect((await hook(cy.page)).spec?.options.rounds).toBe(b.rounds - 2);
    await cy.page.waitForFunction(() => document.querySelector('#class-team')?.textContent?.includes('you and Ana') === true, null, { timeout: 30_000 });
    // Ten minutes a turn, counting down (this machine may take a minute or two to get here).
    const left = /^Time left this turn: (\d+):(\d\d)$/.exec((await cy.page.locator('#class-countdown').textContent()) ?? '');
    expect(left).not.toBeNull();
    expect(Number(left![1]) * 60 + Number(left![2])).toBeLessThanOrEqual(600);
    expect(Number(left![1]) * 60 + Number(left![2])).toBeGreaterThan(0);
    expect(await cy.page.locator('.status').textContent()).toContain(`Deadline: end of round ${b.rounds - 2}.`);

    // Ana builds the draft; it appears in Cy's.
    await ana.page.waitForFunction(() => document.querySelector('#class-team')?.textContent?.includes('you and Cy') === true, null, { timeout: 30_000 });
    await ana.page.locator('[data-chip="tariffTruce=extended-1yr"]').click();
    await cy.page.waitForFunction(() => (window.__bc!.state() as { draft: Record<string, string> }).draft.tariffTruce === 'extended-1yr', null, { timeout: 30_000 });
    expect(await cy.page.locator('#class-team').textContent()).toContain('Last change to the draft: Ana.');
    await photograph(cy.page, 'class-team-table');

    // Cy sends the team's package; Bo (China) sees the offer.
    await cy.page.getByRole('button', { name: 'Propose this package' }).click();
    await bo.page.getByRole('button', { name: 'Accept their offer' }).waitFor({ timeout: 60_000 });
    await ana.page.waitForFunction(() => (window.__bc!.state() as Hook).spec?.moves.length === 1, null, { timeout: 30_000 });
    expect((await hook(ana.page)).humanToMove).toBeNull(); // China's turn: Ana waits

    expect(people.flatMap((p) => p.errors)).toEqual([]);
  }, 900_000);
});
