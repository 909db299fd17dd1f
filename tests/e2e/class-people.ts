import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startServer, stopServer, tempDirs, type ChildServer } from '../server/helpers';
import { chromePath, FLAGS, waitScreen } from './browser';

/** A teacher or a student of a live class: a browser context of their own, and what went wrong in it. */
export interface ClassPerson {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * Opens the class server's page (`path`, '/' or a join link) in a context of its own at 1366x768,
 * collecting console errors, page errors and Content-Security-Policy violations as `errors`.
 */
export async function openClassPerson(browser: Browser, origin: string, name: string, path = '/'): Promise<ClassPerson> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content-Security-Policy violation: ${e.effectiveDirective} refused ${e.blockedURI || 'inline code'}`)),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    // A student's browser that reloads sees its old socket closed: not an error of the game.
    if (m.type() === 'error' && !/WebSocket|ERR_CONNECTION|net::/.test(m.text())) errors.push(`${name}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${name}: page error: ${e.message}`));
  // Several browsers on two shared cores: loading can be slow.
  await page.goto(`${origin}${path}`, { timeout: 120_000 });
  await page.waitForFunction(() => window.__bc?.ready === true, null, { timeout: 120_000 });
  // The join screen (a join link) draws the title's scene behind it.
  await waitScreen(page, path === '/' ? 'title' : 'class-join', 'title');
  return { name, context, page, errors };
}

/** The teacher opens the class as the Run a class form stands, and waits for the dashboard to connect: the class's join code. */
export async function openTheClass(t: Page): Promise<string> {
  await t.getByRole('button', { name: 'Open the class' }).click();
  await waitScreen(t, 'class-teacher', 'title');
  await t.waitForFunction(() => document.querySelector('#class-connection')?.textContent === 'Connected to the class server.', null, { timeout: 60_000 });
  return (await t.locator('#join-code').textContent())!.replace(/\s/g, '');
}

/**
 * Two students seated as a pair: once both are at the table, the one playing the United States
 * proposes the tariff truce alone and the other is offered it to accept. The pair by side.
 */
export async function truceOffered(a: ClassPerson, b: ClassPerson): Promise<{ us: ClassPerson; china: ClassPerson }> {
  for (const p of [a, b]) await p.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
  const aIsUs = (await a.page.evaluate(() => (window.__bc!.state() as { humanToMove: string | null }).humanToMove)) === 'us';
  const [us, china] = aIsUs ? [a, b] : [b, a];
  await us.page.locator('[data-chip="tariffTruce=extended-1yr"]').click();
  await us.page.getByRole('button', { name: 'Propose this package' }).click();
  await china.page.getByRole('button', { name: 'Accept their offer' }).waitFor({ timeout: 60_000 });
  return { us, china };
}

/**
 * For the enclosing describe block: a class server serving this build (its data in a temporary
 * folder) and a browser, started before its tests and stopped after; `person` opens a teacher's or
 * a student's context, kept in `people` (whose errors a test checks at its end).
 */
export function classServerAndBrowser(): { server: () => ChildServer; person: (name: string, path?: string) => Promise<ClassPerson>; people: ClassPerson[] } {
  let server: ChildServer | undefined;
  let browser: Browser | undefined;
  const people: ClassPerson[] = [];
  beforeAll(async () => {
    server = await startServer({ ...tempDirs(), distDir: inject('buildDir') });
    browser = await chromium.launch({ executablePath: chromePath()!, headless: true, args: FLAGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server);
  });
  return {
    server: () => server!,
    person: async (name, path = '/') => {
      const p = await openClassPerson(browser!, server!.http, name, path);
      people.push(p);
      return p;
    },
    people,
  };
}
