/**
 * The negotiators' benchmark (src/negotiators/bench.ts) as the command line reaches it: the
 * generic alternating-offers agents, the seeded instances, the round robin and its statistics.
 */
export { AGENT_NAMES, AGENTS } from '../negotiators/agents';
export {
  advantageTable,
  agentStats,
  headToHead,
  roundRobin,
  type AgentStats,
  type GameRecord,
} from '../negotiators/bench';
export { generateInstance } from '../negotiators/instances';
export type { Instance } from '../negotiators/protocol';
export { parseInstances } from '../negotiators/validate';
