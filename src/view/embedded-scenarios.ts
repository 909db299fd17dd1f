import type { ScenarioFile } from '../session/catalog';

/**
 * Every scenario file shipped in scenarios/ (but the editors' schema), embedded in the build as
 * text so `npm start` and a static build need nothing else. Each is a chunk of its own, fetched
 * after the title screen's first frame and validated by the same loader the CLI uses, so a bad
 * file shows its problems instead of breaking the game.
 */
const files = import.meta.glob(['/scenarios/*.yaml', '/scenarios/*.yml', '/scenarios/*.json', '!/scenarios/schema.json'], {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

export async function loadEmbeddedScenarios(): Promise<ScenarioFile[]> {
  const entries = await Promise.all(Object.entries(files).map(async ([path, load]) => ({ file: path.replace(/^\/scenarios\//, ''), text: await load() })));
  return entries.sort((a, b) => a.file.localeCompare(b.file));
}
