import { describe, expect, it } from 'vitest';
import type { Action, AgentFactory } from '../../src/negotiators/protocol';
import { negotiate, prepare } from '../../src/negotiators/protocol';
import { INSTANCE } from './fixtures';

/** An agent that plays a fixed script of actions and records what it saw. */
function scripted(actions: Action[], seen: { turn: number; t: number; offer: number | null }[] = []): AgentFactory {
  return () => {
    let i = 0;
    return {
      act({ turn, t, offer }) {
        seen.push({ turn, t, offer });
        return actions[i++] ?? { type: 'offer', pkg: 0 };
      },
    };
  };
}

describe('alternating offers with a deadline', () => {
  const prepared = prepare(INSTANCE);

  it("gives each side the other side's offer and runs each side's time from 0 to 1", () => {
    const seenA: { turn: number; t: number; offer: number | null }[] = [];
    const seenB: { turn: number; t: number; offer: number | null }[] = [];
    const r = negotiate(prepared, [scripted([{ type: 'offer', pkg: 2 }, { type: 'offer', pkg: 1 }], seenA), scripted([{ type: 'offer', pkg: 3 }, { type: 'accept' }], seenB)], 'g');
    expect(seenA.map((s) => s.offer)).toEqual([null, 3]);
    expect(seenB.map((s) => s.offer)).toEqual([2, 1]);
    expect(seenA[0]!.t).toBe(0);
    expect(seenB[0]!.t).toBe(0);
    // turn 3 is the second side's second of five turns
    expect(seenB[1]!.t).toBeCloseTo(1 / 4, 12);
    expect(r).toEqual({ agreement: true, pkg: 1, utilities: [prepared.tables[0].utilities[1], prepared.tables[1].utilities[1]], turn: 3, endedBy: null });
  });

  it('gives both sides their reservations when a side ends the talks', () => {
    const r = negotiate(prepared, [scripted([{ type: 'offer', pkg: 2 }]), scripted([{ type: 'end' }])], 'g');
    expect(r).toEqual({ agreement: false, pkg: null, utilities: [0.1, 0.2], turn: 1, endedBy: 1 });
  });

  it('ends with no deal at the deadline: turns offers at most, the last one unanswered', () => {
    let offers = 0;
    const counting: AgentFactory = () => ({
      act() {
        offers++;
        return { type: 'offer', pkg: 0 };
      },
    });
    const r = negotiate(prepared, [counting, counting], 'g');
    expect(offers).toBe(INSTANCE.turns);
    expect(r).toEqual({ agreement: false, pkg: null, utilities: [0.1, 0.2], turn: INSTANCE.turns, endedBy: null });
  });

  it('refuses an accept with nothing on the table and an offer outside the space', () => {
    expect(() => negotiate(prepared, [scripted([{ type: 'accept' }]), scripted([])], 'g')).toThrow('accepted at turn 0 with no offer');
    expect(() => negotiate(prepared, [scripted([{ type: 'offer', pkg: 6 }]), scripted([])], 'g')).toThrow('offered package 6');
  });

  it('gives each seat a random stream of its own, the same for the same game', () => {
    const draws: number[][] = [[], []];
    const drawing =
      (seat: number): AgentFactory =>
      () => ({
        act({ random }) {
          draws[seat]!.push(random());
          return { type: 'offer', pkg: 0 };
        },
      });
    negotiate(prepared, [drawing(0), drawing(1)], 'g');
    const first = draws.map((d) => d.slice());
    draws[0] = [];
    draws[1] = [];
    negotiate(prepared, [drawing(0), drawing(1)], 'g');
    expect(draws).toEqual(first);
    expect(first[0]).not.toEqual(first[1]);
  });
});
