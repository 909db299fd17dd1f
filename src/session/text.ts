import { otherSide, positionOf } from '../core/scenario-lookup';
import type { GameState, IssueCategory, Move, Outcome, Package, Scenario, Side } from '../core/types';
import type { Posture } from '../negotiators/index';
import { describePackage } from './explain-words';
import { atSentenceStart, measureText, possessive, sideInSentence } from '../core/sentence';

export { atSentenceStart, possessive, sideInSentence };

/**
 * An indicator as an objective of `side`'s player, in a sentence: its own side's without the
 * side's name ("trade gains", "rare-earth leverage"), the other side's with it ("US rare-earth
 * supply security"), and names and acronyms kept ("credibility of US export controls").
 */
export function objectiveName(indicator: { label: string; side: Side | 'shared' }, side: Side): string {
  const label = indicator.side === side ? indicator.label.replace(/^(US|China)(['’]s)? /, '') : indicator.label;
  return /^(US|China)\b/.test(label) ? label : label[0]!.toLowerCase() + label.slice(1);
}

/** Words the screens and the announcements share. Pure: the view renders them as text. */

export const CATEGORY_LABELS: Record<IssueCategory, string> = {
  'security-control': 'National-security control',
  economic: 'Economic',
  'strategic-resource': 'Strategic resource',
  access: 'Access',
  'unrelated-priority': 'Unrelated priority',
};

export const CATEGORY_ORDER: readonly IssueCategory[] = ['security-control', 'economic', 'strategic-resource', 'access', 'unrelated-priority'];

export interface PostureInfo {
  label: string;
  /** A one-line gloss for the player. */
  meaning: string;
}

export const POSTURES: Record<Posture, PostureInfo> = {
  preparing: { label: 'Preparing', meaning: 'has not moved yet' },
  probing: { label: 'Probing', meaning: 'testing what the other side will give' },
  firm: { label: 'Firm', meaning: 'holding its line' },
  conceding: { label: 'Conceding', meaning: 'moving towards the other side' },
  escalating: { label: 'Escalating', meaning: 'raising the pressure with threats or measures' },
  'cooling-off': { label: 'Cooling off', meaning: 'stepping back after escalation' },
  deal: { label: 'Deal', meaning: 'has struck a deal with you' },
  'walked-out': { label: 'Walked out', meaning: 'has left the table' },
};

export interface PackageItem {
  issue: string;
  issueLabel: string;
  holder: Side;
  category: IssueCategory;
  position: string;
  positionLabel: string;
  /** What is in force now on that issue. */
  currentLabel: string;
}

/** The package's items in scenario order, each with what it changes. */
export function packageItems(scenario: Scenario, state: GameState, pkg: Package): PackageItem[] {
  return scenario.issues
    .filter((issue) => pkg[issue.id] !== undefined)
    .map((issue) => ({
      issue: issue.id,
      issueLabel: issue.label,
      holder: issue.holder,
      category: issue.category,
      position: pkg[issue.id]!,
      positionLabel: positionOf(scenario, issue.id, pkg[issue.id]!).label,
      currentLabel: positionOf(scenario, issue.id, state.positions[issue.id]!).label,
    }));
}


/** A side at the start of a sentence: "You" for the player, else its name ("The United States"). */
export function sideName(scenario: Scenario, side: Side, player: Side | null): string {
  return side === player ? 'You' : atSentenceStart(sideInSentence(scenario.sides[side].label));
}

/** A move in a sentence, e.g. "China counters: Soybean purchases: Buy 12 million tonnes a year." */
export function describeMove(scenario: Scenario, move: Move, before: GameState, player: Side | null): string {
  const who = sideName(scenario, move.side, player);
  const other = otherSide(move.side);
  const otherPossessive = other === player ? 'your' : possessive(sideInSentence(scenario.sides[other].label));
  switch (move.type) {
    case 'propose':
      return `${who} ${before.standing && before.standing.by !== move.side ? 'counter' : 'propose'}${who === 'You' ? '' : 's'}: ${describePackage(scenario, move.package)}.`;
    case 'accept':
      return `${who} accept${who === 'You' ? '' : 's'} ${otherPossessive} offer.`;
    case 'reject':
      return `${who} reject${who === 'You' ? '' : 's'} ${otherPossessive} offer.`;
    case 'hold':
      return `${who} make${who === 'You' ? '' : 's'} no new offer.`;
    case 'impose':
      return `${who} impose${who === 'You' ? '' : 's'} a measure on ${measureText(scenario, move.issue, move.position)}.`;
    case 'threaten':
      return `${who} threaten${who === 'You' ? '' : 's'} a measure on ${measureText(scenario, move.issue, move.position)} unless there is a deal by the end of round ${before.round + scenario.threatWindow}.`;
    case 'walkout':
      return `${who} walk${who === 'You' ? '' : 's'} out of the talks.`;
    case 'event': {
      const event = scenario.events.find((e) => e.id === move.event);
      return `News: ${event?.title ?? move.event}.`;
    }
  }
}

export function outcomeText(scenario: Scenario, outcome: Outcome | null, player: Side | null): string {
  if (!outcome) return 'The talks are still going on.';
  if (outcome.kind === 'deal') return `Deal in round ${outcome.round}.`;
  if (outcome.kind === 'walkout') {
    const who = outcome.by === player ? 'you walked out' : `${sideInSentence(scenario.sides[outcome.by!].label)} walked out`;
    return `No deal: ${who} in round ${outcome.round}.`;
  }
  return `No deal by the deadline (round ${outcome.round}).`;
}

/** Plain one-line description of a scenario's dates, e.g. "29 Sep 2025 – 10 Nov 2025". */
export function formatDates(dates: { start: string; end: string }): string {
  return `${formatDate(dates.start)} – ${formatDate(dates.end)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A source's date as the rest of the page writes dates ("18 May 2018", "May 2018"). A source's
 * date is free text: anything but a plain ISO day or month is shown as written.
 */
export function sourceDate(date: string): string {
  return /^\d{4}-\d{2}(?:-\d{2})?$/.test(date) ? formatDate(date) : date;
}

/** "3 May 2018"; a history date that names only the month ("2018-05") is "May 2018". */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return m[3] === undefined ? `${month} ${m[1]}` : `${Number(m[3])} ${month} ${m[1]}`;
}
