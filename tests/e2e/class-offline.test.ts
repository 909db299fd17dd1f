import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { defaultOptions } from '../../src/core/engine';
import type { GameSpec, Move } from '../../src/core/types';
import { resultCodeOf } from '../../src/session/games';
import { browserOrSkip, browserPerTest, checkScreen, openGame, smallestSvgText, waitScreen, VIEWPORTS } from './browser';
import { scenario as b, view } from './flows';
import { sideInSentence } from '../../src/core/sentence';

/**
 * The two classroom ways without a server, in the real browser: the class page from result
 * codes (a bad line listed with its reason, the class debrief, a game opened and back, the CSV)
 * and hot seat (each side's view behind the hand-over screen).
 */

const browser = browserOrSkip();
const spec = (seed: string, moves: Move[]): GameSpec => ({
  scenario: { id: b.id, version: b.version },
  seed,
  options: defaultOptions(b, { humans: ['us'] }),
  moves,
});
const propose: Move = { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } };
const codes = [
  resultCodeOf(b, spec('c1', [propose, { type: 'accept', side: 'china' }])),
  resultCodeOf(b, spec('c2', [{ type: 'walkout', side: 'us' }])),
  resultCodeOf(b, spec('c3', [propose, { type: 'walkout', side: 'china' }])),
];

describe.skipIf(!browser)('classroom without a server', () => {
  const s = browserPerTest();

  it('the class page verifies pasted codes, lists a bad line with its reason, debriefs the class and exports it', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await waitScreen(page, 'title');
    await page.getByRole('button', { name: /Class page from result codes/ }).click();
    await waitScreen(page, 'class-page', 'title');
    const altered = codes[1]!.slice(0, 30) + (codes[1]![30] === 'A' ? 'B' : 'A') + codes[1]!.slice(31);
    const list = [`name,code`, `Ana <b>Li</b>: ${codes[0]}`, `"Bo",${codes[1]}`, `Cy: ${altered}`, `\u202eDi${'\u0336'.repeat(30)}: ${codes[2]}`].join('\n');
    await page.locator('#class-codes').fill(list);
    await page.getByRole('button', { name: 'Check the codes' }).click();
    await page.locator('#class-games tbody tr').nth(2).waitFor();
    expect(await page.locator('#class-count').textContent()).toContain('3 games verified; 1 line not counted');
    const rejected = page.locator('#class-rejected li');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toMatch(/^Line 4 \(Cy\): the code cannot be opened/);
    // The reason reads in the panel's own font; only the code itself is set in monospace.
    const fonts = await rejected.first().evaluate((li) => ({ li: getComputedStyle(li).fontFamily, code: getComputedStyle(li.querySelector('.code')!).fontFamily, panel: getComputedStyle(document.querySelector('#panel')!).fontFamily }));
    expect(fonts.li).toBe(fonts.panel);
    expect(fonts.li).not.toMatch(/mono/i);
    expect(fonts.code).toMatch(/mono/i);
    // The debrief says each thing once: the scale of the ratings in one place, the scenario in the heading alone.
    const panelText = await page.locator('#panel').innerText();
    expect(panelText.split('0 is no deal').length - 1, 'the ratings’ scale said once').toBe(1);
    expect(await page.locator('#class-summary').textContent()).not.toContain(b.title);
    expect(await page.locator('#class-debrief-title').textContent()).toBe(`Class debrief: ${b.title}`);
    // The Nash point in plain words, with what it is.
    expect(await page.locator('#class-dealchart .dc-legend').textContent()).toContain('The fair split (Nash point): the deal that best balances what each side gains over no deal');
    expect(panelText).not.toMatch(/[A-Za-z]'[A-Za-z]/);
    // A student's name is text: the markup shows as typed.
    expect(await page.locator('#class-games tbody tr').first().locator('th').textContent()).toBe('1. Ana <b>Li</b>');
    expect(await page.locator('#class-games b').count()).toBe(0);
    // A bidirectional override is dropped (it showed the name reversed), and marks stacked past four.
    expect(await page.locator('#class-games tbody tr').nth(2).locator('th').textContent()).toBe(`3. Di${'\u0336'.repeat(4)}`);
    expect(await page.locator('.deal-chart [data-game]').count()).toBe(3);
    expect(await page.locator('#class-outcomes [data-outcome="walkout"] td').textContent()).toBe('2');
    for (const v of VIEWPORTS) {
      await page.setViewportSize(v);
      await checkScreen(page, `class-page-${v.width}x${v.height}`);
      // The class's deal chart is the debrief's component: its words at least 12 CSS px however wide it is drawn.
      const t = await smallestSvgText(page, 'svg.deal-chart');
      expect(t.px, `smallest deal-chart text at ${v.width}: “${t.text}”`).toBeGreaterThanOrEqual(12 - 0.01);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('#class-chart-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/class-page-chart-1366x768.png' });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the class (CSV)' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    for (const code of [codes[0]!, codes[1]!, codes[2]!]) expect(csv).toContain(code);
    expect(csv).not.toContain(altered);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);

    await page.getByRole('button', { name: 'Open the debrief of 2. Bo' }).click();
    await waitScreen(page, 'debrief');
    expect((await view(page)).outcome?.kind).toBe('walkout');
    await page.getByRole('button', { name: 'Back to the class page' }).click();
    await waitScreen(page, 'class-page', 'title');
    expect(await page.locator('#class-games tbody tr').count()).toBe(3);
    expect(s.errors).toEqual([]);
  });

  it('the debrief hands in the student’s name with the code, and the class page reads both back', async () => {
    const { page, context } = s;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openGame(page, `${inject('baseUrl')}`);
    await waitScreen(page, 'title');
    await page.getByRole('button', { name: /Load a result code/ }).click();
    await page.locator('#code-input').fill(codes[0]!);
    await page.getByRole('button', { name: 'Open this code' }).click();
    await waitScreen(page, 'debrief');
    await page.getByLabel(/Your name/).fill('Ana Li');
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#student-name-hint')?.textContent?.includes('Ana Li'));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`Ana Li: ${codes[0]}`);
    await page.locator('#panel').getByRole('button', { name: 'Main menu' }).click();
    await page.getByRole('button', { name: /Class page from result codes/ }).click();
    await page.locator('#class-codes').fill(copied);
    await page.getByRole('button', { name: 'Check the codes' }).click();
    await page.locator('#class-games tbody tr').first().waitFor();
    expect(await page.locator('#class-games tbody th').first().textContent()).toBe('1. Ana Li');
    expect(s.errors).toEqual([]);
  });

  it('hot seat: two students at one device, each side’s view behind a pass-the-device screen', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await waitScreen(page, 'title');
    await page.getByRole('button', { name: /Play solo/ }).click();
    await waitScreen(page, 'choice');
    await page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: b.title }) }).getByRole('button', { name: 'Play this scenario' }).click();
    await waitScreen(page, 'setup');
    await page.getByRole('radio', { name: /A second player at this device/ }).check();
    expect(await page.getByRole('radio', { name: /^Hard/ }).count()).toBe(0);
    await page.getByLabel('Seed').fill('hot-seat-1');
    await page.getByRole('button', { name: 'Continue to the briefing' }).click();
    await waitScreen(page, 'briefing');
    await page.getByRole('button', { name: 'Sit down at the table' }).click();
    await waitScreen(page, 'pass-device', 'title');
    expect(await page.locator('#screen-title').textContent()).toBe(`Pass the device to ${sideInSentence(b.sides.us.label)}`);
    await checkScreen(page, 'hot-seat-pass-us');
    await page.getByRole('button', { name: `I am ${sideInSentence(b.sides.us.label)}: show my side` }).click();
    await waitScreen(page, 'table');
    await page.getByRole('button', { name: 'Make no offer this round' }).click();
    await waitScreen(page, 'pass-device', 'title');
    // China's turn: nothing of either side's private view is on screen until China takes the device.
    expect(await page.locator('#screen-title').textContent()).toBe(`Pass the device to ${sideInSentence(b.sides.china.label)}`);
    expect(await page.locator('#panel section, #panel .status, #panel table').count()).toBe(0);
    await checkScreen(page, 'hot-seat-pass-china');
    await page.getByRole('button', { name: `I am ${sideInSentence(b.sides.china.label)}: show my side` }).click();
    await waitScreen(page, 'table');
    expect(await page.locator('.status').textContent()).toContain(`You: ${b.sides.china.label}`);
    await checkScreen(page, 'hot-seat-table-china');
    // A reload comes back behind the hand-over screen.
    await page.reload();
    await page.waitForFunction(() => window.__bc?.ready === true);
    await waitScreen(page, 'pass-device', 'title');
    await page.getByRole('button', { name: `I am ${sideInSentence(b.sides.china.label)}: show my side` }).click();
    await waitScreen(page, 'table');
    await page.getByRole('button', { name: 'Walk out…' }).click();
    await page.getByRole('button', { name: 'Yes, walk out' }).click();
    const v = await view(page);
    expect(v.outcome).toEqual({ kind: 'walkout', round: 1, by: 'china' });
    expect(v.spec?.options.humans).toEqual(['us', 'china']);
    expect(s.errors).toEqual([]);
  });
});
