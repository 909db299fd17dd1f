import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, beforeEach, expect } from 'vitest';

/** The game's test hook as the tests see it (src/view/test-hook.ts). */
export interface Hook {
  ready: boolean;
  drawn: Record<string, number>;
  state(): Record<string, unknown>;
  layout(): Layout | null;
  perf: { firstFrame: number | null; frames: number[]; recording: boolean };
  panel(): { live: string; fresh: string | null };
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  tokens: (Box & { id: string; role: 'offer' | 'ask'; inPackage: boolean })[];
  zones: Record<'table' | 'offer' | 'ask' | 'ownTray' | 'theirTray', Box>;
}

declare global {
  interface Window {
    __bc?: Hook;
  }
}

/** The screens every view is checked at: two laptops and a phone. */
export interface Viewport {
  name: string;
  width: number;
  height: number;
}
export const VIEWPORTS: readonly Viewport[] = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1280x720', width: 1280, height: 720 },
  { name: '390x844', width: 390, height: 844 },
];

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

/** The Chromium the tests drive: $CHROME_PATH, else Debian's /usr/bin/chromium. */
export function chromePath(): string | null {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Without a browser the tests are skipped with a message, except under CI, where that fails. */
export function browserOrSkip(): string | null {
  const path = chromePath();
  if (path) return path;
  const message =
    'No Chromium found at $CHROME_PATH or /usr/bin/chromium: the browser tests are skipped. Install Debian’s chromium package (or set CHROME_PATH) to run them.';
  if (process.env.CI === '1' || process.env.CI === 'true')
    throw new Error(`${message} Under CI this is a failure.`);
  console.warn(message);
  return null;
}

export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Content-Security-Policy violations the page reported (they are console errors too). */
  violations: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser for each test of the enclosing describe block, closed after it. The session
 * returned reads through to the current test's browser.
 */
export function browserPerTest(): Session {
  let current: Session | undefined;
  beforeEach(async () => {
    current = await launch();
  });
  afterEach(async () => {
    const ending = current;
    current = undefined;
    try {
      // Whatever a test did, the game's own policy was never broken (tests that break it on purpose empty this list).
      expect(ending?.violations ?? [], 'Content-Security-Policy violations').toEqual([]);
    } finally {
      await ending?.close();
    }
  });
  const live = (): Session => {
    if (!current) throw new Error('the browser session is only open inside a test');
    return current;
  };
  return {
    get context() {
      return live().context;
    },
    get page() {
      return live().page;
    },
    get errors() {
      return live().errors;
    },
    get violations() {
      return live().violations;
    },
    close: () => live().close(),
  };
}

const CSP_VIOLATION = 'Content-Security-Policy violation:';

/** A fresh browser with a fresh profile (so a fresh localStorage). */
export async function launch(
  options: { reducedMotion?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Session> {
  const executablePath = chromePath()!;
  const profile = mkdtempSync(join(tmpdir(), 'bc-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: options.viewport ?? { width: 1600, height: 900 },
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    acceptDownloads: true,
  });
  // Every violation of the page's Content-Security-Policy is reported, even one the page's code
  // caught (a library probing for eval does not show in the console otherwise).
  await context.addInitScript(
    (prefix) =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `${prefix} ${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} (${e.sourceFile || 'the page'}:${e.lineNumber})`,
        ),
      ),
    CSP_VIOLATION,
  );
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    errors.push(`console: ${msg.text()}`);
    if (msg.text().startsWith(CSP_VIOLATION)) violations.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    context,
    page,
    errors,
    violations,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openGame(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.__bc?.ready === true, null, { timeout: 30_000 });
}

/** Wait until the app shows `screen` and its canvas has drawn it. */
export async function waitScreen(page: Page, screen: string, sceneKey = screen): Promise<void> {
  await page.waitForFunction(
    ([s, k]) => {
      const hook = window.__bc;
      if (!hook) return false;
      const state = hook.state() as { screen: string; stage: string };
      return state.screen === s && state.stage === k && hook.drawn[k] !== undefined;
    },
    [screen, sceneKey] as const,
    { timeout: 20_000 },
  );
  // At the table, the AI may be about to open: its move is played when its worker answers.
  if (screen === 'table') await aiSettled(page);
}

export async function state<T = Record<string, unknown>>(page: Page): Promise<T> {
  return (await page.evaluate(() => window.__bc!.state())) as T;
}

/** Let tweens finish before a screenshot or a canvas check. */
export async function settle(page: Page, ms = 450): Promise<void> {
  await page.waitForTimeout(ms);
}

/**
 * Wait while the AI thinks: it decides in a Web Worker, so its reply lands a moment after the
 * player's move. Returns once a human is to move, or the game is over (or no game is on).
 */
export async function aiSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = window.__bc?.state() as { phase: string | null; humanToMove: string | null } | undefined;
      return !s || s.phase !== 'negotiation' || s.humanToMove !== null;
    },
    null,
    { timeout: 60_000 },
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * An SVG chart's words as shown (the deal chart's), in CSS px: the font size in the drawing's units times the
 * drawn width over the drawing's width (the chart scales with its box).
 */
export async function smallestSvgText(page: Page, selector: string): Promise<{ px: number; text: string; count: number }> {
  return page.evaluate((sel) => {
    const svg = document.querySelector<SVGSVGElement>(sel)!;
    const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].map((t) => ({ px: parseFloat(getComputedStyle(t).fontSize) * k, text: t.textContent ?? '' }));
    return { ...texts.reduce((a, b) => (b.px < a.px ? b : a)), count: texts.length };
  }, selector);
}

/**
 * The canvas shows something: enough distinct colours and enough pixels away from the
 * background (the game keeps its drawing buffer, so the canvas can be read back).
 */
export async function expectCanvasNotBlank(page: Page): Promise<void> {
  const stats = await page.evaluate(() => {
    const source = document.querySelector<HTMLCanvasElement>('#stage canvas');
    if (!source) return null;
    const w = 400;
    const h = Math.round((source.height / source.width) * w);
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(source, 0, 0, w, h);
    const data = ctx.getImageData(0, 0, w, h).data;
    const colours = new Set<number>();
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
      colours.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const top = Math.max(...counts.values());
    return { colours: colours.size, nonBackground: 1 - top / (w * h) };
  });
  expect(stats, 'the game canvas exists').not.toBeNull();
  expect(stats!.colours, 'distinct colours on the canvas').toBeGreaterThan(12);
  expect(stats!.nonBackground, 'share of the canvas that is not background').toBeGreaterThan(0.04);
}

/**
 * The game's canvas lies within its stage, refit to it: the stage's box changes without the window
 * doing so (the class screens' narrower stage, the debrief's wider panel), and a canvas left at
 * its old size is cut off at the stage's edges. Waits a moment for the refit, then says how it missed.
 */
export async function expectCanvasFitsStage(page: Page, label: string): Promise<void> {
  /** 'fits', or where the canvas is; with `test`, whether it fits (the wait's condition). */
  const place = (test: boolean): string | boolean => {
    const stage = document.querySelector('#stage')?.getBoundingClientRect();
    const canvas = document.querySelector('#stage canvas')?.getBoundingClientRect();
    if (!stage || !canvas) return test ? false : 'no stage or no canvas';
    const inside = canvas.left >= stage.left - 1 && canvas.right <= stage.right + 1 && canvas.top >= stage.top - 1 && canvas.bottom <= stage.bottom + 1;
    // Fitted, not merely inside: it fills the stage's width or its height.
    const fitted = Math.abs(canvas.width - stage.width) <= 2 || Math.abs(canvas.height - stage.height) <= 2;
    if (test) return inside && fitted;
    return inside && fitted ? 'fits' : `canvas ${Math.round(canvas.left)}..${Math.round(canvas.right)} x ${Math.round(canvas.top)}..${Math.round(canvas.bottom)} in stage ${Math.round(stage.left)}..${Math.round(stage.right)} x ${Math.round(stage.top)}..${Math.round(stage.bottom)}`;
  };
  await page.waitForFunction(place, true, { timeout: 3_000, polling: 100 }).catch(() => undefined);
  expect(await page.evaluate(place, false), `the canvas fits its stage on ${label}`).toBe('fits');
}

const require = createRequire(import.meta.url);

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Evaluated through the test driver, not added as a <script>: the game's policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe.run(
      document,
      { resultTypes: ['violations'] },
    ),
  )) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')})`,
    )
    .join('\n');
  if (bad.length > 0) writeFileSync(join(SCREENSHOT_DIR, `${label}.axe.txt`), text);
  expect(text, `accessibility of ${label}`).toBe('');
}

/** Every screen gets the same three checks: drawn, accessible, photographed. */
/**
 * On a laptop or a projector the picture and the panel fill the window under the top bar and the
 * panel scrolls, not the page: a page that scrolls by a few pixels (a top bar taller than the
 * layout counts, a hidden element below the bottom) moves the whole screen under the mouse wheel.
 */
async function expectPageNotScrolling(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() =>
    matchMedia('(min-width: 68.01rem)').matches ? document.documentElement.scrollHeight - innerHeight : 0,
  );
  expect(overflow, `${name}: the page scrolls by ${overflow} px under the top bar`).toBeLessThanOrEqual(0);
}

export async function checkScreen(page: Page, name: string): Promise<void> {
  await settle(page);
  await expectPageNotScrolling(page, name);
  await expectCanvasNotBlank(page);
  await expectAccessible(page, name);
  await screenshot(page, name);
}
