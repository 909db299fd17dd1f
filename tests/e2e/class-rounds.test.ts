import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserOrSkip, expectAccessible, screenshot, settle, smallestSvgText, waitScreen, VIEWPORTS } from './browser';
import { scenario as b } from './flows';
import { classServerAndBrowser, openTheClass, type ClassPerson } from './class-people';
import { sideInSentence } from '../../src/core/sentence';

/**
 * Another round of a live class: a teacher and two students, each in their own browser context.
 * The pair plays round 1 to a deal; the teacher starts another round with sides swapped (the
 * default) from the dashboard; each student's screen moves by itself to the new game, on the
 * other side, at the same table; a press while the new game is still going asks first, naming the
 * table; the pair strikes a deal again; the class debrief shows round 2 and, one choice away,
 * round 1, each with its pair's names in the order of its sides.
 */

const browserPath = browserOrSkip();

const hook = (page: Page) =>
  page.evaluate(
    () =>
      window.__bc!.state() as {
        screen: string;
        humanToMove: string | null;
        outcome: { kind: string } | null;
        spec: { seed: string; moves: unknown[] } | null;
      },
  );
const onScreen = (p: ClassPerson, screen: string) =>
  p.page.waitForFunction((s) => (window.__bc!.state() as { screen: string }).screen === s, screen, {
    timeout: 60_000,
  });

/** The screens the class is seen on: the laptops, the phone, and a projector. */
const SCREENS = [...VIEWPORTS, { name: '1920x1080', width: 1920, height: 1080 }];

async function shots(page: Page, name: string, scrollTo?: string): Promise<void> {
  for (const v of SCREENS) {
    await page.setViewportSize(v);
    await settle(page, 250);
    if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${v.width}x${v.height}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** How many times the panel shows the class code, as the teacher reads it (visible text only). */
const codeShown = (page: Page, code: string) =>
  page.evaluate(
    (spaced) => (document.querySelector<HTMLElement>('#panel')!.innerText.split(spaced).length - 1),
    `${code.slice(0, 4)} ${code.slice(4)}`,
  );

/** The pair strikes a deal: the US proposes a truce, China accepts it. */
async function deal(us: ClassPerson, china: ClassPerson): Promise<void> {
  await us.page.locator('[data-chip="tariffTruce=extended-1yr"]').click();
  await us.page.getByRole('button', { name: 'Propose this package' }).click();
  await china.page.getByRole('button', { name: 'Accept their offer' }).click({ timeout: 60_000 });
  for (const p of [us, china])
    await p.page.waitForFunction(
      () => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind === 'deal',
      null,
      { timeout: 60_000 },
    );
}

describe.skipIf(!browserPath)('another round of a live class', () => {
  const { person, people } = classServerAndBrowser();

  it('the same pair plays again with sides swapped, without rejoining, and the debrief shows each round', async () => {
    const teacher = await person('Teacher');
    const t = teacher.page;
    await t
      .locator('#panel')
      .getByRole('button', { name: /Run a class/ })
      .click();
    await waitScreen(t, 'class-run', 'title');
    await t.locator('#run-scenario').selectOption(b.id);
    await t.locator('#run-seed').fill('e2e-rounds');
    const code = await openTheClass(t);
    // Before any table starts there is no round to follow: no control that would do nothing.
    expect(await t.locator('#round-title').count()).toBe(0);
    // Before the students join, the join panel shows the code large (and can be folded away).
    expect(await t.locator('#join-code').isVisible()).toBe(true);
    expect(await t.locator('[data-key="join-toggle"]').textContent()).toBe('Hide the code');
    // The code is shown once: large in the join panel (the heading does not repeat it).
    expect(await codeShown(t, code)).toBe(1);
    expect(await t.locator('#screen-title').textContent()).toBe('Your class');
    await shots(t, 'class-teacher-before-join');

    const [ana, bo] = [await person('Ana', `/?join=${code}`), await person('Bo', `/?join=${code}`)];
    for (const p of [ana, bo]) {
      await p.page.locator('#join-name').fill(p.name);
      await p.page.getByRole('button', { name: 'Join the class' }).click();
      await p.page
        .locator('#lobby-seat')
        .or(p.page.locator('#class-countdown, .status'))
        .first()
        .waitFor({ timeout: 30_000 });
    }
    for (const p of [ana, bo]) await onScreen(p, 'table');
    // Ana joined first: the US at table 1.
    expect((await hook(ana.page)).humanToMove).toBe('us');
    // Once a table has started the dashboard comes first: the join panel folds into the class bar,
    // which keeps the code (and one press shows it large again, for a late student).
    await t.locator('#dashboard').waitFor({ timeout: 30_000 });
    expect(await t.locator('#join-code').count()).toBe(0);
    expect(await t.locator('#class-bar-code').textContent()).toBe(
      `Code ${code.slice(0, 4)} ${code.slice(4)}`,
    );
    const dashTop = await t.locator('#dash-title').evaluate((e) => e.getBoundingClientRect().top);
    expect(dashTop, 'the dashboard on the first screen').toBeLessThan(768 / 2);
    expect(await codeShown(t, code), 'the code once, in the class bar').toBe(1);
    await expectAccessible(t, 'class-teacher-joined');
    await shots(t, 'class-teacher-after-join');
    await t.getByRole('button', { name: 'Show the code for late joiners' }).click();
    await t.locator('#join-code').waitFor({ timeout: 10_000 });
    expect((await t.locator('#join-code').textContent())!.replace(/\s/g, '')).toBe(code);
    expect(await codeShown(t, code), 'the code once, large').toBe(1);
    await shots(t, 'class-teacher-late-joiner');
    await t.getByRole('button', { name: 'Hide the code' }).click();
    await t.locator('#join-code').waitFor({ state: 'detached', timeout: 10_000 });
    await deal(ana, bo);
    const round1Seed = (await hook(ana.page)).spec!.seed;

    // The teacher's dashboard: "Another round", sides swapped by default.
    await t.waitForFunction(
      () => document.querySelector('#dashboard tbody tr[data-table="0"]')?.textContent?.includes('deal'),
      null,
      { timeout: 30_000 },
    );
    await t.locator('#round-title').waitFor();
    expect(await t.locator('#round-sides').inputValue()).toBe('swap');
    await expectAccessible(t, 'class-round-control');
    await shots(t, 'class-round-control', '#round-sides');
    // The teacher pauses every table (round 1's game is over: nothing on the rows shows it), and
    // the dashboard says so; starting the round ends the pause, as the hint says beforehand.
    await t.getByRole('button', { name: 'Pause all tables' }).click();
    await t.locator('#dash-paused').waitFor({ timeout: 30_000 });
    expect(await t.locator('#dash-paused').textContent()).toBe('Every table is paused: no one can move until you resume them.');
    expect(await t.locator('.another-round .hint').first().textContent()).toContain(
      'Every table is paused now: starting round 2 ends the pause, and its games start at once.',
    );
    await t.getByRole('button', { name: 'Start another round' }).click();

    // Each student's screen moves by itself to the new game, on the other side, at the same table.
    for (const p of [ana, bo])
      await p.page.waitForFunction(
        () =>
          (window.__bc!.state() as { spec: { moves: unknown[] } | null; outcome: unknown }).spec?.moves
            .length === 0,
        null,
        { timeout: 60_000 },
      );
    for (const p of [ana, bo]) await onScreen(p, 'table');
    expect(await ana.page.locator('#class-round').textContent()).toBe(
      `Class round 2, a new game: you play ${sideInSentence(b.sides.china.label)} at table 1.`,
    );
    expect(await bo.page.locator('#class-round').textContent()).toBe(
      `Class round 2, a new game: you play ${sideInSentence(b.sides.us.label)} at table 1.`,
    );
    expect(await ana.page.locator('#panel .status').textContent()).toContain(`You: ${b.sides.china.label}`);
    expect((await hook(bo.page)).humanToMove).toBe('us');
    // A new game of the round's seed (derived from the class seed and the round number).
    expect((await hook(bo.page)).spec!.seed).not.toBe(round1Seed);
    await expectAccessible(ana.page, 'class-round-student');
    await shots(ana.page, 'class-round-student');
    await t.waitForFunction(
      () => document.querySelector('#dash-title')?.textContent?.endsWith(', class round 2'),
      null,
      { timeout: 30_000 },
    );
    expect(await t.locator('#dashboard tbody tr').count()).toBe(1);
    expect(await t.locator('#dashboard tbody tr th').textContent()).toBe('Table 1');
    // The game's round of talks, out of its deadline: not to be read as the class's round (2 now).
    expect(await t.locator('#dashboard thead th').allTextContents()).toContain('Round of talks');
    expect(await t.locator('#dashboard tbody tr td').nth(2).textContent()).toBe(`1 of ${b.rounds}`);
    // The new round is played: no class-wide pause on the dashboard, none at the table.
    expect(await t.locator('#dash-paused').count()).toBe(0);
    expect(await t.locator('#dashboard tbody tr').textContent()).not.toContain('paused');
    expect(await t.locator('#dashboard tbody tr').getByRole('button', { name: 'Pause table 1' }).count()).toBe(1);
    expect(await bo.page.locator('#class-countdown[data-paused="true"]').count()).toBe(0);

    // Another round while the table plays: the press asks first, naming the table, and can be taken back.
    await t.getByRole('button', { name: 'Start another round' }).click();
    await t.locator('#round-confirm').waitFor();
    expect(await t.locator('#round-confirm p').textContent()).toBe(
      '1 table is still playing (table 1). Starting round 3 ends its game as it stands: kept, unfinished, in the export, but not on the class chart.',
    );
    await shots(t, 'class-round-confirm', '#round-confirm');
    await t.getByRole('button', { name: 'Wait for them' }).click();
    await t.locator('#round-confirm').waitFor({ state: 'detached' });

    // Round 2 to a deal, sides swapped: Bo proposes for the US, Ana accepts for China.
    await deal(bo, ana);

    // The class debrief: round 2 by default, round 1 one choice away.
    await t.waitForFunction(
      () => document.querySelector('#dashboard tbody tr[data-table="1"]')?.textContent?.includes('deal'),
      null,
      { timeout: 30_000 },
    );
    // Every table has finished: the dashboard says so and offers the debrief where the teacher
    // looks (its own section is two screens further down); the press brings it into view, below the class bar.
    expect(await t.locator('#dash-finished p').textContent()).toBe('The table has finished its game.');
    await shots(t, 'class-round-finished', '#dash-title');
    await t.locator('#dash-finished').getByRole('button', { name: 'Go to the class debrief' }).click();
    await t.locator('#debrief-round').waitFor({ timeout: 30_000 });
    const heading = await t.locator('#class-debrief-title').evaluate((e) => e.getBoundingClientRect().top);
    const barBottom = await t.locator('#class-bar').evaluate((e) => e.getBoundingClientRect().bottom);
    expect(heading, 'the debrief heading just below the class bar').toBeGreaterThanOrEqual(barBottom);
    expect(heading).toBeLessThan(barBottom + 100);
    // One heading says it all: the scenario and the round, with no second "Class debrief: …" under it.
    expect(await t.locator('#panel h2').filter({ hasText: /^Class debrief/ }).count()).toBe(1);
    expect(await t.locator('#class-debrief-title').textContent()).toBe(`Class debrief: ${b.title}, class round 2`);
    expect(await t.locator('#live-debrief-count').textContent()).toBe('1 finished game.');
    expect(await t.locator('#debrief-round option').allTextContents()).toEqual([
      'Round 1',
      'Round 2 (the latest)',
    ]);
    expect(await t.locator('#live-games tbody').textContent()).toContain('Table 1: Bo v Ana');
    await t.locator('#debrief-round').selectOption('1');
    await t.waitForFunction(
      (title) => document.querySelector('#class-debrief-title')?.textContent === `Class debrief: ${title}, class round 1`,
      `${b.title}`,
      { timeout: 30_000 },
    );
    expect(await t.locator('#live-debrief-count').textContent()).toBe('1 finished game.');
    expect(await t.locator('#live-games tbody').textContent()).toContain('Table 1: Ana v Bo');
    // A refresh keeps the round chosen.
    await t.getByRole('button', { name: 'Refresh the class debrief' }).click();
    await t.waitForFunction(
      () =>
        document
          .querySelector('#announcer')
          ?.lastElementChild?.textContent?.startsWith('The class debrief of round'),
      null,
      { timeout: 30_000 },
    );
    expect(await t.locator('#class-debrief-title').textContent()).toBe(`Class debrief: ${b.title}, class round 1`);
    expect(await t.locator('#debrief-round').inputValue()).toBe('1');
    expect(await t.locator('#live-games tbody').textContent()).toContain('Table 1: Ana v Bo');
    // Scrolled down to the debrief, the teacher still sees the connection's state (the class bar stays in view).
    await t.locator('#live-debrief-count').scrollIntoViewIfNeeded();
    const bar = await t.locator('#class-connection').evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight };
    });
    expect(bar.top, 'the connection line in view').toBeGreaterThanOrEqual(0);
    expect(bar.bottom).toBeLessThanOrEqual(bar.height);

    // The ratings say their scale (0 no deal, 100 the best deal the other side would ratify).
    expect(await t.locator('#live-ratings-scale').textContent()).toMatch(/^Ratings: 0 is no deal for that side, 100 the best deal the other side would have ratified\./);
    expect(await t.locator('.rating-dist caption').first().textContent()).toMatch(/: mean −?\d+, median −?\d+ on a scale of 0 to 100$/);

    // The chart takes the room a screen offers: on a projector (and a laptop) it is larger than the
    // solo debrief's 736 px and whole within the window's height, its words larger with it; on a
    // phone it fits the width.
    const chartAt = async (v: { width: number; height: number }) => {
      await t.setViewportSize(v);
      await settle(t, 400);
      await t.locator('#live-dealchart svg').scrollIntoViewIfNeeded();
      const box = await t.locator('#live-dealchart svg').evaluate((e) => {
        const r = e.getBoundingClientRect();
        return { width: r.width, height: r.height };
      });
      return { ...box, text: (await smallestSvgText(t, '#live-dealchart svg')).px };
    };
    const projector = await chartAt({ width: 1920, height: 1080 });
    expect(projector.width, 'the chart on a projector').toBeGreaterThan(1100);
    // ...while the small tables keep to their words: a label and its number side by side, not at
    // the two ends of a projector's width.
    for (const id of ['#live-outcomes', '#live-chips', '#live-games']) {
      const width = await t.locator(id).evaluate((e) => e.getBoundingClientRect().width);
      expect(width, `${id} on a projector`).toBeLessThan(640);
    }
    const pair = await t.locator('.rating-pair').evaluate((e) => e.getBoundingClientRect().width);
    expect(pair, 'the two rating tables on a projector').toBeLessThanOrEqual(64 * 16 + 1);
    expect(projector.height).toBeLessThan(1080 - 100);
    expect(projector.text, 'its words on a projector').toBeGreaterThanOrEqual(17);
    const laptop = await chartAt({ width: 1366, height: 768 });
    expect(laptop.width, 'the chart on a laptop').toBeGreaterThan(800);
    expect(laptop.height).toBeLessThan(768 - 100);
    const small = await chartAt({ width: 1280, height: 720 });
    expect(small.height).toBeLessThan(720 - 100);
    expect(small.text).toBeGreaterThanOrEqual(12 - 0.01);
    const phone = await chartAt({ width: 390, height: 844 });
    expect(phone.width).toBeLessThanOrEqual(390 - 30);
    expect(phone.text).toBeGreaterThanOrEqual(12 - 0.01);
    // On a phone the page scrolls, not the panel: the class bar keeps to the top of the window.
    const phoneBar = await t.locator('#class-bar').evaluate((e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom, scrolled: window.scrollY }));
    expect(phoneBar.scrolled, 'the page scrolled to the chart').toBeGreaterThan(500);
    expect(phoneBar.top, 'the class bar in view on a phone').toBeGreaterThanOrEqual(0);
    expect(phoneBar.bottom).toBeLessThan(844 / 4);
    for (const v of SCREENS) {
      await t.setViewportSize(v);
      await settle(t, 300);
      await t.locator('#live-dealchart svg').scrollIntoViewIfNeeded();
      await screenshot(t, `class-round-debrief-chart-${v.width}x${v.height}`);
      await t.locator('#live-ratings-title').scrollIntoViewIfNeeded();
      await screenshot(t, `class-round-debrief-ratings-${v.width}x${v.height}`);
    }
    await t.setViewportSize({ width: 1366, height: 768 });

    await expectAccessible(t, 'class-round-debrief');
    await shots(t, 'class-round-debrief', '#live-debrief-count');
    await shots(t, 'class-round-debrief-games', '#live-games');
    expect(people.flatMap((p) => p.errors)).toEqual([]);
  }, 600_000);
});
