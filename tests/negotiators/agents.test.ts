import { describe, expect, it } from 'vitest';
import { AGENT_NAMES, AGENTS } from '../../src/negotiators/agents';
import type { HardMemory } from '../../src/negotiators/agents/hard';
import { hardAgent, hardDecide, hardMemory, hardObserve } from '../../src/negotiators/agents/hard';
import { micro } from '../../src/negotiators/agents/micro';
import { randomAgent } from '../../src/negotiators/agents/random';
import { timeDependent } from '../../src/negotiators/agents/time-dependent';
import { titForTat } from '../../src/negotiators/agents/tit-for-tat';
import { decisionRng } from '../../src/core/rng';
import type { AgentFactory, Negotiator, Seat } from '../../src/negotiators/protocol';
import { negotiate, prepare } from '../../src/negotiators/protocol';
import { generateInstance } from '../../src/negotiators/instances';
import { timeAt } from '../../src/negotiators/strategy/concession';
import { INSTANCE } from './fixtures';

const prepared = prepare(INSTANCE);
const seat = (side: 0 | 1, turns = INSTANCE.turns): Seat => ({ space: prepared.space, table: prepared.tables[side], prefs: INSTANCE.sides[side], turns, first: side === 0 });
const act = (n: Negotiator, turn: number, offer: number | null, turns = INSTANCE.turns) => n.act({ turn, t: timeAt(turn, turns), offer, random: decisionRng('t', 'ai:0', turn) });

describe('the agent roster', () => {
  it('has the baselines of the issue and hard', () => {
    expect(AGENT_NAMES).toEqual(['hardliner', 'boulware', 'linear', 'conceder', 'boulware-om', 'tit-for-tat', 'micro', 'random', 'hard']);
  });
});

describe('time-dependent agents', () => {
  it('the hardliner demands its best package until its deadline, where it falls to its reservation', () => {
    // A moves at turns 0, 2, ..., 8 of 10; its time reaches 1 at turn 8
    const a = timeDependent(0)(seat(0));
    for (let k = 0; k < 8; k += 2) expect(act(a, k, k === 0 ? null : 1)).toEqual({ type: 'offer', pkg: 2 });
    // at its deadline it takes p1 (0.7): anything worth at least its least package above 0.1 (p4, 0.3)
    expect(act(a, 8, 1)).toEqual({ type: 'accept' });
    // and offers that least package itself rather than p3 (0), which is below its reservation
    expect(act(timeDependent(0)(seat(0)), 8, 3)).toEqual({ type: 'offer', pkg: 4 });
    // the second side reaches its deadline at the last turn
    expect(act(timeDependent(0)(seat(1)), 7, 5)).toEqual({ type: 'offer', pkg: 3 });
    expect(act(timeDependent(0)(seat(1)), 9, 0)).toEqual({ type: 'accept' });
  });

  it('the linear agent offers the least package at or above its straight-line target', () => {
    // A: Pmin = max(0.1, 0) = 0.1, Pmax = 1; at t = 4/9 the target is 1 - 0.9 * 4/9 = 0.6
    const a = timeDependent(1)(seat(0));
    expect(act(a, 4, 3)).toEqual({ type: 'offer', pkg: 5 });
    // at t = 1 the target is 0.1: p4 (0.3) is the least at or above it
    expect(timeDependent(1)(seat(0)).act({ turn: 9, t: 1, offer: 3, random: () => 0 })).toEqual({ type: 'offer', pkg: 4 });
  });

  it('accepts an offer worth at least its next offer (AC_next)', () => {
    // at t = 4/9 the linear agent would offer p5 (0.6): p1 (0.7) is better, p0 (0.4) is not
    expect(act(timeDependent(1)(seat(0)), 4, 1)).toEqual({ type: 'accept' });
    expect(act(timeDependent(1)(seat(0)), 4, 0)).toEqual({ type: 'offer', pkg: 5 });
  });

  it('the conceder concedes sooner than the boulware', () => {
    const at = (e: number) => {
      const n = timeDependent(e)(seat(0));
      return (act(n, 3, 3) as { pkg: number }).pkg;
    };
    expect(prepared.tables[0].utilities[at(2)]).toBeLessThanOrEqual(prepared.tables[0].utilities[at(0.2)]!);
    const late = (e: number) => (timeDependent(e)(seat(0)).act({ turn: 7, t: 7 / 9, offer: 3, random: () => 0 }) as { pkg: number }).pkg;
    // t = 7/9: the conceder aims at 0.1 + 0.9(1 - sqrt(7/9)) = 0.206 -> p4 (0.3)
    expect(late(2)).toBe(4);
    expect(late(0.2)).toBe(2);
  });

  it('the opponent-model variant picks, near its target, what the opponent has been asking for', () => {
    // B keeps asking for q on issue b: boulware-om at A's side prefers p5 (z,q) to p1 (y,p) near 0.6-0.7
    const a = timeDependent(1, true)(seat(0));
    act(a, 0, null);
    act(a, 2, 3);
    expect(act(a, 4, 4)).toEqual({ type: 'offer', pkg: 5 });
  });
});

describe('tit-for-tat', () => {
  it('opens with its best package and mirrors the opponent concession in its own utility', () => {
    const b = titForTat()(seat(1));
    // B's best is p3 (1.0)
    expect(act(b, 1, 2)).toEqual({ type: 'offer', pkg: 3 });
    // A moves from p2 (B 0) to p5 (B 0.7): a concession of 0.7, so B's target drops to 0.3 -> least at or above is p0 (0.3)
    expect(act(b, 3, 5)).toEqual({ type: 'accept' });
  });

  it('retreats when the opponent retreats', () => {
    const b = titForTat()(seat(1));
    act(b, 1, 0); // p0: B 0.3
    expect(act(b, 3, 4)).toEqual({ type: 'accept' }); // +0.55: target 0.45, p4 (0.85) beats the next offer
    const c = titForTat()(seat(1));
    act(c, 1, 4); // B 0.85
    expect(act(c, 3, 0)).toEqual({ type: 'offer', pkg: 3 }); // -0.55: target back up to 1
  });
});

describe('MiCRO', () => {
  it('steps down its ranking only when the opponent has made as many distinct offers', () => {
    const a = micro()(seat(0));
    expect(act(a, 0, null)).toEqual({ type: 'offer', pkg: 2 });
    // one distinct offer received, one made: it may step to p1
    expect(act(a, 2, 3)).toEqual({ type: 'offer', pkg: 1 });
    // the same offer again: still one distinct offer received, two made: it repeats an earlier one
    const repeat = act(a, 4, 3) as { pkg: number };
    expect([2, 1]).toContain(repeat.pkg);
    // a new offer (p4): two received, it steps to p5
    expect(act(a, 6, 4)).toEqual({ type: 'offer', pkg: 5 });
  });

  it('never offers below its reservation and accepts what its next offer is worth', () => {
    const strict = { ...INSTANCE.sides[0], reservation: 0.65 };
    const a = micro()({ ...seat(0), prefs: strict });
    const offers = [act(a, 0, null), act(a, 2, 3), act(a, 4, 4), act(a, 6, 0)].map((x) => (x as { pkg: number }).pkg);
    expect(offers.every((p) => prepared.tables[0].utilities[p]! >= 0.65)).toBe(true);
    expect(act(micro()(seat(0)), 0, null)).toEqual({ type: 'offer', pkg: 2 });
    const b = micro()(seat(0));
    act(b, 0, null);
    expect(act(b, 2, 1)).toEqual({ type: 'accept' });
  });
});

describe('random', () => {
  it('offers only packages it prefers to no deal', () => {
    const strict = { ...INSTANCE.sides[0], reservation: 0.5 };
    const a = randomAgent()({ ...seat(0), prefs: strict });
    for (let k = 0; k < 40; k += 2) {
      const x = act(a, k, 3);
      expect(x.type).toBe('offer');
      expect(prepared.tables[0].utilities[(x as { pkg: number }).pkg]).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe('hard', () => {
  it('opens with its best package', () => {
    expect(act(hardAgent()(seat(0)), 0, null)).toEqual({ type: 'offer', pkg: 2 });
  });

  it("does not give in to a hardliner: at the hardliner's deadline it gets p5 (A 0.6, B 0.7), not the hardliner's demand", () => {
    // B's last offer (turn 7) keeps half of what A asks for by the model of A's one repeated offer (p2): p5
    const second = negotiate(prepared, [AGENTS.hardliner!, hardAgent()], 'h');
    expect(second).toMatchObject({ agreement: true, pkg: 5, turn: 8 });
    // as the first side its ultimatum (turn 8) is the best for A keeping half of p3: p5 again
    const first = negotiate(prepared, [hardAgent(), AGENTS.hardliner!], 'h');
    expect(first).toMatchObject({ agreement: true, pkg: 5, turn: 9 });
  });

  it('makes its last offer that can still be accepted the best for it of the opponent offers, or accepts one as good', () => {
    // A moves last-but-one at turn 8 of 10; B has proposed p0 (A 0.4), p5 (A 0.6) and p4 (A 0.3)
    const play = (last: number) => {
      const h = hardAgent()(seat(0));
      act(h, 0, null);
      act(h, 2, 0);
      act(h, 4, 5);
      act(h, 6, 4);
      return act(h, 8, last);
    };
    expect(play(4)).toEqual({ type: 'offer', pkg: 5 });
    expect(play(5)).toEqual({ type: 'accept' });
  });

  it('reads MiCRO by its rule: no new offer while ahead of mine, a step back to an earlier one when ahead', () => {
    const s0 = seat(0);
    const mine: HardMemory = { ...hardMemory(prepared.space.radices), offered: [[2, 0]], lastOffered: [2, 0] };
    // p3 and p4 come while A has made one offer (p2): the first is no step ahead, the second one
    // step (B has one, A one); then, ahead of A, B goes back to p3
    const micro = [[0, 1], [1, 1], [0, 1]].reduce((m, o) => hardObserve(s0, m, o), mine);
    expect(micro).toMatchObject({ ahead: 0, waits: 1, receivedCount: 3 });
    // a time-dependent agent makes new offers whatever A does
    const td = [[0, 1], [1, 1], [0, 0]].reduce((m, o) => hardObserve(s0, m, o), mine);
    expect(td).toMatchObject({ ahead: 1, waits: 0 });
  });

  it('against MiCRO, rather than repeat itself, offers a package neither side has offered that the model does not rate near MiCRO next step', () => {
    const s0 = seat(0);
    const start: HardMemory = { ...hardMemory(prepared.space.radices), offered: [[2, 0]], lastOffered: [2, 0] };
    const mem = [[0, 1], [1, 1]].reduce((m, o) => hardObserve(s0, m, o), start);
    // B goes back to p3: at turn 6 its target (0.93) leaves nothing new, so it would repeat p2. The
    // model of B (p3, p4, p3) rates p5 (0.72) and p0 (0.56) highest of the packages B has not
    // offered (p0, p1, p2, p5). It avoids the top 30% of four, rounded up: p5 and p0. Of p1 and
    // p2 (already offered), it offers p1 (A 0.7)
    const move = hardDecide(s0, mem, { turn: 6, t: timeAt(6, 10), offer: [0, 1] });
    expect(move.why.reciprocal).toBe(true);
    expect(move.action).toEqual({ type: 'offer', pkg: 1 });
    // had B repeated its last offer (p4) instead of going back to p3, it would repeat p2
    const plain = hardDecide(s0, mem, { turn: 6, t: timeAt(6, 10), offer: [1, 1] });
    expect(plain.why.reciprocal).toBe(false);
    expect(plain.action).toEqual({ type: 'offer', pkg: 2 });
  });

  it('keeps MiCRO walking down its ranking and takes the best of its offers (a 288-package instance)', () => {
    const big = prepare(generateInstance(21));
    for (const side of [0, 1] as const) {
      const theirs = new Set<number>();
      const watch: AgentFactory = (s) => {
        const inner = micro()(s);
        return {
          act(input) {
            const a = inner.act(input);
            if (a.type === 'offer') theirs.add(a.pkg);
            return a;
          },
        };
      };
      const r = negotiate(big, side === 0 ? [hardAgent(), watch] : [watch, hardAgent()], 'm');
      expect(theirs.size).toBeGreaterThanOrEqual(45);
      expect(r.utilities[side]).toBe(Math.max(...[...theirs].map((p) => big.tables[side].utilities[p]!)));
      const boulware = negotiate(big, side === 0 ? [AGENTS.boulware!, micro()] : [micro(), AGENTS.boulware!], 'm');
      expect(r.utilities[side]).toBeGreaterThan(boulware.utilities[side] + 0.1);
    }
  });

  it('reaches the Pareto-optimal Nash point against itself on the hand-checked domain', () => {
    const long = { ...INSTANCE, turns: 40 };
    const r = negotiate(prepare(long), [hardAgent(), hardAgent()], 'self');
    expect(r.agreement).toBe(true);
    expect(r.pkg).toBe(5);
  });

  it('holds firm against a conceder and gets the best package the conceder can accept', () => {
    // p3 (B 1.0) leaves A below its reservation, so p4 (B 0.85, A 0.3) is the most B can get
    const long = { ...INSTANCE, turns: 40 };
    const r = negotiate(prepare(long), [AGENTS.conceder!, hardAgent()], 'c');
    expect(r.pkg).toBe(4);
  });
});

describe('every agent', () => {
  it('plays a whole negotiation against every other without breaking the protocol', () => {
    for (const a of AGENT_NAMES) for (const b of AGENT_NAMES) expect(() => negotiate(prepared, [AGENTS[a]!, AGENTS[b]!] as [AgentFactory, AgentFactory], `${a}-${b}`)).not.toThrow();
  });
});
