/**
 * `npx tsx tests/negotiators/corpus/generate.ts`: play the corpus games and record the AI's
 * decision at every position to decisions.json. Run it only when a change of the negotiators'
 * behaviour is deliberate (and measured); the corpus test then holds the new behaviour.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAllShippedScenarios } from '../../../src/cli/scenario-files';
import { decideMove } from '../../../src/negotiators/index';
import { corpusGames, playCorpusGame } from './games';

const scenarios = loadAllShippedScenarios();
const byId = new Map(scenarios.map((s) => [s.id, s]));
const entries = corpusGames(scenarios).map((game) => {
  const scenario = byId.get(game.scenario)!;
  return playCorpusGame(scenario, game, {
    decide: (s, g, moves, _state, side) =>
      decideMove(
        s,
        { scenario: { id: s.id, version: s.version }, seed: g.seed, options: g.options, moves: [...moves] },
        side,
      ),
  });
});
const file = fileURLToPath(new URL('./decisions.json', import.meta.url));
writeFileSync(file, `${JSON.stringify({ games: entries })}\n`);
console.log(
  `${entries.length} games, ${entries.reduce((n, e) => n + e.decisions.length, 0)} positions written to ${file}`,
);
