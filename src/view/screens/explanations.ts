import type { Explanation, IndicatorId, Scenario } from '../../core/types';
import type { Worded } from '../../session/explain-words';
import { INDICATORS } from '../../session/model';
import type { Turn } from '../../session/match';
import { signed } from '../dom';

/**
 * Every place the view turns the core's explanations of a move into words, in one module: what
 * changed and why (the table's report), the running costs, and the news. When the core returns
 * explanations as data and the session words them, only this module changes.
 */

/** The kinds the "what changed and why" list shows; running costs (drift) are summed apart. */
const SHOWN_KINDS: readonly Explanation['kind'][] = [
  'effect',
  'expiry',
  'event',
  'threat',
  'ratification',
  'outcome',
];

/** An explanation in words. */
export function explanationText(e: Worded): string {
  return e.text;
}

/** What changed with a move and why, in words. */
export function changeLines(turn: Turn): string[] {
  return turn.explanations.filter((e) => SHOWN_KINDS.includes(e.kind)).map(explanationText);
}

/** The running costs of the measures in force, summed per measure and indicator (a game's aftermath has dozens of rounds). */
export function driftLines(scenario: Scenario, turn: Turn): string[] {
  const groups = new Map<
    string,
    { indicator: IndicatorId; issue?: string; position?: string; total: number; rounds: Set<number> }
  >();
  for (const e of turn.explanations) {
    if (e.kind !== 'drift' || !e.indicator || e.delta === undefined) continue;
    const key = `${e.issue}|${e.position}|${e.indicator}`;
    const g = groups.get(key) ?? {
      indicator: e.indicator,
      ...(e.issue ? { issue: e.issue } : {}),
      ...(e.position ? { position: e.position } : {}),
      total: 0,
      rounds: new Set<number>(),
    };
    g.total += e.delta;
    g.rounds.add(e.round);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const issue = scenario.issues.find((i) => i.id === g.issue);
    const position = issue?.positions.find((p) => p.id === g.position);
    const rounds = [...g.rounds].sort((a, b) => a - b);
    const span =
      rounds.length === 1 ? `round ${rounds[0]}` : `rounds ${rounds[0]}–${rounds[rounds.length - 1]}`;
    return `${INDICATORS[g.indicator].label} ${signed(g.total, 2)} over ${span}: ${position?.label ?? 'a measure'}${issue ? ` (${issue.label})` : ''} in force.`;
  });
}

/** The news of a game, newest first: events, expiring measures and threats falling due (not threats being made). */
export function newsItems(turns: readonly Turn[]): { round: number; text: string; explanation: Worded }[] {
  const news: { round: number; text: string; explanation: Worded }[] = [];
  for (const t of turns) {
    for (const e of t.explanations) {
      if (
        e.kind === 'event' ||
        e.kind === 'expiry' ||
        (e.kind === 'threat' && !e.text.includes('threatens publicly'))
      )
        news.push({ round: e.round, text: explanationText(e), explanation: e });
    }
  }
  return news.reverse();
}
