import { assign, setup } from 'xstate';
import type { Move, Side } from '../../core/types';
import type { Assessment, DecisionKind, IntelLevel } from './assess';
import { FIRM_TOLERANCE } from './assess';
import {
  moveFor,
  mustCarryOut,
  offerAcceptable,
  refusesToRewardCoercion,
  shouldCoolOff,
  shouldRetaliate,
  shouldThreaten,
  shouldWalkOut,
} from './assess';
import type { Memory, MoveFacts } from './memory';
import type { Posture } from './posture';
import { EMPTY_MEMORY, remember } from './memory';
import { analysisFor } from './reasons';
import { sayFor } from './voice';
import { wordsOr } from '../decision-words';

/**
 * The game negotiator: one statechart for both sides, parameterised by the side, its profile
 * (through the assessments its driver computes) and the player's intelligence level.
 *
 * It reads the talks move by move (`observe`, with one move or the few since it last looked, in
 * order: its memory takes each in turn, and the latest decides where it stands): its own moves
 * send it back to awaiting the other side; the other side's offer puts it in evaluating, a threat
 * or a measure imposed on it in provoked, anything else (a rejection, a hold) in stalled. When its
 * turn comes (`decide`, with an assessment of the game state) it settles, in this order, whether
 * to accept the offer on the table, carry out a threat that falls due (unless its final offer is
 * worth more), answer a measure imposed on it with one of its own (if its doctrine does not count
 * tension as a cost: one that does refuses to reward coercion, which every negotiator does by
 * signing nothing that leaves the measure in force), walk out, cool off, threaten, stand firm (hard, while a measure the other side imposed on it
 * during the talks is in force: it concedes nothing and says why), or counter;
 * each choice is a state with the move, what it says at the table and the analysis behind it. The
 * game's end puts it in deal, walked out or no deal.
 *
 * Guards and actions are named and their logic lives in pure functions (assess.ts, memory.ts,
 * reasons.ts), so the chart holds no arithmetic of its own, and its state after a move log is a
 * function of that log: deciding leaves nothing behind that the next move does not clear, so a
 * negotiator that followed the game move by move and one rebuilt from the log are the same.
 * Asked again in a decision state (the session retries after a failure), it decides again.
 */

export type { Posture };

export interface Decision {
  kind: DecisionKind;
  move: Move;
  /** What it says at the table, in the first person (voice.ts). */
  say: string;
  /** The analysis behind it, with the numbers (reasons.ts). */
  analysis: string;
  posture: Posture;
}

export interface NegotiatorContext {
  side: Side;
  intel: IntelLevel;
  memory: Memory;
  assessment: Assessment | null;
  decision: Decision | null;
}

export type NegotiatorEvent =
  { type: 'observe'; moves: MoveFacts[] } | { type: 'decide'; assessment: Assessment };

export interface NegotiatorInput {
  side: Side;
  intel: IntelLevel;
}

/** The posture a decision shows at the table. */
export function postureOf(kind: DecisionKind, a: Assessment): Posture {
  switch (kind) {
    case 'accept':
      return 'deal';
    case 'walkout':
      return 'walked-out';
    case 'cool-off':
      return 'cooling-off';
    case 'threaten':
    case 'carry-out':
    case 'retaliate':
      return 'escalating';
    case 'stand-firm':
      return 'firm';
    case 'counter':
      if (!a.counter || a.counter.previousUtility === null) return 'probing';
      return a.counter.utility >= a.counter.previousUtility - FIRM_TOLERANCE ? 'firm' : 'conceding';
  }
}

/**
 * The decision of a decision state. What it says and the analysis are written when first read:
 * a headless game (a Monte Carlo run, a benchmark) reads neither, and both are functions of the
 * assessment, the memory and the intelligence level as they are when it decides (none of them is
 * ever changed: a move makes new ones, and the voice's draws are in the assessment), so writing
 * them later writes the same words.
 */
function decision(kind: DecisionKind, context: NegotiatorContext): Decision {
  const a = context.assessment!;
  const { memory, intel } = context;
  const posture = postureOf(kind, a);
  const move = moveFor(kind, a);
  let say: string | undefined;
  let analysis: string | undefined;
  return {
    kind,
    move,
    // A wording that fails gives the move's plain words: the move is played, whatever its words.
    get say() {
      return (say ??= wordsOr(() => sayFor(kind, a, memory, posture), move, 'say'));
    },
    get analysis() {
      return (analysis ??= wordsOr(() => analysisFor(kind, a, memory, intel), move, 'analysis'));
    },
    posture,
  };
}

/** The latest move an observe event brings. */
const facts = (event: NegotiatorEvent): MoveFacts | null =>
  event.type === 'observe' ? (event.moves[event.moves.length - 1] ?? null) : null;

/** Its turn has come: take the assessment and decide. */
const DECIDE = { target: 'deciding', actions: 'takeAssessment' } as const;

export const negotiatorMachine = setup({
  types: {
    context: {} as NegotiatorContext,
    events: {} as NegotiatorEvent,
    input: {} as NegotiatorInput,
  },
  guards: {
    endedInDeal: ({ event }) => facts(event)?.ended === 'deal',
    endedByWalkout: ({ event }) => facts(event)?.ended === 'walkout',
    endedAtDeadline: ({ event }) => facts(event)?.ended === 'deadline',
    ownMove: ({ event }) => facts(event)?.mine === true,
    theirOffer: ({ event }) => facts(event)?.move.type === 'propose',
    theirEscalation: ({ event }) => ['threaten', 'impose'].includes(facts(event)?.move.type ?? ''),
    acceptable: ({ context }) => offerAcceptable(context.assessment!),
    threatFallsDue: ({ context }) => mustCarryOut(context.assessment!),
    retaliates: ({ context }) => shouldRetaliate(context.assessment!, context.memory),
    fedUp: ({ context }) => shouldWalkOut(context.assessment!, context.memory),
    heated: ({ context }) => shouldCoolOff(context.assessment!, context.memory),
    outOfPatience: ({ context }) => shouldThreaten(context.assessment!, context.memory),
    coercedHoldsFirm: ({ context }) => refusesToRewardCoercion(context.assessment!),
  },
  actions: {
    // a new move makes any decision taken before it stale
    remember: assign({
      memory: ({ context, event }) =>
        event.type === 'observe' ? event.moves.reduce(remember, context.memory) : context.memory,
      assessment: null,
      decision: null,
    }),
    takeAssessment: assign({
      assessment: ({ event }) => (event.type === 'decide' ? event.assessment : null),
      decision: null,
    }),
    decideAccept: assign({ decision: ({ context }) => decision('accept', context) }),
    decideCarryOut: assign({ decision: ({ context }) => decision('carry-out', context) }),
    decideRetaliate: assign({ decision: ({ context }) => decision('retaliate', context) }),
    decideWalkOut: assign({ decision: ({ context }) => decision('walkout', context) }),
    decideCoolOff: assign({ decision: ({ context }) => decision('cool-off', context) }),
    decideThreaten: assign({ decision: ({ context }) => decision('threaten', context) }),
    decideStandFirm: assign({ decision: ({ context }) => decision('stand-firm', context) }),
    decideCounter: assign({ decision: ({ context }) => decision('counter', context) }),
  },
}).createMachine({
  id: 'negotiator',
  context: ({ input }) => ({
    side: input.side,
    intel: input.intel,
    memory: EMPTY_MEMORY,
    assessment: null,
    decision: null,
  }),
  initial: 'preparing',
  on: {
    observe: [
      { guard: 'endedInDeal', target: '.deal', actions: 'remember' },
      { guard: 'endedByWalkout', target: '.walkedOut', actions: 'remember' },
      { guard: 'endedAtDeadline', target: '.noDeal', actions: 'remember' },
      { guard: 'ownMove', target: '.awaiting', actions: 'remember' },
      { guard: 'theirOffer', target: '.evaluating', actions: 'remember' },
      { guard: 'theirEscalation', target: '.provoked', actions: 'remember' },
      { target: '.stalled', actions: 'remember' },
    ],
  },
  states: {
    /** Before its first move. */
    preparing: { on: { decide: DECIDE } },
    /** The other side is to move. */
    awaiting: {},
    /** An offer of the other side is on the table. */
    evaluating: { on: { decide: DECIDE } },
    /** The other side has threatened or imposed a measure. */
    provoked: { on: { decide: DECIDE } },
    /** The other side rejected, held, or its acceptance failed at home: nothing on the table. */
    stalled: { on: { decide: DECIDE } },
    deciding: {
      always: [
        { guard: 'acceptable', target: 'accepting', actions: 'decideAccept' },
        { guard: 'threatFallsDue', target: 'escalating', actions: 'decideCarryOut' },
        { guard: 'retaliates', target: 'retaliating', actions: 'decideRetaliate' },
        { guard: 'fedUp', target: 'walkingOut', actions: 'decideWalkOut' },
        { guard: 'heated', target: 'coolingOff', actions: 'decideCoolOff' },
        { guard: 'outOfPatience', target: 'escalating', actions: 'decideThreaten' },
        { guard: 'coercedHoldsFirm', target: 'standingFirm', actions: 'decideStandFirm' },
        { target: 'countering', actions: 'decideCounter' },
      ],
    },
    accepting: { on: { decide: DECIDE } },
    countering: { on: { decide: DECIDE } },
    /** A measure the other side imposed during the talks is in force: it repeats its terms and concedes nothing until it is lifted or its final offer is due. */
    standingFirm: { on: { decide: DECIDE } },
    escalating: { on: { decide: DECIDE } },
    /** It answers a measure imposed on it with one of its own. */
    retaliating: { on: { decide: DECIDE } },
    coolingOff: { on: { decide: DECIDE } },
    walkingOut: { on: { decide: DECIDE } },
    deal: { type: 'final' },
    walkedOut: { type: 'final' },
    noDeal: { type: 'final' },
  },
});
