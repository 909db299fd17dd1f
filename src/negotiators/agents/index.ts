import type { AgentFactory } from '../protocol';
import { hardAgent } from './hard';
import { micro } from './micro';
import { randomAgent } from './random';
import { timeDependent } from './time-dependent';
import { titForTat } from './tit-for-tat';

/** The benchmark's agents by name, baselines first. */
export const AGENTS: Readonly<Record<string, AgentFactory>> = {
  hardliner: timeDependent(0),
  boulware: timeDependent(0.2),
  linear: timeDependent(1),
  conceder: timeDependent(2),
  'boulware-om': timeDependent(0.2, true),
  'tit-for-tat': titForTat(),
  micro: micro(),
  random: randomAgent(),
  hard: hardAgent(),
};

export const AGENT_NAMES: readonly string[] = Object.keys(AGENTS);
