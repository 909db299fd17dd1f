/**
 * `npm run bench:ui`: figures for the game in a real headless Chromium. It prints numbers; it
 * asserts nothing. Measured in one run:
 *
 * - the first rendered frame of the title screen against a bare Phaser 4 page built by the same
 *   Vite config (median of several cold loads each, interleaved);
 * - the JavaScript the game ships, gzipped, split into Phaser and the rest;
 * - Phaser's own work per frame (pre-step to post-render) on the table while chips move;
 * - how busy the main thread is on the idle table (Chrome's own task time over 5 s);
 * - how soon the AI's reply is on the page after the player's move (p50, p95 over 12 moves).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build, preview } from 'vite';
import { chromePath, FLAGS } from '../tests/e2e/browser';
import { nextMoveButton, replyTime, toTable, watchReply } from './ui-table';

const root = fileURLToPath(new URL('..', import.meta.url));
const LOADS = Number(process.env.BENCH_LOADS ?? 9);
/** How long the idle table is watched, and how many moves' replies are timed. */
const IDLE_MS = 5000;
const REPLY_MOVES = Number(process.env.BENCH_MOVES ?? 12);
/** BENCH_RENDERER=webgl|canvas: the game's `?renderer=` override, to compare both on one machine. */
const QUERY = process.env.BENCH_RENDERER ? `?renderer=${encodeURIComponent(process.env.BENCH_RENDERER)}` : '';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** When the game's title, or the bare page, drew its first frame. Functions, not strings: the game's policy forbids eval. */
const GAME_FRAME = () => (window as unknown as { __bc?: { perf: { firstFrame: number | null } } }).__bc?.perf.firstFrame ?? null;
const BARE_FRAME = () => (window as unknown as { __bare?: { firstFrame: number | null } }).__bare?.firstFrame ?? null;

async function firstFrame(browser: Browser, url: string, probe: () => number | null): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  // Generous waits: on a loaded machine a cold load can take longer than Playwright's default.
  await page.goto(url, { timeout: 120_000 });
  await page.waitForFunction(probe, null, { timeout: 120_000 });
  const t = (await page.evaluate(probe)) as number;
  await context.close();
  return t;
}

async function main(): Promise<void> {
  const executablePath = chromePath();
  if (!executablePath) {
    console.log('bench:ui needs Chromium at $CHROME_PATH or /usr/bin/chromium; none found, so no figures.');
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'bc-bench-'));
  const configFile = join(root, 'vite.config.ts');
  await build({
    root,
    configFile,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: { game: join(root, 'index.html'), bare: join(root, 'bench/bare.html') } } },
  });
  const server = await preview({ root, configFile, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const base = server.resolvedUrls!.local[0]!;
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  try {
    // --- JavaScript shipped -----------------------------------------------------------------
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const all = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    // The game's JS: what index.html loads, and anything those chunks import in turn.
    const shipped = new Set<string>(referenced.map((p) => p.replace(/^assets\//, '')));
    for (let grew = true; grew; ) {
      grew = false;
      for (const f of [...shipped]) {
        const text = readFileSync(join(outDir, 'assets', f), 'utf8');
        for (const m of text.matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)) {
          if (all.includes(m[1]!) && !shipped.has(m[1]!)) {
            shipped.add(m[1]!);
            grew = true;
          }
        }
      }
    }
    // Scenario files are embedded as chunks of their own, named after the file: data, not code.
    const scenarioNames = new Set(readdirSync(join(root, 'scenarios')).map((f) => f.replace(/\.(ya?ml|json)$/, '')));
    const sizes = { phaser: { raw: 0, gz: 0 }, code: { raw: 0, gz: 0 }, data: { raw: 0, gz: 0 } };
    const atStart = new Set(referenced.map((p) => p.replace(/^assets\//, '')));
    let startGz = 0;
    for (const f of shipped) {
      const bytes = readFileSync(join(outDir, 'assets', f));
      const gz = gzipSync(bytes, { level: 9 }).length;
      const kind = f.startsWith('phaser') ? 'phaser' : scenarioNames.has(f.replace(/-[\w-]{8}\.js$/, '')) ? 'data' : 'code';
      sizes[kind].raw += bytes.length;
      sizes[kind].gz += gz;
      if (atStart.has(f) && kind !== 'phaser') startGz += gz;
    }

    // --- first frame: game title vs bare Phaser page, interleaved cold loads ----------------
    const game: number[] = [];
    const bare: number[] = [];
    await firstFrame(browser, base + QUERY, GAME_FRAME);
    await firstFrame(browser, `${base}bench/bare.html`, BARE_FRAME);
    for (let i = 0; i < LOADS; i++) {
      game.push(await firstFrame(browser, base + QUERY, GAME_FRAME));
      bare.push(await firstFrame(browser, `${base}bench/bare.html`, BARE_FRAME));
    }

    // --- frame work on the table while chips move -------------------------------------------
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(base + QUERY);
    await page.waitForFunction(() => (window as unknown as { __bc?: { ready: boolean } }).__bc?.ready === true);
    await toTable(page);
    await page.evaluate(() => {
      (window as unknown as { __bc: { perf: { recording: boolean; frames: number[] } } }).__bc.perf.frames = [];
      (window as unknown as { __bc: { perf: { recording: boolean } } }).__bc.perf.recording = true;
    });
    const chips = page.locator('[data-chip]');
    const count = Math.min(6, await chips.count());
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < count; i++) {
        await chips.nth(i).click();
        await page.waitForTimeout(120);
      }
    }
    const frames = (await page.evaluate(() => {
      const perf = (window as unknown as { __bc: { perf: { recording: boolean; frames: number[] } } }).__bc.perf;
      perf.recording = false;
      return perf.frames;
    })) as number[];

    // --- the idle table: how busy the main thread is while nobody does anything --------------
    await page.getByRole('button', { name: 'Clear the package' }).click();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(1500);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskTime = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return metrics.find((m) => m.name === 'TaskDuration')!.value;
    };
    const idleStart = { task: await taskTime(), wall: performance.now() };
    await page.waitForTimeout(IDLE_MS);
    const idleBusy = ((await taskTime()) - idleStart.task) / ((performance.now() - idleStart.wall) / 1000);
    const renderer = (await page.evaluate(() => (window as unknown as { __bc: { perf: { renderer(): { renderer: string; reason: string; glRenderer: string | null } } } }).__bc.perf.renderer())) as { renderer: string; reason: string; glRenderer: string | null };
    const loopAwake = (await page.evaluate(() => (window as unknown as { __bc: { perf: { loopAwake(): boolean } } }).__bc.perf.loopAwake())) as boolean;

    // --- AI reply: from the player's click to the reply on the page (and the next frame) ----
    const replies: number[] = [];
    while (replies.length < REPLY_MOVES) {
      const button = await nextMoveButton(page);
      if (!button) break;
      await watchReply(page);
      await button.click();
      replies.push(await replyTime(page));
      await page.waitForTimeout(200);
    }
    await context.close();

    // --- report --------------------------------------------------------------------------------
    const g = median(game);
    const b = median(bare);
    console.log(`Bargaining Chips — UI benchmark (headless Chromium; the game's renderer: ${renderer.renderer}, ${renderer.reason}, WebGL ${renderer.glRenderer ?? 'none'})`);
    console.log('');
    console.log(`First rendered frame, median of ${LOADS} cold loads each (ms after navigation start)`);
    console.log(`  game title screen     ${ms(g)}   (all: ${game.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`  bare Phaser 4 page    ${ms(b)}   (all: ${bare.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`  ratio                 ${(g / b).toFixed(2)}   (target 1.0: ${g / b <= 1 ? 'within' : 'OVER'})`);
    console.log('');
    console.log('JavaScript shipped (gzip -9)');
    console.log(`  Phaser                ${kb(sizes.phaser.gz)} gz   (${kb(sizes.phaser.raw)} raw; the modules the game uses, src/view/phaser-lean.ts)`);
    console.log(`  the game's own code   ${kb(sizes.code.gz)} gz   (${kb(sizes.code.raw)} raw; budget 150 KB gz: ${sizes.code.gz <= 150 * 1024 ? 'within' : 'OVER'})`);
    console.log(`    of which before the first frame ${kb(startGz)} gz; the AI, the scenario loader (YAML, zod) follow it`);
    console.log(`  scenario data         ${kb(sizes.data.gz)} gz   (${kb(sizes.data.raw)} raw: the ${scenarioNames.size - 1} shipped scenario files, as text, fetched after the first frame)`);
    console.log(`  everything but Phaser ${kb(sizes.code.gz + sizes.data.gz)} gz`);
    console.log(`  files: ${[...shipped].sort().join(', ')}`);
    console.log('');
    console.log(`Phaser frame work on the table while chips move (pre-step to post-render, ${frames.length} frames)`);
    console.log(`  median                ${ms(median(frames))}`);
    console.log(`  95th percentile       ${ms(percentile(frames, 95))}`);
    console.log('');
    console.log(`The idle table: main thread busy over ${(IDLE_MS / 1000).toFixed(0)} s with nothing happening (Chrome's TaskDuration)`);
    console.log(`  busy share            ${(idleBusy * 100).toFixed(1)} %   (target 5 %: ${idleBusy <= 0.05 ? 'within' : 'OVER'}; Phaser's loop ${loopAwake ? 'awake' : 'asleep'} at the end)`);
    console.log('');
    console.log(`AI reply on the page after the player's move (click to the next frame after the panel shows the reply, ${replies.length} moves)`);
    console.log(`  median                ${ms(median(replies))}`);
    console.log(`  95th percentile       ${ms(percentile(replies, 95))}   (target 150 ms: ${percentile(replies, 95) <= 150 ? 'within' : 'OVER'})`);
    console.log(`  worst                 ${ms(Math.max(...replies))}`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
