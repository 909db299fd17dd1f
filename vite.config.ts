import { defineConfig } from 'vite';

/**
 * The game builds to static files (dist/) that any web server or an offline classroom can host.
 * Phaser goes in a chunk of its own, so the game's own code can be measured (and cached) apart.
 */
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    // The art is a handful of small SVGs; as files they load the same way in the DOM and Phaser.
    assetsInlineLimit: 0,
    // Phaser alone is about 1.4 MB before gzip.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'phaser', test: /node_modules[\\/]phaser[\\/]/ }],
        },
      },
    },
  },
  // The AI's Web Worker (src/view/shell/ai-worker.ts) as an ES module, so it can share chunks.
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
