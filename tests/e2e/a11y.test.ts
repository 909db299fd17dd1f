import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { audited, auditState, expectTabCycle } from './audit';
import { browserOrSkip, browserPerTest, openGame, waitScreen } from './browser';
import { scenario, startSolo, view } from './flows';

/**
 * Every kind of state the table can be in, audited by axe and by a full Tab cycle: not only each
 * screen as it first appears, but after an offer, a counter, a threat, an imposed measure, the
 * walkout question, the AI's reply, a rewind, a branch and a history step.
 */

const browser = browserOrSkip();

/** Until the AI has answered and it is the player's move again (or the game is over). */
async function waitForTurn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = window.__bc?.state() as { humanToMove: string | null; outcome: unknown } | undefined;
      return !!s && (s.humanToMove === 'us' || s.outcome !== null);
    },
    null,
    { timeout: 60_000 },
  );
}

/** Press chips (by their buttons, as a keyboard or screen-reader user would) and propose. */
async function proposeByButtons(page: Page, chips: string[]): Promise<void> {
  for (const chip of chips) {
    const button = page.locator(`button[data-chip="${chip}"]`);
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  }
  await page.getByRole('button', { name: /^(Propose|Counter with) this package$/ }).click();
}

describe.skipIf(!browser)('accessibility in every state of the table', () => {
  const s = browserPerTest();

  afterAll(() => {
    // The list the closing note reports.
    console.info(`states audited (${audited.length}): ${audited.join(', ')}`);
  });

  it('has an audit that fails on a control Tab cannot reach and on a radio group of many stops', async () => {
    const { page } = s;
    // The audit's own negative controls: a key trap before a button, and radios each with a Tab stop.
    await page.setContent(
      '<button id="trap">trap</button><button id="after">after</button>' +
        '<div role="radiogroup" aria-label="g"><span role="radio" aria-checked="true" tabindex="0" id="r1">a</span><span role="radio" aria-checked="false" tabindex="0" id="r2">b</span></div>',
    );
    await page.evaluate(() => document.getElementById('trap')!.addEventListener('keydown', (e) => e.key === 'Tab' && e.preventDefault()));
    const failure = await expectTabCycle(page, 'a11y-negative-control').then(
      () => '',
      (e: Error) => e.message,
    );
    expect(failure).toMatch(/not reached by Tab: button#after/);
    await page.evaluate(() => document.getElementById('trap')!.remove());
    const radios = await expectTabCycle(page, 'a11y-negative-control-radios').then(
      () => '',
      (e: Error) => e.message,
    );
    expect(radios).toMatch(/expected 'radio group with more/);
  });

  it('audits the way in, each kind of move and the AI’s reply, the walkout question, a rewind and the debrief', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await startSolo(page, { side: 'us', seed: 'a11y', check: (name) => auditState(page, `a11y-${name}`) });
    await auditState(page, 'a11y-table-start');

    // An offer, then the AI's reply to it.
    const offer = ['tariffTruce=extended-1yr', 'soybeanPurchases=25mmt'];
    await proposeByButtons(page, offer.filter((c) => scenario.issues.some((i) => c.startsWith(`${i.id}=`))));
    await waitForTurn(page);
    await auditState(page, 'a11y-table-ai-reply');

    // A counter to the standing offer, if the AI made one; else another offer.
    let v = await view(page);
    if (!v.outcome) {
      if (v.standing?.by === 'china') {
        await page.getByRole('button', { name: 'Counter: start from their offer' }).click();
        await auditState(page, 'a11y-table-counter-draft');
        await page.getByRole('button', { name: /^(Propose|Counter with) this package$/ }).click();
      } else {
        await proposeByButtons(page, ['rareEarthControls=general-licences-1yr']);
      }
      await waitForTurn(page);
      await auditState(page, 'a11y-table-after-counter');
    }

    // A threat, then an imposed measure.
    v = await view(page);
    if (!v.outcome) {
      await page.getByText(/^Escalate:/).click();
      await auditState(page, 'a11y-table-escalate-open');
      await page.getByRole('button', { name: 'Threaten it' }).first().click();
      await waitForTurn(page);
      await auditState(page, 'a11y-table-after-threat');
    }
    v = await view(page);
    if (!v.outcome) {
      const escalate = page.getByText(/^Escalate:/);
      if ((await escalate.count()) > 0) {
        if (!(await page.locator('details:has(> summary[data-key="escalate"])').evaluate((d) => (d as HTMLDetailsElement).open)))
          await escalate.click();
        const impose = page.getByRole('button', { name: 'Impose it now' });
        if ((await impose.count()) > 0) {
          await impose.first().click();
          await waitForTurn(page);
          await auditState(page, 'a11y-table-after-impose');
        }
      }
    }

    // The walkout question, answered "stay".
    v = await view(page);
    if (!v.outcome) {
      await page.getByRole('button', { name: 'Walk out…' }).click();
      await auditState(page, 'a11y-table-walkout-question');
      await page.getByRole('button', { name: 'Stay at the table' }).click();
    }

    // A rewind to an earlier round.
    await page.locator('summary[data-key="rewind-summary"]').click();
    await auditState(page, 'a11y-table-rewind-open');
    const rewind = page.locator('button[data-key^="rewind-"]');
    if ((await rewind.count()) > 0) {
      await rewind.first().click();
      await waitForTurn(page);
      await auditState(page, 'a11y-table-after-rewind');
    } else {
      await page.getByRole('button', { name: 'Undo my last move' }).click();
      await waitForTurn(page);
      await auditState(page, 'a11y-table-after-undo');
    }

    // Walk out for good, and the debrief.
    v = await view(page);
    if (!v.outcome) {
      await page.getByRole('button', { name: 'Walk out…' }).click();
      await page.getByRole('button', { name: 'Yes, walk out' }).click();
    }
    await auditState(page, 'a11y-table-ended');
    await page.getByRole('button', { name: 'See the debrief' }).click();
    await waitScreen(page, 'debrief');
    await auditState(page, 'a11y-debrief');
    expect(s.errors).toEqual([]);
  }, 600_000);

  it('audits the scenario list with its file control, the setup of scenarios with several doctrines, and history: list, step, decision point and branch', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await waitScreen(page, 'title');
    await auditState(page, 'a11y-title');
    await page.getByRole('button', { name: /Play solo/ }).click();
    await waitScreen(page, 'choice');
    await auditState(page, 'a11y-choice');
    for (const title of ['TikTok', 'Huawei']) {
      await page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: new RegExp(title) }) })
        .getByRole('button', { name: 'Play this scenario' })
        .click();
      await waitScreen(page, 'setup');
      await auditState(page, `a11y-setup-${title.toLowerCase()}`);
      // Arrows move within a radio group.
      const first = page.getByRole('radio').first();
      await first.focus();
      const before = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).not.toBe(before);
      await page.getByRole('button', { name: 'Back' }).click();
      await waitScreen(page, 'choice');
    }
    await page.getByRole('button', { name: 'Back' }).click();
    await waitScreen(page, 'title');

    await page.getByRole('button', { name: /^History/ }).click();
    await waitScreen(page, 'history');
    await auditState(page, 'a11y-history');
    await page.locator('[data-episode="zte-2018"]').getByRole('button', { name: 'Replay this episode' }).click();
    await waitScreen(page, 'replay');
    await auditState(page, 'a11y-replay-start');
    await page.getByRole('button', { name: 'Next step' }).click();
    await auditState(page, 'a11y-replay-step');
    for (let i = 1; i < 4; i++) await page.getByRole('button', { name: 'Next step' }).click();
    await auditState(page, 'a11y-replay-decision-point');
    await page
      .locator('section[data-decision="zte-on-the-table"]')
      .getByRole('button', { name: /^Take over with this alternative/ })
      .first()
      .click();
    await waitScreen(page, 'setup');
    await auditState(page, 'a11y-setup-branch');
    await page.getByRole('button', { name: 'Continue to the briefing' }).click();
    await waitScreen(page, 'briefing');
    await page.getByRole('button', { name: 'Sit down at the table' }).click();
    await waitScreen(page, 'table');
    await waitForTurn(page);
    await auditState(page, 'a11y-table-branch');
    expect(s.errors).toEqual([]);
  }, 600_000);
});
