import type { AgentFactory, Instance, NegotiationResult, PreparedInstance } from './protocol';
import { negotiate, prepare } from './protocol';
import type { FrontierPoint } from './strategy/frontier';
import { distance, distanceToFrontier, nashPoint, paretoFrontier } from './strategy/frontier';

/**
 * The round robin of the negotiator benchmark and its statistics. Pure: the CLI in
 * src/cli/bench-negotiators.ts generates or reads the instances and prints what this returns.
 */

export interface GameRecord {
  instance: string;
  first: string;
  second: string;
  agreement: boolean;
  outcome: number[] | null;
  utilities: [number, number];
  turn: number;
  /** (u - r) / (max u - r) for each seat; 0 with no deal. */
  advantages: [number, number];
  paretoDistance: number;
  nashDistance: number;
}

/** A share of the possible gain over no deal: 0 at the reservation, 1 at the side's best package. */
export function advantage(u: number, reservation: number, max: number): number {
  return max > reservation ? (u - reservation) / (max - reservation) : 0;
}

interface InstanceFacts {
  prepared: PreparedInstance;
  frontier: FrontierPoint[];
  nash: FrontierPoint | null;
}

function facts(instance: Instance): InstanceFacts {
  const prepared = prepare(instance);
  const [a, b] = prepared.tables;
  return { prepared, frontier: paretoFrontier(a.utilities, b.utilities), nash: nashPoint(a.utilities, b.utilities, instance.sides[0].reservation, instance.sides[1].reservation) };
}

export function playGame(f: InstanceFacts, names: [string, string], agents: [AgentFactory, AgentFactory]): GameRecord {
  const { prepared } = f;
  const { instance, space, tables } = prepared;
  const r: NegotiationResult = negotiate(prepared, agents, `${instance.id}/${names[0]}/${names[1]}`);
  const point = { a: r.utilities[0], b: r.utilities[1] };
  const reservations = [instance.sides[0].reservation, instance.sides[1].reservation] as const;
  return {
    instance: instance.id,
    first: names[0],
    second: names[1],
    agreement: r.agreement,
    outcome: r.pkg === null ? null : space.outcome(r.pkg),
    utilities: r.utilities,
    turn: r.turn,
    advantages: [advantage(r.utilities[0], reservations[0], tables[0].max), advantage(r.utilities[1], reservations[1], tables[1].max)],
    paretoDistance: distanceToFrontier(point, f.frontier),
    nashDistance: f.nash ? distance(point, f.nash) : 0,
  };
}

/** Every ordered pair of the agents (both opening orders, self-play included) on every instance. */
export function roundRobin(instances: Instance[], agents: Record<string, AgentFactory>, names: string[]): GameRecord[] {
  const games: GameRecord[] = [];
  for (const instance of instances) {
    const f = facts(instance);
    for (const first of names) for (const second of names) games.push(playGame(f, [first, second], [agents[first]!, agents[second]!]));
  }
  return games;
}

export interface Estimate {
  mean: number;
  /** Half-width of the 95% confidence interval (normal approximation). */
  half: number;
  n: number;
}

export function estimate(xs: readonly number[]): Estimate {
  const n = xs.length;
  if (n === 0) return { mean: NaN, half: NaN, n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, half: 1.959963984540054 * Math.sqrt(variance / n), n };
}

export interface AgentStats {
  agent: string;
  /** Seats played (a self-play game gives two). */
  seats: number;
  advantage: Estimate;
  agreementRate: number;
  /** Seats that ended in a deal worth less to the agent than its reservation. */
  irViolations: number;
  paretoDistance: number;
  nashDistance: number;
  welfare: number;
  selfPlay: { games: number; agreementRate: number; paretoDistance: number; nashDistance: number; advantage: number } | null;
}

/** Per-agent statistics over every seat it played, and its self-play games on their own. */
export function agentStats(games: GameRecord[], names: string[], reservationOf: (instance: string, seat: 0 | 1) => number): AgentStats[] {
  return names.map((agent) => {
    const adv: number[] = [];
    let agreements = 0;
    let ir = 0;
    let pareto = 0;
    let nash = 0;
    let welfare = 0;
    const self: GameRecord[] = [];
    for (const g of games) {
      for (const seat of [0, 1] as const) {
        if ((seat === 0 ? g.first : g.second) !== agent) continue;
        adv.push(g.advantages[seat]);
        if (g.agreement) agreements++;
        if (g.agreement && g.utilities[seat] < reservationOf(g.instance, seat)) ir++;
        pareto += g.paretoDistance;
        nash += g.nashDistance;
        welfare += g.utilities[0] + g.utilities[1];
      }
      if (g.first === agent && g.second === agent) self.push(g);
    }
    const n = adv.length;
    const mean = (f: (g: GameRecord) => number) => self.reduce((s, g) => s + f(g), 0) / self.length;
    return {
      agent,
      seats: n,
      advantage: estimate(adv),
      agreementRate: agreements / n,
      irViolations: ir,
      paretoDistance: pareto / n,
      nashDistance: nash / n,
      welfare: welfare / n,
      selfPlay:
        self.length === 0
          ? null
          : {
              games: self.length,
              agreementRate: mean((g) => (g.agreement ? 1 : 0)),
              paretoDistance: mean((g) => g.paretoDistance),
              nashDistance: mean((g) => g.nashDistance),
              advantage: mean((g) => (g.advantages[0] + g.advantages[1]) / 2),
            },
    };
  });
}

/** For each pair, the row agent's mean advantage in its games against the column agent (both orders). */
export function advantageTable(games: GameRecord[], names: string[]): number[][] {
  return names.map((a) =>
    names.map((b) => {
      let sum = 0;
      let n = 0;
      for (const g of games) {
        if (g.first === a && g.second === b) {
          sum += g.advantages[0];
          n++;
        }
        if (g.second === a && g.first === b) {
          sum += g.advantages[1];
          n++;
        }
      }
      return n > 0 ? sum / n : NaN;
    }),
  );
}

/**
 * Head to head: for each pair, the row agent's mean advantage minus the column agent's, over the
 * games between them in both opening orders. Zero on the diagonal.
 */
export function headToHead(games: GameRecord[], names: string[]): number[][] {
  return names.map((a) =>
    names.map((b) => {
      if (a === b) return 0;
      let sum = 0;
      let n = 0;
      for (const g of games) {
        if (g.first === a && g.second === b) sum += g.advantages[0] - g.advantages[1];
        else if (g.first === b && g.second === a) sum += g.advantages[1] - g.advantages[0];
        else continue;
        n++;
      }
      return n > 0 ? sum / n : NaN;
    }),
  );
}
