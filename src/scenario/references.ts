import { INDICATORS, isIndicatorId } from '../core/indicators';
import { LIMITS } from '../core/schema/limits';
import { listed, quote, thousands } from '../core/schema/primitives';
import { checkHistoryPlay, checkQuantitiesAndHistory } from './history-checks';

/**
 * Checks of what refers to what in a scenario: ids that must be unique, references that must
 * resolve, sides that must match, numbers that must agree with each other. It reads the raw parsed
 * file defensively, so it can report its problems alongside the schema's in a single pass even
 * when parts of the file are malformed.
 */
export interface ReferenceProblem {
  path: (string | number)[];
  message: string;
}

type Raw = Record<string, unknown>;

const isObject = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

export function checkReferences(data: unknown): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  if (!isObject(data)) return problems;
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });

  const uniqueIds = (items: unknown[], path: string, what: string): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const itemId = isObject(item) ? str(item.id) : undefined;
      if (itemId === undefined) return;
      if (seen.has(itemId)) add([path, i, 'id'], `duplicate ${what} id ${quote(itemId)}`);
      seen.add(itemId);
    });
    return seen;
  };

  const sources = uniqueIds(list(data.sources), 'sources', 'source');
  const checkSource = (value: unknown, path: (string | number)[]) => {
    const s = str(value);
    if (s !== undefined && !sources.has(s)) add(path, `unknown source ${quote(s)}: add it to the sources list or fix the id`);
  };

  const issues = list(data.issues);
  uniqueIds(issues, 'issues', 'issue');
  const positionsByIssue = new Map<string, Map<string, Raw>>();
  issues.forEach((issue, i) => {
    if (!isObject(issue)) return;
    const positions = new Map<string, Raw>();
    list(issue.positions).forEach((p, j) => {
      if (!isObject(p)) return;
      const pid = str(p.id);
      if (pid === undefined) return;
      if (positions.has(pid)) add(['issues', i, 'positions', j, 'id'], `duplicate position id ${quote(pid)} in issue ${quote(issue.id)}`);
      positions.set(pid, p);
    });
    const issueId = str(issue.id);
    if (issueId !== undefined) positionsByIssue.set(issueId, positions);
  });

  const checkIssueRef = (issueValue: unknown, path: (string | number)[]): Map<string, Raw> | undefined => {
    const issueId = str(issueValue);
    if (issueId === undefined) return undefined;
    const positions = positionsByIssue.get(issueId);
    if (!positions) add(path, `unknown issue ${quote(issueId)}`);
    return positions;
  };
  const checkPositionRef = (positions: Map<string, Raw> | undefined, issueId: unknown, value: unknown, path: (string | number)[]) => {
    const pid = str(value);
    if (!positions || pid === undefined) return;
    if (!positions.has(pid)) add(path, `issue ${quote(issueId)} has no position ${quote(pid)} (it has: ${listed(positions.keys())})`);
  };
  const checkEffects = (effects: unknown, path: (string | number)[]) => {
    list(effects).forEach((e, k) => {
      if (isObject(e)) checkSource(e.source, [...path, k, 'source']);
    });
  };

  issues.forEach((issue, i) => {
    if (!isObject(issue)) return;
    checkSource(issue.source, ['issues', i, 'source']);
    const positions = positionsByIssue.get(str(issue.id) ?? '');
    const statusQuo = str(issue.statusQuo);
    checkPositionRef(positions, issue.id, statusQuo, ['issues', i, 'statusQuo']);
    const sq = statusQuo !== undefined ? positions?.get(statusQuo) : undefined;
    if (sq && list(sq.inForce).length > 0) {
      add(['issues', i, 'statusQuo'], `the status quo ${quote(statusQuo)} has inForce effects; its levels are already part of the starting indicators, so put them under "indicators" instead`);
    }
    const negotiable = list(issue.positions).filter((p) => isObject(p) && p.escalation !== true);
    if (list(issue.positions).length > 0 && negotiable.length === 0) add(['issues', i, 'positions'], 'every position is a unilateral measure: there is nothing to negotiate');
    list(issue.positions).forEach((p, j) => {
      if (!isObject(p)) return;
      const path = ['issues', i, 'positions', j];
      checkSource(p.source, [...path, 'source']);
      checkEffects(p.effects, [...path, 'effects']);
      checkEffects(p.inForce, [...path, 'inForce']);
      checkEffects(p.perRound, [...path, 'perRound']);
      if (p.revertsTo !== undefined) {
        checkPositionRef(positions, issue.id, p.revertsTo, [...path, 'revertsTo']);
        if (p.expiresAfter === undefined) add([...path, 'revertsTo'], '"revertsTo" only applies to a position with "expiresAfter"');
        if (p.revertsTo === p.id) add([...path, 'revertsTo'], 'a position cannot snap back to itself');
      }
      if (p.tension !== undefined && p.escalation !== true) add([...path, 'tension'], '"tension" only applies to a unilateral measure ("escalation: true")');
    });
  });

  // The AI weighs every package at each of its moves: the product of each issue's negotiable positions.
  const packages = issues.reduce<number>((n, issue) => n * Math.max(1, isObject(issue) ? list(issue.positions).filter((p) => isObject(p) && p.escalation !== true).length : 1), 1);
  if (packages > LIMITS.packages) {
    add(['issues'], `these issues make ${thousands(packages)} packages (the product of each issue's negotiable positions), and the AI weighs every one at each move: at most ${thousands(LIMITS.packages)}; drop an issue or a position`);
  }

  const eventIds = uniqueIds(list(data.events), 'events', 'event');
  const horizon = num(data.horizon);
  const rounds = num(data.rounds);
  if (horizon !== undefined && rounds !== undefined && horizon < rounds) add(['horizon'], `the horizon (${horizon}) must be at least the number of rounds (${rounds})`);
  list(data.events).forEach((event, i) => {
    if (!isObject(event)) return;
    checkSource(event.source, ['events', i, 'source']);
    checkEffects(event.effects, ['events', i, 'effects']);
    const round = num(event.round);
    if (round !== undefined && horizon !== undefined && round > horizon) add(['events', i, 'round'], `round ${round} is after the horizon (${horizon}): the event could never happen`);
    if (isObject(event.sets)) {
      for (const [issueId, positionId] of Object.entries(event.sets)) {
        const positions = checkIssueRef(issueId, ['events', i, 'sets', issueId]);
        checkPositionRef(positions, issueId, positionId, ['events', i, 'sets', issueId]);
      }
    }
    list(event.when).forEach((c, k) => {
      if (!isObject(c) || c.issue === undefined) return;
      const positions = checkIssueRef(c.issue, ['events', i, 'when', k, 'issue']);
      checkPositionRef(positions, c.issue, c.is, ['events', i, 'when', k, 'is']);
      checkPositionRef(positions, c.issue, c.isNot, ['events', i, 'when', k, 'isNot']);
    });
    if (event.effects === undefined && event.sets === undefined) add(['events', i], 'an event needs "effects" or "sets": otherwise it changes nothing');
  });

  const doctrines = new Map<string, Raw>();
  uniqueIds(list(data.doctrines), 'doctrines', 'doctrine');
  list(data.doctrines).forEach((d, i) => {
    if (!isObject(d)) return;
    checkSource(d.source, ['doctrines', i, 'source']);
    const did = str(d.id);
    if (did !== undefined) doctrines.set(did, d);
    if (isObject(d.weights) && !Object.values(d.weights).some((w) => typeof w === 'number' && w !== 0)) {
      add(['doctrines', i, 'weights'], 'a doctrine needs at least one non-zero weight');
    }
  });

  const profiles = new Map<string, Raw>();
  uniqueIds(list(data.profiles), 'profiles', 'profile');
  list(data.profiles).forEach((p, i) => {
    if (!isObject(p)) return;
    const pid = str(p.id);
    if (pid !== undefined) profiles.set(pid, p);
    const doctrineId = str(p.doctrine);
    if (doctrineId !== undefined) {
      const d = doctrines.get(doctrineId);
      if (!d) add(['profiles', i, 'doctrine'], `unknown doctrine ${quote(doctrineId)}`);
      else if (d.side !== p.side) add(['profiles', i, 'doctrine'], `doctrine ${quote(doctrineId)} belongs to ${quote(d.side)}, but this profile plays ${quote(p.side)}`);
    }
    list(p.redLines).forEach((line, k) => {
      if (!isObject(line)) return;
      const positions = checkIssueRef(line.issue, ['profiles', i, 'redLines', k, 'issue']);
      list(line.never).forEach((pos, m) => checkPositionRef(positions, line.issue, pos, ['profiles', i, 'redLines', k, 'never', m]));
    });
  });

  for (const s of ['us', 'china'] as const) {
    const docs = [...doctrines.values()].filter((d) => d.side === s);
    if (doctrines.size > 0 && docs.length === 0) add(['doctrines'], `no doctrine for ${s}: each side needs at least one`);
    const info = isObject(data.sides) ? data.sides[s] : undefined;
    if (!isObject(info)) continue;
    const pid = str(info.defaultProfile);
    if (pid === undefined) continue;
    const profile = profiles.get(pid);
    if (!profile) add(['sides', s, 'defaultProfile'], `unknown profile ${quote(pid)}`);
    else if (profile.side !== s) add(['sides', s, 'defaultProfile'], `profile ${quote(pid)} plays ${String(profile.side)}, not ${s}`);
  }

  if (isObject(data.indicators)) {
    for (const [key, setting] of Object.entries(data.indicators)) {
      if (!isIndicatorId(key) || !isObject(setting)) continue;
      checkSource(setting.source, ['indicators', key, 'source']);
      const initial = num(setting.initial);
      const def = INDICATORS[key];
      if (initial !== undefined && (initial < def.min || initial > def.max)) {
        add(['indicators', key, 'initial'], `${initial} is outside the range of ${def.label} (${def.min} to ${def.max} ${def.unit})`);
      }
    }
  }

  if (isObject(data.dates)) {
    const start = str(data.dates.start);
    const end = str(data.dates.end);
    if (start && end && start > end) add(['dates', 'end'], `the end (${end}) comes before the start (${start})`);
  }

  checkQuantitiesAndHistory(data, { sources, positionsByIssue, events: eventIds }, add);
  // The historical path is replayed through the engine only once everything it names resolves.
  if (problems.length === 0) problems.push(...checkHistoryPlay(data));
  return problems;
}
