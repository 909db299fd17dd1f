import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import { replay } from '../../src/core/engine';
import { decodeResult } from '../../src/core/result-code';
import { scoreAll } from '../../src/core/scoring';
import {
  browserOrSkip,
  checkScreen,
  openGame,
  screenshot,
  settle,
  waitScreen,
  browserPerTest,
} from './browser';
import { scenario, startSolo, view } from './flows';

const browser = browserOrSkip();

describe.skipIf(!browser)('after the game', () => {
  const s = browserPerTest();

  it('exports JSON and CSV, prints, reopens its result code, refuses an altered one, and rewinds', async () => {
    const { page } = s;
    await openGame(page, inject('baseUrl'));
    await startSolo(page, { side: 'us', seed: 'tools' });
    // Threaten, then walk out: a short game with a carried-out threat in its debrief.
    await page.getByText(/^Escalate:/).click();
    await page.getByRole('button', { name: 'Threaten it' }).and(page.getByRole('button', { description: /An extra 100% tariff/ })).click();
    if (!(await view(page)).outcome) {
      await page.getByRole('button', { name: 'Walk out…' }).click();
      await page.getByRole('button', { name: 'Yes, walk out' }).click();
    }
    await page.getByRole('button', { name: 'See the debrief' }).click();
    await waitScreen(page, 'debrief');
    const code = await page.getByRole('textbox', { name: 'Result code' }).inputValue();
    const spec = decodeResult(code, (id) => (id === scenario.id ? scenario : undefined));
    const final = replay(scenario, spec.seed, spec.options, spec.moves).final;

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    expect(json.resultCode).toBe(code);
    expect(json.game).toEqual(spec);
    expect(json.scores.us).toEqual(
      Object.fromEntries(scoreAll(scenario, final, 'us').map((x) => [x.doctrine, x.total])),
    );
    expect(json.trajectories).toHaveLength(final.trajectory.length);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download indicators (CSV)' }).click(),
    ]);
    const csvText = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    const csv = csvText.slice(1).trim().split('\r\n');
    expect(csv).toHaveLength(final.trajectory.length + 1);
    expect(csv.at(-1)!.split(',')[2]).toBe(String(final.indicators['us.tradeGains']));

    const [movesDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download moves (CSV)' }).click(),
    ]);
    const moveRows = Papa.parse<string[]>(readFileSync((await movesDownload.path())!, 'utf8').slice(1), {
      delimiter: ',',
      newline: '\r\n',
      skipEmptyLines: true,
    }).data;
    expect(moveRows).toHaveLength(spec.moves.length + 1);
    expect(moveRows.slice(1).map((r) => r[4])).toEqual(spec.moves.map((m) => m.type));

    // The printable page: the debrief alone, no canvas, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#stage').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download JSON' }).isVisible()).toBe(false);
    await screenshot(page, '20-debrief-print');
    await page.emulateMedia({ media: 'screen' });

    // The code opens the same debrief; an altered code is refused with the reason.
    await page.getByRole('button', { name: 'Main menu' }).last().click();
    await waitScreen(page, 'title');
    await page.getByRole('button', { name: /Load a result code/ }).click();
    await waitScreen(page, 'load-code', 'title');
    const altered = code.slice(0, -3) + (code.at(-3) === 'A' ? 'B' : 'A') + code.slice(-2);
    await page.getByRole('textbox', { name: 'Result code' }).fill(altered);
    await page.getByRole('button', { name: 'Open this code' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(
      /cannot be opened: the code has been altered/,
    );
    await checkScreen(page, '21-load-code-error');
    await page.getByRole('textbox', { name: 'Result code' }).fill(code);
    await page.getByRole('button', { name: 'Open this code' }).click();
    await waitScreen(page, 'debrief');
    expect(await page.getByRole('textbox', { name: 'Result code' }).inputValue()).toBe(code);

    // Rewind to round 1 and play on from there.
    await page.getByText('Rewind: go back to a round and try another path').click();
    await page.getByRole('button', { name: 'Go back to the start of round 1' }).click();
    await waitScreen(page, 'table');
    const v = await view(page);
    expect(v.round).toBe(1);
    expect(v.outcome).toBeNull();
    expect(v.spec!.moves).toEqual([]);
    await settle(page);
    expect(s.errors).toEqual([]);
  });
});
