import { issueOf, positionOf } from './scenario-lookup';
import type { Scenario } from './types';

/**
 * Labels from a scenario file (sides, issues, positions) put inside a sentence. A label is
 * written to stand alone, capitalised ("Remove China's tariffs", "United States"); in a sentence
 * it needs a lower first letter, an article, or both, unless it is a name.
 */

/** Words that keep their capital inside a sentence: nationalities, months and days. */
const PROPER = new Set(
  'American Chinese European Japanese Korean Dutch Taiwanese British Indian Russian German French Mexican Canadian January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(
    ' ',
  ),
);

/**
 * First words lowered whatever follows them: articles ("a Board of Trade", "the Entity List"),
 * "no", and the verbs a position starts with, whose next word is the name of what they act on
 * ("release Kovrig and Spavor", "take Huawei off the Entity List"), not the rest of a name.
 */
const LOWERED_FIRST = new Set(
  'A An The No Add Allow Approve Ban Buy Cut Delay Drop Ease End Expand Extend Grant Halt Impose Keep Let Lift List Lower Order Pause Pledge Raise Release Remove Require Restore Resume Sell Summon Suspend Take Tighten'.split(
    ' ',
  ),
);

/** First words of LOWERED_FIRST that a number after them makes a name: "List 4A", "Order 2". */
const NAMED_BY_NUMBER = new Set(['List', 'Order']);

/**
 * A label put inside a sentence: its first letter lowered, unless its first word is a name, an
 * acronym or a number, or starts a name of two capitalised words (Entity List).
 */
/** Items in a sentence: "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function inSentence(label: string): string {
  const [first = '', second = ''] = label.split(/\s+/, 2);
  const numbered = /^\d+[A-Z]?$/.test(second);
  // a verb is lowered before a number too ("buy 12 million tonnes"), unless it is also a noun a number names (List 4A)
  if (LOWERED_FIRST.has(first) && !(numbered && NAMED_BY_NUMBER.has(first))) return label[0]!.toLowerCase() + label.slice(1);
  // a capitalised word numbered is a name (Section 122, List 4A)
  if (/^[A-Z][a-z]+$/.test(first) && numbered) return label;
  const plain =
    /^[A-Z][a-z]*(-[a-z]+)*$/.test(first) &&
    !PROPER.has(first) &&
    // a possessive ("China's") is a name of its own, not the second word of one
    !(/^[A-Z][a-z]/.test(second) && !PROPER.has(second) && !/['’]s$/.test(second));
  return plain ? label[0]!.toLowerCase() + label.slice(1) : label;
}


/** Words before which an issue's label starts a noun phrase of its own: no article goes before them. */
const DETERMINERS = /^(a|an|the|no|this|that|these|those|our|your|their|its|all|any|some|each|every)$/;

/**
 * A label put in a sentence after a preposition, with "the" when its head (the word before its
 * first preposition or bracket) is a singular count noun: "the Section 122 tariff", "the ZTE denial
 * order", but "soybean purchases", "China's lists and probes", "a Board of Trade", "Michael
 * Kovrig and Michael Spavor", and nouns that read as well bare ("investment", "cooperation",
 * "licensing", "ownership", "access", "transfer").
 */
export function withArticle(label: string): string {
  const words = label.split(/\s+/);
  const first = words[0] ?? '';
  if (DETERMINERS.test(first) || /['’]s$/.test(first)) return label;
  const end = words.findIndex((w, i) => i > 0 && (/^(of|on|for|to|in|by|against|with|from|at)$/.test(w) || w.startsWith('(')));
  const head = (end > 0 ? words[end - 1]! : words[words.length - 1]!).replace(/[,.;:]+$/, '');
  if (!/^[a-z][a-z-]*$/.test(head)) return label; // a name, a number or an acronym
  if (/(s|ment|tion|sion|ing|ship|ance|ence|access|transfer|property|aid)$/.test(head)) return label;
  return `the ${label}`;
}

/**
 * A side's label inside a sentence: with "the" for a name that takes one ("the United States",
 * "the European Union", "the Netherlands"), else as it is ("China"). At a sentence's start, write
 * it with atSentenceStart.
 */
export function sideInSentence(label: string): string {
  return /^(United|Republic|People's|European|Kingdom|Netherlands|Philippines)\b/.test(label) ? `the ${label}` : label;
}

/** Text put at the start of a sentence: its first letter capitalised. */
export function atSentenceStart(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A name as a possessive: "China’s", "the United States’". */
export function possessive(label: string): string {
  return label.endsWith('s') ? `${label}’` : `${label}’s`;
}
/** A measure after "on": its issue, then what it does ("the fentanyl tariff (raise it to 20%)"). */
export function measureText(scenario: Scenario, issue: string, position: string): string {
  return `${withArticle(inSentence(issueOf(scenario, issue).label))} (${inSentence(positionOf(scenario, issue, position).label)})`;
}
