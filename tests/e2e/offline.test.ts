import { describe, expect, inject, it } from 'vitest';
import { browserOrSkip, browserPerTest, openGame, waitScreen } from './browser';
import { startSolo, view } from './flows';

const browser = browserOrSkip();

describe.skipIf(!browser)('offline after the first visit', () => {
  const s = browserPerTest();

  it('a second load works with no network: the service worker keeps the game and its scenarios', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    // The first visit installs the service worker and it takes charge of the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('bargaining-chips-'))!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached.some((p) => /\/assets\/busan-2025-.*\.js$/.test(p)), 'a scenario is cached').toBe(true);
    expect(cached.some((p) => /\/assets\/ai-worker-.*\.js$/.test(p)), 'the AI worker is cached').toBe(true);

    await page.context().setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.__bc?.ready === true, null, { timeout: 30_000 });
    await waitScreen(page, 'title');
    // Solo play with no network: a scenario, the table, and the AI's opening move in its worker.
    await startSolo(page, { side: 'china', seed: 'offline' });
    const v = await view(page);
    expect(v.spec?.moves.length).toBeGreaterThan(0);
    expect(v.humanToMove).toBe('china');
    expect(await page.evaluate(() => (window.__bc!.state() as { ai: string }).ai)).toBe('worker');
    await page.context().setOffline(false);
  }, 180_000);
});
