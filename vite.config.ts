import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The game's Phaser is built from Phaser's source (src/view/phaser-lean.ts): its `import Phaser
 * from 'phaser'` resolves there, and Phaser's build flags (which its own webpack build defines)
 * are set in its source: WebGL with the canvas renderer as the fallback, no sound, no Facebook
 * Instant Games or Camera3D plugins, no WebGL debugging. Other importers (the benchmark's bare
 * page) keep the whole library.
 */
function leanPhaser(): Plugin {
  const lean = fileURLToPath(new URL('./src/view/phaser-lean.ts', import.meta.url));
  const srcDir = fileURLToPath(new URL('./src/', import.meta.url));
  // Phaser's package exports only its bundles: its source files are reached by path.
  const phaserDir = dirname(createRequire(import.meta.url).resolve('phaser/package.json'));
  const flags: Record<string, boolean> = {
    WEBGL_RENDERER: true,
    CANVAS_RENDERER: true,
    FEATURE_SOUND: false,
    PLUGIN_FBINSTANT: false,
    PLUGIN_CAMERA3D: false,
    WEBGL_DEBUG: false,
    EXPERIMENTAL: false,
  };
  const flag = new RegExp(`typeof (${Object.keys(flags).join('|')})\\b`, 'g');
  return {
    name: 'bargaining-chips:lean-phaser',
    enforce: 'pre',
    // Builds only: the dev server (`npm start`) keeps the prebundled whole library, as Phaser's
    // source is CommonJS that only a bundle can serve.
    apply: 'build',
    resolveId(id, importer) {
      if (id === 'phaser' && importer && importer.startsWith(srcDir) && importer !== lean) return lean;
      if (id.startsWith('phaser/src/')) return join(phaserDir, id.slice('phaser/'.length));
      return null;
    },
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]phaser[\\/]src[\\/]/.test(id)) return null;
      const out = code.replace(flag, (_, name: string) => String(flags[name])).replace(/^global\.Phaser = Phaser;$/m, '');
      return out === code ? null : { code: out, map: null };
    },
  };
}


/**
 * The game builds to static files (dist/) that any web server or an offline classroom can host.
 * Phaser goes in a chunk of its own, so the game's own code can be measured (and cached) apart.
 */
/**
 * Emits sw.js, the service worker that keeps this build for offline play (src/view/shell/sw-source.ts),
 * with the list of every file the build wrote and a version made from their names (which carry
 * content hashes), so a new build is a new version.
 */
function offlineGame(): Plugin {
  return {
    name: 'bargaining-chips:offline',
    // The page registers sw.js only where a build emitted it (not under the dev server).
    config: (_config, env) => ({ define: { 'import.meta.env.BC_OFFLINE': JSON.stringify(env.command === 'build') } }),
    async generateBundle(_options, bundle) {
      const { serviceWorkerSource } = await import('./src/view/shell/sw-source.js');
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map')).sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(version, files.map((f) => `./${f}`)) });
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [leanPhaser(), offlineGame()],
  build: {
    target: 'es2022',
    // The art is a handful of small SVGs; as files they load the same way in the DOM and Phaser.
    assetsInlineLimit: 0,
    // Phaser alone is about 1.4 MB before gzip.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The game's Phaser (from Phaser's source), and apart from it the whole library the bench's bare page loads.
          groups: [
            { name: 'phaser', test: /node_modules[\\/]phaser[\\/]src[\\/]/ },
            { name: 'bare-phaser', test: /node_modules[\\/]phaser[\\/]dist[\\/]/ },
            // zod with the module that turns its eval probe off (src/view/no-eval.ts): in one chunk, which
            // every chunk that builds a schema imports, so the switch is set before any schema exists
            // whichever chunks the screens are split into.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]view[\\/]no-eval\.ts$/ },
          ],
        },
      },
    },
  },
  // The AI's Web Worker (src/view/shell/ai-worker.ts) as an ES module, so it can share chunks.
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
