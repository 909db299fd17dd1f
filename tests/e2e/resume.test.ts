import { describe, expect, inject, it } from 'vitest';
import { aiSettled, browserOrSkip, checkScreen, openGame, waitScreen, browserPerTest } from './browser';
import { startSolo, view } from './flows';

const browser = browserOrSkip();

const SAVE_KEY = 'bargaining-chips/save';

describe.skipIf(!browser)('autosave', () => {
  const s = browserPerTest();

  it('resumes at the same round after a reload, and sets a corrupt save aside with a message and the title screen', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    // Play into the game until the talks are past round 1 and still going (whatever the AI does).
    let v = await view(page);
    for (let attempt = 0; attempt < 8; attempt++) {
      await startSolo(page, { side: 'us', seed: `resume-${attempt}` });
      for (let i = 0; i < 2; i++) {
        await aiSettled(page);
        v = await view(page);
        if (v.outcome) break;
        await page
          .getByRole('button', {
            name: v.standing?.by === 'china' ? 'Reject it' : 'Make no offer this round',
          })
          .click();
      }
      await aiSettled(page);
      v = await view(page);
      if (!v.outcome && v.round! >= 2) break;
      await page.getByRole('button', { name: 'Main menu' }).first().click();
    }
    expect(v.outcome).toBeNull();
    const before = v;
    await page.reload();
    await page.waitForFunction(() => window.__bc?.ready === true);
    await waitScreen(page, 'table');
    const after = await view(page);
    expect(after.round).toBe(before.round);
    expect(after.spec).toEqual(before.spec);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Round ${before.round} of 6`);
    await checkScreen(page, '15-table-resumed');

    // Damage the save, as a half-written file or a meddling extension would, and reload.
    const corrupt = '{"format":"bargaining-chips-save","version":1,"spec":{"scenario":';
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [SAVE_KEY, corrupt] as const);
    await page.reload();
    await page.waitForFunction(() => window.__bc?.ready === true);
    await waitScreen(page, 'title');
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toMatch(
      /could not be resumed: it is not valid JSON .*set aside .*"bargaining-chips\/set-aside\/1".*nothing was overwritten/,
    );
    await checkScreen(page, '16-title-corrupt-save');
    const stored = await page.evaluate(() => ({
      setAside: localStorage.getItem('bargaining-chips/set-aside/1'),
      save: localStorage.getItem('bargaining-chips/save'),
    }));
    expect(stored).toEqual({ setAside: corrupt, save: null });
    // The previous good autosave is offered, and resumes a playable game.
    await page.getByRole('button', { name: /Resume the earlier autosave/ }).click();
    await waitScreen(page, 'table');
    const backup = await view(page);
    expect(backup.outcome).toBeNull();
    // An earlier save of the same game: its moves are a start of the game's (with the AI in a worker a
    // move and the AI's reply are saved apart, so the earlier save may hold every move already).
    expect(backup.spec!.moves.length).toBeLessThanOrEqual(before.spec!.moves.length);
    expect(backup.spec!.moves).toEqual(before.spec!.moves.slice(0, backup.spec!.moves.length));
    expect(s.errors).toEqual([]);
  });

  it('says so when the browser denies storage, and a solo game still plays', async () => {
    const { page } = s;
    // As a browser with site data blocked does: reading localStorage throws.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await openGame(page, inject('baseUrl'));
    await waitScreen(page, 'title');
    await page.getByText(/This browser does not let the game save \(The operation is insecure\.\): a reload will start afresh\./).first().waitFor();
    await checkScreen(page, '17-title-storage-denied');
    await startSolo(page, { side: 'us', seed: 'denied-1' });
    await aiSettled(page);
    expect((await view(page)).spec).not.toBeNull();
    expect(s.errors).toEqual([]);
  });

  it('resumes the saved game when the browser’s storage is full, and says new moves will not be saved', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await startSolo(page, { side: 'us', seed: 'full-1' });
    await aiSettled(page);
    const before = await view(page);
    // From now on every write fails, as in a full (or read-only) storage; the save already written stays.
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.reload();
    await page.waitForFunction(() => window.__bc?.ready === true);
    await waitScreen(page, 'table');
    expect((await view(page)).spec).toEqual(before.spec);
    await page.getByText(/This browser does not let the game save \(The quota has been exceeded\.\): a game saved before can still be resumed, but a reload will lose the moves made now\./).first().waitFor();
    await checkScreen(page, '18-table-storage-full');
    expect(s.errors).toEqual([]);
  });
});
