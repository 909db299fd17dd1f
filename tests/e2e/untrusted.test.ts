import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { scenarioPath } from '../helpers';
import { browserOrSkip, checkScreen, openGame, waitScreen, browserPerTest } from './browser';

const browser = browserOrSkip();

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';

/** A scenario file a teacher might have been sent: busan-2025 with markup in its texts. */
function hostileScenario(): string {
  return readFileSync(scenarioPath('busan-2025.yaml'), 'utf8')
    .replace(/^id: busan-2025$/m, 'id: hostile')
    .replace(/^title: .*$/m, `title: 'Hostile ${IMG}'`)
    .replace(/^summary: >-\n( {2}.*\n)+/m, `summary: 'A summary with ${SCRIPT} in it.'\n`)
    .replace('label: Advanced AI chip exports', `label: 'Chips ${IMG}'`)
    .replace('label: Buy 12 million tonnes a year', `label: 'Buy ${IMG} soybeans'`)
    // A javascript: address is refused by the loader (tests/bad-inputs); an http one with markup in it loads, and must not become a link.
    .replace(/url: 'https:\/\/www.piie.com[^']*'/, `url: 'https://example.org/"><img src=x onerror=window.__pwned=3>'`);
}

describe.skipIf(!browser)('untrusted scenario files', () => {
  const s = browserPerTest();

  it('shows markup in a scenario as text, runs none of it, and reports a broken file without losing the others', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await page.getByRole('button', { name: /Play solo/ }).click();
    await waitScreen(page, 'choice');
    const input = page.getByLabel('Open a scenario file');
    await input.setInputFiles({
      name: 'hostile.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(hostileScenario()),
    });
    const heading = page.getByRole('heading', { name: /^Hostile/ });
    await heading.waitFor();
    expect(await heading.textContent()).toContain(`Hostile ${IMG}`);
    expect(await page.getByText(`A summary with ${SCRIPT} in it.`).count()).toBe(1);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('#panel script').count()).toBe(0);
    await checkScreen(page, '17-choice-hostile-file');

    // Play it: the setup, the briefing (whose source address with markup in it must not become a link) and the table.
    await page
      .getByRole('listitem')
      .filter({ has: heading })
      .getByRole('button', { name: 'Play this scenario' })
      .click();
    await waitScreen(page, 'setup');
    await page.getByRole('button', { name: 'Continue to the briefing' }).click();
    await waitScreen(page, 'briefing');
    expect(await page.locator('a[href*="onerror"], a[href^="javascript"]').count()).toBe(0);
    expect(await page.getByText(/China bought none of the extra/).count()).toBe(1);
    await page.getByRole('button', { name: 'Sit down at the table' }).click();
    await waitScreen(page, 'table');
    expect(await page.getByText(`Buy ${IMG} soybeans`).count()).toBeGreaterThan(0);
    await checkScreen(page, '18-table-hostile-scenario');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A broken file: every problem with its line, and the good scenarios stay.
    await page.getByRole('button', { name: 'Main menu' }).first().click();
    await page.getByRole('button', { name: /Play solo/ }).click();
    await waitScreen(page, 'choice');
    const broken = 'id: broken\nversion: one\ntitle: Broken\nrounds: -2\n';
    await page
      .getByLabel('Open a scenario file')
      .setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(broken) });
    const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toMatch(/broken\.yaml/);
    expect(text).toMatch(/line 2, version: /);
    expect(text).toMatch(/line 4, rounds: /);
    expect(await page.getByRole('heading', { name: 'Busan, autumn 2025' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /^Hostile/ }).count()).toBe(1);
    await checkScreen(page, '19-choice-broken-file');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(s.errors).toEqual([]);
  });
});

describe.skipIf(!browser)('links from outside', () => {
  const s = browserPerTest();

  it('say what is wrong with a bad link by name, fill in the setup from a good one, and read a link once', async () => {
    const { page } = s;
    const base = inject('baseUrl');
    await openGame(page, `${base}?scenario=sandbox&difficulty=impossible&seed=${encodeURIComponent(IMG)}`);
    await waitScreen(page, 'title');
    const notice = page.getByText(/^This link cannot be opened:/).first();
    await notice.waitFor();
    expect(await notice.textContent()).toContain('the parameter "difficulty": expected easy, normal, hard');
    await checkScreen(page, '60-bad-link');

    await openGame(page, `${base}?scenario=zte-2018&side=china&difficulty=hard&seed=${encodeURIComponent(IMG)}`);
    await waitScreen(page, 'setup');
    expect(await page.getByLabel('Seed').inputValue()).toBe(IMG);
    expect(await page.getByRole('radio', { name: /^Hard/ }).isChecked()).toBe(true);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // Its parameters left the address: a reload mid-game resumes the game, not the link's setup.
    expect(new URL(page.url()).search).toBe('');

    await openGame(page, `${base}?code=bc1-garbage`);
    await waitScreen(page, 'load-code', 'title');
    await page.getByText(/^This code cannot be opened:/).first().waitFor();
    expect(s.errors).toEqual([]);
  });
});
