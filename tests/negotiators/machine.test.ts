import { describe, expect, it } from 'vitest';
import { getAdjacencyMap } from 'xstate/graph';
import { initialTransition, transition } from 'xstate';
import type { Move } from '../../src/core/types';
import type { Assessment } from '../../src/negotiators/game/assess';
import {
  COOLING_TENSION,
  mustCarryOut,
  offerAcceptable,
  shouldCoolOff,
  refusesToRewardCoercion,
  shouldRetaliate,
  shouldThreaten,
  shouldWalkOut,
} from '../../src/negotiators/game/assess';
import type { NegotiatorEvent } from '../../src/negotiators/game/machine';
import { negotiatorMachine } from '../../src/negotiators/game/machine';
import type { Memory, MoveFacts } from '../../src/negotiators/game/memory';
import { EMPTY_MEMORY, remember } from '../../src/negotiators/game/memory';

/** An assessment with nothing pressing: no offer on the table, no lever, no threat due. */
function assessment(over: Partial<Assessment> = {}): Assessment {
  return {
    side: 'us',
    sideLabel: 'United States',
    otherLabel: 'China',
    doctrineLabel: 'Test doctrine',
    difficulty: 'normal',
    patience: 2,
    round: 2,
    rounds: 6,
    turn: 2,
    turns: 12,
    lastTurn: false,
    tension: 5,
    offer: null,
    strategy: {
      accept: false,
      counter: 0,
      target: 0.8,
      floor: 0.3,
      next: 0.8,
      acceptedBecause: null,
      finalOffer: null,
      stubborn: false,
      reciprocal: false,
      coerced: false,
    },
    counter: { pkg: { beans: 'lots' }, utility: 0.8, points: 3, previousUtility: null, theirWorth: 0, previousTheirWorth: null },
    previousOffer: null,
    walkAway: { utility: 0.2, points: 0 },
    myLastMove: false,
    finalOfferTurn: false,
    toReverse: [],
    coercion: [],
    nextPoints: 3,
    dueThreat: null,
    lever: null,
    retaliation: null,
    canHold: true,
    prefersCalm: false,
    weights: [
      { issue: 'chips', label: 'Chip controls', weight: 0.7 },
      { issue: 'beans', label: 'Soybeans', weight: 0.3 },
    ],
    audienceCost: 6,
    threatWindow: 1,
    words: {
      issue: { chips: 'Chip controls', beans: 'Soybeans' },
      position: { chips: { ban: 'Total ban' }, beans: { lots: 'Lots', some: 'Some', none: 'None' } },
      holder: { chips: 'us', beans: 'china' },
    },
    focus: 'us.securityCost',
    voice: [0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6],
    voiceBase: [0.1, 0.3, 0.5, 0.7, 0.9, 0.2, 0.4, 0.6],
    ...over,
  };
}

const supportOk = { side: 'us' as const, projected: 50, needed: 35, ok: true };
const OFFER = {
  pkg: { beans: 'some' },
  utility: 0.9,
  points: 4,
  redLines: [],
  unreversed: [],
  home: supportOk,
  there: { ...supportOk, side: 'china' as const },
  signable: true,
};
const LEVER = { issue: 'chips', position: 'ban', ours: -1, theirs: -3 };

const observe = (move: Move, over: Partial<MoveFacts> = {}): NegotiatorEvent => ({
  type: 'observe',
  moves: [
    {
      move,
      mine: move.side === 'us',
      ended: null,
      positions: move.type === 'propose' ? { chips: 'strict', ...move.package } : null,
      utility: 0.5,
      crossings: 0,
      failedRatification: false,
      ...over,
    },
  ],
});

const EVENTS: NegotiatorEvent[] = [
  observe({ type: 'propose', side: 'us', package: { beans: 'lots' } }),
  observe({ type: 'propose', side: 'china', package: { beans: 'some' } }),
  observe({ type: 'reject', side: 'china' }),
  observe({ type: 'threaten', side: 'china', issue: 'beans', position: 'none' }),
  observe({ type: 'impose', side: 'china', issue: 'beans', position: 'none' }),
  observe({ type: 'accept', side: 'china' }, { ended: 'deal' }),
  observe({ type: 'walkout', side: 'china' }, { ended: 'walkout' }),
  observe({ type: 'reject', side: 'china' }, { ended: 'deadline' }),
  { type: 'decide', assessment: assessment() },
  {
    type: 'decide',
    assessment: assessment({
      offer: OFFER,
      strategy: { ...assessment().strategy, accept: true, acceptedBecause: 'next' },
    }),
  },
  {
    type: 'decide',
    assessment: assessment({
      dueThreat: {
        side: 'us',
        issue: 'chips',
        position: 'ban',
        madeRound: 1,
        dueRound: 2,
        status: 'pending',
      },
    }),
  },
  { type: 'decide', assessment: assessment({ lever: LEVER, patience: 0 }) },
  { type: 'decide', assessment: assessment({ tension: 9, prefersCalm: true }) },
  { type: 'decide', assessment: assessment({ retaliation: LEVER }) },
  {
    type: 'decide',
    assessment: assessment({
      difficulty: 'hard',
      strategy: { ...assessment().strategy, coerced: true },
      toReverse: ['chips'],
      coercion: [{ issue: 'chips', position: 'ban', asked: null }],
    }),
  },
];

/** Snapshots are told apart by state and by the memory that guards read, bounded so the graph is finite. */
const key = (s: { value: unknown; context: { memory: Memory } }) => {
  const m = s.context.memory;
  return JSON.stringify([
    s.value,
    Math.min(m.impositions, 2),
    Math.min(m.stalled, 2),
    m.provoked,
    m.coerced,
    m.failedRatification,
    Math.min(m.threatsMade, 2),
  ]);
};

describe('the negotiator statechart', () => {
  const input = { side: 'us' as const, intel: 'high' as const };
  type Snap = { value: unknown; status: string; context: { memory: Memory } };
  const adjacency = getAdjacencyMap(negotiatorMachine, {
    input,
    events: EVENTS,
    serializeState: key,
    limit: 50_000,
  }) as unknown as Record<string, { state: Snap; transitions: Record<string, { state: Snap }> }>;
  const nodes = Object.keys(adjacency);

  it('reaches every one of its states', () => {
    const values = new Set(Object.values(adjacency).map((n) => String(n.state.value)));
    const declared = Object.keys(negotiatorMachine.root.states).filter((s) => s !== 'deciding');
    expect([...values].sort()).toEqual(declared.sort());
    // deciding is transient: it is passed through on every decision
    expect(negotiatorMachine.root.states.deciding!.always?.length).toBeGreaterThan(0);
  });

  it('has no trap: from every state it reaches, a final state is reachable', () => {
    const canFinish = new Set(nodes.filter((k) => adjacency[k]!.state.status === 'done'));
    expect(canFinish.size).toBeGreaterThan(0);
    let grew = true;
    while (grew) {
      grew = false;
      for (const k of nodes) {
        if (canFinish.has(k)) continue;
        const next = Object.values(adjacency[k]!.transitions).map((t) => key(t.state));
        if (next.some((n) => canFinish.has(n))) {
          canFinish.add(k);
          grew = true;
        }
      }
    }
    expect(nodes.filter((k) => !canFinish.has(k))).toEqual([]);
  });

  it('decides in the order: accept, carry out a threat, walk out, cool off, threaten, counter', () => {
    const decideFrom = (events: NegotiatorEvent[], a: Assessment) => {
      let [s] = initialTransition(negotiatorMachine, input);
      for (const e of events) [s] = transition(negotiatorMachine, s, e);
      [s] = transition(negotiatorMachine, s, { type: 'decide', assessment: a });
      return { value: s.value, move: s.context.decision?.move, posture: s.context.decision?.posture };
    };
    const offer = observe({ type: 'propose', side: 'china', package: { beans: 'some' } });
    expect(
      decideFrom(
        [offer],
        assessment({
          offer: OFFER,
          strategy: { ...assessment().strategy, accept: true, acceptedBecause: 'next' },
          lever: LEVER,
          patience: 0,
        }),
      ),
    ).toEqual({
      value: 'accepting',
      move: { type: 'accept', side: 'us' },
      posture: 'deal',
    });
    expect(
      decideFrom(
        [offer],
        assessment({
          offer: { ...OFFER, home: { ...supportOk, projected: 30, ok: false }, signable: false },
          strategy: { ...assessment().strategy, accept: true },
        }),
      ).value,
    ).toBe('countering');
    const due = {
      side: 'us' as const,
      issue: 'chips',
      position: 'ban',
      madeRound: 1,
      dueRound: 2,
      status: 'pending' as const,
    };
    expect(decideFrom([], assessment({ dueThreat: due, lever: LEVER, patience: 0 })).move).toEqual({
      type: 'impose',
      side: 'us',
      issue: 'chips',
      position: 'ban',
    });
    const imposed = observe({ type: 'impose', side: 'china', issue: 'beans', position: 'none' });
    const stall = observe({ type: 'reject', side: 'china' });
    expect(decideFrom([imposed, imposed, stall], assessment({ lever: LEVER })).value).toBe('walkingOut');
    expect(decideFrom([imposed], assessment({ tension: 9, prefersCalm: true, lever: LEVER })).move).toEqual({
      type: 'hold',
      side: 'us',
    });
    // coerced, a doctrine that does not mind tension answers in kind at once; one that does refuses to reward it
    expect(
      decideFrom(
        [imposed],
        assessment({ tension: 9, prefersCalm: false, lever: LEVER, retaliation: LEVER, difficulty: 'hard' }),
      ),
    ).toMatchObject({
      value: 'retaliating',
      move: { type: 'impose', side: 'us', issue: 'chips', position: 'ban' },
      posture: 'escalating',
    });
    expect(
      decideFrom([imposed], assessment({ tension: 5, prefersCalm: true, lever: LEVER, difficulty: 'hard' }))
        .move,
    ).toEqual({
      type: 'threaten',
      side: 'us',
      issue: 'chips',
      position: 'ban',
    });
    const threat = observe({ type: 'threaten', side: 'china', issue: 'beans', position: 'none' });
    expect(
      decideFrom([threat], assessment({ prefersCalm: false, lever: LEVER, difficulty: 'hard' })).move,
    ).toEqual({
      type: 'threaten',
      side: 'us',
      issue: 'chips',
      position: 'ban',
    });
    expect(decideFrom([], assessment())).toMatchObject({
      value: 'countering',
      move: { type: 'propose', side: 'us', package: { beans: 'lots' } },
      posture: 'probing',
    });
    expect(decideFrom([offer], assessment({ offer: OFFER, counter: null, canHold: false })).move).toEqual({
      type: 'reject',
      side: 'us',
    });
  });

  it('goes back to awaiting after its own move, and ends with the game', () => {
    let [s] = initialTransition(negotiatorMachine, input);
    expect(s.value).toBe('preparing');
    [s] = transition(
      negotiatorMachine,
      s,
      observe({ type: 'propose', side: 'us', package: { beans: 'lots' } }),
    );
    expect(s.value).toBe('awaiting');
    [s] = transition(
      negotiatorMachine,
      s,
      observe({ type: 'threaten', side: 'china', issue: 'beans', position: 'none' }),
    );
    expect(s.value).toBe('provoked');
    [s] = transition(negotiatorMachine, s, observe({ type: 'walkout', side: 'china' }, { ended: 'walkout' }));
    expect(s.value).toBe('walkedOut');
    expect(s.status).toBe('done');
  });
});

describe('the guards, as pure predicates', () => {
  const m = (over: Partial<Memory> = {}): Memory => ({ ...EMPTY_MEMORY, ...over });

  it('accepts only an offer the strategy takes, with no red line crossed, that both sides would ratify', () => {
    const yes = assessment({ offer: OFFER, strategy: { ...assessment().strategy, accept: true } });
    expect(offerAcceptable(yes)).toBe(true);
    expect(
      offerAcceptable({
        ...yes,
        offer: { ...OFFER, redLines: [{ issue: 'beans', position: 'lots' }], signable: false },
      }),
    ).toBe(false);
    expect(
      offerAcceptable({ ...yes, offer: { ...OFFER, there: { ...OFFER.there, ok: false }, signable: false } }),
    ).toBe(false);
    expect(offerAcceptable({ ...yes, offer: { ...OFFER, unreversed: ['beans'], signable: false } })).toBe(
      false,
    );
    expect(offerAcceptable({ ...yes, strategy: { ...yes.strategy, accept: false } })).toBe(false);
    expect(offerAcceptable(assessment())).toBe(false);
  });

  it('carries threats out unless it is the easy bluffer', () => {
    const due = {
      side: 'us' as const,
      issue: 'chips',
      position: 'ban',
      madeRound: 1,
      dueRound: 2,
      status: 'pending' as const,
    };
    expect(mustCarryOut(assessment({ dueThreat: due }))).toBe(true);
    expect(mustCarryOut(assessment({ dueThreat: due, difficulty: 'easy' }))).toBe(false);
    expect(mustCarryOut(assessment())).toBe(false);
    // never instead of a final offer worth more than walking away; still instead of one worth less
    expect(mustCarryOut(assessment({ dueThreat: due, finalOfferTurn: true }))).toBe(false);
    expect(
      mustCarryOut(
        assessment({ dueThreat: due, finalOfferTurn: true, walkAway: { utility: 0.9, points: 5 } }),
      ),
    ).toBe(true);
    expect(mustCarryOut(assessment({ dueThreat: due, finalOfferTurn: true, counter: null }))).toBe(true);
  });

  it('threatens when out of patience (normal), also when provoked (hard), only when provoked (easy), never in the last round', () => {
    const a = assessment({ lever: LEVER });
    expect(shouldThreaten(a, m({ stalled: 2 }))).toBe(true);
    expect(shouldThreaten(a, m({ stalled: 1 }))).toBe(false);
    expect(shouldThreaten(a, m({ provoked: true }))).toBe(false);
    expect(shouldThreaten({ ...a, difficulty: 'hard' }, m({ provoked: true }))).toBe(true);
    expect(shouldThreaten({ ...a, difficulty: 'easy' }, m({ stalled: 5 }))).toBe(false);
    expect(shouldThreaten({ ...a, difficulty: 'easy' }, m({ provoked: true }))).toBe(true);
    expect(shouldThreaten({ ...a, round: 6 }, m({ stalled: 5 }))).toBe(false);
    // a threat falling due in the last round would set carrying it out against the final offers
    expect(shouldThreaten({ ...a, round: 5 }, m({ stalled: 5 }))).toBe(false);
    expect(shouldThreaten({ ...a, round: 4 }, m({ stalled: 5 }))).toBe(true);
    expect(shouldThreaten(assessment(), m({ stalled: 5 }))).toBe(false);
    expect(shouldThreaten(a, m({ stalled: 5, threatsMade: 2 }))).toBe(false);
  });

  it('cools off when provoked in a hot climate it dislikes, or after a deal failed at home', () => {
    expect(
      shouldCoolOff(assessment({ tension: COOLING_TENSION, prefersCalm: true }), m({ provoked: true })),
    ).toBe(true);
    expect(
      shouldCoolOff(assessment({ tension: COOLING_TENSION - 0.5, prefersCalm: true }), m({ provoked: true })),
    ).toBe(false);
    expect(shouldCoolOff(assessment({ tension: 9, prefersCalm: false }), m({ provoked: true }))).toBe(false);
    expect(shouldCoolOff(assessment(), m({ failedRatification: true }))).toBe(true);
    expect(shouldCoolOff(assessment({ canHold: false }), m({ failedRatification: true }))).toBe(false);
  });

  it('retaliates for a measure imposed on it: at once, or at the second if its doctrine counts tension as a cost; never the bluffer (easy), without a lever, or in the last round', () => {
    const a = assessment({ retaliation: LEVER, difficulty: 'hard' });
    expect(shouldRetaliate(a, m({ coerced: true, impositions: 1 }))).toBe(true);
    expect(shouldRetaliate(a, m({ coerced: false, provoked: true }))).toBe(false);
    // a doctrine that counts tension as a cost lets its refusal speak the first time, and answers the second
    expect(shouldRetaliate({ ...a, prefersCalm: true }, m({ coerced: true, impositions: 1 }))).toBe(false);
    expect(shouldRetaliate({ ...a, prefersCalm: true }, m({ coerced: true, impositions: 2 }))).toBe(true);
    expect(shouldRetaliate({ ...a, difficulty: 'easy' }, m({ coerced: true }))).toBe(false);
    expect(shouldRetaliate({ ...a, retaliation: null }, m({ coerced: true }))).toBe(false);
    expect(shouldRetaliate({ ...a, round: 6 }, m({ coerced: true }))).toBe(false);
  });

  it('stands firm, saying why, while a measure imposed on it is in force and its strategy concedes nothing; not at its final offer, nor when it gives ground', () => {
    const coerced = assessment({
      difficulty: 'hard',
      strategy: { ...assessment().strategy, coerced: true },
      counter: { pkg: { beans: 'lots' }, utility: 0.8, points: 3, previousUtility: 0.8, theirWorth: 1, previousTheirWorth: 0 },
      previousOffer: { beans: 'lots' },
      toReverse: ['chips'],
      coercion: [{ issue: 'chips', position: 'ban', asked: null }],
    });
    expect(refusesToRewardCoercion(coerced)).toBe(true);
    expect(refusesToRewardCoercion({ ...coerced, strategy: { ...coerced.strategy, coerced: false } })).toBe(false);
    expect(refusesToRewardCoercion({ ...coerced, finalOfferTurn: true })).toBe(false);
    expect(refusesToRewardCoercion({ ...coerced, strategy: { ...coerced.strategy, finalOffer: 'own' } })).toBe(false);
    expect(refusesToRewardCoercion({ ...coerced, counter: { ...coerced.counter!, utility: 0.7 } })).toBe(false);
    expect(refusesToRewardCoercion({ ...coerced, counter: null })).toBe(false);
    let [s] = initialTransition(negotiatorMachine, { side: 'us', intel: 'high' });
    [s] = transition(negotiatorMachine, s, observe({ type: 'impose', side: 'china', issue: 'chips', position: 'ban' }));
    [s] = transition(negotiatorMachine, s, { type: 'decide', assessment: coerced });
    expect(s.value).toBe('standingFirm');
    expect(s.context.decision).toMatchObject({
      move: { type: 'propose', side: 'us', package: { beans: 'lots' } },
      posture: 'firm',
    });
    expect(s.context.decision!.analysis).toMatch(/because of what China imposed on it during the talks: a measure on chip controls \(total ban\)/);
    expect(s.context.decision!.analysis).toMatch(/concedes nothing before its final offer/);
    // the measure just imposed is named once, by the reaction to it, and then called "your measure"
    expect(s.context.decision!.say.match(/chip controls \(total ban\)/g)).toHaveLength(1);
    expect(s.context.decision!.say).toMatch(/your measure\b/);
  });

  it('walks out only after two measures imposed on it and its patience spent', () => {
    expect(shouldWalkOut(assessment(), m({ impositions: 2, stalled: 2 }))).toBe(true);
    expect(shouldWalkOut(assessment(), m({ impositions: 1, stalled: 5 }))).toBe(false);
    expect(shouldWalkOut(assessment({ difficulty: 'easy' }), m({ impositions: 3, stalled: 5 }))).toBe(false);
  });
});

describe('memory', () => {
  const offer = (u: number, crossings = 0): MoveFacts => ({
    move: { type: 'propose', side: 'china', package: { beans: 'some' } },
    mine: false,
    ended: null,
    positions: { beans: 'some' },
    utility: u,
    crossings,
    failedRatification: false,
  });

  it('counts the moves since the other side last made progress', () => {
    let mem = remember(EMPTY_MEMORY, offer(0.3));
    expect(mem.stalled).toBe(0);
    mem = remember(mem, offer(0.31));
    expect(mem.stalled).toBe(1);
    mem = remember(mem, {
      ...offer(0),
      move: { type: 'reject', side: 'china' },
      positions: null,
      utility: null,
    });
    expect(mem.stalled).toBe(2);
    mem = remember(mem, offer(0.33));
    expect(mem.stalled).toBe(0);
    expect(mem.received).toHaveLength(3);
  });

  it('counts dropping a red-line demand as progress, even at a lower utility', () => {
    let mem = remember(EMPTY_MEMORY, offer(0.6, 1));
    mem = remember(mem, offer(0.6, 1));
    expect(mem.stalled).toBe(1);
    mem = remember(mem, offer(0.4, 0));
    expect(mem.stalled).toBe(0);
  });

  it('remembers provocations, impositions and its own threats, and stays plain JSON', () => {
    let mem = remember(EMPTY_MEMORY, {
      ...offer(0),
      move: { type: 'impose', side: 'china', issue: 'beans', position: 'none' },
      positions: null,
      utility: null,
    });
    expect(mem).toMatchObject({ provoked: true, impositions: 1 });
    mem = remember(mem, {
      move: { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' },
      mine: true,
      ended: null,
      positions: null,
      utility: null,
      crossings: 0,
      failedRatification: false,
    });
    expect(mem).toMatchObject({ provoked: false, threatsMade: 1, lastMine: 'threaten' });
    expect(JSON.parse(JSON.stringify(mem))).toEqual(mem);
  });
});
