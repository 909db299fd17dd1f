import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, screenshot, SCREENSHOT_DIR, settle } from './browser';

/**
 * The audit every state of every screen gets, not only every screen: axe (no serious or critical
 * violation), and a full cycle of the Tab key that reaches every control a mouse could use, with
 * each radio group taking exactly one stop (arrows move inside it).
 */

/** What was seen, kept across calls so the closing note can count the states audited. */
export const audited: string[] = [];

interface TabCycle {
  /** Controls on screen that the Tab cycle never focused. */
  unreached: string[];
  /** Radio groups that took more than one Tab stop. */
  radioGroupsWithManyStops: string[];
  stops: number;
}

export async function expectTabCycle(page: Page, label: string): Promise<void> {
  const expected = await page.evaluate(() => {
    const w = window as unknown as { __tab?: { seen: string[]; radios: string[] } };
    // One descriptor per control that survives a re-drawn panel (the panel is rebuilt on each change).
    const describe = (el: Element): string => {
      const e = el as HTMLElement & { name?: string; value?: string; type?: string };
      if (e instanceof HTMLInputElement && e.type === 'radio') return `radio-group:${e.name}`;
      const group = e.getAttribute('role') === 'radio' ? e.closest('[role="radiogroup"]') : null;
      if (group) return `radio-group:${group.id || group.getAttribute('aria-label') || ''}`;
      const who = e.dataset?.key ?? e.id ?? '';
      const text = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return `${e.tagName.toLowerCase()}#${who}:${text}`;
    };
    (window as unknown as { __describe: (el: Element) => string }).__describe = describe;
    w.__tab = { seen: [], radios: [] };
    if (!(window as unknown as { __tabListening?: boolean }).__tabListening) {
      (window as unknown as { __tabListening?: boolean }).__tabListening = true;
      document.addEventListener(
        'focusin',
        (e) => {
          const t = e.target as HTMLElement;
          const d = (window as unknown as { __describe: (el: Element) => string }).__describe(t);
          w.__tab!.seen.push(d);
          if (t instanceof HTMLInputElement && t.type === 'radio') w.__tab!.radios.push(`${t.name}=${t.value}`);
          else if (t.getAttribute('role') === 'radio') w.__tab!.radios.push(`${d}=${t.id || t.textContent}`);
        },
        true,
      );
    }
    const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter((el) => {
      if ((el as HTMLButtonElement).disabled) return false;
      if (el.tabIndex < 0) return false;
      if (el.closest('[inert], [hidden]')) return false;
      if (el.getClientRects().length === 0) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') return false;
      // Inside a closed <details> only its own summary can be reached.
      const details = el.closest('details');
      if (details && !details.open && el.tagName !== 'SUMMARY') return false;
      if (details && !details.open && el.parentElement !== details) return false;
      return true;
    });
    (document.activeElement as HTMLElement | null)?.blur();
    return [...new Set(focusable.map(describe))];
  });
  // A full cycle needs one press per stop; a few more cover the stop outside the page.
  // Real key events, sent in one batch: one round trip each would make an audit of a busy table
  // take half a minute on a loaded machine. The protocol keeps their order on one session.
  const cdp = await page.context().newCDPSession(page);
  const key = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };
  await Promise.all(
    Array.from({ length: expected.length + 6 }, () => [
      cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }),
    ]).flat(),
  );
  await cdp.detach();
  const result = (await page.evaluate((want) => {
    const w = window as unknown as { __tab: { seen: string[]; radios: string[] } };
    const seen = new Set(w.__tab.seen);
    const byGroup = new Map<string, Set<string>>();
    for (const r of w.__tab.radios) {
      const [name, value] = r.split('=') as [string, string];
      byGroup.set(name, (byGroup.get(name) ?? new Set()).add(value));
    }
    return {
      unreached: want.filter((d) => !seen.has(d)),
      radioGroupsWithManyStops: [...byGroup].filter(([, v]) => v.size > 1).map(([k, v]) => `${k} (${v.size} stops)`),
      stops: w.__tab.seen.length,
    };
  }, expected)) as TabCycle;
  const problems = [
    ...result.unreached.map((d) => `not reached by Tab: ${d}`),
    ...result.radioGroupsWithManyStops.map((g) => `radio group with more than one Tab stop: ${g}`),
  ].join('\n');
  if (problems) writeFileSync(join(SCREENSHOT_DIR, `${label}.tab.txt`), problems);
  expect(problems, `keyboard reach of ${label}`).toBe('');
}

/** axe and the Tab cycle on the state as it is now; a screenshot for the record. */
export async function auditState(page: Page, label: string): Promise<void> {
  await settle(page, 200);
  const t0 = Date.now();
  await expectAccessible(page, label);
  const t1 = Date.now();
  await expectTabCycle(page, label);
  if (process.env.AUDIT_TIMES) console.info(`${label}: axe ${t1 - t0} ms, Tab cycle ${Date.now() - t1} ms`);
  await screenshot(page, label);
  audited.push(label);
}
