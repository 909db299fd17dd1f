import type { Locator, Page } from 'playwright-core';

/** What bench/ui.ts and bench/ui-profile.ts both do on the table: get there, and time a move to the AI's reply. */

export async function toTable(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Play solo/ }).click();
  await page.getByRole('button', { name: 'Play this scenario' }).first().click();
  await page.getByRole('button', { name: 'Continue to the briefing' }).click();
  await page.getByRole('button', { name: 'Sit down at the table' }).click();
  await page.waitForFunction(() => (window as unknown as { __bc: { drawn: Record<string, number> } }).__bc.drawn.table !== undefined);
}

/**
 * Before the player's click: note when it comes, and when the panel shows a state with the AI's
 * answer in it (at the next frame after). `replyTimes` reads both.
 */
export async function watchReply(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Hook = { state(): { spec: { moves: unknown[] } | null; outcome: unknown } };
    const w = window as unknown as { __reply: { clicked: number; shown: number | null }; __bc: Hook };
    const before = w.__bc.state().spec?.moves.length ?? 0;
    w.__reply = { clicked: 0, shown: null };
    document.addEventListener('click', () => (w.__reply.clicked = performance.now()), { capture: true, once: true });
    const panel = document.getElementById('panel')!;
    const observer = new MutationObserver(() => {
      const s = w.__bc.state();
      if ((s.spec?.moves.length ?? 0) < before + 2 && !s.outcome) return;
      observer.disconnect();
      requestAnimationFrame(() => (w.__reply.shown = performance.now()));
    });
    observer.observe(panel, { childList: true, subtree: true, characterData: true });
  });
}

/** Milliseconds from the click to the reply on screen, once it is. */
export async function replyTime(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __reply: { shown: number | null } }).__reply.shown !== null, null, { timeout: 60_000 });
  const r = (await page.evaluate(() => (window as unknown as { __reply: { clicked: number; shown: number } }).__reply)) as { clicked: number; shown: number };
  return r.shown - r.clicked;
}

/**
 * The button of the player's next move on the table (reject the standing offer, else make no
 * offer), waiting for the player's turn; a game that has ended is left for a new one from the
 * menu, so that a benchmark can go on counting moves. Null if the table offers neither button.
 */
export async function nextMoveButton(page: Page): Promise<Locator | null> {
  type Seen = { humanToMove: string | null; outcome: unknown; standing: { by: string } | null };
  for (;;) {
    await page.waitForFunction(() => {
      const s = (window as unknown as { __bc: { state(): Seen } }).__bc.state();
      return s.humanToMove !== null || Boolean(s.outcome);
    }, null, { timeout: 60_000 });
    const state = (await page.evaluate(() => (window as unknown as { __bc: { state(): Seen } }).__bc.state())) as Seen;
    if (state.outcome) {
      await page.getByRole('button', { name: 'Main menu' }).click();
      await toTable(page);
      await page.waitForTimeout(300);
      continue;
    }
    const name = state.standing && state.standing.by !== state.humanToMove ? 'Reject it' : 'Make no offer this round';
    const button = page.getByRole('button', { name, exact: true });
    return (await button.count()) === 0 ? null : button;
  }
}
