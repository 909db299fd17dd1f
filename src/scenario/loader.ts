import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import type { Scenario } from '../core/types';
import { checkReferences } from './references';
import { scenarioSchema } from './schema';

/** One problem in a scenario file, located as precisely as the file allows. */
export interface ScenarioProblem {
  file: string;
  /** Dotted path into the scenario, e.g. "issues[2].positions[0].effects[1].indicator". */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(top level)';
}

export function formatProblem(p: ScenarioProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path}: ${p.message}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** The line and column of the nearest node at or above `path` in the parsed YAML. */
function locate(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): { line: number; column: number } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      return { line, column: col };
    }
    if (n === 0 && doc.contents && isNode(doc.contents) && doc.contents.range) {
      const { line, col } = counter.linePos(doc.contents.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

function describeZodIssue(issue: z.core.$ZodIssue, data: unknown): { path: PropertyKey[]; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      // A key with spaces is nearly always the tail of a text cut at a comma inside { ... }.
      message: /\s/.test(key)
        ? `unknown field "${key}": a text with a comma inside { ... } must be quoted, e.g. note: 'a, b'`
        : `unknown field "${key}"`,
    }));
  }
  const present = valueAt(data, issue.path) !== undefined;
  const message = present ? issue.message : `is missing (${issue.message})`;
  return [{ path: issue.path, message }];
}

/**
 * Parse and validate one scenario file (YAML or JSON: JSON is read as YAML, which keeps line
 * numbers). Reports every problem it finds, not just the first.
 */
export function loadScenario(file: string, text: string): LoadResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        path: '(syntax)',
        line: e.linePos?.[0].line,
        column: e.linePos?.[0].col,
        message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  const data: unknown = doc.toJS();
  const found: { path: PropertyKey[]; message: string }[] = [];
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) for (const issue of parsed.error.issues) found.push(...describeZodIssue(issue, data));
  for (const p of checkReferences(data)) found.push(p);
  if (found.length > 0 || !parsed.success) {
    const seen = new Set<string>();
    const problems: ScenarioProblem[] = [];
    for (const f of found) {
      const key = `${formatPath(f.path)}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const where = locate(doc, counter, f.path);
      problems.push({ file, path: formatPath(f.path), ...(where ?? {}), message: f.message });
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { ok: false, problems };
  }
  const { $schema: _schema, ...scenario } = parsed.data;
  return { ok: true, scenario: scenario satisfies Scenario };
}

export interface ScenarioSet {
  scenarios: Scenario[];
  /** Files that failed, with every problem each one had. The others still load. */
  failures: { file: string; problems: ScenarioProblem[] }[];
}

/** Load several files; a bad file is reported and skipped, and two files with one id are both refused. */
export function loadScenarioSet(files: { file: string; text: string }[]): ScenarioSet {
  const scenarios: Scenario[] = [];
  const failures: ScenarioSet['failures'] = [];
  const byId = new Map<string, string>();
  for (const { file, text } of files) {
    const result = loadScenario(file, text);
    if (!result.ok) {
      failures.push({ file, problems: result.problems });
      continue;
    }
    const other = byId.get(result.scenario.id);
    if (other !== undefined) {
      failures.push({ file, problems: [{ file, path: 'id', message: `scenario id "${result.scenario.id}" is already used by ${other}` }] });
      continue;
    }
    byId.set(result.scenario.id, file);
    scenarios.push(result.scenario);
  }
  return { scenarios, failures };
}
