import type { Doctrine, Issue, Position, Profile, Scenario, Side } from './types';

/**
 * Lookups into a validated scenario. The loader guarantees every reference resolves, so a miss
 * here is a programming error (or an unvalidated scenario) and throws.
 */
export function issueOf(scenario: Scenario, issueId: string): Issue {
  const issue = scenario.issues.find((i) => i.id === issueId);
  if (!issue) throw new Error(`scenario ${scenario.id} has no issue "${issueId}"`);
  return issue;
}

export function findPosition(issue: Issue, positionId: string): Position | undefined {
  return issue.positions.find((p) => p.id === positionId);
}

export function positionOf(scenario: Scenario, issueId: string, positionId: string): Position {
  const issue = issueOf(scenario, issueId);
  const position = findPosition(issue, positionId);
  if (!position) throw new Error(`issue ${issueId} has no position "${positionId}"`);
  return position;
}

export function doctrineOf(scenario: Scenario, doctrineId: string): Doctrine {
  const doctrine = scenario.doctrines.find((d) => d.id === doctrineId);
  if (!doctrine) throw new Error(`scenario ${scenario.id} has no doctrine "${doctrineId}"`);
  return doctrine;
}

export function profileOf(scenario: Scenario, profileId: string): Profile {
  const profile = scenario.profiles.find((p) => p.id === profileId);
  if (!profile) throw new Error(`scenario ${scenario.id} has no profile "${profileId}"`);
  return profile;
}

export function doctrinesFor(scenario: Scenario, side: Side): Doctrine[] {
  return scenario.doctrines.filter((d) => d.side === side);
}

export function issuesHeldBy(scenario: Scenario, side: Side): Issue[] {
  return scenario.issues.filter((i) => i.holder === side);
}

/** Positions that can be part of a proposed package (everything but unilateral measures). */
export function negotiablePositions(issue: Issue): Position[] {
  return issue.positions.filter((p) => !p.escalation);
}

export function otherSide(side: Side): Side {
  return side === 'us' ? 'china' : 'us';
}

export function sideLabel(scenario: Scenario, side: Side): string {
  return scenario.sides[side].label;
}

