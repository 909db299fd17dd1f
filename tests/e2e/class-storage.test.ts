import { describe, expect, it } from 'vitest';
import { browserOrSkip, screenshot, VIEWPORTS, settle, waitScreen } from './browser';
import { classServerAndBrowser, openTheClass, type ClassPerson } from './class-people';

/**
 * A student whose browser will not keep the class seat (its storage full, or refused as in
 * Safari's private mode): the student still joins and plays, is told on the lobby and the table
 * how to get back in after a reload, and, reloading, gets the same seat back with the code and
 * the same name.
 */

const browserPath = browserOrSkip();

/** This context's storage refuses the class's keys, as a full one does (QuotaExceededError). */
async function storageFull(p: ClassPerson): Promise<void> {
  await p.context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('bargaining-chips.class')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
  });
}

/** The side the student plays, as the table's status line says it ("You: China, …"). */
const sideOf = async (p: ClassPerson) => /You: ([^,]+),/.exec(await p.page.locator('#panel').innerText())?.[1] ?? null;

describe.skipIf(!browserPath)('a student whose browser will not keep the seat', () => {
  const { person, people } = classServerAndBrowser();

  async function join(p: ClassPerson, code: string, name: string): Promise<void> {
    await p.page.locator('#join-code-input').fill(code);
    await p.page.locator('#join-name').fill(name);
    await p.page.getByRole('button', { name: 'Join the class' }).click();
  }

  it('plays on, is told how to come back, and comes back to the same seat by code and name', async () => {
    const teacher = await person('Teacher');
    await teacher.page.locator('#panel').getByRole('button', { name: /Run a class/ }).click();
    await waitScreen(teacher.page, 'class-run', 'title');
    const code = await openTheClass(teacher.page);

    const ana = await person('Ana');
    await storageFull(ana);
    await ana.page.reload();
    await ana.page.waitForFunction(() => window.__bc?.ready === true);
    await ana.page.locator('#panel').getByRole('button', { name: /Join a class/ }).click();
    await waitScreen(ana.page, 'class-join', 'title');
    await join(ana, code, 'Ana');
    const note = ana.page.locator('#class-not-kept');
    await note.waitFor({ timeout: 30_000 });
    const spaced = `${code.slice(0, 4)} ${code.slice(4)}`;
    expect(await note.textContent()).toBe(`This browser would not keep your seat (The quota has been exceeded). Play on: if this page reloads or closes, join again with the code ${spaced} and the name “Ana”, and you get your seat back.`);

    // The partner comes; the table opens and says it again.
    const bo = await person('Bo', `/?join=${code}`);
    await bo.page.locator('#join-name').fill('Bo');
    await bo.page.getByRole('button', { name: 'Join the class' }).click();
    await ana.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
    await note.waitFor();
    for (const v of VIEWPORTS) {
      await ana.page.setViewportSize(v);
      await settle(ana.page, 300);
      await screenshot(ana.page, `class-storage-table-${v.name}`);
    }
    await ana.page.setViewportSize({ width: 1366, height: 768 });
    const before = await sideOf(ana);
    expect(before).not.toBeNull();

    // A reload finds no seat kept: the title; joining with the code and the same name gives the seat back.
    await ana.page.reload();
    await ana.page.waitForFunction(() => window.__bc?.ready === true);
    await waitScreen(ana.page, 'title');
    await ana.page.locator('#panel').getByRole('button', { name: /Join a class/ }).click();
    await waitScreen(ana.page, 'class-join', 'title');
    await join(ana, code, 'Ana');
    await ana.page.waitForFunction(() => (window.__bc!.state() as { screen: string }).screen === 'table', null, { timeout: 60_000 });
    expect(await sideOf(ana)).toBe(before);
    expect(people.flatMap((p) => p.errors)).toEqual([]);
  });
});
