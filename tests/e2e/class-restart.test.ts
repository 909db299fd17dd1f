import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, stopServer, type ChildServer } from '../server/helpers';
import { browserOrSkip, chromePath, FLAGS, settle, SCREENSHOT_DIR, waitScreen, VIEWPORTS } from './browser';
import { openClassPerson, openTheClass, truceOffered, type ClassPerson } from './class-people';
import { scenario as b } from './flows';
import { atSentenceStart, sideInSentence } from '../../src/core/sentence';

/**
 * The class server dies mid-class (kill -9) and is started again on the same port and data, as a
 * teacher would: a pair at the table with an offer standing, a student alone in the lobby, the
 * teacher on the dashboard. While it is down each says the connection dropped and that it is
 * reconnecting, and no screen shows a problem of its own (the socket's error events, one per
 * failed attempt, are not the server's problems: they read "a problem (undefined)"); once it is
 * back each has its seat, the offer still stands, and the pair plays on to a deal.
 */

const browserPath = browserOrSkip();

/** The panel's alerts (the problems a screen shows), as text. */
const alerts = (page: Page) => page.locator('#panel [role="alert"]').allTextContents();
const screenOf = (page: Page) => page.evaluate(() => (window.__bc!.state() as { screen: string }).screen);

describe.skipIf(!browserPath)('the class server restarts mid-class', () => {
  let server: ChildServer | undefined;
  let browser: Browser | undefined;
  const people: ClassPerson[] = [];
  const dirs = { dataDir: join(mkdtempSync(join(tmpdir(), 'bc-restart-')), 'data'), distDir: '' };

  beforeAll(async () => {
    dirs.distDir = inject('buildDir');
    server = await startServer(dirs);
    browser = await chromium.launch({ executablePath: chromePath()!, headless: true, args: FLAGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
  });

  const person = async (name: string, path = '/') => {
    const p = await openClassPerson(browser!, server!.http, name, path);
    people.push(p);
    return p;
  };
  async function enter(p: ClassPerson, code: string): Promise<void> {
    await p.page.locator('#join-name').fill(p.name);
    await p.page.getByRole('button', { name: 'Join the class' }).click();
    await p.page.waitForFunction(() => document.querySelector('#lobby-seat') !== null || (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 30_000 });
    expect(await p.page.locator('#join-code-input').count(), `${p.name} joined ${code}`).toBe(0);
  }

  it('teacher, a pair at the table and a student in the lobby each say it is reconnecting, and carry on where they were', async () => {
    const teacher = await person('Teacher');
    const t = teacher.page;
    await t.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(t, 'class-run', 'title');
    await t.locator('#run-scenario').selectOption(b.id);
    await t.locator('#run-seed').fill('e2e-restart');
    const code = await openTheClass(t);

    const ana = await person('Ana', `/?join=${code}`);
    await enter(ana, code);
    const bo = await person('Bo', `/?join=${code}`);
    await enter(bo, code);
    const { us, china } = await truceOffered(ana, bo);
    // A third student, on a phone, waits in the lobby for a partner.
    const cy = await person('Cy', `/?join=${code}`);
    await cy.page.setViewportSize({ width: 390, height: 844 });
    await enter(cy, code);
    expect(await cy.page.locator('#lobby-partner').textContent()).toBe('Waiting for a partner to join…');
    await t.waitForFunction(() => document.querySelector('#dashboard tbody tr[data-table="0"]')?.textContent?.includes('Extend the truce'), null, { timeout: 30_000 });

    // The server dies.
    await stopServer(server!, 'SIGKILL');
    const port = server!.port;
    await cy.page.locator('#class-connection').waitFor({ timeout: 30_000 });
    expect(await cy.page.locator('#class-connection').textContent()).toBe('The connection to the class dropped; reconnecting… Your seat is kept.');
    await china.page.locator('#class-connection').waitFor({ timeout: 30_000 });
    await t.waitForFunction(() => document.querySelector('#class-connection')?.textContent === 'The connection dropped; reconnecting…', null, { timeout: 30_000 });
    // A few failed attempts to reconnect later, still no problem of the server's own on any screen.
    await settle(t, 4_000);
    for (const p of [teacher, ana, bo, cy]) expect(await alerts(p.page), `${p.name}'s alerts while the server is down`).toEqual([]);
    expect(await t.locator('#class-connection').textContent()).toBe('The connection dropped; reconnecting…');
    for (const v of VIEWPORTS) {
      await cy.page.setViewportSize(v);
      await settle(cy.page, 250);
      await cy.page.screenshot({ path: join(SCREENSHOT_DIR, `class-restart-lobby-down-${v.width}x${v.height}.png`) });
    }
    await cy.page.setViewportSize({ width: 390, height: 844 });

    // Started again on the same port and data: every page rejoins by itself.
    server = await startServer(dirs, port);
    await t.waitForFunction(() => document.querySelector('#class-connection')?.textContent === 'Connected to the class server.', null, { timeout: 90_000 });
    // Back to normal reads as normal: a quiet line, not the warning box the outage used.
    expect(await t.locator('#class-connection').getAttribute('class')).toBe('hint');
    await cy.page.waitForFunction(() => document.querySelector('#class-connection') === null && document.querySelector('#lobby-seat') !== null, null, { timeout: 90_000 });
    for (const p of [us, china]) await p.page.waitForFunction(() => document.querySelector('#class-connection') === null, null, { timeout: 90_000 });
    for (const p of [teacher, ana, bo, cy]) expect(await alerts(p.page), `${p.name}'s alerts once the server is back`).toEqual([]);
    expect(await screenOf(cy.page)).toBe('class-lobby');
    expect(await cy.page.locator('#lobby-seat').textContent()).toBe(`You are ${sideInSentence(b.sides.us.label)} at table 2.`);
    await cy.page.screenshot({ path: join(SCREENSHOT_DIR, 'class-restart-lobby-back-390x844.png') });
    await t.waitForFunction(() => document.querySelector('#dashboard tbody tr[data-table="0"]')?.textContent?.includes('Extend the truce'), null, { timeout: 30_000 });
    await t.screenshot({ path: join(SCREENSHOT_DIR, 'class-restart-teacher-back-1366x768.png') });

    // The offer stood through the restart: China accepts it, and both see the deal.
    await china.page.getByRole('button', { name: 'Accept their offer' }).click();
    for (const p of [us, china]) await p.page.waitForFunction(() => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind === 'deal', null, { timeout: 60_000 });
    await t.waitForFunction(() => document.querySelector('#dashboard tbody tr[data-table="0"]')?.textContent?.includes('deal'), null, { timeout: 30_000 });
    // Both read the deal as theirs: not "United States has a deal.", nor "worth to you as a Self-reliance".
    for (const [p, other] of [[us, b.sides.china.label], [china, b.sides.us.label]] as const) {
      await p.page.locator('#panel .status + p.hint').waitFor({ timeout: 10_000 });
      expect(await p.page.locator('#panel .status ~ p.hint').first().textContent()).toMatch(new RegExp(`^${atSentenceStart(sideInSentence(other))} has struck a deal with you\\. Tension stands at`));
      expect(await p.page.locator('#panel').textContent()).toMatch(/Expected worth to you, judged by [^,]+, when it was struck: /);
    }

    expect(people.flatMap((p) => p.errors)).toEqual([]);
  }, 600_000);
});
