import { INDICATORS } from '../core/indicators';
import type { ChangeCause, Explanation, IndicatorId, Scenario } from '../core/types';
import { formatIndicatorValue } from './explain-words';
import { atSentenceStart, sideInSentence } from '../core/sentence';

/**
 * What a move changed, in one or two plain sentences, for the table's report: the largest
 * changes of the indicators and the main reason for them. The model's draws stay in the details
 * the table shows behind a control. Pure.
 *
 * A move that ended the talks is summed over the round it ended them in: the rounds the model
 * runs on to its horizon are the debrief's, not what the move changed.
 */

/** A change smaller than this share of its indicator's range is not named. */
const NOTABLE_SHARE = 0.005;

type Change = Extract<Explanation, { kind: 'effect' | 'drift' | 'event'; indicator: IndicatorId }>;

function isChange(e: Explanation): e is Change {
  return (e.kind === 'effect' || e.kind === 'event') && e.indicator !== undefined && typeof e.delta === 'number';
}

function causeText(scenario: Scenario, cause: ChangeCause): string {
  const position = (issue: string, id: string) => {
    const i = scenario.issues.find((x) => x.id === issue);
    const p = i?.positions.find((x) => x.id === id);
    return p ? `“${p.label}”` : 'a measure';
  };
  switch (cause.kind) {
    case 'enacted':
    case 'in-force':
      return cause.through === 'snap-back'
        ? scenario.issues.find((i) => i.id === cause.issue)?.statusQuo === cause.position
          ? `${position(cause.issue, cause.position)} came back into force when a time limit ran out`
          : `${position(cause.issue, cause.position)} came into force when the measure before it ran its course`
        : cause.through === 'event'
          ? `an event put ${position(cause.issue, cause.position)} in force`
          : `${position(cause.issue, cause.position)} came into force`;
    case 'lifted':
      return `${position(cause.issue, cause.position)} was lifted`;
    case 'per-round':
      return `${position(cause.issue, cause.position)} stayed in force`;
    case 'event': {
      const event = scenario.events.find((x) => x.id === cause.event);
      return event ? `of an event: ${event.title}` : 'of an event';
    }
    case 'imposed':
      return `${position(cause.issue, cause.position)} was imposed`;
    case 'retreat':
      return `${atSentenceStart(sideInSentence(scenario.sides[cause.side].label))} lifted a measure of its own in a deal`;
    case 'audience-cost':
      return `${atSentenceStart(sideInSentence(scenario.sides[cause.side].label))} let a public threat lapse`;
    case 'threat-made':
      return 'of a public threat';
    case 'walkout':
      return 'of the walkout';
    case 'failed-ratification':
      return 'a deal failed at home';
    case 'deal':
      return 'a deal was struck';
  }
}

/** The one or two sentences: what changed most, and why. */
export function moveSummary(scenario: Scenario, explanations: readonly Explanation[]): string {
  const outcome = explanations.find((e) => e.kind === 'outcome');
  const last = outcome ? outcome.round : Infinity;
  const changes = explanations.filter(isChange).filter((e) => e.round <= last);
  const totals = new Map<IndicatorId, number>();
  for (const c of changes) totals.set(c.indicator, (totals.get(c.indicator) ?? 0) + c.delta);
  const share = (id: IndicatorId, x: number) => Math.abs(x) / (INDICATORS[id].max - INDICATORS[id].min);
  const named = [...totals.entries()]
    .filter(([id, x]) => share(id, x) >= NOTABLE_SHARE)
    .sort((a, b) => share(b[0], b[1]) - share(a[0], a[1]))
    .slice(0, 2);
  if (named.length === 0) return 'Nothing the model tracks changed noticeably.';
  const phrase = ([id, x]: [IndicatorId, number]) =>
    `${INDICATORS[id].label} ${x > 0 ? 'rose' : 'fell'} by ${formatIndicatorValue(id, Math.abs(x))}`;
  const first = `${named.map(phrase).join(' and ')}.`;
  // The main reason: the single change that moved the first-named indicator most.
  const top = named[0]![0];
  const main = changes
    .filter((c) => c.indicator === top && Math.sign(c.delta) === Math.sign(totals.get(top)!))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
  if (!main) return first;
  const why = causeText(scenario, main.cause);
  return `${first} Mostly because ${why}.`;
}
