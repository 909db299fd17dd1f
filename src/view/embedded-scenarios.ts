import type { ScenarioFile } from '../session/catalog';

/**
 * Every scenario file shipped in scenarios/ (but the editors' schema), embedded in the build as
 * text so `npm start` and a static build need nothing else. They are validated at start-up by
 * the same loader the CLI uses, so a bad file shows its problems instead of breaking the game.
 */
const files = import.meta.glob(['/scenarios/*.yaml', '/scenarios/*.yml', '/scenarios/*.json', '!/scenarios/schema.json'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const EMBEDDED_SCENARIOS: ScenarioFile[] = Object.entries(files)
  .map(([path, text]) => ({ file: path.replace(/^\/scenarios\//, ''), text }))
  .sort((a, b) => a.file.localeCompare(b.file));
