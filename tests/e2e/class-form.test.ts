import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClass, Probe } from '../server/helpers';
import { scenarioPath } from '../helpers';
import { browserOrSkip, SCREENSHOT_DIR, settle, waitScreen, VIEWPORTS } from './browser';
import { classServerAndBrowser } from './class-people';
import { expectNoOverlap, smallPanelText } from './screen-checks';

/**
 * The teacher's Run a class form over a redraw, and a taken name, with a real class server:
 * the choices made (and the fields the pairing shows with them) are still there after the
 * teacher opens a scenario file from disk, and a broken one; the class opens with them. A
 * student joining under a name a connected student holds is told so on the join form, with
 * nothing in the browser's console (no refused join is made).
 */

const browserPath = browserOrSkip();

/** Screenshots of the screen at each size (panel text 12 px or more, nothing overlapping). */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    await settle(page, 500);
    const where = `${name} at ${size.width}x${size.height}`;
    expect.soft(await smallPanelText(page), `${where}: panel texts under 12 px`).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/class-form-${name}-${size.width}x${size.height}.png`, fullPage: size.width < 700 });
    await expectNoOverlap(page, size.width < 700, where);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await settle(page, 300);
}

/** The console's errors and warnings in a page, from now on. */
function consoleOf(page: Page): string[] {
  const said: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') said.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => said.push(`page error: ${e.message}`));
  return said;
}

describe.skipIf(!browserPath)('the Run a class form and a taken name', () => {
  const { person, server, people } = classServerAndBrowser();
  beforeAll(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));

  it('keeps the teacher’s choices, and the pairing’s fields, when a scenario file is opened under the form', async () => {
    const teacher = await person('Teacher');
    const t = teacher.page;
    await t.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(t, 'class-run', 'title');

    await t.locator('#run-seed').fill('e2e-form');
    await t.locator('#run-seed-policy').selectOption('table');
    await t.locator('#run-pairing').selectOption('pve');
    await t.locator('#run-difficulty').selectOption('hard');
    await t.locator('#run-side').selectOption('china');
    await t.locator('#run-seconds').fill('90');
    await t.locator('#run-title').fill('Period 3');

    const values = async () => {
      const of = (id: string) => t.locator(`#${id}`).inputValue();
      return {
        scenario: await of('run-scenario'),
        seed: await of('run-seed'),
        seedPolicy: await of('run-seed-policy'),
        pairing: await of('run-pairing'),
        difficulty: await of('run-difficulty'),
        side: await of('run-side'),
        us: await of('run-doctrine-us'),
        china: await of('run-doctrine-china'),
        rounds: await of('run-rounds'),
        seconds: await of('run-seconds'),
        title: await of('run-title'),
      };
    };
    const shown = async () => ({ teamSize: await t.locator('#run-team-size').isVisible(), difficulty: await t.locator('#run-difficulty').isVisible(), side: await t.locator('#run-side').isVisible() });
    const pairingHint = () => t.locator('#run-pairing-hint').textContent();

    // The teacher's own scenario file, opened as a teacher would: the panel is drawn again, with the file chosen.
    const mine = readFileSync(scenarioPath('sandbox.yaml'), 'utf8').replace(/^id: sandbox$/m, 'id: my-sandbox').replace(/^title: .*$/m, 'title: My sandbox');
    await t.locator('#run-scenario-file').setInputFiles({ name: 'my-sandbox.yaml', mimeType: 'text/yaml', buffer: Buffer.from(mine) });
    await t.locator('#panel').getByText('Opened my-sandbox.yaml').waitFor({ timeout: 20_000 });
    expect(await values()).toEqual({ scenario: 'my-sandbox', seed: 'e2e-form', seedPolicy: 'table', pairing: 'pve', difficulty: 'hard', side: 'china', us: 'security-first', china: 'self-reliance', rounds: '', seconds: '90', title: 'Period 3' });
    expect(await shown()).toEqual({ teamSize: false, difficulty: true, side: true });
    expect(await pairingHint()).toBe('Each student plays the AI at a table of their own, on the side and at the difficulty below.');

    // Its doctrines and a deadline chosen, then a broken file: the panel is drawn again with its problems, and nothing chosen is lost.
    await t.locator('#run-doctrine-us').selectOption('dealmaker');
    await t.locator('#run-doctrine-china').selectOption('stability-seeker');
    await t.locator('#run-rounds').fill('6');
    await t.locator('#run-scenario-file').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from('id: [') });
    await t.locator('#panel').getByText('broken.yaml could not be opened').waitFor({ timeout: 20_000 });
    const chosen = { scenario: 'my-sandbox', seed: 'e2e-form', seedPolicy: 'table', pairing: 'pve', difficulty: 'hard', side: 'china', us: 'dealmaker', china: 'stability-seeker', rounds: '6', seconds: '90', title: 'Period 3' };
    expect(await values()).toEqual(chosen);
    expect(await shown()).toEqual({ teamSize: false, difficulty: true, side: true });
    await shoot(t, 'run-after-files');

    // Teams, then student against student again: the fields follow, and the choices hidden meanwhile are kept.
    await t.locator('#run-pairing').selectOption('teams');
    expect(await shown()).toEqual({ teamSize: true, difficulty: false, side: false });
    await t.locator('#run-team-size').selectOption('3');
    await t.locator('#run-pairing').selectOption('pve');
    expect({ ...(await values()), teamSize: await t.locator('#run-team-size').inputValue() }).toEqual({ ...chosen, teamSize: '3' });

    // The class opens with every choice, and the file.
    const create = t.waitForRequest((r) => r.url().endsWith('/api/classes') && r.method() === 'POST');
    await t.getByRole('button', { name: 'Open the class' }).click();
    const sent = (await create).postDataJSON() as { config: unknown; scenarioFile?: { file: string } };
    expect(sent.config).toEqual({ scenario: 'my-sandbox', seed: 'e2e-form', seedPolicy: 'table', pairing: { kind: 'pve', difficulty: 'hard', side: 'china' }, doctrines: { us: 'dealmaker', china: 'stability-seeker' }, rounds: 6, turnSeconds: 90, title: 'Period 3' });
    expect(sent.scenarioFile?.file).toBe('my-sandbox.yaml');
    await waitScreen(t, 'class-teacher', 'title');
    expect(teacher.errors).toEqual([]);
  });

  it('tells a student the name is taken, on the join form, with nothing in the console', async () => {
    const cls = await createClass(server());
    const ana = await Probe.join(server().url, { role: 'student', code: cls.code, name: 'Ana' });
    await ana.next('seat');
    const other = await person('Other Ana');
    const p = other.page;
    const said = consoleOf(p);
    await p.locator('#panel').getByRole('button', { name: /Join a class/ }).click();
    await waitScreen(p, 'class-join', 'title');
    await p.locator('#join-code-input').fill(cls.code);
    await p.locator('#join-name').fill('ana');
    await p.getByRole('button', { name: 'Join the class' }).click();
    await p.locator('#panel [role="alert"]').waitFor({ timeout: 30_000 });
    expect(await p.locator('#panel [role="alert"]').textContent()).toBe('The name “ana” is already taken in this class: choose another, or rejoin from the device that holds it.');
    await waitScreen(p, 'class-join', 'title');
    expect(await p.locator('#join-code-input').inputValue()).toBe(cls.code);
    expect(await p.locator('#join-name').inputValue()).toBe('ana');
    await settle(p, 800);
    expect(said, 'the console after a taken name').toEqual([]);
    await shoot(p, 'join-name-taken');

    // Another name: in, at Ana's table (student against student: the talks begin).
    await p.locator('#join-name').fill('Ana B');
    await p.getByRole('button', { name: 'Join the class' }).click();
    await p.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 30_000 });
    expect(said).toEqual([]);
    await ana.room.leave();
    expect(people.flatMap((q) => q.errors)).toEqual([]);
  });
});
