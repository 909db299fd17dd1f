import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENT_NAMES, AGENTS } from '../../src/negotiators/agents';
import { generateInstance } from '../../src/negotiators/instances';
import type { AgentFactory, Instance } from '../../src/negotiators/protocol';
import { negotiate, prepare } from '../../src/negotiators/protocol';

/** Wraps an agent so that every action it takes is checked against its own utility table. */
function watched(name: string, check: (event: { kind: 'accept' | 'offer'; utility: number; reservation: number; name: string }) => void): AgentFactory {
  return (seat) => {
    const inner = AGENTS[name]!(seat);
    return {
      act(input) {
        const action = inner.act(input);
        if (action.type === 'accept') check({ kind: 'accept', utility: seat.table.utilities[input.offer!]!, reservation: seat.prefs.reservation, name });
        if (action.type === 'offer') check({ kind: 'offer', utility: seat.table.utilities[action.pkg]!, reservation: seat.prefs.reservation, name });
        return action;
      },
    };
  };
}

const arbitraryGame = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  turns: fc.integer({ min: 2, max: 60 }),
  first: fc.constantFrom(...AGENT_NAMES),
  second: fc.constantFrom(...AGENT_NAMES),
});

const instanceOf = (seed: number, turns: number): Instance => ({ ...generateInstance(seed), turns });

describe('properties of every agent', () => {
  it('never accepts an offer worth less than its reservation, and no deal leaves a side below it', () => {
    fc.assert(
      fc.property(arbitraryGame, ({ seed, turns, first, second }) => {
        const check = (e: { kind: string; utility: number; reservation: number }) => {
          if (e.kind === 'accept') expect(e.utility).toBeGreaterThanOrEqual(e.reservation);
        };
        const inst = instanceOf(seed, turns);
        const r = negotiate(prepare(inst), [watched(first, check), watched(second, check)], `p${seed}`);
        if (r.agreement) {
          expect(r.utilities[0]).toBeGreaterThanOrEqual(inst.sides[0].reservation);
          expect(r.utilities[1]).toBeGreaterThanOrEqual(inst.sides[1].reservation);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('time-dependent agents never raise their offers in their own utility', () => {
    const timeDependent = ['hardliner', 'boulware', 'linear', 'conceder', 'boulware-om'];
    fc.assert(
      fc.property(arbitraryGame, fc.constantFrom(...timeDependent), ({ seed, turns, second }, first) => {
        const offers: number[] = [];
        const track = (e: { kind: string; utility: number; name: string }) => {
          if (e.kind === 'offer' && e.name === first) offers.push(e.utility);
        };
        negotiate(prepare(instanceOf(seed, turns)), [watched(first, track), watched(second, () => {})], `m${seed}`);
        for (let i = 1; i < offers.length; i++) expect(offers[i]).toBeLessThanOrEqual(offers[i - 1]!);
      }),
      { numRuns: 300 },
    );
  });

  it('hard never goes back to an offer of its own older than its last, before its final offer (MiCRO reads going back as its own rule)', () => {
    fc.assert(
      fc.property(arbitraryGame, fc.boolean(), ({ seed, turns, second }, hardFirst) => {
        const mine: { turn: number; pkg: number }[] = [];
        const track: AgentFactory = (seat) => {
          const inner = AGENTS.hard!(seat);
          return {
            act(input) {
              const a = inner.act(input);
              if (a.type === 'offer') mine.push({ turn: input.turn, pkg: a.pkg });
              return a;
            },
          };
        };
        negotiate(prepare(instanceOf(seed, turns)), hardFirst ? [track, AGENTS[second]!] : [AGENTS[second]!, track], `b${seed}`);
        for (let i = 1; i < mine.length; i++) {
          if (mine[i]!.turn + 2 >= turns - 1) continue;
          const earlier = mine.slice(0, i - 1).map((m) => m.pkg);
          if (mine[i]!.pkg !== mine[i - 1]!.pkg) expect(earlier).not.toContain(mine[i]!.pkg);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a game is a pure function of the instance, the agents and the game name', () => {
    fc.assert(
      fc.property(arbitraryGame, ({ seed, turns, first, second }) => {
        const p = prepare(instanceOf(seed, turns));
        const agents = [AGENTS[first]!, AGENTS[second]!] as [AgentFactory, AgentFactory];
        expect(negotiate(p, agents, 'g')).toEqual(negotiate(p, agents, 'g'));
      }),
      { numRuns: 100 },
    );
  });
});
