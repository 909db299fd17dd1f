import { replay } from '../core/engine';
import { INDICATOR_LIST } from '../core/indicators';
import { issueOf, positionOf } from '../core/scenario-lookup';
import { scoreAll } from '../core/scoring';
import type { GameSpec, Scenario } from '../core/types';
import { SIDES } from '../core/types';
import { toCsv, type CsvRow } from './csv';
import type { Debrief } from './debrief';
import { ratingsJson } from './outcome';
import { describeMove } from './text';

/** Exports of a finished game. The game itself is its move log; the figures are there for a spreadsheet. */

export function debriefJson(d: Debrief): string {
  const data = {
    format: 'bargaining-chips-result',
    version: 1,
    scenario: { id: d.scenario.id, version: d.scenario.version, title: d.scenario.title },
    resultCode: d.resultCode,
    game: d.spec,
    player: d.side,
    outcome: d.outcome,
    outcomeText: d.outcomeText,
    deal: d.deal.map((i) => ({ issue: i.issue, position: i.position, label: `${i.issueLabel}: ${i.positionLabel}` })),
    ...ratingsJson(d.rating),
    scores: Object.fromEntries(SIDES.map((side) => [side, Object.fromEntries(scoreAll(d.scenario, d.final, side).map((s) => [s.doctrine, s.total]))])),
    meanChanges: d.changes,
    trajectories: d.final.trajectory.map((h) => ({ round: h.round, ...h.indicators })),
    counterfactual: d.counterfactual && {
      issue: d.counterfactual.issue,
      moves: d.counterfactual.moves,
      outcome: d.counterfactual.final.outcome,
      score: { actual: d.counterfactual.actual, without: d.counterfactual.without },
    },
    threats: d.threats,
    ledger: d.ledger,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** One row per round: the talks' rounds, then the aftermath to the horizon. */
export function trajectoriesCsv(d: Debrief): string {
  const header = ['round', 'phase', ...INDICATOR_LIST.map((i) => `${i.id} (${i.unit})`)];
  const rows = d.final.trajectory.map((h) => [h.round, h.round === 0 ? 'start' : h.round <= d.talksEnded ? 'talks' : 'aftermath', ...INDICATOR_LIST.map((i) => h.indicators[i.id])]);
  return toCsv([header, ...rows]);
}

/**
 * One row per move: who made it, in which round, what it put on the table (with the scenario's
 * own labels) and, for the AI's moves, what it said and the analysis behind it. Scenario labels and reasons are
 * untrusted text: the CSV writer keeps them from running as formulas.
 */
export function movesCsv(scenario: Scenario, spec: GameSpec, aiNotes: readonly { move: number; say: string; analysis: string }[] = []): string {
  const { states } = replay(scenario, spec.seed, spec.options, spec.moves);
  const notes = new Map(aiNotes.map((n) => [n.move, n]));
  const header: CsvRow = ['move', 'round', 'side', 'played by', 'type', 'issue', 'position', 'package', 'in words', 'AI said', 'AI analysis'];
  const label = (issue: string, position: string) => ({ issue: issueOf(scenario, issue).label, position: positionOf(scenario, issue, position).label });
  const rows: CsvRow[] = spec.moves.map((move, i) => {
    const before = states[i]!;
    const lever = move.type === 'impose' || move.type === 'threaten' ? label(move.issue, move.position) : null;
    const pkg = move.type === 'propose' ? Object.entries(move.package).map(([issue, position]) => Object.values(label(issue, position)).join(': ')) : [];
    return [
      i + 1,
      before.round,
      scenario.sides[move.side].label,
      spec.options.humans.includes(move.side) ? 'player' : 'AI',
      move.type,
      lever?.issue ?? null,
      lever?.position ?? null,
      pkg.join('; '),
      describeMove(scenario, move, before, null),
      notes.get(i)?.say ?? null,
      notes.get(i)?.analysis ?? null,
    ];
  });
  return toCsv([header, ...rows]);
}
