import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserOrSkip, expectAccessible, screenshot, settle, waitScreen, VIEWPORTS } from './browser';
import { classServerAndBrowser, openTheClass, truceOffered, type ClassPerson } from './class-people';
import { scenario as b } from './flows';
import { expectNoOverlap, hiddenNash, smallPanelText } from './screen-checks';

/**
 * A class as its teacher sees it, on a laptop and on a projector: two students play each other, a
 * third waits alone until the teacher gives the AI the other seat; the round ends (a deal, a
 * walkout), the teacher goes from the dashboard to the class debrief and starts another round.
 * Each of the teacher's screens is checked at 1366x768, 1280x720, 390x844 and 1920x1080: panel
 * texts at least 12 CSS px, nothing overlapping or out of the panel, and a screenshot of each.
 */

const browserPath = browserOrSkip();

const SCREENS = [...VIEWPORTS, { name: '1920x1080', width: 1920, height: 1080 }];

/** The teacher's screen at each size, scrolled to `at`: readable, nothing overlapping; a screenshot of each. */
async function teacherScreen(page: Page, name: string, at: string): Promise<void> {
  for (const v of SCREENS) {
    await page.setViewportSize(v);
    await settle(page, 300);
    await page.locator(at).scrollIntoViewIfNeeded();
    const where = `${name} at ${v.width}x${v.height}`;
    expect.soft(await smallPanelText(page), `${where}: panel texts under 12 px`).toEqual([]);
    await screenshot(page, `class-teacher-${name}-${v.width}x${v.height}`);
    await expectNoOverlap(page, v.width < 1088, where);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await settle(page, 300);
}

/**
 * The dashboard as a phone shows it: each table a card (no row runs off the screen, nothing to
 * scroll sideways), every value under its column's name; a laptop or a projector keeps the table.
 */
async function dashboardFits(page: Page): Promise<void> {
  for (const v of SCREENS) {
    await page.setViewportSize(v);
    await settle(page, 300);
    const seen = await page.evaluate(() => {
      const table = document.querySelector<HTMLElement>('#dashboard')!;
      const rows = [...table.querySelectorAll<HTMLElement>('tbody tr')];
      const off = [...table.querySelectorAll<HTMLElement>('tbody th, tbody td, tbody button')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).map((el) => (el.textContent ?? '').trim().slice(0, 30));
      const labels = rows.map((r) => [...r.querySelectorAll<HTMLElement>('td[data-label]')].map((td) => getComputedStyle(td, '::before').content.replace(/^"|"$/g, '')));
      return { display: getComputedStyle(rows[0]!).display, scrolls: table.scrollWidth > table.clientWidth + 1 || table.parentElement!.scrollWidth > table.parentElement!.clientWidth + 1, off, labels, role: table.getAttribute('role') };
    });
    expect(seen.role, 'the dashboard stays a table for a screen reader').toBe('table');
    if (v.width < 1088) {
      expect(seen.display, `a card per table at ${v.name}`).toBe('grid');
      expect(seen.scrolls, `nothing to scroll sideways at ${v.name}`).toBe(false);
      expect(seen.off, `off the screen at ${v.name}`).toEqual([]);
      for (const labels of seen.labels) expect(labels).toEqual([b.sides.us.label, b.sides.china.label, 'Round of talks', 'Status', 'On the table', 'Tension (0–10)']);
    } else {
      expect(seen.display, `the table kept at ${v.name}`).toBe('table-row');
      for (const labels of seen.labels) expect(labels.every((l) => l === 'none'), `no card labels at ${v.name}`).toBe(true);
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await settle(page, 300);
}

const outcomeOf = (p: ClassPerson) => p.page.evaluate(() => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind ?? null);

describe.skipIf(!browserPath)('a class from the teacher’s laptop', () => {
  const { person, people } = classServerAndBrowser();

  async function enter(p: ClassPerson): Promise<void> {
    await p.page.locator('#join-name').fill(p.name);
    await p.page.getByRole('button', { name: 'Join the class' }).click();
    await p.page.waitForFunction(() => document.querySelector('#lobby-seat') !== null || (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 30_000 });
  }

  it('a pair, a student against the AI, the debrief and another round, each screen readable at every size', async () => {
    const teacher = await person('Teacher');
    const t = teacher.page;
    await t.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(t, 'class-run', 'title');
    await t.locator('#run-scenario').selectOption(b.id);
    await t.locator('#run-seed').fill('e2e-teacher');
    const code = await openTheClass(t);
    await teacherScreen(t, 'open', '#screen-title');
    // The news: what an event does to a game, and that a flash changes nothing, said before the press.
    expect(await t.locator('#inject-event-hint').textContent()).toMatch(/change that game’s numbers/);
    expect(await t.locator('#inject-news-hint').textContent()).toMatch(/nothing in their games changes/);
    await teacherScreen(t, 'news', '#inject-news-hint');

    // Ana and Bo make a pair; Cy waits alone, and the dashboard offers the AI for her partner.
    const [ana, bo, cy] = [await person('Ana', `/?join=${code}`), await person('Bo', `/?join=${code}`), await person('Cy', `/?join=${code}`)];
    for (const p of [ana, bo, cy]) await enter(p);
    await t.locator('#dash-waiting li').waitFor({ timeout: 60_000 });
    await teacherScreen(t, 'waiting', '#dash-waiting');
    await t.getByRole('button', { name: `AI for ${b.sides.china.label} at table 2, so Cy can start` }).click();
    await t.waitForFunction(() => document.querySelectorAll('#dashboard tbody tr').length === 2 && document.querySelector('#dash-waiting') === null, null, { timeout: 60_000 });
    await cy.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
    // The AI's seat reads as its name says it ("AI (normal)"), not "AI (normal) (AI)".
    expect(await t.locator('#dashboard tbody tr[data-table="1"] td').nth(1).textContent()).toBe('AI (normal)');

    // The pair strikes a deal; Cy walks out on the AI.
    const { us, china } = await truceOffered(ana, bo);
    await teacherScreen(t, 'playing', '#dashboard');
    await dashboardFits(t);
    await china.page.getByRole('button', { name: 'Accept their offer' }).click();
    await cy.page.getByRole('button', { name: 'Walk out…' }).click({ timeout: 60_000 });
    await cy.page.getByRole('button', { name: 'Yes, walk out' }).click();
    for (const p of [us, china]) await p.page.waitForFunction(() => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind === 'deal', null, { timeout: 60_000 });
    await cy.page.waitForFunction(() => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind === 'walkout', null, { timeout: 60_000 });
    expect(await outcomeOf(cy)).toBe('walkout');

    // Every table has finished: the dashboard says so, with the way to the debrief.
    await t.locator('#dash-finished').waitFor({ timeout: 60_000 });
    expect(await t.locator('#dash-finished p').textContent()).toBe('Both tables have finished their games.');
    // The pair's row shows what they agreed (nothing stands on the table once a deal is struck); the walkout's shows nothing.
    const agreed = t.locator('#dashboard tbody tr[data-table="0"] td').nth(4);
    expect(await agreed.textContent()).toMatch(/^Agreed:/);
    expect(await agreed.locator('li').count()).toBeGreaterThan(0);
    expect(await t.locator('#dashboard tbody tr[data-table="1"] td').nth(4).textContent()).toBe('—');
    await teacherScreen(t, 'finished', '#dash-title');
    await dashboardFits(t);
    // The app's apostrophes are curly (’), the teacher's screen's too ("each student’s screen" under Another round).
    expect(await t.locator('.another-round .hint').first().textContent()).toContain('each student’s screen');
    expect(await t.locator('#panel').innerText()).not.toMatch(/[A-Za-z]'[A-Za-z]/);
    await t.getByRole('button', { name: 'Go to the class debrief' }).click();
    await t.locator('#live-games').waitFor({ timeout: 30_000 });
    expect(await t.locator('#live-games tbody tr').count()).toBe(2);
    expect(await t.locator('#class-debrief-title').textContent()).toBe(`Class debrief: ${b.title}`);
    // The games' numbers are ratings, and their columns say so.
    expect((await t.locator('#live-games thead th').allTextContents()).slice(2, 4)).toEqual([`${b.sides.us.label} rating`, `${b.sides.china.label} rating`]);
    // The games' numbers on the chart lie on no mark (a walkout's number was drawn over the no-deal diamond beside it).
    for (const v of SCREENS) {
      await t.setViewportSize(v);
      await settle(t, 300);
      const covered = await t.locator('#live-dealchart svg').evaluate((root) => {
        const box = (el: Element) => (el as SVGGraphicsElement).getBBox();
        const marks = [...root.querySelectorAll('polygon[data-kind], circle[data-kind], [data-game] > circle, [data-game] > path, [data-game] > rect')];
        const labels = [...root.querySelectorAll('text.dc-label')];
        const out: string[] = [];
        for (const l of labels)
          for (const m of marks) {
            const a = box(l);
            const b = box(m);
            if (a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5) out.push(`“${l.textContent}” on ${m.getAttribute('class')}`);
          }
        return { labels: labels.length, out };
      });
      expect(covered.labels, 'the games are numbered').toBe(2);
      expect(covered.out, `labels on marks at ${v.name}`).toEqual([]);
      // The fair split is seen, not under the best-deal triangles beside it.
      expect(await hiddenNash(t, '#live-dealchart svg'), `the fair split at ${v.name}`).toEqual([]);
    }
    await t.setViewportSize({ width: 1366, height: 768 });
    await settle(t, 300);
    // The debrief says each thing once: the ratings' scale under the ratings (not in the summary and under the games too),
    // the scenario in the heading (not again in the summary's first line).
    const panelText = await t.locator('#panel').innerText();
    expect(panelText.split('0 is no deal').length - 1, 'the ratings’ scale said once').toBe(1);
    expect(await t.locator('#live-ratings-scale').textContent()).toMatch(/^Ratings: 0 is no deal for that side/);
    expect(await t.locator('.class-debrief-summary').textContent()).not.toContain(b.title);
    expect(panelText).not.toMatch(/[A-Za-z]'[A-Za-z]/);
    // The Nash point in plain words, with what it is.
    expect(await t.locator('#live-dealchart .dc-legend').textContent()).toContain('The fair split (Nash point): the deal that best balances what each side gains over no deal');
    await expectAccessible(t, 'class-teacher-debrief');
    await teacherScreen(t, 'debrief', '#class-debrief-title');
    await teacherScreen(t, 'debrief-chart', '#live-dealchart');
    await teacherScreen(t, 'debrief-ratings', '#live-ratings-title');
    await teacherScreen(t, 'debrief-games', '#live-games');

    // The chart's text size is set from the width it is drawn at (--dc-unit, deal-chart.ts); a redraw of the
    // debrief (a refresh) keeps it, and the games' numbers where that size placed them, at a phone's width and a laptop's.
    for (const v of [VIEWPORTS.find((s) => s.width === 390)!, { name: '1366x768', width: 1366, height: 768 }]) {
      await t.setViewportSize(v);
      await settle(t, 300);
      // Set once the chart's size is delivered (a ResizeObserver's, at the next frame): waited for, on a busy machine.
      const sizeSet = () =>
        t.waitForFunction(() => {
          const root = document.querySelector<SVGSVGElement>('#live-dealchart svg');
          const unit = Number(root?.style.getPropertyValue('--dc-unit') || NaN);
          // Drawing units per CSS px of its content box (the box less its padding and border): about 480 / its width.
          return root !== null && Math.abs((unit * root.getBoundingClientRect().width) / 480 - 1) < 0.05;
        }, null, { timeout: 5_000 });
      const sized = () =>
        t.locator('#live-dealchart svg').evaluate((root) => ({
          unit: (root as SVGSVGElement).style.getPropertyValue('--dc-unit'),
          labels: [...root.querySelectorAll('text.dc-label')].map((l) => `${l.getAttribute('x')},${l.getAttribute('y')},${l.getAttribute('text-anchor')}`),
        }));
      await sizeSet();
      const before = await sized();
      // The chart drawn before is marked (a property, not markup) to see the redraw come.
      await t.locator('#live-dealchart svg').evaluate((root) => ((root as unknown as { old: boolean }).old = true));
      await t.getByRole('button', { name: 'Refresh the class debrief' }).click();
      await t.waitForFunction(() => {
        const root = document.querySelector('#live-dealchart svg') as unknown as { old?: boolean } | null;
        return root !== null && root.old !== true;
      }, null, { timeout: 30_000 });
      await settle(t, 300);
      await sizeSet();
      expect(await sized(), `the text size and the numbers' places after a refresh at ${v.name}`).toEqual(before);
    }
    await t.setViewportSize({ width: 1366, height: 768 });
    await settle(t, 300);

    // Another round: every table has finished, so it starts at once (no question first).
    await t.locator('#round-title').scrollIntoViewIfNeeded();
    await t.getByRole('button', { name: 'Start another round' }).click();
    await t.waitForFunction(() => document.querySelector('#dash-title')?.textContent?.endsWith(', class round 2'), null, { timeout: 60_000 });
    for (const p of [ana, bo, cy]) await p.page.waitForFunction(() => (window.__bc!.state() as { spec: { moves: unknown[] } | null }).spec?.moves.length === 0 || (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
    await t.waitForFunction(() => document.querySelectorAll('#dashboard tbody tr').length === 2, null, { timeout: 60_000 });
    expect(await t.locator('#dash-finished').count(), 'the new round has not finished').toBe(0);
    // The AI, moving first for the United States, puts a long package on table 2: one term a line,
    // and the short columns kept to one line beside it.
    await t.waitForFunction(() => document.querySelector('#dashboard tbody tr[data-table="3"] .package-cell') !== null, null, { timeout: 60_000 });
    for (const v of SCREENS.filter((s) => s.width > 1088)) {
      await t.setViewportSize(v);
      await settle(t, 300);
      const lines = await t.locator('#dashboard tbody tr').evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll('th, td.short')].map((c) => {
            const range = document.createRange();
            range.selectNodeContents(c);
            return new Set([...range.getClientRects()].map((x) => Math.round(x.top))).size;
          }),
        ),
      );
      expect(lines.flat().every((n) => n <= 1), `the table, round and tension cells on one line at ${v.name}: ${JSON.stringify(lines)}`).toBe(true);
    }
    await t.setViewportSize({ width: 1366, height: 768 });
    await teacherScreen(t, 'round-2', '#dash-title');
    expect(people.flatMap((p) => p.errors)).toEqual([]);
  }, 600_000);
});
