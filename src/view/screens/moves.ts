import type { RewindPoint, Turn } from '../../session/match';
import { describeMove, formatDate } from '../../session/text';
import { h, type Children } from '../dom';
import type { ReadonlyMatch } from '../state/app-state';

/** A move of the log: history's moves in a branched game say so, with their date. */
export function turnLine(match: ReadonlyMatch, t: Turn): Children[] {
  const scenario = match.scenario;
  if (t.by === 'history') {
    const step = scenario.history?.path[t.index];
    return [
      h('strong', null, `Round ${t.round}, history${step ? ` (${formatDate(step.date)})` : ''}: `),
      describeMove(scenario, t.move, match.stateBefore(t.index), null),
    ];
  }
  return [
    h('strong', null, `Round ${t.round}: `),
    describeMove(scenario, t.move, match.stateBefore(t.index), match.playerSide),
    t.alternative ? h('span', { class: 'hint' }, ` (the alternative “${t.alternative}”)`) : null,
  ];
}

export function rewindLabel(p: RewindPoint): string {
  return p.takeover
    ? `Go back to where you took over (round ${p.round})`
    : `Go back to the start of round ${p.round}`;
}
