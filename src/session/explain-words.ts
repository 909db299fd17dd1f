import { INDICATORS } from '../core/indicators';
import { issueOf, positionOf } from '../core/scenario-lookup';
import { atSentenceStart, inSentence, measureText, possessive, sideInSentence, withArticle } from '../core/sentence';
import type {
  ChangeCause,
  Distribution,
  Enactment,
  Explanation,
  IndicatorId,
  Package,
  Scenario,
  Side,
} from '../core/types';

/**
 * The engine's explanations in words. The core says what changed and why as data
 * (src/core/types.ts's Explanation); this one module turns that into the sentences the table,
 * the replay and the command line show, so another language would be another module like it.
 * Pure: names come from the scenario, numbers from the explanation.
 */

/** An explanation with its sentence. */
export type Worded<E extends Explanation = Explanation> = E & { text: string };

/** A value with its unit, e.g. "+12.5 $B/yr", "−3.0 pts", "2.0 rungs". */
export function formatIndicatorValue(id: IndicatorId, value: number, signed = false): string {
  const def = INDICATORS[id];
  const sign = signed && value > 0 ? '+' : '';
  const text = `${sign}${(Math.round(value * 10) / 10).toFixed(1)}`.replace('-', '−');
  if (def.unit === '$B/yr') return `${text} $B/yr`;
  if (def.unit === 'ladder') return `${text} rungs`;
  return `${text} pts`;
}

function figure(x: number): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  return String(Math.round(x * 100) / 100).replace('-', '−');
}

/** A distribution in words, e.g. "uniform 10 to 14". */
export function describeDistribution(dist: Distribution): string {
  if (typeof dist === 'number') return `fixed ${figure(dist)}`;
  if ('uniform' in dist) return `uniform ${figure(dist.uniform[0])} to ${figure(dist.uniform[1])}`;
  if ('normal' in dist) {
    const bounds =
      dist.min !== undefined || dist.max !== undefined
        ? `, kept within ${figure(dist.min ?? -Infinity)} to ${figure(dist.max ?? Infinity)}`
        : '';
    return `normal, mean ${figure(dist.normal[0])}, sd ${figure(dist.normal[1])}${bounds}`;
  }
  return `beta(${figure(dist.beta[0])}, ${figure(dist.beta[1])}) over ${figure(dist.scale[0])} to ${figure(dist.scale[1])}`;
}

/** "Tariff truce: Extended for a year; Soybean purchases: 25 million tonnes", or "nothing". */
export function describePackage(scenario: Scenario, pkg: Package): string {
  const parts = Object.entries(pkg).map(
    ([issue, position]) =>
      `${issueOf(scenario, issue).label}: ${positionOf(scenario, issue, position).label}`,
  );
  return parts.length === 0 ? 'nothing' : parts.join('; ');
}

/** A side inside a sentence ("the United States"); `who` is the same at a sentence's start. */
const label = (scenario: Scenario, side: Side) => sideInSentence(scenario.sides[side].label);
const who = (scenario: Scenario, side: Side) => atSentenceStart(label(scenario, side));
const issueLabel = (scenario: Scenario, issue: string) => issueOf(scenario, issue).label;
const positionLabel = (scenario: Scenario, issue: string, position: string) =>
  positionOf(scenario, issue, position).label;
const eventTitle = (scenario: Scenario, event: string) =>
  scenario.events.find((e) => e.id === event)?.title ?? event;

function through(scenario: Scenario, how: Enactment, event: string | undefined): string {
  if (how === 'event') return eventTitle(scenario, event ?? '');
  return how === 'deal' ? 'the deal' : how === 'measure' ? 'the measure' : 'the snap-back';
}

/** Why an indicator changed, in a clause. */
export function causeText(scenario: Scenario, cause: ChangeCause): string {
  switch (cause.kind) {
    case 'threat-made':
      return 'a public threat';
    case 'walkout':
      return 'the walkout';
    case 'failed-ratification':
      return 'a deal that failed at home';
    case 'deal':
      return 'the deal';
    case 'retreat':
      return `lifting ${issueLabel(scenario, cause.issue)}, which it imposed, looks like a retreat at home`;
    case 'imposed':
      return `imposing ${positionLabel(scenario, cause.issue, cause.position)}`;
    case 'lifted':
      return `${positionLabel(scenario, cause.issue, cause.position)} is no longer in force`;
    case 'enacted':
      return `${positionLabel(scenario, cause.issue, cause.position)} (${issueLabel(scenario, cause.issue)}) through ${through(scenario, cause.through, cause.event)}`;
    case 'in-force':
      return `${positionLabel(scenario, cause.issue, cause.position)} (${issueLabel(scenario, cause.issue)}), while in force`;
    case 'per-round':
      return `${positionLabel(scenario, cause.issue, cause.position)} (${issueLabel(scenario, cause.issue)}) stays in force another round`;
    case 'event':
      return eventTitle(scenario, cause.event);
    case 'audience-cost':
      return 'backing down from a public threat (audience cost)';
  }
}

/** One explanation in a sentence. */
export function explanationText(scenario: Scenario, e: Explanation): string {
  switch (e.kind) {
    case 'move': {
      const m = e.move;
      const by = who(scenario, m.side);
      switch (m.type) {
        case 'propose':
          return `${by} ${e.countering ? 'counters with' : 'proposes'} ${describePackage(scenario, m.package)}.`;
        case 'accept':
          return `${by} accepts the offer from ${label(scenario, e.offerBy!)}.`;
        case 'reject':
          return `${by} rejects the offer on the table.`;
        case 'hold':
          return `${by} holds its position and makes no new offer.`;
        case 'impose': {
          const verb = e.threatCarriedOut
            ? `With no deal, ${label(scenario, m.side)} carries out its threat and imposes`
            : `${by} imposes`;
          return `${verb} a measure on ${measureText(scenario, m.issue, m.position)}.`;
        }
        case 'threaten':
          return `${by} threatens a measure on ${measureText(scenario, m.issue, m.position)}.`;
        case 'walkout':
          return `${by} walks out of the talks.`;
      }
      break;
    }
    case 'threat': {
      const by = who(scenario, e.side);
      const issue = withArticle(inSentence(issueLabel(scenario, e.issue)));
      if (e.status === 'made') {
        return `${by} threatens publicly: "${positionLabel(scenario, e.issue, e.position!)}" on ${issue} unless there is a deal by the end of round ${e.dueRound}. Backing down later will cost it at home.`;
      }
      if (e.status === 'settled-in-deal') return `${atSentenceStart(possessive(label(scenario, e.side)))} threat on ${issue} is settled by the deal.`;
      return `${by} lets its threat on ${issue} lapse without acting.`;
    }
    case 'ratification':
      return `The deal fails at home in ${label(scenario, e.side)}: domestic support would stand at ${e.projected.toFixed(1)}, below the ${e.threshold} needed to ratify it. Talks go on.`;
    case 'outcome': {
      const o = e.outcome;
      if (o.kind === 'deal')
        return `Deal in round ${o.round}: ${describePackage(scenario, o.package ?? {})}.`;
      if (o.kind === 'walkout') return `No deal: ${label(scenario, o.by!)} walked out in round ${o.round}.`;
      return `No deal by the deadline (round ${e.deadline}).`;
    }
    case 'expiry': {
      const ran = `${positionLabel(scenario, e.issue, e.expired)} (${issueLabel(scenario, e.issue)}) ran for its ${e.rounds} ${e.rounds === 1 ? 'round' : 'rounds'}`;
      // Only a return to the status quo is a snap-back: a measure scheduled to follow ("15% due on
      // 15 December", then "15% in force") comes into force for the first time.
      return scenario.issues.find((i) => i.id === e.issue)?.statusQuo === e.position
        ? `${ran} and snaps back to ${positionLabel(scenario, e.issue, e.position)}.`
        : `${ran}: ${positionLabel(scenario, e.issue, e.position)} follows.`;
    }
    case 'round':
      return `End of round ${e.round}.`;
    case 'effect':
    case 'drift':
    case 'event': {
      if (e.indicator === undefined) {
        const event = scenario.events.find((x) => x.id === e.event);
        return event ? `${event.title}: ${event.text}` : `Event ${e.event}.`;
      }
      const def = INDICATORS[e.indicator];
      const why = e.note ? `${causeText(scenario, e.cause)}: ${e.note}` : causeText(scenario, e.cause);
      const drawn = e.draw
        ? ` (drawn ${formatIndicatorValue(e.indicator, e.draw.value, true)} from ${describeDistribution(e.draw.distribution)}, ${e.draw.stream} stream)`
        : '';
      const held = e.clamped ? ` (held at the ${e.to >= def.max ? 'top' : 'bottom'} of its range)` : '';
      return `${def.label} ${formatIndicatorValue(e.indicator, e.delta, true)}: ${why}${drawn}${held}.`;
    }
  }
  return '';
}

/** Explanations with their sentences, for a screen or a report. */
export function withWords(scenario: Scenario, explanations: readonly Explanation[]): Worded[] {
  return explanations.map((e) => ({ ...e, text: textOr(scenario, e) }));
}

/**
 * An explanation's sentence, or, if writing it fails, a plain one: explanations are worded when a
 * turn is first read, long after its move was played, and a wording error must not lose the turn.
 */
function textOr(scenario: Scenario, e: Explanation): string {
  try {
    return explanationText(scenario, e);
  } catch {
    return e.kind === 'round' ? `End of round ${e.round}.` : `Round ${e.round}: a change the game could not put into words.`;
  }
}
