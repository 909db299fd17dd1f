import { replay } from '../../core/engine';
import { issueOf, positionOf } from '../../core/scenario-lookup';
import type { Distribution, GameSpec, GameState, Scenario, Side, ThreatStatus } from '../../core/types';

/**
 * The ledger of a negotiator's threats and promises, read from the move log and the game that
 * follows from it: a threat is kept when carried out, broken when it lapsed, withdrawn when a deal
 * settled it. A promise is a commitment of its own side in the deal it signed: kept while the
 * position stays in force for its agreed term; a purchase pledge is kept when at least half of it
 * was delivered (the engine draws delivery on the compliance stream), and its entry says how much.
 */

export interface LedgerEntry {
  round: number;
  kind: 'threat' | 'promise';
  text: string;
  status: 'pending' | 'kept' | 'partly-kept' | 'broken' | 'withdrawn';
}

const THREAT_STATUS: Record<ThreatStatus, LedgerEntry['status']> = {
  pending: 'pending',
  'carried-out': 'kept',
  'backed-down': 'broken',
  'settled-in-deal': 'withdrawn',
};

/** A pledge counts as kept from this share delivered, as partly kept from the next. */
export const KEPT_SHARE = 0.9;
export const PARTLY_KEPT_SHARE = 0.25;

/** Share of a pledge delivered, from the drawn level of a compliance effect and its distribution. */
export function deliveredShare(drawn: number, delta: Distribution): number | null {
  if (typeof delta === 'number') return delta === 0 ? null : drawn / delta;
  const hi = 'uniform' in delta ? delta.uniform[1] : 'beta' in delta ? delta.scale[1] : delta.max;
  if (hi === undefined || hi === 0) return null;
  return drawn / hi;
}

function promiseStatus(
  scenario: Scenario,
  final: GameState,
  issueId: string,
  positionId: string,
  dealRound: number,
): { status: LedgerEntry['status']; note: string } {
  const position = positionOf(scenario, issueId, positionId);
  const inForce = final.positions[issueId] === positionId;
  const ranItsTerm = position.expiresAfter !== undefined && final.round >= dealRound + position.expiresAfter;
  if (!inForce && !ranItsTerm)
    return { status: 'broken', note: ' It did not stay in force for its agreed term.' };
  const note = !inForce ? ` It ran its ${position.expiresAfter} rounds and then lapsed, as agreed.` : '';
  for (const effect of position.inForce ?? []) {
    if (effect.stream !== 'compliance') continue;
    const drawn = final.contributions[issueId]?.[effect.indicator];
    if (drawn === undefined) continue;
    const share = deliveredShare(drawn, effect.delta);
    if (share === null) continue;
    const pct = Math.round(100 * share);
    return {
      // Half a pledge delivered is not a pledge kept.
      status: share >= KEPT_SHARE ? 'kept' : share >= PARTLY_KEPT_SHARE ? 'partly-kept' : 'broken',
      note: `${note} About ${pct}% of what was pledged was delivered.`,
    };
  }
  return { status: 'kept', note };
}

export function ledger(scenario: Scenario, spec: GameSpec, side: Side): LedgerEntry[] {
  const { states, final } = replay(scenario, spec.seed, spec.options, spec.moves);
  const out: LedgerEntry[] = [];
  spec.moves.forEach((move, i) => {
    if (move.side !== side || move.type !== 'threaten') return;
    const round = states[i]!.round;
    const threat = final.threats.find(
      (t) =>
        t.side === side && t.issue === move.issue && t.position === move.position && t.madeRound === round,
    );
    if (!threat) return;
    const label = `${positionOf(scenario, move.issue, move.position).label} (${issueOf(scenario, move.issue).label})`;
    const what = {
      pending: `still due by the end of round ${threat.dueRound}`,
      'carried-out': 'it was carried out',
      'backed-down': 'it lapsed without action, at a cost at home',
      'settled-in-deal': 'a deal settled it',
    }[threat.status];
    out.push({
      round,
      kind: 'threat',
      text: `Threatened ${label} unless there was a deal by the end of round ${threat.dueRound}: ${what}.`,
      status: THREAT_STATUS[threat.status],
    });
  });
  const outcome = final.outcome;
  if (outcome?.kind === 'deal' && outcome.package) {
    for (const [issueId, positionId] of Object.entries(outcome.package)) {
      if (issueOf(scenario, issueId).holder !== side) continue;
      const { status, note } = promiseStatus(scenario, final, issueId, positionId, outcome.round);
      out.push({
        round: outcome.round,
        kind: 'promise',
        text: `Agreed in the deal: ${positionOf(scenario, issueId, positionId).label} (${issueOf(scenario, issueId).label}).${note}`,
        status,
      });
    }
  }
  return out;
}
