import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserOrSkip, expectAccessible, expectCanvasFitsStage, screenshot, settle, waitScreen, VIEWPORTS } from './browser';
import { scenario as b } from './flows';
import { openTheClass, classServerAndBrowser, type ClassPerson } from './class-people';
import { sideInSentence } from '../../src/core/sentence';

/**
 * The live class end to end: the class server (src/server, as `npm run serve` starts it) on a
 * free loopback port serving this build; a teacher and four students, each in their own browser
 * context. The teacher opens a class; two pairs join by code; one pair plays to a deal, the other
 * to a walkout, with a reload mid-game that gets the seat back; the dashboard shows both tables;
 * the class debrief plots both games and its CSV holds both verified codes. Every new screen is
 * checked with axe, and the run fails on any Content-Security-Policy violation.
 */

const browserPath = browserOrSkip();

type Person = ClassPerson;

/** The options of the panel's shown selects (the scenario's aside) cut off at their select's width, as "id: text". */
function cutOptions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ruler = document.createElement('span');
    document.body.append(ruler);
    const out: string[] = [];
    for (const sel of document.querySelectorAll<HTMLSelectElement>('#panel select:not(#run-scenario)')) {
      if (sel.closest('[hidden]')) continue;
      const style = getComputedStyle(sel);
      ruler.style.font = style.font;
      // The room for the text: the box less its padding, borders and the arrow (about 1.5em).
      const room = sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 1.5 * parseFloat(style.fontSize);
      for (const o of sel.options) {
        ruler.textContent = o.text;
        if (ruler.getBoundingClientRect().width > room) out.push(`${sel.id}: "${o.text}"`);
      }
    }
    ruler.remove();
    return out;
  });
}

describe.skipIf(!browserPath)('a live class on the class server', () => {
  const { person, people } = classServerAndBrowser();

  async function check(page: Page, name: string, all = false): Promise<void> {
    await settle(page, 300);
    // Every class screen changes the stage's box without a window resize: the canvas follows it.
    await expectCanvasFitsStage(page, name);
    await expectAccessible(page, name);
    if (!all) return screenshot(page, name);
    for (const v of VIEWPORTS) {
      await page.setViewportSize(v);
      await settle(page, 250);
      await screenshot(page, `${name}-${v.width}x${v.height}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  async function join(p: Person, code: string): Promise<void> {
    await p.page.locator('#panel').getByRole('button', { name: /Join a class/ }).click();
    await waitScreen(p.page, 'class-join', 'title');
    await p.page.locator('#join-code-input').fill(code.toLowerCase().replace(/(....)/, '$1-'));
    await p.page.locator('#join-name').fill(p.name);
    await p.page.getByRole('button', { name: 'Join the class' }).click();
    // Seated in the lobby, or (the second of a pair) straight on to the table.
    await p.page.waitForFunction(
      () => document.querySelector('#lobby-seat') !== null || (window.__bc!.state() as { screen: string }).screen === 'table',
      null,
      { timeout: 30_000 },
    );
  }

  const hook = (page: Page) => page.evaluate(() => window.__bc!.state() as { screen: string; humanToMove: string | null; outcome: { kind: string } | null; standing: unknown; spec: { moves: unknown[] } | null });
  /** Of a pair at the table, which plays the US (the US opens, so it is the one to move). */
  async function usFirst(a: Person, c: Person): Promise<[Person, Person]> {
    await a.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
    await c.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
    return (await hook(a.page)).humanToMove === 'us' ? [a, c] : [c, a];
  }

  it('teacher opens a class; two pairs join by code, play to a deal and a walkout; dashboard, class debrief and CSV hold both', async () => {
    const teacher = await person('Teacher');
    const t = teacher.page;
    await t.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(t, 'class-run', 'title');
    await check(t, 'class-run', true);
    // A select shows its chosen option on one line, cut at its width: the form's own options fit on a
    // phone (the scenarios' titles are their files' own; the phone's list shows them whole). Each
    // pairing shows its own fields: each is measured as it shows them.
    await t.setViewportSize({ width: 390, height: 844 });
    const cut: string[] = [];
    for (const pairing of ['pve', 'teams', 'pvp']) {
      await t.locator('#run-pairing').selectOption(pairing);
      cut.push(...(await cutOptions(t)));
    }
    expect([...new Set(cut)], 'options cut off at 390 px').toEqual([]);
    await t.setViewportSize({ width: 1366, height: 768 });
    await t.locator('#run-scenario').selectOption(b.id);
    await t.locator('#run-seed').fill('e2e-class');
    const code = await openTheClass(t);
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(await t.locator('svg.qr path').getAttribute('d')).toMatch(/^M/);
    await check(t, 'class-teacher', true);

    // The first pair: a deal.
    const ana = await person('Ana <b>Li</b>');
    await ana.page.locator('#panel').getByRole('button', { name: /Join a class/ }).click();
    await waitScreen(ana.page, 'class-join', 'title');
    await check(ana.page, 'class-join');
    await ana.page.getByRole('button', { name: 'Back' }).click();
    await join(ana, code);
    expect(await ana.page.locator('#lobby-partner').textContent()).toBe('Waiting for a partner to join…');
    await check(ana.page, 'class-lobby', true);
    const bo = await person('Bo');
    await join(bo, code);
    const [us1, china1] = await usFirst(ana, bo);
    await expectAccessible(china1.page, 'class-table-waiting');
    await expectCanvasFitsStage(china1.page, 'class-table-waiting');
    expect(await china1.page.locator('.status .turn').textContent()).toBe(`Waiting for ${sideInSentence(b.sides.us.label)}.`);
    await screenshot(china1.page, 'class-table-waiting');
    // The teacher starts writing a news flash to one table while the tables play on: what is typed and
    // chosen stays as the dashboard follows the moves.
    await t.locator('#inject-news').fill('Markets wobble as');
    await t.locator('#inject-target').selectOption('0');
    const before = await t.locator('#dashboard').textContent();
    await us1.page.locator('[data-chip="tariffTruce=extended-1yr"]').click();
    await us1.page.getByRole('button', { name: 'Propose this package' }).click();
    await china1.page.getByRole('button', { name: 'Accept their offer' }).waitFor({ timeout: 60_000 });
    await t.waitForFunction((was) => document.querySelector('#dashboard')?.textContent !== was, before, { timeout: 30_000 });
    expect(await t.locator('#inject-news').inputValue()).toBe('Markets wobble as');
    expect(await t.locator('#inject-target').inputValue()).toBe('0');
    await t.locator('#inject-news').fill('');
    await t.locator('#inject-target').selectOption('all');
    // The partner's move was announced in the live region, as the AI's are.
    expect(await china1.page.locator('#announcer').textContent()).toMatch(new RegExp(`${b.sides.us.label} proposes`));
    // The teacher pauses the tables (this class has no time limit): the student to move is told so,
    // and the move buttons come back once the tables resume.
    await t.getByRole('button', { name: 'Pause all tables' }).click();
    await china1.page.waitForFunction(() => document.querySelector('#class-countdown')?.getAttribute('data-paused') === 'true', null, { timeout: 30_000 });
    expect(await china1.page.locator('#class-countdown').textContent()).toBe('Paused by the teacher: moves wait until the tables resume.');
    // Nothing invites a move while paused (the server refuses one anyway: tests/server): no answer
    // to the offer, no proposal, no other move; a package may still be built.
    await china1.page.locator('#panel').getByText('Your moves wait until the teacher resumes the tables.').waitFor({ timeout: 10_000 });
    expect(await china1.page.getByRole('button', { name: 'Reject it' }).count()).toBe(0);
    expect(await china1.page.getByRole('button', { name: 'Accept their offer' }).count()).toBe(0);
    expect(await china1.page.getByRole('button', { name: /^(Counter with|Propose) this package$/ }).isDisabled()).toBe(true);
    await screenshot(china1.page, 'class-table-paused');
    await t.getByRole('button', { name: 'Resume all tables' }).click();
    await china1.page.waitForFunction(() => document.querySelector('#class-countdown') === null, null, { timeout: 30_000 });
    await china1.page.getByRole('button', { name: 'Reject it' }).waitFor({ timeout: 10_000 });
    // An empty flash is not sent: the field says what is missing.
    await t.getByRole('button', { name: 'Send the news flash' }).click();
    expect(await t.locator('#inject-news').evaluate((e: HTMLTextAreaElement) => e.validationMessage)).toBe('Write the news flash first.');
    expect(await t.locator('#inject-sent').count()).toBe(0);
    // A written news flash is shown at the tables, as text, and the teacher sees what went out.
    await t.locator('#inject-news').fill('Hearings on <b>chips</b> today');
    await t.getByRole('button', { name: 'Send the news flash' }).click();
    await china1.page.locator('#class-news li').waitFor({ timeout: 30_000 });
    expect(await china1.page.locator('#class-news li').textContent()).toBe('Hearings on <b>chips</b> today');
    expect(await china1.page.locator('#class-news b').count()).toBe(0);
    await t.locator('#inject-sent li').waitFor({ timeout: 30_000 });
    expect(await t.locator('#inject-sent li').textContent()).toBe('Every table, news flash: Hearings on <b>chips</b> today');
    // sent, so the field is empty again for the next one
    expect(await t.locator('#inject-news').inputValue()).toBe('');
    await expectAccessible(china1.page, 'class-table-news');
    await screenshot(china1.page, 'class-table-news');
    await china1.page.getByRole('button', { name: 'Accept their offer' }).click();
    for (const p of [us1, china1]) await p.page.waitForFunction(() => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind === 'deal', null, { timeout: 60_000 });

    // The first pair is done: their browsers close (the machine running this is small).
    for (const p of [us1, china1]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
      people.splice(people.indexOf(p), 1);
    }

    // The second pair: a walkout, with a reload of the US student mid-game. Cy opens the
    // teacher's join link (the QR code): the code is filled in. Di's link is broken: its problem
    // is said, as text, and she types the code.
    // The tables have started: the join panel is folded; a late student's pair needs it shown again.
    await t.getByRole('button', { name: 'Show the code for late joiners' }).click();
    expect(await t.locator('#join-link').textContent()).toContain(`/?join=${code}`);
    const cy = await person('Cy', `/?join=${code}`);
    expect(await cy.page.locator('#join-code-input').inputValue()).toBe(code);
    await cy.page.locator('#join-name').fill('Cy');
    await cy.page.getByRole('button', { name: 'Join the class' }).click();
    await cy.page.waitForSelector('#lobby-seat', { timeout: 30_000 });
    const di = await person('Di', `/?join=${encodeURIComponent('<b>0OIL</b>')}`);
    expect(await di.page.locator('#panel [role="alert"]').textContent()).toContain('"<b>0OIL</b>" is not a class code');
    expect(await di.page.locator('#panel [role="alert"] b').count()).toBe(0);
    await check(di.page, 'class-join-bad-link');
    await di.page.locator('#join-code-input').fill(code);
    await di.page.locator('#join-name').fill('Di');
    await di.page.getByRole('button', { name: 'Join the class' }).click();
    const [us2, china2] = await usFirst(cy, di);
    await us2.page.getByRole('button', { name: 'Make no offer this round' }).click();
    await china2.page.getByRole('button', { name: 'Make no offer this round' }).waitFor({ timeout: 60_000 });
    await china2.page.getByRole('button', { name: 'Make no offer this round' }).click();
    await us2.page.waitForFunction(() => (window.__bc!.state() as { humanToMove: string | null }).humanToMove === 'us', null, { timeout: 60_000 });
    await us2.page.reload({ timeout: 120_000 });
    await us2.page.waitForFunction(() => window.__bc?.ready === true, null, { timeout: 120_000 });
    await us2.page.waitForFunction(() => {
      const s = window.__bc!.state() as { screen: string; humanToMove: string | null; spec: { moves: unknown[] } | null };
      return s.screen === 'table' && s.humanToMove === 'us' && s.spec?.moves.length === 2;
    }, null, { timeout: 30_000 });

    // The dashboard shows both tables live.
    await t.waitForFunction(() => document.querySelectorAll('#dashboard tbody tr').length === 2, null, { timeout: 60_000 });
    expect(await t.locator('#dashboard tbody tr[data-table="0"]').textContent()).toContain('deal');
    expect(await t.locator('#dashboard tbody tr[data-table="0"]').textContent()).toContain('Ana <b>Li</b>');
    // A finished table's round is the one its talks ended in (the model runs on to the horizon).
    expect(await t.locator('#dashboard tbody tr[data-table="0"] td').nth(2).textContent()).toBe(`1 of ${b.rounds}`);
    expect(await t.locator('#dashboard b').count()).toBe(0);
    await check(t, 'class-dashboard', true);

    await us2.page.getByRole('button', { name: 'Walk out…' }).click();
    await us2.page.getByRole('button', { name: 'Yes, walk out' }).click();
    for (const p of [us2, china2]) await p.page.waitForFunction(() => (window.__bc!.state() as { outcome: { kind: string } | null }).outcome?.kind === 'walkout', null, { timeout: 60_000 });
    await us2.page.getByRole('button', { name: 'See the debrief' }).click();
    await waitScreen(us2.page, 'debrief');
    expect(await us2.page.locator('[data-outcome]').first().getAttribute('data-outcome')).toBe('walkout');
    // Where the pair sits in the class: both finished games on the chart, its own marked.
    await us2.page.waitForFunction(() => document.querySelectorAll('#pair-in-class-chart [data-game]').length === 2, null, { timeout: 60_000 });
    expect(await us2.page.locator('#pair-in-class-chart [data-mine="true"]').count()).toBe(1);
    expect(await us2.page.locator('#pair-in-class-status').textContent()).toBe('Your pair is the large point; the other is the one other pair that has finished so far (the chart follows as more finish).');
    expect(await us2.page.locator('#pair-in-class-chart [data-mine="true"]').getAttribute('data-kind')).toBe('game');
    await us2.page.locator('#pair-in-class-title').scrollIntoViewIfNeeded();
    await check(us2.page, 'class-pair-in-class', true);

    // The class debrief plots both games; its CSV holds both verified codes.
    await t.waitForFunction(() => document.querySelector('#dashboard tbody tr[data-table="1"]')?.textContent?.includes('walkout'), null, { timeout: 60_000 });
    await t.getByRole('button', { name: 'Show the class debrief' }).click();
    await t.waitForFunction(() => document.querySelectorAll('#live-games tbody tr').length === 2, null, { timeout: 30_000 });
    expect(await t.locator('.deal-chart [data-game]').count()).toBe(2);
    expect(await t.locator('#live-outcomes [data-outcome="deal"] td').textContent()).toBe('1');
    expect(await t.locator('#live-outcomes [data-outcome="walkout"] td').textContent()).toBe('1');
    await t.locator('#class-debrief-title').scrollIntoViewIfNeeded();
    await check(t, 'class-debrief-live', true);
    const download = t.waitForEvent('download');
    await t.getByRole('button', { name: 'Download the class (CSV)' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    const rows = csv.slice(1).split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/,deal,/);
    expect(rows[2]).toMatch(/,walkout,/);
    for (const row of rows.slice(1)) expect(row).toMatch(/bc\d+-[A-Za-z0-9_-]+,yes \(replayed\)$/);

    // A student left without a partner: the dashboard lists her with a button that gives the AI
    // her table's other seat, and her talks begin.
    const eve = await person('Eve');
    await join(eve, code);
    await t.locator('#dash-waiting li').waitFor({ timeout: 60_000 });
    expect(await t.locator('#dash-waiting li').textContent()).toContain(`Table 3: Eve (${b.sides.us.label})`);
    await t.locator('#dash-waiting').scrollIntoViewIfNeeded();
    await check(t, 'class-dashboard-waiting');
    await t.getByRole('button', { name: `AI for ${b.sides.china.label} at table 3, so Eve can start` }).click();
    await eve.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
    await t.waitForFunction(() => document.querySelector('#dash-waiting') === null && document.querySelectorAll('#dashboard tbody tr').length === 3, null, { timeout: 60_000 });
    expect(await t.locator('#dashboard tbody tr[data-table="2"]').textContent()).toContain('AI (normal)');

    expect(people.flatMap((p) => p.errors)).toEqual([]);
  }, 600_000);
});
