import type { Package } from '../../core/types';
import type { Assessment, DecisionKind, IntelLevel, Words } from './assess';
import { FIRM_TOLERANCE } from './assess';
import type { Memory } from './memory';
import { atSentenceStart, inSentence, listed as list, possessive, sideInSentence, withArticle } from '../../core/sentence';
// an issue's label in a sentence, and a measure by its issue then what it does: as the voice says them
import { issueText as issueName, measureWords as measure } from './voice';

/**
 * The analysis behind a decision, in plain words, built only from its inputs: what the offer is
 * worth to the negotiator under its doctrine (in score points), what walking away is worth (its
 * walk-away value, the one measure every choice compares a deal with), what its politics at home
 * would bear, how long the other side has stood still. Each claim is one its inputs make true: it
 * says a deal beats walking away only when the numbers it prints say so, and it never says why an
 * offer crosses a red line (the red lines are hidden). What it says of the negotiator's
 * priorities depends on the player's intelligence: nothing at `low`, its top concern at `medium`,
 * top and bottom at `high`.
 */

const pts = (x: number | null) =>
  x === null || !Number.isFinite(x) ? '?' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
const one = (x: number) => x.toFixed(1);

export function describePackage(words: Words, pkg: Package): string {
  const parts = Object.entries(pkg).map(
    ([issue, position]) => `${words.issue[issue] ?? issue}: ${words.position[issue]?.[position] ?? position}`,
  );
  return parts.length === 0 ? 'no change' : parts.join('; ');
}


/** What the reason may say of the negotiator's priorities at this intelligence level. */
export function prioritiesText(a: Assessment, intel: IntelLevel): string {
  if (intel === 'low') return '';
  const ranked = a.weights
    .filter((w) => w.weight > 0)
    .sort((x, y) => y.weight - x.weight || x.issue.localeCompare(y.issue));
  if (ranked.length === 0) return '';
  if (intel === 'medium') return ` Your intelligence suggests it cares most about ${withArticle(inSentence(ranked[0]!.label))}.`;
  const top = ranked.slice(0, 2).map((w) => withArticle(inSentence(w.label)));
  const bottom = ranked.length > 3 ? withArticle(inSentence(ranked[ranked.length - 1]!.label)) : null;
  return ` It cares most about ${list(top)}${bottom ? `, and least about ${bottom}` : ''}.`;
}

/** The walk-away value, said. */
const walking = (a: Assessment) => `${pts(a.walkAway.points)} points for walking away`;

/** The doctrine its worth is judged by, in a sentence (a label, named as such). */
const doctrine = (a: Assessment) => `its “${a.doctrineLabel}” doctrine`;

/** Why the offer on the table is not signed. */
function refusal(a: Assessment): string {
  const o = a.offer!;
  const me = sideInSentence(a.sideLabel);
  const them = sideInSentence(a.otherLabel);
  if (o.unreversed.length > 0) {
    const names = list(o.unreversed.map((i) => issueName(a.words, i)));
    return `The offer from ${them} leaves in force what ${them} imposed on ${me} during the talks (${names}); ${me} signs no deal that does not reverse it.`;
  }
  if (o.redLines.length > 0 || o.utility === null)
    return `${atSentenceStart(me)} will not sign the offer from ${them} as it stands.`;
  if (!o.home.ok)
    return `The offer would leave domestic support in ${me} at ${one(o.home.projected)} of 100, short of the ${one(o.home.needed)} it needs to get a deal ratified at home.`;
  if (!o.there.ok)
    return `The offer would not pass in ${them}: support there would fall to ${one(o.there.projected)} of 100, below the ${one(o.there.needed)} needed.`;
  const aim = a.counter ? `; it still aims for about ${pts(a.counter.points)} points` : '';
  return `The offer from ${them} is worth ${pts(o.points)} points to ${me} under ${doctrine(a)} (${walking(a)})${aim}.`;
}

/** What changed from the previous package to the next. */
function changes(words: Words, before: Package | null, after: Package): string[] {
  if (!before) return [];
  const issues = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...issues].filter((i) => before[i] !== after[i]).map((i) => issueName(words, i));
}

function accepted(a: Assessment): string {
  const o = a.offer!;
  const me = sideInSentence(a.sideLabel);
  const them = sideInSentence(a.otherLabel);
  const margin = (o.points ?? 0) - a.walkAway.points;
  const beats =
    margin > 0.05 ? 'is worth more than walking away' : 'is worth as much as walking away, and no less';
  const why =
    a.strategy.acceptedBecause === 'best-of-theirs'
      ? `It has one offer left that ${them} could still accept before the deadline, and this package is worth at least as much to it as that final offer would be.`
      : a.strategy.acceptedBecause === 'last'
        ? a.lastTurn
          ? `This is the last move of the talks, and the deal ${beats}.`
          : `This is its last move of the talks: the deal ${beats}, and it is the best it can still have.`
        : `That is at least what it would ask for next (${pts(a.nextPoints)} points).`;
  return `${atSentenceStart(me)} accepts. The package is worth ${pts(o.points)} points to it under ${doctrine(a)}, against ${walking(a)}. ${why} At home, support would stand at ${one(o.home.projected)} of 100, above the ${one(o.home.needed)} it needs.`;
}

/** What it requires of any deal after coercion, when the offer on the table has not already been refused for it. */
function reverseNote(a: Assessment): string {
  if (a.toReverse.length === 0 || (a.offer && a.offer.unreversed.length > 0)) return '';
  return ` Any deal it offers or signs reverses what ${sideInSentence(a.otherLabel)} imposed on it during the talks (${list(a.toReverse.map((i) => issueName(a.words, i)))}).`;
}

function counterAnalysis(a: Assessment, intelText: string): string {
  const me = sideInSentence(a.sideLabel);
  const them = sideInSentence(a.otherLabel);
  const reverse = reverseNote(a);
  if (!a.counter) {
    const base = a.offer ? `${refusal(a)} ` : '';
    return `${base}${atSentenceStart(me)} makes no offer: nothing it could ask for is worth more to it than walking away (${pts(a.walkAway.points)} points) and would also pass at home on both sides.${reverse}${intelText}`;
  }
  const c = a.counter;
  const moved = changes(a.words, a.previousOffer, c.pkg);
  const stance =
    c.previousUtility === null
      ? `It opens with a package worth ${pts(c.points)} points to it (${walking(a)}).`
      : c.utility >= c.previousUtility - FIRM_TOLERANCE
        ? moved.length > 0
          ? `It holds firm, reshuffling ${list(moved)}.`
          : 'It holds firm and repeats its offer.'
        : `It gives ground${moved.length > 0 ? ` on ${list(moved)}` : ''}: its offer is now worth ${pts(c.points)} points to it.`;
  const base = a.offer ? refusal(a) : `There is no offer from ${them} on the table.`;
  const final =
    a.strategy.finalOffer === 'theirs'
      ? ` It is its last offer that ${them} can still accept: the best for ${me} of the packages ${them} has proposed itself.`
      : a.strategy.finalOffer === 'own' || a.finalOfferTurn
        ? ` It is its last offer that ${them} can still accept.`
        : '';
  const read =
    a.strategy.stubborn && a.strategy.finalOffer === null
      ? ` ${atSentenceStart(them)} has repeated one offer; ${me} does not give it what it asks before its final offer.`
      : '';
  return `${base} ${stance}${final}${read}${reverse}${intelText}`;
}

/**
 * Why it holds firm while coerced (the stand-firm decision): the measures the other side imposed
 * on it during the talks that are in force, what its offer puts in their place, and what its offer
 * is worth to it against walking away.
 */
function standFirmAnalysis(a: Assessment, intelText: string): string {
  const me = sideInSentence(a.sideLabel);
  const them = sideInSentence(a.otherLabel);
  const c = a.counter!;
  const base = a.offer ? refusal(a) : `There is no offer from ${them} on the table.`;
  const several = a.coercion.length > 1;
  const measures = `${several ? 'measures' : 'a measure'} on ${list(a.coercion.map((x) => measure(a.words, x)))}`;
  const asked = a.coercion.flatMap((x) =>
    x.asked === null ? [] : [measure(a.words, { issue: x.issue, position: x.asked })],
  );
  const instead = asked.length > 0 ? ` In ${several ? 'their' : 'its'} place its offer asks for ${list(asked)}.` : '';
  const stance =
    c.previousUtility === null
      ? `It opens with its best terms, worth ${pts(c.points)} points to it (${walking(a)}),`
      : `It holds firm: its offer is worth ${pts(c.points)} points to it (${walking(a)}),`;
  return `${base} ${stance} because of what ${them} imposed on it during the talks: ${measures}. While ${several ? 'those measures are' : 'that measure is'} in force, ${me} concedes nothing before its final offer: conceding now would pay ${them} for lifting what it imposed, on top of the harm the measure does.${instead}${intelText}`;
}

export function analysisFor(kind: DecisionKind, a: Assessment, m: Memory, intel: IntelLevel): string {
  const me = sideInSentence(a.sideLabel);
  const them = sideInSentence(a.otherLabel);
  const priorities = prioritiesText(a, intel);
  switch (kind) {
    case 'accept':
      return `${accepted(a)}${priorities}`;
    case 'carry-out': {
      const t = a.dueThreat!;
      const context = !a.offer
        ? `No offer from ${them} is on the table`
        : a.offer.signable
          ? `The offer on the table is worth ${pts(a.offer.points)} points to it (${walking(a)}), short of the ${pts(a.nextPoints)} points it aims for`
          : `It will not sign the offer on the table as it stands`;
      return `${atSentenceStart(me)} carries out its threat, a measure on ${measure(a.words, t)}. ${context}, and backing down would cost it ${a.audienceCost} points of domestic support and the credibility of its next threat.`;
    }
    case 'retaliate': {
      const l = a.retaliation!;
      const theirs = m.imposedOnMe[m.imposedOnMe.length - 1]!;
      const own = l.ours >= 0 ? `would even gain itself ${one(l.ours)} points` : `costs itself ${one(-l.ours)} points`;
      const why = a.prefersCalm
        ? `Its “${a.doctrineLabel}” doctrine counts tension as a cost and let its refusal to reward coercion speak the first time; ${them} has now imposed ${m.impositions} measures on it during the talks, so it answers in kind;`
        : `Its “${a.doctrineLabel}” doctrine does not count tension as a cost, so it answers coercion in kind;`;
      return `${atSentenceStart(me)} answers ${possessive(them)} measure on ${measure(a.words, theirs)} with one on ${measure(a.words, l)}: by its reckoning the measure costs ${them} about ${one(-l.theirs)} points and ${own}. ${why} and it signs no deal that leaves ${possessive(them)} measure in force.${priorities}`;
    }
    case 'walkout':
      return `${atSentenceStart(me)} walks out. ${atSentenceStart(them)} has imposed ${m.impositions} measures on it during the talks (on ${list(m.imposedOnMe.map((x) => measure(a.words, x)))}), and its last ${m.stalled} moves brought ${me} nothing better, which is all the patience it has (${a.patience} ${a.patience === 1 ? 'move' : 'moves'}).`;
    case 'cool-off':
      if (m.failedRatification)
        return `${atSentenceStart(me)} makes no new offer this round: the last deal failed at home, and it lets tempers settle before trying again.${priorities}`;
      return `${atSentenceStart(me)} holds its position and makes no new demand: tension stands at ${one(a.tension)} of 10 after ${possessive(them)} escalation, and ${doctrine(a)} counts tension as a cost.${reverseNote(a)}${priorities}`;
    case 'threaten': {
      const l = a.lever!;
      const why = m.provoked
        ? `it answers the escalation by ${them}`
        : `${possessive(them)} last ${m.stalled} moves brought it nothing better, and ${me} waits ${a.patience} ${a.patience === 1 ? 'move' : 'moves'}`;
      const due = a.round + a.threatWindow;
      const own = l.ours >= 0 ? `would even gain itself ${one(l.ours)} points` : `would cost itself ${one(-l.ours)} points`;
      return `${atSentenceStart(me)} threatens a measure on ${measure(a.words, l)} unless there is a deal by the end of round ${due}: ${why}. By its reckoning the measure would cost ${them} about ${one(-l.theirs)} points and ${own}.${reverseNote(a)}${priorities}`;
    }
    case 'stand-firm':
      return standFirmAnalysis(a, priorities);
    case 'counter':
      return counterAnalysis(a, priorities);
  }
}
