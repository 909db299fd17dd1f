import { INDICATOR_LIST } from '../core/indicators';
import { scoreAll } from '../core/scoring';
import { SIDES } from '../core/types';
import type { Debrief } from './debrief';

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
    scores: Object.fromEntries(SIDES.map((side) => [side, Object.fromEntries(scoreAll(d.scenario, d.final, side).map((s) => [s.doctrine, s.total]))])),
    meanChanges: d.changes,
    trajectories: d.final.history.map((h) => ({ round: h.round, ...h.indicators })),
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

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per round: the talks' rounds, then the aftermath to the horizon. */
export function trajectoriesCsv(d: Debrief): string {
  const header = ['round', 'phase', ...INDICATOR_LIST.map((i) => `${i.id} (${i.unit})`)];
  const rows = d.final.history.map((h) => [h.round, h.round === 0 ? 'start' : h.round <= d.talksEnded ? 'talks' : 'aftermath', ...INDICATOR_LIST.map((i) => h.indicators[i.id])]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
