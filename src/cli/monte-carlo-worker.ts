/**
 * A worker thread of `npm run sim -- --games N --workers K` (src/cli/monte-carlo.ts): it loads
 * the scenario itself, then plays the games it is sent, by index, and sends each back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { playMcGame, type Player } from '../session/monte-carlo';
import type { Side } from '../core/types';
import { loadScenarioArg } from './scenario-files';

const { scenarioArg, base, players } = workerData as { scenarioArg: string; base: string; players: Record<Side, Player> };
const scenario = loadScenarioArg(scenarioArg);
parentPort!.on('message', (indices: number[] | null) => {
  if (indices === null) return parentPort!.close();
  try {
    parentPort!.postMessage({ games: indices.map((i) => playMcGame(scenario, base, i, players)) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
