import type { Page } from 'playwright-core';

/** What the keyboard user is looking for: an element by its text, id, chip or stable key. */
export interface Target {
  text?: RegExp;
  id?: string;
  chip?: string;
  key?: string;
}

/** Press Tab until the focused element is the target (reading focus is observation, not action). */
export async function tabTo(page: Page, target: Target, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    const found = await page.evaluate(
      ({ text, flags, id, chip, key }) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return false;
        if (id !== undefined && el.id !== id) return false;
        if (chip !== undefined && el.dataset.chip !== chip) return false;
        if (key !== undefined && el.dataset.key !== key) return false;
        if (text !== undefined && !new RegExp(text, flags).test((el.textContent ?? '').trim())) return false;
        return true;
      },
      {
        text: target.text?.source,
        flags: target.text?.flags ?? '',
        id: target.id,
        chip: target.chip,
        key: target.key,
      },
    );
    if (found) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(
    `could not reach ${JSON.stringify({ ...target, text: target.text?.source })} with the Tab key`,
  );
}

export async function activate(page: Page, target: Target, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}
