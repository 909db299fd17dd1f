import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { replay } from '../../src/core/engine';
import { decodeResult } from '../../src/core/result-code';
import { meanChanges, scoreAll } from '../../src/core/scoring';
import type { GameSpec, Move, Outcome, Package, Scenario, Side } from '../../src/core/types';
import { findCounterfactual } from '../../src/session/counterfactual';
import { busan } from '../helpers';
import { aiSettled, settle, state, waitScreen, type Layout } from './browser';

/** Helpers that play the game as a user does: clicks, drags and keys. The hook is only read. */

export const scenario: Scenario = busan();

export interface GameView {
  screen: string;
  spec: GameSpec | null;
  round: number | null;
  phase: string | null;
  turn: Side | null;
  humanToMove: Side | null;
  outcome: Outcome | null;
  standing: { by: Side; package: Package } | null;
  draft: Package;
}

export const view = (page: Page) => state<GameView>(page);

/** From the title to the table, by clicking. */
export async function startSolo(
  page: Page,
  options: {
    side: Side;
    seed: string;
    difficulty?: 'easy' | 'normal' | 'hard';
    check?: (name: string) => Promise<void>;
  },
): Promise<void> {
  const check = options.check ?? (async () => undefined);
  await waitScreen(page, 'title');
  await check('01-title');
  await page.getByRole('button', { name: /Play solo/ }).click();
  await waitScreen(page, 'choice');
  await check('02-choice');
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: scenario.title }) })
    .getByRole('button', { name: 'Play this scenario' })
    .click();
  await waitScreen(page, 'setup');
  await page.getByRole('radio', { name: new RegExp(scenario.sides[options.side].label) }).check();
  if (options.difficulty)
    await page.getByRole('radio', { name: new RegExp(`^${options.difficulty}`, 'i') }).check();
  await page.getByLabel('Seed').fill(options.seed);
  await check(`03-setup-${options.side}`);
  await page.getByRole('button', { name: 'Continue to the briefing' }).click();
  await waitScreen(page, 'briefing');
  await check(`04-briefing-${options.side}`);
  await page.getByRole('button', { name: 'Sit down at the table' }).click();
  await waitScreen(page, 'table');
  await aiSettled(page);
}

export async function layout(page: Page): Promise<Layout> {
  const l = await page.evaluate(() => window.__bc!.layout());
  if (!l) throw new Error('the table is not on screen');
  return l as Layout;
}

/** Drag a chip token on the canvas to the middle of a zone (or back to a tray), as a mouse user. */
export async function dragChip(
  page: Page,
  chipId: string,
  to: 'offer' | 'ask' | 'ownTray' | 'theirTray',
): Promise<void> {
  const before = await layout(page);
  const token = before.tokens.find((t) => t.id === chipId);
  if (!token) throw new Error(`no chip ${chipId} on the canvas`);
  const zone = before.zones[to];
  await page.mouse.move(token.x, token.y);
  await page.mouse.down();
  await page.mouse.move(token.x + 12, token.y + 8, { steps: 3 });
  await page.mouse.move(zone.x + zone.w * 0.7, zone.y + zone.h * 0.6, { steps: 12 });
  await page.mouse.up();
  await settle(page, 350);
}

/** A package the US can propose now: asks and offers that exist as chips on the canvas. */
export function usPackage(attempt: number): Package {
  const variants: Package[] = [
    {
      soybeanPurchases: '25mmt',
      rareEarthControls: 'general-licences-1yr',
      tariffTruce: 'extended-1yr',
      portFees: 'suspended-1yr',
    },
    { soybeanPurchases: '12mmt', tariffTruce: 'extended-1yr' },
    {
      rareEarthControls: 'general-licences-1yr',
      tariffTruce: 'extended-1yr',
      fentanylPrecursors: 'tighter-controls',
    },
  ];
  return variants[attempt % variants.length]!;
}

export const chipsOf = (pkg: Package) =>
  Object.entries(pkg).map(([issue, position]) => `${issue}=${position}`);

/**
 * Play the US through a game by mouse: accept China's offer when it would pass at home, else
 * build a package by dragging chips and propose it. Returns the human moves made.
 */
export async function playUsByMouse(
  page: Page,
  attempt: number,
  check?: (name: string) => Promise<void>,
): Promise<Move[]> {
  const moves: Move[] = [];
  let shotDraft = false;
  for (let guard = 0; guard < 20; guard++) {
    const v = await view(page);
    if (v.outcome || v.humanToMove !== 'us') break;
    const offer = v.standing && v.standing.by === 'china' ? v.standing.package : null;
    const acceptable = offer ? await page.getByText(/At home it would pass/).count() : 0;
    if (offer && acceptable > 0) {
      await page.getByRole('button', { name: 'Accept their offer' }).click();
      moves.push({ type: 'accept', side: 'us' });
    } else {
      const state0 = await view(page);
      const pkg: Package = {};
      for (const [issue, position] of Object.entries(usPackage(attempt + guard))) {
        if ((state0.spec && replayPositions(state0.spec)[issue]) === position) continue;
        pkg[issue] = position;
      }
      if (Object.keys(pkg).length === 0) {
        const hold = page.getByRole('button', { name: 'Make no offer this round' });
        if ((await hold.count()) > 0) {
          await hold.click();
          moves.push({ type: 'hold', side: 'us' });
        } else {
          await page.getByRole('button', { name: 'Reject it' }).click();
          moves.push({ type: 'reject', side: 'us' });
        }
        continue;
      }
      for (const chip of chipsOf(pkg)) {
        const holder = scenario.issues.find((i) => i.id === chip.split('=')[0])!.holder;
        await dragChip(page, chip, holder === 'us' ? 'offer' : 'ask');
      }
      expect((await view(page)).draft).toEqual(pkg);
      if (!shotDraft && check) {
        await check('05-table-package');
        shotDraft = true;
      }
      await page.getByRole('button', { name: /^(Propose|Counter with) this package$/ }).click();
      moves.push({ type: 'propose', side: 'us', package: pkg });
    }
    await settle(page, 150);
    await aiSettled(page);
  }
  return moves;
}

function replayPositions(spec: GameSpec): Record<string, string> {
  return replay(scenario, spec.seed, spec.options, spec.moves).final.positions;
}

/** The human moves of a decoded game, in order. */
export function humanMoves(spec: GameSpec, side: Side): Move[] {
  return spec.moves.filter((m) => m.side === side);
}

/**
 * The debrief's numbers against the core: decode the result code shown on the page, replay it in
 * Node, and compare the outcome, every score, every indicator and the counterfactual.
 */
export async function expectDebriefMatchesReplay(
  page: Page,
  side: Side,
  played: Scenario = scenario,
): Promise<GameSpec> {
  const code = await page.getByRole('textbox', { name: 'Result code' }).inputValue();
  const spec = decodeResult(code, (id) => (id === played.id ? played : undefined));
  const hookSpec = (await view(page)).spec;
  expect(spec).toEqual(hookSpec);
  const run = replay(played, spec.seed, spec.options, spec.moves);
  const final = run.final;
  expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe(final.outcome!.kind);
  const scores = scoreAll(played, final, side);
  const shown = await page
    .locator('#scores tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.getAttribute('data-doctrine'),
        r.querySelector('[data-score]')!.getAttribute('data-score'),
      ]),
    );
  expect(Object.fromEntries(shown)).toEqual(
    Object.fromEntries(scores.map((s) => [s.doctrine, String(s.total)])),
  );
  const changes = meanChanges(final);
  const indicators = await page
    .locator('#trajectories tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.getAttribute('data-indicator'),
        r.querySelector('[data-final]')!.getAttribute('data-final'),
        r.querySelector('[data-mean-change]')!.getAttribute('data-mean-change'),
      ]),
    );
  for (const [id, last, mean] of indicators) {
    expect(Number(last), `${id} at the end`).toBe(final.indicators[id as keyof typeof final.indicators]);
    expect(Number(mean), `${id} mean change`).toBe(changes[id as keyof typeof changes]);
  }
  expect(indicators).toHaveLength(Object.keys(final.indicators).length);
  const cf = findCounterfactual(played, spec, side);
  if (cf)
    expect(await page.locator('[data-cf-score]').getAttribute('data-cf-score')).toBe(String(cf.without));
  return spec;
}
