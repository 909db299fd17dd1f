import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { MODEL_ESTIMATE } from '../../src/session/provenance';
import { CANVAS_MARK } from '../../src/view/figure-sources';
import { join } from 'node:path';
import { browserOrSkip, browserPerTest, checkScreen, expectAccessible, launch, openGame, screenshot, SCREENSHOT_DIR, settle, state, waitScreen } from './browser';
import { startSolo, usPackage, chipsOf } from './flows';

/**
 * The teaching materials and the honest labels of issue 13, as a teacher and a student meet them:
 * an episode's handouts opened from the history screen and printed, a glossary term opened from a
 * play screen by keyboard, the replay's "the AI would have …", the teaching notes' basis tags and
 * shares, and every figure on the table carrying its source or the "model estimate" tag.
 */

const browser = browserOrSkip();

interface MaterialsView {
  screen: string;
  materials: { id: string | null; tab: string; back: string } | null;
  glossaryTerm: string | null;
  replay: { id: string; position: number } | null;
}

const view = (page: Page) => state<MaterialsView>(page);

async function toHistory(page: Page): Promise<void> {
  await openGame(page, inject('baseUrl'));
  await page.getByRole('button', { name: /^History/ }).click();
  await waitScreen(page, 'history');
}

/** Every element that shows a figure in these containers carries a provenance tag (a source or the model-estimate tag). */
async function untaggedFigures(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((items) =>
    items
      .filter((li) => /\d/.test(li.textContent ?? '') && li.querySelector('[data-provenance]') === null)
      .map((li) => li.textContent ?? ''),
  );
}

interface CanvasText {
  text: string;
  visible: boolean;
  figure: string | null;
}

/**
 * The numbers drawn on the canvas: every visible text with a digit says what it is (a model
 * estimate, a figure from a source, or the game's own counting), the marks of the first two are
 * explained by a legend on the canvas, and the game's counting is only what `labels` allows.
 */
async function canvasFigureProblems(page: Page, labels: RegExp): Promise<string[]> {
  const texts = (await page.evaluate(() => (window.__bc as unknown as { canvasText(): CanvasText[] }).canvasText())).filter((t) => t.visible);
  const problems: string[] = [];
  const figures = texts.filter((t) => /\d/.test(t.text));
  for (const t of figures) {
    if (t.figure === null) problems.push(`untagged: ${t.text}`);
    else if (t.figure === 'label' && !labels.test(t.text)) problems.push(`a figure passed off as a label: ${t.text}`);
    else if (!['estimate', 'source', 'label'].includes(t.figure)) problems.push(`unknown tag ${t.figure}: ${t.text}`);
  }
  const legend = (mark: string, words: RegExp) => texts.some((t) => new RegExp(`(^|\\s)${mark} [^†‡]*${words.source}`).test(t.text));
  if (figures.some((t) => t.figure === 'estimate') && !legend(CANVAS_MARK.estimate, new RegExp(MODEL_ESTIMATE))) problems.push('no legend for the model-estimate mark');
  if (figures.some((t) => t.figure === 'source') && !legend(CANVAS_MARK.source, /source/)) problems.push('no legend for the source mark');
  // A chip's or an offer's label with a figure carries its mark where a reader sees it.
  for (const t of figures) if (t.figure === 'source' && /[A-Za-z]/.test(t.text) && !t.text.includes(CANVAS_MARK.source) && !/^\d{1,2} [A-Z][a-z]{2}$|^[A-Z][a-z]{2}$/.test(t.text)) problems.push(`a sourced figure without its mark: ${t.text}`);
  return problems;
}

/** The game's own counting on the table's canvas: the round, the deadline, chart legends, "+ 2 more". */
const TABLE_LABELS = /^(Round \d+ of \d+|Deadline: the end of round \d+|10–90%|\+ \d+ more)$/;

describe.skipIf(!browser)('teaching materials, the glossary and where figures come from', () => {
  const s = browserPerTest();

  it('opens an episode’s handouts from the history screen, switches documents, and prints a clean handout with a name field and charts', async () => {
    const page = s.page;
    await toHistory(page);
    await page.locator('[data-episode="zte-2018"]').getByRole('button', { name: 'Teaching materials' }).click();
    await waitScreen(page, 'materials', 'replay');
    expect((await view(page)).materials).toEqual({ id: 'zte-2018', tab: 'background', back: 'history' });
    const article = page.locator('article.material');
    expect(await article.getAttribute('data-material')).toBe('background');
    expect(await page.locator('#screen-title').innerText()).toBe('Background brief: ZTE, spring 2018');
    expect(await article.locator('h2').count()).toBeGreaterThan(2);
    // The brief cites its sources by number, listed at the end with links only to http(s) addresses.
    expect(await article.locator('.material-sources li').count()).toBeGreaterThan(3);
    for (const href of await article.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
      expect(href).toMatch(/^https?:\/\//);
    await checkScreen(page, 'materials-01-background');

    await page.getByRole('button', { name: 'Teacher’s guide' }).click();
    await page.waitForFunction(() => document.querySelector('article.material')?.getAttribute('data-material') === 'teacher-guide');
    const guide = await article.innerText();
    for (const part of [/50-minute/i, /90-minute/i, /misconception/i, /quiz/i, /memo/i, /score each criterion/i]) expect(guide).toMatch(part);
    expect(await page.locator('.name-field').innerText()).toContain('Name:');
    expect(await page.locator('.episode-charts svg').count()).toBeGreaterThan(0);
    await checkScreen(page, 'materials-02-teacher-guide');

    // The print view: the handout alone, with its name field and charts, no buttons or canvas.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#stage').isVisible()).toBe(false);
    expect(await page.locator('.material-tabs').isVisible()).toBe(false);
    expect(await page.locator('.name-field').isVisible()).toBe(true);
    expect(await page.locator('.episode-charts svg').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'materials-03-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: 'Glossary', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('article.material')?.getAttribute('data-material') === 'glossary');
    expect(await page.locator('#glossary-list dt').count()).toBeGreaterThanOrEqual(20);
    await expectAccessible(page, 'materials-04-glossary');

    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await waitScreen(page, 'history');
  });

  it('opens a glossary term from the replay by keyboard, shows what the AI would have done, and labels the teaching notes honestly', async () => {
    const page = s.page;
    await toHistory(page);
    await page.locator('[data-episode="huawei-osaka-2019"]').getByRole('button', { name: 'Replay this episode' }).click();
    await waitScreen(page, 'replay');
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.waitForFunction(() => document.querySelector('[data-position]')?.getAttribute('data-position') === '1');

    // Step 1 is the Entity List listing: its account links the term, the figures carry their sources,
    // and the 68-or-70 conflict is shown with both values.
    const term = page.locator('#replay-step button.term').first();
    await term.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.getElementById('glossary-dialog') as HTMLDialogElement | null)?.open === true);
    const termId = (await view(page)).glossaryTerm;
    expect(termId).not.toBeNull();
    expect(await page.locator(`#glossary-dialog [data-definition="${termId}"]`).innerText()).not.toBe('');
    await expectAccessible(page, 'glossary-dialog');
    await screenshot(page, 'glossary-01-dialog');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (document.getElementById('glossary-dialog') as HTMLDialogElement | null)?.open === false);
    expect((await view(page)).glossaryTerm).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('term'))).toBe(true);

    expect(await page.locator('#replay-step [data-conflict]').count()).toBeGreaterThan(0);
    expect(await page.locator('#replay-step [data-conflict]').first().innerText()).toMatch(/68[\s\S]*70/);
    expect(await untaggedFigures(page, '#replay-step [data-figures] li')).toEqual([]);
    expect(await page.locator('#replay-indicators caption [data-provenance="estimate"]').innerText()).toBe(MODEL_ESTIMATE);
    // The canvas: the step's date and account as history's (from the source the panel names), the charts as the model's.
    expect(await canvasFigureProblems(page, /^(Huawei and the Osaka truce, 2019|\d+)$/)).toEqual([]);

    const ai = page.locator('#replay-step details.ai-would');
    await ai.locator('summary').click();
    expect(await ai.innerText()).toMatch(/The AI would have: /);
    await checkScreen(page, 'replay-ai-would-have');

    await page.getByRole('button', { name: 'Open the teaching notes' }).click();
    await waitScreen(page, 'history-notes');
    const agreement = await page.locator('[data-ai-agreement]').getAttribute('data-ai-agreement');
    expect(agreement).toMatch(/^\d+\/\d+$/);
    const [matched, total] = agreement!.split('/').map(Number);
    expect(matched).toBeLessThanOrEqual(total!);
    expect(total).toBeGreaterThan(0);
    const bases = await page.locator('#fidelity tbody [data-basis]').evaluateAll((els) => els.map((e) => e.getAttribute('data-basis')));
    expect(bases.length).toBe(await page.locator('#fidelity tbody tr').count());
    expect(new Set(bases).size).toBeGreaterThan(1);
    expect(await page.locator('.fidelity-share').innerText()).toMatch(/every measure lands in its band together in \d+%/);
    expect(await page.locator('[data-metric-conflict]').count()).toBeGreaterThan(0);
    await checkScreen(page, 'notes-fidelity-ai');
  });

  it('tags every figure on the table with its source or as a model estimate, and links the glossary from the briefing', async () => {
    const page = s.page;
    await openGame(page, inject('baseUrl'));
    let briefingLinks = 0;
    let briefingTerms = 0;
    await startSolo(page, {
      side: 'us',
      seed: 'materials-1',
      check: async (name) => {
        if (!name.includes('briefing')) return;
        briefingLinks = await page.locator('.briefing-materials button').count();
        briefingTerms = await page.locator('#panel button.term').count();
      },
    });
    // The briefing of a real episode offers its handouts and the glossary, and links the terms it uses.
    expect(briefingLinks).toBe(4);
    expect(briefingTerms).toBeGreaterThan(0);
    // The canvas: the chips' figures marked as a source's, every indicator and projection as the model's.
    expect(await canvasFigureProblems(page, TABLE_LABELS)).toEqual([]);
    // Propose a package, so the report, the news and the projection all show figures.
    for (const chip of chipsOf(usPackage(0))) await page.locator(`[data-chip="${chip}"]`).click();
    expect(await untaggedFigures(page, '#panel [data-figures] li')).toEqual([]);
    expect(await page.locator('#projection-title ~ table caption [data-provenance="estimate"]').count()).toBe(1);
    await page.getByRole('button', { name: /Propose this package|Counter with this package/ }).click();
    await page.waitForFunction(() => (window.__bc!.state() as { humanToMove: string | null }).humanToMove === 'us', null, { timeout: 60_000 });
    await settle(page);
    expect(await page.locator('.report li li').count()).toBeGreaterThan(0);
    expect(await untaggedFigures(page, '.report li li')).toEqual([]);
    expect(await untaggedFigures(page, '#news-title ~ ul li')).toEqual([]);
    expect(await canvasFigureProblems(page, TABLE_LABELS)).toEqual([]);
    await checkScreen(page, 'table-provenance');
  });
});

describe.skipIf(!browser)('materials at three sizes', () => {
  for (const [w, hgt] of [
    [1366, 768],
    [1280, 720],
    [390, 844],
  ] as const) {
    it(`reads at ${w}×${hgt}`, async () => {
      const session = await launch({ viewport: { width: w, height: hgt } });
      try {
        const page = session.page;
        await toHistory(page);
        await page.locator('[data-episode="busan-2025"]').getByRole('button', { name: 'Teaching materials' }).click();
        await waitScreen(page, 'materials', 'replay');
        await page.getByRole('button', { name: 'Role briefs' }).click();
        await page.waitForFunction(() => document.querySelector('article.material')?.getAttribute('data-material') === 'roles');
        await checkScreen(page, `materials-${w}x${hgt}-roles`);
        await page.locator('article.material button.term').first().click();
        await page.waitForFunction(() => (document.getElementById('glossary-dialog') as HTMLDialogElement | null)?.open === true);
        await screenshot(page, `materials-${w}x${hgt}-glossary-dialog`);
        expect(session.violations).toEqual([]);
      } finally {
        await session.close();
      }
    });
  }
});
