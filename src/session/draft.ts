import { dict } from '../core/dict';
import { ratification, doctrineFor } from '../core/engine';
import { packageWorth, projectPackage, type IndicatorProjection } from '../core/projection';
import { checkPackage, legalMoveSpace } from '../core/rules';
import { negotiablePositions } from '../core/scenario-lookup';
import type { GameState, IssueCategory, Move, Package, Scenario, Side } from '../core/types';
import { CATEGORY_ORDER } from './text';

/**
 * The package a player builds before committing it: chips from their own levers (offers) and
 * from the other side's (asks). A chip is one position an issue could move to; an issue takes at
 * most one chip, so picking another position of it replaces the first.
 */
export interface Chip {
  /** Stable id, "issue=position". */
  id: string;
  issue: string;
  position: string;
  issueLabel: string;
  positionLabel: string;
  /** What the chip shows when it is drawn too small for its label (the scenario's short label). */
  positionShort?: string;
  category: IssueCategory;
  holder: Side;
  /** An offer gives up something of the player's; an ask wants something of the other side's. */
  role: 'offer' | 'ask';
}

export interface ChipGroup {
  category: IssueCategory;
  chips: Chip[];
}

export function chipId(issue: string, position: string): string {
  return `${issue}=${position}`;
}

/** Every chip a side could put on the table now, grouped by category, offers first. */
export function chipsFor(scenario: Scenario, state: GameState, side: Side): { offers: ChipGroup[]; asks: ChipGroup[] } {
  const all: Chip[] = [];
  for (const issue of scenario.issues) {
    for (const position of negotiablePositions(issue)) {
      if (position.id === state.positions[issue.id]) continue;
      all.push({
        id: chipId(issue.id, position.id),
        issue: issue.id,
        position: position.id,
        issueLabel: issue.label,
        positionLabel: position.label,
        ...(position.short ? { positionShort: position.short } : {}),
        category: issue.category,
        holder: issue.holder,
        role: issue.holder === side ? 'offer' : 'ask',
      });
    }
  }
  const group = (role: Chip['role']): ChipGroup[] =>
    CATEGORY_ORDER.map((category) => ({ category, chips: all.filter((c) => c.role === role && c.category === category) })).filter((g) => g.chips.length > 0);
  return { offers: group('offer'), asks: group('ask') };
}

/** Put a chip in the package (replacing another position of its issue), or take it out if it is in. */
export function toggleChip(pkg: Package, issue: string, position: string): Package {
  const next = dict(pkg);
  if (next[issue] === position) delete next[issue];
  else next[issue] = position;
  return next;
}

/** Keep only the entries that still name a negotiable change from what is in force. */
export function pruneDraft(scenario: Scenario, state: GameState, pkg: Package): Package {
  const out = dict<string>();
  for (const [issueId, positionId] of Object.entries(pkg)) {
    const issue = scenario.issues.find((i) => i.id === issueId);
    if (!issue || state.positions[issueId] === positionId) continue;
    if (negotiablePositions(issue).some((p) => p.id === positionId)) out[issueId] = positionId;
  }
  return out;
}

export interface DraftAssessment {
  /** Why it cannot be proposed now, or null. */
  problem: string | null;
  projections: IndicatorProjection[];
  /** The package's projected worth under the player's doctrine, in score points (−100..100 scale). */
  worth: number;
  /** Would each side's domestic politics ratify it? */
  ratification: Record<Side, { ratified: boolean; projected: number; threshold: number }>;
}

/** The projected effect of a draft before it is committed, from the core's model (no draws). */
export function assessDraft(scenario: Scenario, state: GameState, side: Side, pkg: Package): DraftAssessment {
  const check = Object.keys(pkg).length === 0 ? { ok: false as const, reason: 'put at least one chip on the table' } : checkPackage(scenario, state, pkg);
  const doctrine = doctrineFor(scenario, state.options, side);
  const rat = (s: Side) => {
    const r = ratification(scenario, state, pkg, s);
    return { ratified: r.ratified, projected: r.projected, threshold: r.threshold };
  };
  return {
    problem: check.ok ? null : check.reason,
    projections: projectPackage(scenario, state, pkg),
    worth: packageWorth(scenario, state, doctrine, pkg),
    ratification: { us: rat('us'), china: rat('china') },
  };
}

/** The unilateral measures a side may impose or threaten now. */
export function escalationMoves(scenario: Scenario, state: GameState, side: Side): Extract<Move, { type: 'impose' | 'threaten' }>[] {
  return legalMoveSpace(scenario, state, side).moves.filter((m): m is Extract<Move, { type: 'impose' | 'threaten' }> => m.type === 'impose' || m.type === 'threaten');
}
