/**
 * A fixed workload for profilers: `hard` against `hard` full games over seeds 1..N of one or every
 * shipped scenario, through the session as bench:sim plays them, and a checksum of their move logs
 * (so two builds can be seen to play the same games). For `node --cpu-prof` or
 * `valgrind --tool=callgrind` (instruction counts are repeatable on a loaded machine; times are not):
 *   npx tsx bench/hard-games.ts [--scenario ID] [--games N]
 */
import { loadAllShippedScenarios, loadShippedScenario } from '../src/cli/scenario-files';
import { createNegotiator } from '../src/session/ai';
import { Match } from '../src/session/match';
import { defaultOptions } from '../src/session/model';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const games = Number(flag('games') ?? 20);
const id = flag('scenario');
const scenarios = id ? [loadShippedScenario(id)] : loadAllShippedScenarios();
let hash = 0;
const cpu0 = process.cpuUsage();
let moves = 0;
for (const scenario of scenarios) {
  const hard = defaultOptions(scenario, { difficulty: { us: 'hard', china: 'hard' } });
  for (let g = 1; g <= games; g++) {
    const match = Match.start(scenario, String(g), hard, { seat: (s, o, side) => createNegotiator(s, o, side) });
    const text = JSON.stringify(match.moves);
    moves += match.moves.length;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  }
}
const cpu = process.cpuUsage(cpu0);
console.log(
  `${scenarios.length} scenario(s), ${games} games each, ${moves} moves, log checksum ${(hash >>> 0).toString(16)}, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of CPU`,
);
