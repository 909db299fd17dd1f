import { describe, expect, inject, it } from 'vitest';
import type { Move, Package } from '../../src/core/types';
import { aiSettled, browserOrSkip, checkScreen, openGame, settle, waitScreen, browserPerTest } from './browser';
import { chipsOf, expectDebriefMatchesReplay, humanMoves, scenario, usPackage, view } from './flows';
import { activate, tabTo } from './keyboard';

const browser = browserOrSkip();

describe.skipIf(!browser)('a new player, with the keyboard alone', () => {
  const s = browserPerTest();

  it('plays a whole game as the US, from the title to the debrief, and the debrief equals the core replay', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    // The skip link comes first and lands in the controls.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the game controls');
    await page.keyboard.press('Enter');
    const outcomes: string[] = [];
    let made: Move[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      made = [];
      await activate(page, { text: /^Play solo/ });
      await waitScreen(page, 'choice');
      await activate(page, { key: `choose-${scenario.id}` });
      await waitScreen(page, 'setup');
      // The checked radio of a group takes the focus; the arrow keys would change it.
      await tabTo(page, { id: 'side-us' });
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
      await tabTo(page, { id: 'seed' });
      await page.keyboard.press('Control+A');
      await page.keyboard.type(`keys-${attempt}`);
      await activate(page, { text: /^Continue to the briefing$/ });
      await waitScreen(page, 'briefing');
      await activate(page, { text: /^Sit down at the table$/ });
      await waitScreen(page, 'table');
      await aiSettled(page);
      expect((await view(page)).spec?.seed).toBe(`keys-${attempt}`);
      for (let turn = 0; turn < 20; turn++) {
        const v = await view(page);
        if (v.outcome || v.humanToMove !== 'us') break;
        if (v.standing?.by === 'china' && (await page.getByText(/At home it would pass/).count()) > 0) {
          await activate(page, { text: /^Accept their offer$/ });
          made.push({ type: 'accept', side: 'us' });
        } else {
          const pkg: Package = {};
          // Only chips that are on offer now (a position already in force has no chip).
          for (const [issue, position] of Object.entries(usPackage(attempt + turn + 1))) {
            if ((await page.locator(`[data-chip="${issue}=${position}"]`).count()) > 0) pkg[issue] = position;
          }
          for (const chip of chipsOf(pkg)) await activate(page, { chip }, 'Space');
          expect((await view(page)).draft).toEqual(pkg);
          if (attempt === 0 && turn === 0) await checkScreen(page, '13-table-keyboard-package');
          await activate(page, { text: /^(Propose|Counter with) this package$/ });
          made.push({ type: 'propose', side: 'us', package: pkg });
        }
        await aiSettled(page);
        await settle(page, 100);
        // After a move the focus is on what needs reading: the other side's offer, or the report of what happened.
        expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(
          /What just happened|See the debrief|^China’s offer$/,
        );
      }
      const v = await view(page);
      outcomes.push(`${v.outcome?.kind}`);
      await activate(page, { text: /^See the debrief$/ });
      await waitScreen(page, 'debrief');
      if (v.outcome?.kind === 'deal') break;
      await activate(page, { text: /^Main menu$/, key: 'menu' });
      await waitScreen(page, 'title');
    }
    expect(outcomes.at(-1), `outcomes: ${outcomes.join(', ')}`).toBe('deal');
    await checkScreen(page, '14-debrief-keyboard');
    const spec = await expectDebriefMatchesReplay(page, 'us');
    expect(humanMoves(spec, 'us')).toEqual(made);
    expect(s.errors).toEqual([]);
  });
});
