import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, SCREENSHOT_DIR, settle, smallestSvgText, waitScreen, VIEWPORTS } from './browser';
import { openTheClass, classServerAndBrowser, truceOffered, type ClassPerson } from './class-people';
import { scenario as b } from './flows';
import { canvasTextProblems, expectNoOverlap, shownCanvasText, smallPanelText } from './screen-checks';
import { sideInSentence } from '../../src/core/sentence';

/**
 * The live class's edges, with a real class server and a teacher and two students in browser
 * contexts of their own: the Run a class form shows only the pairing's own fields; a mistyped code
 * is said on the join form without an error in the browser's console; a paused table does not say
 * "Your move."; the teacher opens one pair's game from the live class debrief, by keyboard, and
 * comes back; and every class screen's text reads (12 CSS px or more, nothing overlapping) at
 * 1366x768, 1280x720 and 390x844.
 */

const browserPath = browserOrSkip();
// with every other screen's, under its own prefix
const SHOTS = SCREENSHOT_DIR;

/** A class screen at each size: canvas and panel text at least 12 CSS px, none overlapping, nothing out of the panel; a screenshot of each. */
async function expectReadable(page: Page, name: string): Promise<void> {
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    await settle(page, 600);
    const where = `${name} at ${size.width}x${size.height}`;
    const small = (await shownCanvasText(page)).filter((t) => t.px < 12).map((t) => `“${t.text}” at ${t.px.toFixed(1)} px`);
    expect.soft(small, `${where}: canvas texts under 12 px`).toEqual([]);
    expect.soft(await canvasTextProblems(page), `${where}: canvas texts`).toEqual([]);
    expect.soft(await smallPanelText(page), `${where}: panel texts under 12 px`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/class-edges-${name}-${size.width}x${size.height}.png` });
    await expectNoOverlap(page, size.width < 700, where);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await settle(page, 300);
}

const turnText = (page: Page) => page.locator('#panel .status .turn').textContent();

describe.skipIf(!browserPath)('the live class’s edges', () => {
  const { person, people } = classServerAndBrowser();
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

  async function join(p: ClassPerson, code: string): Promise<void> {
    await p.page.locator('#join-code-input').fill(code);
    await p.page.locator('#join-name').fill(p.name);
    await p.page.getByRole('button', { name: 'Join the class' }).click();
  }

  it('form, wrong code, pause, the live debrief’s games and readable class screens', async () => {
    const teacher = await person('Teacher');
    const t = teacher.page;
    await t.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(t, 'class-run', 'title');

    // Only the fields of the pairing chosen: none of the AI's or the teams' for student against student.
    const shown = async () => ({ teamSize: await t.locator('#run-team-size').isVisible(), difficulty: await t.locator('#run-difficulty').isVisible(), side: await t.locator('#run-side').isVisible() });
    expect(await t.locator('#run-pairing').inputValue()).toBe('pvp');
    expect(await shown()).toEqual({ teamSize: false, difficulty: false, side: false });
    await t.locator('#run-pairing').selectOption('pve');
    expect(await shown()).toEqual({ teamSize: false, difficulty: true, side: true });
    await t.locator('#run-difficulty').selectOption('hard');
    await t.locator('#run-side').selectOption('china');
    await t.locator('#run-pairing').selectOption('teams');
    expect(await shown()).toEqual({ teamSize: true, difficulty: false, side: false });
    await t.locator('#run-team-size').selectOption('3');
    await t.locator('#run-pairing').selectOption('pvp');
    expect(await shown()).toEqual({ teamSize: false, difficulty: false, side: false });
    await expectReadable(t, 'class-run');
    await t.locator('#run-scenario').selectOption(b.id);
    await t.locator('#run-seed').fill('e2e-edges');
    const code = await openTheClass(t);
    await expectReadable(t, 'class-teacher');

    // A mistyped code: the join form again with the reason, and nothing in the console.
    const ana = await person('Ana');
    await ana.page.locator('#panel').getByRole('button', { name: /Join a class/ }).click();
    await waitScreen(ana.page, 'class-join', 'title');
    const wrong = code === 'ZZZZZZZZ' ? 'YYYYYYYY' : 'ZZZZZZZZ';
    await join(ana, `${wrong.slice(0, 4)}-${wrong.slice(4)}`);
    await ana.page.locator('#panel [role="alert"]').waitFor({ timeout: 30_000 });
    expect(await ana.page.locator('#panel [role="alert"]').textContent()).toBe(`No class has the code “${wrong}”: check it with your teacher.`);
    await waitScreen(ana.page, 'class-join', 'title');
    await settle(ana.page, 500);
    expect(ana.errors, 'console errors after a wrong code').toEqual([]);
    await expectReadable(ana.page, 'class-join-wrong-code');

    // The right code: the lobby (a class of student against student: no AI partner, whatever the form showed before).
    await join(ana, code);
    await ana.page.waitForSelector('#lobby-seat', { timeout: 30_000 });
    expect(await ana.page.locator('#lobby-partner').textContent()).toBe('Waiting for a partner to join…');
    await expectReadable(ana.page, 'class-lobby');
    const bo = await person('Bo');
    await bo.page.locator('#panel').getByRole('button', { name: /Join a class/ }).click();
    await waitScreen(bo.page, 'class-join', 'title');
    await join(bo, code);
    const { us, china } = await truceOffered(ana, bo);
    expect(await turnText(china.page)).toBe('Your move.');

    // Paused on its turn: the table says so, and does not say "Your move."; resumed, it does again.
    await t.getByRole('button', { name: 'Pause all tables' }).click();
    await china.page.waitForFunction(() => document.querySelector('#class-countdown')?.getAttribute('data-paused') === 'true', null, { timeout: 30_000 });
    expect(await turnText(china.page)).toBe('The class is paused: no move until the teacher resumes it.');
    expect(await turnText(us.page)).toBe(`Waiting for ${sideInSentence(b.sides.china.label)} (the teacher has paused the tables).`);
    expect(await china.page.locator('#announcer').textContent()).toContain('The teacher paused the tables.');
    for (const size of VIEWPORTS) {
      await china.page.setViewportSize(size);
      await settle(china.page, 400);
      await china.page.screenshot({ path: `${SHOTS}/class-edges-class-table-paused-${size.width}x${size.height}.png` });
    }
    await china.page.setViewportSize({ width: 1366, height: 768 });
    await t.getByRole('button', { name: 'Resume all tables' }).click();
    await china.page.waitForFunction(() => document.querySelector('#class-countdown') === null, null, { timeout: 30_000 });
    expect(await turnText(china.page)).toBe('Your move.');
    await china.page.getByRole('button', { name: 'Accept their offer' }).click();
    for (const p of [us, china]) await p.page.waitForFunction(() => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind === 'deal', null, { timeout: 60_000 });

    // The live class debrief: each pair's game opens at its own debrief, by keyboard, and leads back.
    await t.waitForFunction(() => document.querySelector('#dashboard tbody tr[data-table="0"]')?.textContent?.includes('deal'), null, { timeout: 60_000 });
    await t.getByRole('button', { name: 'Show the class debrief' }).click();
    await t.waitForFunction(() => document.querySelectorAll('#live-games tbody tr').length === 1, null, { timeout: 30_000 });
    const open = t.locator('#live-games tbody tr').first().getByRole('button', { name: /^Open the debrief of 1\. Table 1: / });
    expect(await open.evaluate((el) => el instanceof HTMLButtonElement && el.tabIndex === 0 && !el.disabled)).toBe(true);
    await t.locator('#live-games-title').scrollIntoViewIfNeeded();
    expect((await smallestSvgText(t, '#live-dealchart svg')).px).toBeGreaterThanOrEqual(12 - 0.01);
    await expectReadable(t, 'class-debrief-live');
    // From the button before it in the page's order, Tab reaches Open; Enter opens the game.
    await t.getByRole('button', { name: /^(Refresh|Show) the class debrief/ }).focus();
    for (let i = 0; i < 40 && !(await open.evaluate((el) => el === document.activeElement)); i++) await t.keyboard.press('Tab');
    expect(await open.evaluate((el) => el === document.activeElement), 'Open reached by Tab').toBe(true);
    await t.keyboard.press('Enter');
    await waitScreen(t, 'debrief');
    expect(await t.locator('[data-outcome]').first().getAttribute('data-outcome')).toBe('deal');
    await t.screenshot({ path: `${SHOTS}/class-edges-class-debrief-live-opened-1366x768.png` });
    await t.getByRole('button', { name: 'Back to your class' }).click();
    await waitScreen(t, 'class-teacher', 'title');
    expect(await t.locator('#dashboard tbody tr').count()).toBe(1);

    expect(people.flatMap((p) => p.errors)).toEqual([]);
  }, 600_000);
});
