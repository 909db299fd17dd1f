import { doctrineFor, profileFor, replay } from '../core/engine';
import { INDICATOR_LIST, type IndicatorDefinition } from '../core/indicators';
import { encodeResult } from '../core/result-code';
import { doctrineOf, issueOf, otherSide, positionOf } from '../core/scenario-lookup';
import { rateReplay, type GameRating } from '../core/rating';
import { meanChanges, score, type Score } from '../core/scoring';
import type { Doctrine, GameSpec, GameState, Indicators, Outcome, Scenario, Side, ThreatStatus } from '../core/types';
import type { LedgerEntry } from '../negotiators/index';
import { findCounterfactual, type Counterfactual } from './counterfactual';
import { outcomeFigures, type OutcomeFigure } from './outcome';
import { outcomeText, packageItems, type PackageItem } from './text';
import { atSentenceStart, measureText, sideInSentence } from '../core/sentence';

export interface Trajectory {
  indicator: IndicatorDefinition;
  /** The value at round 0 (the start) and at the end of every round modelled. */
  values: number[];
}

export interface DebriefThreat {
  side: Side;
  text: string;
  status: ThreatStatus;
}

export interface Debrief {
  scenario: Scenario;
  spec: GameSpec;
  side: Side;
  opponent: Side;
  /** Whether the opponent was played by the AI (then its red lines and ledger are shown). */
  opponentIsAi: boolean;
  final: GameState;
  outcome: Outcome;
  outcomeText: string;
  /** The deal's terms, each against what was in force before it. */
  deal: PackageItem[];
  /** The round the talks ended in; the model ran on to the horizon after it. */
  talksEnded: number;
  trajectories: Trajectory[];
  /** Mean change of each indicator over the rounds modelled (what the scores weigh). */
  changes: Indicators;
  /** Both sides' ratings on the bargaining-zone scale and the joint value left on the table (src/core/rating.ts). */
  rating: GameRating;
  /** The outcome figures the debrief leads with, each explained in one sentence: both ratings, the joint gap, the doctrine scores. */
  figures: OutcomeFigure[];
  /** Scores under every doctrine of the player's side, the chosen one first. */
  scores: { doctrine: Doctrine; score: Score; chosen: boolean }[];
  counterfactual: Counterfactual | null;
  /** The AI's profile, hidden during play. */
  aiProfile: { label: string; doctrine: Doctrine; description?: string } | null;
  redLines: { issue: string; issueLabel: string; never: string[]; why?: string }[];
  ledger: LedgerEntry[];
  threats: DebriefThreat[];
  resultCode: string;
}

/** The AI's ledger of threats and promises (src/negotiators' ledgerOf). */
export type Ledger = (scenario: Scenario, spec: GameSpec, side: Side) => LedgerEntry[];

/** Everything the debrief shows, derived from the move log alone. */
export function buildDebrief(scenario: Scenario, spec: GameSpec, ledgerOf: Ledger, side: Side = spec.options.humans[0] ?? 'us'): Debrief {
  const run = replay(scenario, spec.seed, spec.options, spec.moves);
  const final = run.final;
  if (!final.outcome) throw new Error('the game has not ended');
  const opponent = otherSide(side);
  const opponentIsAi = !spec.options.humans.includes(opponent);
  const chosen = doctrineFor(scenario, spec.options, side);
  const doctrines = scenario.doctrines.filter((d) => d.side === side);
  doctrines.sort((a, b) => (a.id === chosen.id ? -1 : b.id === chosen.id ? 1 : 0));
  const beforeDeal = run.states[run.states.length - 2] ?? run.states[0]!;
  const profile = profileFor(scenario, spec.options, opponent);
  const rating = rateReplay(scenario, run, spec.moves);
  return {
    scenario,
    spec,
    side,
    opponent,
    opponentIsAi,
    final,
    outcome: final.outcome,
    outcomeText: outcomeText(scenario, final.outcome, spec.options.humans.length === 1 ? side : null),
    deal: final.outcome.kind === 'deal' ? packageItems(scenario, beforeDeal, final.outcome.package ?? {}) : [],
    talksEnded: final.outcome.round,
    trajectories: INDICATOR_LIST.map((indicator) => ({ indicator, values: final.trajectory.map((h) => h.indicators[indicator.id]) })),
    changes: meanChanges(final),
    rating,
    figures: outcomeFigures(scenario, final, rating, side),
    scores: doctrines.map((doctrine) => ({ doctrine, score: score(final, doctrine), chosen: doctrine.id === chosen.id })),
    counterfactual: findCounterfactual(scenario, spec, side),
    aiProfile: opponentIsAi ? { label: profile.label, doctrine: doctrineOf(scenario, profile.doctrine), ...(profile.description ? { description: profile.description } : {}) } : null,
    redLines: opponentIsAi
      ? profile.redLines.map((r) => ({
          issue: r.issue,
          issueLabel: issueOf(scenario, r.issue).label,
          never: r.never.map((p) => positionOf(scenario, r.issue, p).label),
          ...(r.why ? { why: r.why } : {}),
        }))
      : [],
    ledger: opponentIsAi ? ledgerOf(scenario, spec, opponent) : [],
    threats: final.threats.map((t) => ({
      side: t.side,
      text: `${atSentenceStart(sideInSentence(scenario.sides[t.side].label))} threatened in round ${t.madeRound}: a measure on ${measureText(scenario, t.issue, t.position)}, due by the end of round ${t.dueRound}.`,
      status: t.status,
    })),
    resultCode: encodeResult(spec, scenario),
  };
}

export const THREAT_STATUS_TEXT: Record<ThreatStatus, string> = {
  pending: 'still pending',
  'carried-out': 'carried out',
  'settled-in-deal': 'settled by the deal',
  'backed-down': 'backed down (paid an audience cost at home)',
};
