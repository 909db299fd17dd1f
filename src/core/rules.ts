import { dict } from './dict';
import { quote } from './schema/primitives';
import { findPosition, issuesHeldBy, negotiablePositions, otherSide } from './scenario-lookup';
import type { GameState, Move, MoveType, Package, Scenario, Side } from './types';
import { SIDES } from './types';

export type MoveCheck = { ok: true } | { ok: false; reason: string };

const fail = (reason: string): MoveCheck => ({ ok: false, reason });

/** A package with its issues in scenario order, so equal packages serialise to equal bytes. */
export function canonicalPackage(scenario: Scenario, pkg: Package): Package {
  const out = dict<string>();
  for (const issue of scenario.issues) {
    const position = Object.prototype.hasOwnProperty.call(pkg, issue.id) ? pkg[issue.id] : undefined;
    if (position !== undefined) out[issue.id] = position;
  }
  return out;
}

/** The issues a package would change from what is in force now. */
export function changedIssues(state: GameState, pkg: Package): string[] {
  return Object.keys(pkg).filter((id) => state.positions[id] !== pkg[id]);
}

function isSide(value: unknown): value is Side {
  return typeof value === 'string' && (SIDES as readonly string[]).includes(value);
}

/**
 * Whether `move` may be played now, and if not, why, in words a player or a move file's author
 * can act on. Accepts untrusted input: it checks the shape as well as the rules.
 */
export function checkMove(scenario: Scenario, state: GameState, move: Move): MoveCheck {
  if (typeof move !== 'object' || move === null) return fail('a move must be an object');
  if (!isSide(move.side)) return fail(`"side" must be "us" or "china", got ${quote(move.side)}`);
  if (state.phase !== 'negotiation') return fail('the negotiation is over');
  if (move.side !== state.turn) return fail(`it is not the turn of ${scenario.sides[move.side].label}: ${scenario.sides[state.turn].label} moves now`);
  const side = move.side;
  switch (move.type) {
    case 'accept':
    case 'reject':
      if (!state.standing || state.standing.by === side) return fail(`there is no offer from ${scenario.sides[otherSide(side)].label} to ${move.type}`);
      return { ok: true };
    case 'walkout':
      return { ok: true };
    case 'hold':
      if (state.standing && state.standing.by !== side) return fail(`an offer from ${scenario.sides[otherSide(side)].label} is on the table: accept it, reject it or counter it`);
      return { ok: true };
    case 'impose':
    case 'threaten': {
      const issue = scenario.issues.find((i) => i.id === move.issue);
      if (!issue) return fail(`unknown issue ${quote(move.issue)}`);
      if (issue.holder !== side) return fail(`"${issue.id}" is a lever of ${scenario.sides[issue.holder].label}, not of ${scenario.sides[side].label}`);
      const position = findPosition(issue, move.position);
      if (!position) return fail(`issue "${issue.id}" has no position ${quote(move.position)}`);
      if (!position.escalation) return fail(`"${position.id}" on "${issue.id}" is not a unilateral measure`);
      if (state.positions[issue.id] === position.id) return fail(`"${position.id}" is already in force on "${issue.id}"`);
      if (move.type === 'threaten' && state.threats.some((t) => t.side === side && t.issue === issue.id && t.status === 'pending')) {
        return fail(`${scenario.sides[side].label} already has a threat pending on "${issue.id}"`);
      }
      return { ok: true };
    }
    case 'propose':
      return checkPackage(scenario, state, move.package);
    case 'event': {
      const event = scenario.events.find((e) => e.id === move.event);
      if (!event) return fail(`the scenario has no event ${quote(move.event)}`);
      if ((event.once ?? true) && state.firedEvents.includes(event.id)) return fail(`the event "${event.id}" happens once, and it has already happened`);
      return { ok: true };
    }
    default:
      return fail(`unknown move type ${quote((move as { type: unknown }).type)}`);
  }
}

export function checkPackage(scenario: Scenario, state: GameState, pkg: Package): MoveCheck {
  if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg)) return fail('"package" must be an object of issue: position');
  const entries = Object.entries(pkg);
  if (entries.length === 0) return fail('a package must name at least one issue');
  for (const [issueId, positionId] of entries) {
    const issue = scenario.issues.find((i) => i.id === issueId);
    if (!issue) return fail(`unknown issue ${quote(issueId)} in the package`);
    const position = findPosition(issue, positionId);
    if (!position) return fail(`issue "${issueId}" has no position ${quote(positionId)}`);
    if (position.escalation) return fail(`"${positionId}" on "${issueId}" is a unilateral measure and cannot be part of a package`);
  }
  if (changedIssues(state, pkg).length === 0) return fail('the package changes nothing that is in force now');
  return { ok: true };
}

/** One issue of the package space: leave it as it is, or set one of these positions. */
export interface PackageDimension {
  issue: string;
  options: string[];
}

/**
 * Every legal move of a side, with proposals described as a space rather than listed (a scenario
 * with ten issues has tens of thousands of packages). `moves` holds every other legal move.
 */
export interface LegalMoveSpace {
  moves: Move[];
  packages: PackageDimension[];
  /** Number of distinct legal proposals. */
  packageCount: number;
}

export function legalMoveSpace(scenario: Scenario, state: GameState, side: Side): LegalMoveSpace {
  const empty: LegalMoveSpace = { moves: [], packages: [], packageCount: 0 };
  if (state.phase !== 'negotiation' || state.turn !== side) return empty;
  const moves: Move[] = [];
  if (state.standing && state.standing.by !== side) {
    moves.push({ type: 'accept', side }, { type: 'reject', side });
  } else {
    moves.push({ type: 'hold', side });
  }
  for (const issue of issuesHeldBy(scenario, side)) {
    for (const position of issue.positions) {
      if (!position.escalation || state.positions[issue.id] === position.id) continue;
      moves.push({ type: 'impose', side, issue: issue.id, position: position.id });
      const threatened = state.threats.some((t) => t.side === side && t.issue === issue.id && t.status === 'pending');
      if (!threatened) moves.push({ type: 'threaten', side, issue: issue.id, position: position.id });
    }
  }
  moves.push({ type: 'walkout', side });

  // Each issue may stay as it is or move to any other negotiable position; "no change at all"
  // is the one combination that is not a proposal.
  const packages: PackageDimension[] = [];
  let combinations = 1;
  for (const issue of scenario.issues) {
    const options = negotiablePositions(issue)
      .map((p) => p.id)
      .filter((id) => id !== state.positions[issue.id]);
    if (options.length === 0) continue;
    packages.push({ issue: issue.id, options });
    combinations *= options.length + 1;
  }
  return { moves, packages, packageCount: packages.length === 0 ? 0 : combinations - 1 };
}

/** The i-th proposal of a package space (0-based, mixed radix; index 0 is the first non-empty one). */
export function packageAt(space: PackageDimension[], index: number): Package {
  let rest = index + 1;
  const pkg = dict<string>();
  for (const dim of space) {
    const radix = dim.options.length + 1;
    const digit = rest % radix;
    rest = Math.floor(rest / radix);
    if (digit > 0) pkg[dim.issue] = dim.options[digit - 1]!;
  }
  return pkg;
}

/**
 * Every legal move, proposals included. Refuses spaces too large to list; callers that only need
 * to sample should use `legalMoveSpace` and `packageAt`.
 */
export function legalMoves(scenario: Scenario, state: GameState, side: Side, limit = 100_000): Move[] {
  const space = legalMoveSpace(scenario, state, side);
  if (space.packageCount > limit) {
    throw new Error(`${space.packageCount} proposals are legal here; use legalMoveSpace to sample them`);
  }
  const proposals: Move[] = [];
  for (let i = 0; i < space.packageCount; i++) {
    proposals.push({ type: 'propose', side, package: canonicalPackage(scenario, packageAt(space.packages, i)) });
  }
  return [...proposals, ...space.moves];
}

/** The kinds of move a side may make now. */
export function legalMoveTypes(space: LegalMoveSpace): MoveType[] {
  const types = new Set<MoveType>(space.moves.map((m) => m.type));
  if (space.packageCount > 0) types.add('propose');
  const order: MoveType[] = ['propose', 'accept', 'reject', 'hold', 'impose', 'threaten', 'walkout'];
  return order.filter((t) => types.has(t));
}
