/**
 * `npx tsx bench/ui-profile.ts`: where the time of a move goes on the table, from the player's
 * click to the AI's reply on the page. An unminified build (names readable), Chrome's sampling
 * profiler over a few moves, self time summed by function and by file. It prints; it asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { chromePath, FLAGS } from '../tests/e2e/browser';
import { nextMoveButton, replyTime, toTable, watchReply } from './ui-table';

const root = fileURLToPath(new URL('..', import.meta.url));
const MOVES = Number(process.env.PROFILE_MOVES ?? 4);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  ts: number;
}

/** Complete events on each thread, by name: where native time goes (style, layout, paint, GPU). */
function summariseTrace(events: TraceEvent[]): void {
  const threads = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const key = `${e.pid}:${e.tid}`;
    const m = threads.get(key) ?? new Map<string, number>();
    m.set(e.name, (m.get(e.name) ?? 0) + e.dur / 1000);
    threads.set(key, m);
  }
  for (const [thread, m] of threads) {
    const top = [...m].sort((a, b) => b[1] - a[1]).slice(0, 14);
    if ((top[0]?.[1] ?? 0) < 20) continue;
    console.log(`\ntrace, thread ${thread} (inclusive ms by event):`);
    for (const [k, v] of top) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
  }
}

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'bc-profile-'));
  const configFile = join(root, 'vite.config.ts');
  await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false } });
  const server = await preview({ root, configFile, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const browser = await chromium.launch({ executablePath: chromePath()!, headless: true, args: FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    // PROFILE_RENDERER=webgl|canvas: the game's `?renderer=` override.
    await page.goto(server.resolvedUrls!.local[0]! + (process.env.PROFILE_RENDERER ? `?renderer=${encodeURIComponent(process.env.PROFILE_RENDERER)}` : ''));
    await page.waitForFunction(() => (window as unknown as { __bc?: { ready: boolean } }).__bc?.ready === true);
    await toTable(page);
    await page.waitForTimeout(1000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const self = new Map<string, number>();
    const byFile = new Map<string, number>();
    const total = new Map<string, number>();
    let wall = 0;
    const replies: number[] = [];
    for (let i = 0; i < MOVES; i++) {
      const button = await nextMoveButton(page);
      if (!button) break;
      await watchReply(page);
      const traced = process.env.PROFILE_TRACE === '1' && i === MOVES - 1;
      const events: TraceEvent[] = [];
      if (traced) {
        cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
        await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel,blink,cc,gpu,v8', transferMode: 'ReportEvents' });
      }
      await cdp.send('Profiler.start');
      await button.click();
      replies.push(await replyTime(page));
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      if (traced) {
        const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
        await cdp.send('Tracing.end');
        await done;
        summariseTrace(events);
      }
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const nameOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'}  ${n.callFrame.url.replace(/^.*\//, '') || '(native)'}:${n.callFrame.lineNumber + 1}`;
      profile.samples.forEach((id, k) => {
        const n = nodes.get(id)!;
        const dt = (profile.timeDeltas[k] ?? 0) / 1000;
        wall += dt;
        const file = n.callFrame.url.replace(/^.*\//, '') || '(native)';
        const key = `${n.callFrame.functionName || '(anon)'}  ${file}:${n.callFrame.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + dt);
        byFile.set(file, (byFile.get(file) ?? 0) + dt);
        // Inclusive: each function on the sampled stack, once.
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(nameOf(nodes.get(at)!));
        for (const f of seen) total.set(f, (total.get(f) ?? 0) + dt);
      });
      await page.waitForTimeout(400);
    }
    console.log(`click to reply on screen: ${replies.map((x) => x.toFixed(0)).join(', ')} ms; profiled ${wall.toFixed(0)} ms over ${MOVES} moves`);
    console.log('\nself time by file:');
    for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
    console.log('\nself time by function:');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
    console.log('\ntotal (inclusive) time by function:');
    for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
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
