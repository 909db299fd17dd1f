import { describe, expect, inject, it } from 'vitest';
import type { Move } from '../../src/core/types';
import { aiSettled, browserOrSkip, checkScreen, openGame, settle, waitScreen, browserPerTest } from './browser';
import { dragChip, expectDebriefMatchesReplay, humanMoves, playUsByMouse, startSolo, view } from './flows';

const browser = browserOrSkip();

describe.skipIf(!browser)('a new player, with the mouse', () => {
  const s = browserPerTest();

  it('plays the US to a deal, and the debrief equals the core replay of the same moves', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    const outcomes: string[] = [];
    let made: Move[] = [];
    // Whatever the AI does, play on; if a game ends without a deal, start another with a new seed.
    for (let attempt = 0; attempt < 8; attempt++) {
      const first = attempt === 0;
      await startSolo(page, {
        side: 'us',
        seed: `deal-${attempt}`,
        ...(first ? { check: (name) => checkScreen(page, name) } : {}),
      });
      if (first) await checkScreen(page, '05-table-start-us');
      made = await playUsByMouse(page, attempt, first ? (name) => checkScreen(page, name) : undefined);
      const v = await view(page);
      outcomes.push(`${v.outcome?.kind} in round ${v.outcome?.round}`);
      if (v.outcome?.kind === 'deal') break;
      await page.getByRole('button', { name: 'See the debrief' }).click();
      await waitScreen(page, 'debrief');
      await page.getByRole('button', { name: 'Main menu' }).click();
    }
    expect(outcomes.at(-1), `outcomes: ${outcomes.join(', ')}`).toMatch(/^deal/);
    await checkScreen(page, '06-table-deal');
    await page.getByRole('button', { name: 'See the debrief' }).click();
    await waitScreen(page, 'debrief');
    await checkScreen(page, '07-debrief-deal');
    const spec = await expectDebriefMatchesReplay(page, 'us');
    expect(humanMoves(spec, 'us')).toEqual(made);
    expect(s.errors).toEqual([]);
  });

  it('plays China to a walkout, and the debrief equals the core replay of the same moves', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await startSolo(page, { side: 'china', seed: 'walkout-1', difficulty: 'hard' });
    await checkScreen(page, '08-table-start-china');
    const made: Move[] = [];
    // Two rounds of pressure by mouse and buttons, then walk out; the AI may end it sooner.
    for (let round = 0; round < 2; round++) {
      const v = await view(page);
      if (v.outcome || v.humanToMove !== 'china') break;
      if (v.standing?.by === 'us') {
        await page.getByRole('button', { name: 'Reject it' }).click();
        made.push({ type: 'reject', side: 'china' });
      } else {
        // Drag a chip on and off the table (a change of mind), then make no offer.
        await dragChip(page, 'soybeanPurchases=12mmt', 'offer');
        expect((await view(page)).draft).toEqual({ soybeanPurchases: '12mmt' });
        await dragChip(page, 'soybeanPurchases=12mmt', 'ownTray');
        expect((await view(page)).draft).toEqual({});
        await page.getByRole('button', { name: 'Make no offer this round' }).click();
        made.push({ type: 'hold', side: 'china' });
      }
      await settle(page, 150);
      await aiSettled(page);
    }
    if (!(await view(page)).outcome) {
      await page.getByRole('button', { name: 'Walk out…' }).click();
      await checkScreen(page, '09-table-walkout-confirm');
      await page.getByRole('button', { name: 'Yes, walk out' }).click();
      made.push({ type: 'walkout', side: 'china' });
    }
    const v = await view(page);
    expect(v.outcome?.kind).toBe('walkout');
    await page.getByRole('button', { name: 'See the debrief' }).click();
    await waitScreen(page, 'debrief');
    await checkScreen(page, '10-debrief-walkout');
    const spec = await expectDebriefMatchesReplay(page, 'china');
    expect(humanMoves(spec, 'china')).toEqual(made);
    expect(s.errors).toEqual([]);
  });
});
