import type { Domain, Preferences } from './domain';
import type { Instance } from './protocol';

/**
 * Checks of untrusted negotiation data (an instances file, a set of preferences). Every problem
 * names the field it is about, e.g. `instances[0].sides[1].weights: sum to 0.9, not 1 (within
 * 1e-6)`, and all problems are reported at once. A caller runs nothing unless the list is empty.
 */

export const WEIGHT_TOLERANCE = 1e-6;
/** The largest package space the exact frontier and search will enumerate. */
export const MAX_PACKAGES = 1_000_000;

type Json = unknown;

const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: Json): x is number => typeof x === 'number' && Number.isFinite(x);
const show = (x: Json) => (x === undefined ? 'nothing' : JSON.stringify(x));

function unknownFields(value: Record<string, Json>, known: string[], path: string, problems: string[]): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) problems.push(`${path}.${key}: unknown field (expected ${known.join(', ')})`);
}

/** Problems with a domain: at least one issue, unique names, at least one distinct option each. */
export function checkDomain(domain: Json, path = 'domain'): string[] {
  const problems: string[] = [];
  if (!Array.isArray(domain)) return [`${path}: expected a list of issues, got ${show(domain)}`];
  if (domain.length === 0) problems.push(`${path}: expected at least one issue`);
  const names = new Set<string>();
  let size = 1;
  domain.forEach((issue, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(issue)) {
      problems.push(`${at}: expected an object {"name", "options"}, got ${show(issue)}`);
      return;
    }
    unknownFields(issue, ['name', 'options'], at, problems);
    if (typeof issue.name !== 'string' || issue.name === '') problems.push(`${at}.name: expected a non-empty string, got ${show(issue.name)}`);
    else if (names.has(issue.name)) problems.push(`${at}.name: "${issue.name}" names two issues`);
    else names.add(issue.name);
    if (!Array.isArray(issue.options) || issue.options.length === 0) {
      problems.push(`${at}.options: expected a non-empty list of option names, got ${show(issue.options)}`);
      return;
    }
    const seen = new Set<string>();
    issue.options.forEach((o, j) => {
      if (typeof o !== 'string' || o === '') problems.push(`${at}.options[${j}]: expected a non-empty string, got ${show(o)}`);
      else if (seen.has(o)) problems.push(`${at}.options[${j}]: "${o}" appears twice`);
      else seen.add(o);
    });
    size *= issue.options.length;
  });
  if (problems.length === 0 && size > MAX_PACKAGES) problems.push(`${path}: ${size} packages, more than the ${MAX_PACKAGES} that can be enumerated`);
  return problems;
}

/** Problems with one side's preferences over a (valid) domain. */
export function checkPreferences(prefs: Json, domain: Domain, path = 'preferences'): string[] {
  const problems: string[] = [];
  if (!isObject(prefs)) return [`${path}: expected an object {"weights", "values", "reservation"}, got ${show(prefs)}`];
  unknownFields(prefs, ['weights', 'values', 'reservation'], path, problems);
  const n = domain.issues.length;
  const { weights, values, reservation } = prefs;
  if (!Array.isArray(weights) || weights.length !== n) {
    problems.push(`${path}.weights: expected a list of ${n} numbers (one per issue), got ${show(weights)}`);
  } else {
    let ok = true;
    weights.forEach((w, i) => {
      if (!isNumber(w) || w < 0 || w > 1) {
        problems.push(`${path}.weights[${i}]: expected a number in [0, 1], got ${show(w)}`);
        ok = false;
      }
    });
    const sum = ok ? (weights as number[]).reduce((a, b) => a + b, 0) : NaN;
    if (ok && Math.abs(sum - 1) > WEIGHT_TOLERANCE) problems.push(`${path}.weights: sum to ${sum}, not 1 (within ${WEIGHT_TOLERANCE})`);
  }
  if (!Array.isArray(values) || values.length !== n) {
    problems.push(`${path}.values: expected ${n} lists of option values (one per issue), got ${show(values)}`);
  } else {
    values.forEach((row, i) => {
      const options = domain.issues[i]!.options.length;
      if (!Array.isArray(row) || row.length !== options) {
        problems.push(`${path}.values[${i}]: expected ${options} values (one per option of "${domain.issues[i]!.name}"), got ${show(row)}`);
        return;
      }
      row.forEach((v, j) => {
        if (!isNumber(v) || v < 0 || v > 1) problems.push(`${path}.values[${i}][${j}]: expected a number in [0, 1], got ${show(v)}`);
      });
    });
  }
  if (!isNumber(reservation) || reservation < 0 || reservation > 1) problems.push(`${path}.reservation: expected a number in [0, 1], got ${show(reservation)}`);
  return problems;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Read the benchmark's instances file format. Nothing is returned unless every instance is valid. */
export function parseInstances(text: string, file = 'instances'): ParseResult<Instance[]> {
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${file}: not valid JSON (${(error as Error).message})`] };
  }
  if (!isObject(data)) return { ok: false, problems: [`${file}: expected an object {"instances": [...]}, got ${show(data)}`] };
  const problems: string[] = [];
  unknownFields(data, ['instances'], file, problems);
  if (!Array.isArray(data.instances) || data.instances.length === 0) {
    return { ok: false, problems: [...problems, `${file}.instances: expected a non-empty list of instances, got ${show(data.instances)}`] };
  }
  const ids = new Set<string>();
  const instances: Instance[] = [];
  data.instances.forEach((inst, k) => {
    const at = `${file}.instances[${k}]`;
    if (!isObject(inst)) {
      problems.push(`${at}: expected an object {"id", "turns", "issues", "sides"}, got ${show(inst)}`);
      return;
    }
    unknownFields(inst, ['id', 'turns', 'issues', 'sides'], at, problems);
    if (typeof inst.id !== 'string' || inst.id === '') problems.push(`${at}.id: expected a non-empty string, got ${show(inst.id)}`);
    else if (ids.has(inst.id)) problems.push(`${at}.id: "${inst.id}" names two instances`);
    else ids.add(inst.id);
    if (!Number.isInteger(inst.turns) || (inst.turns as number) < 2) problems.push(`${at}.turns: expected a whole number of at least 2, got ${show(inst.turns)}`);
    const domainProblems = checkDomain(inst.issues, `${at}.issues`);
    problems.push(...domainProblems);
    if (!Array.isArray(inst.sides) || inst.sides.length !== 2) {
      problems.push(`${at}.sides: expected a list of exactly 2 sides, got ${show(inst.sides)}`);
      return;
    }
    if (domainProblems.length > 0) return;
    const domain: Domain = { issues: inst.issues as Domain['issues'] };
    const sideProblems = inst.sides.flatMap((s, i) => checkPreferences(s, domain, `${at}.sides[${i}]`));
    problems.push(...sideProblems);
    if (sideProblems.length === 0 && typeof inst.id === 'string' && Number.isInteger(inst.turns)) {
      instances.push({ id: inst.id, turns: inst.turns as number, domain, sides: inst.sides as [Preferences, Preferences] });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: instances };
}

/**
 * Problems with an AI profile against its scenario: its doctrine must exist and belong to its
 * side, its numbers be in range, and its red lines name issues and positions the scenario has.
 * Each problem names the field, e.g. `profiles.us-hawk.redLines[0].issue: unknown issue "chips"`.
 */
export function checkProfile(scenario: { issues: { id: string; positions: { id: string }[] }[]; doctrines: { id: string; side: string }[] }, profile: unknown): string[] {
  if (!isObject(profile)) return [`profile: expected an object, got ${show(profile)}`];
  const at = `profiles.${typeof profile.id === 'string' ? profile.id : '?'}`;
  const problems: string[] = [];
  const doctrine = scenario.doctrines.find((d) => d.id === profile.doctrine);
  if (!doctrine) problems.push(`${at}.doctrine: unknown doctrine ${show(profile.doctrine)}`);
  else if (doctrine.side !== profile.side) problems.push(`${at}.doctrine: "${doctrine.id}" is a doctrine of ${doctrine.side}, not of ${String(profile.side)}`);
  if (!isNumber(profile.concession) || profile.concession < 0) problems.push(`${at}.concession: expected a number of at least 0, got ${show(profile.concession)}`);
  if (!isNumber(profile.patience) || profile.patience < 0) problems.push(`${at}.patience: expected a number of at least 0, got ${show(profile.patience)}`);
  if (!isNumber(profile.domesticSensitivity) || profile.domesticSensitivity < 0 || profile.domesticSensitivity > 1) {
    problems.push(`${at}.domesticSensitivity: expected a number in [0, 1], got ${show(profile.domesticSensitivity)}`);
  }
  if (!Array.isArray(profile.redLines)) return [...problems, `${at}.redLines: expected a list, got ${show(profile.redLines)}`];
  profile.redLines.forEach((line, k) => {
    const here = `${at}.redLines[${k}]`;
    if (!isObject(line)) {
      problems.push(`${here}: expected an object {"issue", "never"}, got ${show(line)}`);
      return;
    }
    const issue = scenario.issues.find((i) => i.id === line.issue);
    if (!issue) {
      problems.push(`${here}.issue: unknown issue ${show(line.issue)}`);
      return;
    }
    if (!Array.isArray(line.never)) {
      problems.push(`${here}.never: expected a list of positions, got ${show(line.never)}`);
      return;
    }
    line.never.forEach((p, m) => {
      if (!issue.positions.some((pos) => pos.id === p)) problems.push(`${here}.never[${m}]: issue "${issue.id}" has no position ${show(p)}`);
    });
  });
  return problems;
}
