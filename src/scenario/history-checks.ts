import { IllegalMoveError, applyMove, newGame } from '../core/engine';
import { historicalOptions } from '../core/history';
import { drawRange, GameReading } from '../core/fidelity';
import { dateSpan, roundSpan } from '../core/history';
import { checkMove } from '../core/rules';
import { listed, quote } from '../core/schema/primitives';
import type { GameState, HistoryCalendar, Scenario } from '../core/types';
import { scenarioSchema } from '../core/schema/scenario';

/**
 * Checks of a scenario's quantities and history section: what refers to what (done on the raw
 * file, like references.ts), then, once everything resolves, a replay of the path through the
 * engine, so an illegal historical move is reported with its place in the file.
 */

type Raw = Record<string, unknown>;
type Path = (string | number)[];
type Add = (path: Path, message: string) => void;

const isObject = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const validDate = (x: unknown): x is string => typeof x === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(x);

export interface ReferenceContext {
  sources: Set<string>;
  positionsByIssue: Map<string, Map<string, Raw>>;
  events: Set<string>;
}

export function checkQuantitiesAndHistory(data: Raw, ctx: ReferenceContext, add: Add): void {
  const source = (value: unknown, path: Path) => {
    const s = str(value);
    if (s !== undefined && !ctx.sources.has(s)) add(path, `unknown source ${quote(s)}: add it to the sources list or fix the id`);
  };
  list(data.descriptionSources).forEach((s, i) => source(s, ['descriptionSources', i]));
  /** A conflict's values each name a source; two values from one source are no conflict between sources. */
  const conflict = (value: unknown, path: Path) => {
    if (!isObject(value)) return;
    const values = list(value.values);
    values.forEach((v, k) => isObject(v) && source(v.source, [...path, 'values', k, 'source']));
    const named = new Set(values.map((v) => (isObject(v) ? str(v.source) : undefined)).filter((x) => x !== undefined));
    if (values.length >= 2 && named.size < 2) add([...path, 'values'], 'a conflict between sources needs values from at least two different sources');
  };

  const quantities = new Set<string>();
  list(data.quantities).forEach((q, i) => {
    if (!isObject(q)) return;
    const qid = str(q.id);
    if (qid !== undefined && quantities.has(qid)) add(['quantities', i, 'id'], `duplicate quantity id ${quote(qid)}`);
    if (qid !== undefined) quantities.add(qid);
    source(q.source, ['quantities', i, 'source']);
    conflict(q.conflict, ['quantities', i, 'conflict']);
  });
  list(data.issues).forEach((issue, i) => {
    if (!isObject(issue)) return;
    list(issue.positions).forEach((p, j) => {
      if (isObject(p)) conflict(p.conflict, ['issues', i, 'positions', j, 'conflict']);
      if (!isObject(p) || !isObject(p.quantities)) return;
      for (const key of Object.keys(p.quantities)) {
        if (!quantities.has(key)) add(['issues', i, 'positions', j, 'quantities', key], `unknown quantity ${quote(key)}: declare it under "quantities"`);
      }
    });
  });

  const history = data.history;
  if (!isObject(history)) return;
  const at = (...path: Path): Path => ['history', ...path];
  if (history.kind === 'what-if' && history.whatIf === undefined) add(at('whatIf'), 'a what-if needs "whatIf": say what is real and what is supposed');
  if (history.kind === 'historical' && history.whatIf !== undefined) add(at('whatIf'), '"whatIf" only applies to a history of kind "what-if"');

  const horizon = num(data.horizon);
  const path = list(history.path);
  const checkMoveRefs = (move: unknown, p: Path) => {
    if (!isObject(move)) return;
    const ref = (issueId: unknown, positionId: unknown, where: Path) => {
      const i = str(issueId);
      const positions = i !== undefined ? ctx.positionsByIssue.get(i) : undefined;
      if (i !== undefined && !positions) add(where, `unknown issue ${quote(i)}`);
      const pid = str(positionId);
      if (positions && pid !== undefined && !positions.has(pid)) add(where, `issue ${quote(i)} has no position ${quote(pid)} (it has: ${listed(positions.keys())})`);
    };
    if (isObject(move.package)) for (const [i, pid] of Object.entries(move.package)) ref(i, pid, [...p, 'package', i]);
    if (move.issue !== undefined) ref(move.issue, move.position, [...p, 'issue']);
  };

  const rawCalendar = isObject(history.calendar) ? history.calendar : undefined;
  const calendar: HistoryCalendar | undefined =
    rawCalendar && validDate(rawCalendar.start) && (num(rawCalendar.roundDays) !== undefined) !== (num(rawCalendar.roundMonths) !== undefined)
      ? { start: rawCalendar.start, roundDays: num(rawCalendar.roundDays), roundMonths: num(rawCalendar.roundMonths) }
      : undefined;
  let previous: number | undefined;
  path.forEach((step, i) => {
    if (!isObject(step)) return;
    source(step.source, at('path', i, 'source'));
    conflict(step.conflict, at('path', i, 'conflict'));
    checkMoveRefs(step.move, at('path', i, 'move'));
    if (!validDate(step.date)) return;
    const [first, last] = dateSpan(step.date);
    if (previous !== undefined && last < previous) add(at('path', i, 'date'), `the path must run forward in time: ${step.date} comes before the step above it`);
    previous = first;
    // Each round holds one move by each side, so step i is made in round floor(i / 2) + 1. Real
    // dates and model rounds cannot match exactly (a summit is one offer and one acceptance), but
    // a step more than a round away from its round's dates means the calendar or the path is off.
    if (calendar && (calendar.roundDays ?? calendar.roundMonths ?? 0) > 0) {
      // The calendar starts where the episode does: a step wholly before it (a denial order dated
      // the day before the scenario opens) is either misdated or belongs in the background.
      if (last < roundSpan(calendar, 1)[0]) add(at('path', i, 'date'), `${step.date} comes before the calendar starts (${calendar.start})`);
      const round = Math.floor(i / 2) + 1;
      const from = roundSpan(calendar, round - 1)[0];
      const to = roundSpan(calendar, round + 1)[1];
      if (last < from || first > to) {
        const length = calendar.roundDays !== undefined ? `${calendar.roundDays} days` : `${calendar.roundMonths} month${calendar.roundMonths === 1 ? '' : 's'}`;
        add(at('path', i, 'date'), `${step.date} is more than a round away from round ${round} of the calendar (which starts ${calendar.start}, ${length} a round)`);
      }
    }
  });

  list(history.events).forEach((note, i) => {
    if (!isObject(note)) return;
    source(note.source, at('events', i, 'source'));
    conflict(note.conflict, at('events', i, 'conflict'));
    const e = str(note.event);
    if (e !== undefined && !ctx.events.has(e)) add(at('events', i, 'event'), `unknown event ${quote(e)}`);
  });

  const metricIds = new Set<string>();
  list(history.outcome).forEach((m, i) => {
    if (!isObject(m)) return;
    const where = (...p: Path) => at('outcome', i, ...p);
    const mid = str(m.id);
    if (mid !== undefined && metricIds.has(mid)) add(where('id'), `duplicate metric id ${quote(mid)}`);
    if (mid !== undefined) metricIds.add(mid);
    source(m.source, where('source'));
    conflict(m.conflict, where('conflict'));
    if (m.fitted === true && m.basis !== undefined && m.basis !== 'fitted') add(where('basis'), `a metric marked "fitted: true" cannot have the basis "${String(m.basis)}"`);
    const expected = num(m.expected);
    const band = list(m.band).map(num);
    if (expected !== undefined && band.length === 2 && band[0] !== undefined && band[1] !== undefined && (expected < band[0] || expected > band[1])) {
      add(where('band'), `the band [${band[0]}, ${band[1]}] must contain the expected value ${expected}`);
    }
    const quantity = str(m.quantity);
    if (m.kind === 'quantity' && quantity !== undefined && !quantities.has(quantity)) add(where('quantity'), `unknown quantity ${quote(quantity)}`);
    const event = str(m.event);
    if (m.kind === 'eventRound' && event !== undefined && !ctx.events.has(event)) add(where('event'), `unknown event ${quote(event)}`);
    if (m.kind === 'compliance') {
      list(m.draws).forEach((d, k) => {
        if (!isObject(d)) return;
        const issueId = str(d.issue);
        const positions = issueId !== undefined ? ctx.positionsByIssue.get(issueId) : undefined;
        if (issueId !== undefined && !positions) return add(where('draws', k, 'issue'), `unknown issue ${quote(issueId)}`);
        const pid = str(d.position);
        const position = pid !== undefined ? positions?.get(pid) : undefined;
        if (positions && pid !== undefined && !position) return add(where('draws', k, 'position'), `issue ${quote(issueId)} has no position ${quote(pid)}`);
        if (!position) return;
        const effects = [...list(position.effects), ...list(position.inForce), ...list(position.perRound)];
        if (!effects.some((e) => isObject(e) && e.indicator === d.indicator && e.stream === 'compliance')) {
          add(where('draws', k, 'indicator'), `${quote(pid)} on ${quote(issueId)} has no effect on ${String(d.indicator).slice(0, 40)} drawn on the compliance stream`);
        }
      });
    }
    const point = m.at;
    if (isObject(point)) {
      const r = num(point.round);
      if (r !== undefined && horizon !== undefined && r > horizon) add(where('at', 'round'), `round ${r} is after the horizon (${horizon})`);
      const n = num(point.afterMoves);
      if (n !== undefined && n > path.length) add(where('at', 'afterMoves'), `the path has only ${path.length} moves`);
    }
    const over = list(m.over).map(num);
    if (over.length === 2 && over[0] !== undefined && over[1] !== undefined) {
      if (over[0] > over[1]) add(where('over'), 'a range of rounds [from, to] needs from <= to');
      if (horizon !== undefined && over[1] > horizon) add(where('over'), `round ${over[1]} is after the horizon (${horizon})`);
    }
    if (m.over !== undefined && m.at !== undefined) add(where('over'), 'give either "at" or "over", not both');
  });

  const decisionIds = new Set<string>();
  list(history.decisionPoints).forEach((d, i) => {
    if (!isObject(d)) return;
    const did = str(d.id);
    if (did !== undefined && decisionIds.has(did)) add(at('decisionPoints', i, 'id'), `duplicate decision point id ${quote(did)}`);
    if (did !== undefined) decisionIds.add(did);
    source(d.source, at('decisionPoints', i, 'source'));
    const step = num(d.step);
    if (step !== undefined && step >= path.length) add(at('decisionPoints', i, 'step'), `step ${step} is past the end of the path (${path.length} moves, numbered from 0)`);
    list(d.alternatives).forEach((a, k) => {
      if (!isObject(a)) return;
      source(a.source, at('decisionPoints', i, 'alternatives', k, 'source'));
      checkMoveRefs(a.move, at('decisionPoints', i, 'alternatives', k, 'move'));
    });
  });
  list(history.questions).forEach((q, i) => isObject(q) && source(q.source, at('questions', i, 'source')));
  list(history.epilogue).forEach((e, i) => {
    if (!isObject(e)) return;
    source(e.source, at('epilogue', i, 'source'));
    conflict(e.conflict, at('epilogue', i, 'conflict'));
  });
}

/**
 * Play the historical path through the engine: every move must be legal, the path must end the
 * talks (so the outcome can be read), every alternative of a decision point must be a legal move
 * at its step that differs from history's, and every metric must be readable. Run only on a file
 * whose references all resolve.
 */
export function checkHistoryPlay(data: unknown): { path: Path; message: string }[] {
  try {
    return playHistory(data);
  } catch (error) {
    // A file that resolves but still breaks the engine is reported, never thrown at the loader.
    return [{ path: ['history'], message: `the historical path cannot be replayed: ${(error as Error).message}` }];
  }
}

function playHistory(data: unknown): { path: Path; message: string }[] {
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success || !parsed.data.history) return [];
  const { $schema: _schema, ...scenario } = parsed.data;
  const s: Scenario = scenario;
  const history = s.history!;
  const problems: { path: Path; message: string }[] = [];
  const options = historicalOptions(s);
  let state: GameState = newGame(s, history.seed, options);
  const states: GameState[] = [state];
  for (const [i, step] of history.path.entries()) {
    try {
      state = applyMove(s, state, step.move).state;
    } catch (error) {
      if (!(error instanceof IllegalMoveError)) throw error;
      problems.push({ path: ['history', 'path', i, 'move'], message: `historical move ${i + 1} is not legal here: ${error.message.replace(/^illegal move: /, '')}` });
      return problems;
    }
    states.push(state);
  }
  if (state.phase !== 'ended') {
    problems.push({ path: ['history', 'path'], message: 'the path must end the talks (a deal, a walkout or the deadline) so that the outcome can be read off the model' });
    return problems;
  }
  history.decisionPoints.forEach((d, i) => {
    if (d.step >= history.path.length) return;
    const before = states[d.step]!;
    d.alternatives.forEach((a, k) => {
      if (!a.move) return;
      const check = checkMove(s, before, a.move);
      const where: Path = ['history', 'decisionPoints', i, 'alternatives', k, 'move'];
      if (!check.ok) problems.push({ path: where, message: `this alternative is not legal at step ${d.step}: ${check.reason}` });
      else if (JSON.stringify(a.move) === JSON.stringify(history.path[d.step]!.move)) problems.push({ path: where, message: 'this alternative is the move history made' });
    });
  });
  const reading = new GameReading(s, { scenario: { id: s.id, version: s.version }, seed: history.seed, options, moves: history.path.map((p) => p.move) });
  history.outcome.forEach((metric, i) => {
    try {
      if (metric.kind === 'compliance') metric.draws.forEach((d) => drawRange(s, d));
      if (metric.kind === 'quantity' || metric.kind === 'indicator') {
        if (metric.kind === 'indicator' && metric.over) return;
        reading.indicatorsAt(metric.at);
        reading.positionsAt(metric.at);
      }
    } catch (error) {
      problems.push({ path: ['history', 'outcome', i], message: (error as Error).message });
    }
  });
  return problems;
}
