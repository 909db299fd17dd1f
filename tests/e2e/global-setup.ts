import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    buildDir: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
export const BUILD_DIR = fileURLToPath(new URL('../../test-results/e2e-build', import.meta.url));
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

/** Build the game with the project's own Vite config and serve it, as `npm run build && npm run preview` would. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Fresh screenshots (and axe reports) each run, so nothing stale is left to mislead.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await build({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    build: { outDir: BUILD_DIR, emptyOutDir: true },
  });
  const server = await preview({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    build: { outDir: BUILD_DIR },
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseUrl', url);
  project.provide('buildDir', BUILD_DIR);
  return async () => {
    await server.close();
  };
}
