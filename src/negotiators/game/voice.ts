import type { Package, Side } from '../../core/types';
import type { Assessment, DecisionKind, Words } from './assess';
import type { Posture } from './posture';
import type { Memory } from './memory';
import { inSentence, listed as list, withArticle } from '../../core/sentence';

/**
 * What a negotiator says at the table: first person, to the other side, in a register that fits
 * its side and doctrine (firm, or conciliatory when its doctrine counts tension as a cost; sharper
 * right after a threat or a measure imposed on it), and about what the other side has just done.
 * Every sentence is built from the decision's real inputs (the move, the offer on the table, its
 * memory of the talks); where its phrasings start is drawn from the side's own voice stream once a
 * game (Assessment.voiceBase), so two games do not read the same, and each move steps on to the next
 * phrasing, so a line is not said again at the next move. It says no
 * numbers (the analysis has them) and never why it refuses an offer beyond what the other side
 * can see: a hidden red line stays hidden. All phrasings are this project's own.
 */

type Tone = 'firm' | 'conciliatory';

/** One of `options`: the one after the one this site chose at the side's previous move (draw k placed the first). */
function choose<T>(a: Assessment, k: number, options: readonly T[]): T {
  const draw = a.voiceBase[k % a.voiceBase.length] ?? 0;
  const start = Math.min(options.length - 1, Math.floor(draw * options.length));
  return options[(start + ownMoves(a)) % options.length]!;
}

/**
 * How many moves this side has made before this one: a phrasing steps on by one each move (from
 * where the game's draw started it), so a line said at one move is not said again at the next.
 */
const ownMoves = (a: Assessment): number => Math.floor(a.turn / 2);

function positionText(words: Words, issue: string, position: string): string {
  return inSentence(words.position[issue]?.[position] ?? position);
}

/** An issue as said after a preposition ("a measure on the fentanyl tariff"): see withArticle. */
export function issueText(words: Words, issue: string): string {
  return withArticle(inSentence(words.issue[issue] ?? issue));
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** A count as said at the table: in words up to ten. */
const countWord = (n: number): string => COUNT_WORDS[n] ?? String(n);

/**
 * At most two items named, the rest counted: "and one other change"; when a count was already said
 * earlier in the sentence, "and one more change", then "and one further change", so the phrase is
 * not said twice in one sentence.
 */
function short(items: string[], kind: 'other' | 'more' | 'further' = 'other', noun: 'change' | 'issue' = 'change'): string {
  if (items.length <= 2) return list(items);
  const rest = items.length - 2;
  return `${items.slice(0, 2).join(', ')} and ${countWord(rest)} ${kind} ${noun}${rest === 1 ? '' : 's'}`;
}

/** Issues named after "on" ("we move on the fentanyl tariff, port fees and two other issues"): what is counted is issues, not changes. */
const shortIssues = (issues: string[]): string => short(issues, 'other', 'issue');

/** A package as said at the table: what we would do, and what we ask of them. */
export function packageWords(words: Words, pkg: Package, me: Side): { ours: string[]; theirs: string[] } {
  const ours: string[] = [];
  const theirs: string[] = [];
  for (const [issue, position] of Object.entries(pkg))
    (words.holder[issue] === me ? ours : theirs).push(positionText(words, issue, position));
  return { ours, theirs };
}

/** A package as proposed; `counted`: the sentence has already said "and … other changes" before it. */
function proposal(a: Assessment, pkg: Package, counted = false): string {
  const { ours, theirs } = packageWords(a.words, pkg, a.side);
  const first = counted ? 'more' : 'other';
  if (ours.length > 0 && theirs.length > 0) {
    // the count after "on yours" takes the next word when one was said on our side
    const second = ours.length > 2 ? (counted ? 'further' : 'more') : first;
    return `on our side, ${short(ours, first)}; on yours, ${short(theirs, second)}`;
  }
  if (ours.length > 0) return `on our side, ${short(ours, first)}`;
  return `on your side, ${short(theirs, first)}`;
}

/** What its doctrine is about, as it would put it. */
const FOCUS: Record<string, string> = {
  'us.securityCost': 'our national security',
  'us.controlCredibility': 'the credibility of our export controls',
  'us.supplySecurity': 'secure supply chains',
  'us.tradeGains': 'our farmers, workers and exporters',
  'us.domesticSupport': 'what our public will support',
  'china.selfReliance': 'our own technological path',
  'china.chipAccess': 'the technology our industry needs',
  'china.rareEarthLeverage': 'our strategic resources',
  'china.tradeGains': 'our trade and our growth',
  'china.domesticSupport': 'what our people expect',
  tension: 'stable relations between us',
};

function tone(a: Assessment): Tone {
  return a.prefersCalm ? 'conciliatory' : 'firm';
}

/**
 * A measure, said around its issue with its label in brackets: labels are imperatives ("Revoke
 * the H20 licences") as often as names ("The 9 October controls"), and either reads there.
 */
/** A measure after "on": its issue, then what it does in brackets ("the fentanyl tariff (raise it to 20%)"). */
export function measureWords(words: Words, t: { issue: string; position: string }): string {
  return `${issueText(words, t.issue)} (${positionText(words, t.issue, t.position)})`;
}

function measure(a: Assessment, t: { issue: string; position: string }): string {
  return measureWords(a.words, t);
}

/** A sentence about what the other side has just done, or null when there is nothing to remark. */
function reaction(a: Assessment, m: Memory): string | null {
  const them = m.lastTheirs;
  if (them === 'impose') {
    const last = m.imposedOnMe[m.imposedOnMe.length - 1]!;
    return choose(a, 1, [
      `You have just imposed a measure on ${measure(a, last)} in the middle of our talks.`,
      `Imposing a measure on ${measure(a, last)} while we negotiate is not how agreements are made.`,
      `We take note that you chose to act on ${measure(a, last)} instead of negotiating.`,
    ]);
  }
  if (them === 'threaten') {
    const last = m.threatsAgainstMe[m.threatsAgainstMe.length - 1]!;
    return choose(a, 1, [
      `Your threat on ${measure(a, last)} does not move us.`,
      `We heard your threat on ${measure(a, last)}. Threats will not speed this up.`,
      `Threatening us on ${measure(a, last)} changes nothing in our position.`,
    ]);
  }
  if (them === 'reject')
    return choose(a, 1, [
      'You turned our proposal down.',
      'You rejected our last proposal without a counter.',
      'You said no to our offer, and offered nothing in its place.',
    ]);
  if (them === 'hold')
    return choose(a, 1, [
      'You have put nothing new on the table.',
      'You made no proposal this time.',
      'We are still waiting for a proposal from you.',
    ]);
  if (them === 'accept') return 'The agreement did not hold at home.';
  if (them === 'propose') {
    switch (m.trend) {
      case 'first':
        return choose(a, 1, [
          'We have studied your opening proposal.',
          'Thank you for your proposal; we have looked at it closely.',
          'Your opening asks a great deal of us.',
        ]);
      case 'same':
        return choose(a, 1, [
          'You have made the same offer again.',
          'Repeating your offer does not change our answer.',
          'This is the offer you made before.',
        ]);
      case 'little':
        return choose(a, 1, [
          'Your new offer rearranges things but changes little.',
          'This is a different package, not a better one.',
          'You have moved the pieces around; the substance is the same.',
        ]);
      case 'better':
        return choose(a, 1, [
          'Your new offer is a step in the right direction.',
          'We note the movement in your offer.',
          'Your latest proposal is better than the last.',
        ]);
      case 'worse':
        return choose(a, 1, [
          'Your latest offer takes back part of what you had offered.',
          'This offer asks more of us than your last one.',
          'You have moved backwards since your last offer.',
        ]);
    }
  }
  return null;
}

/** Why an offer on the table is not signed, as far as the other side may be told. */
function refusal(a: Assessment): string {
  const o = a.offer!;
  if (o.unreversed.length > 0) {
    const names = list(o.unreversed.map((i) => issueText(a.words, i)));
    return choose(a, 2, [
      `No agreement leaves in force what you imposed on ${names} during these talks.`,
      `We will not sign a deal that keeps in place the measure you imposed on ${names}.`,
      `First lift what you imposed on ${names}; we do not reward pressure with a signature.`,
    ]);
  }
  if (o.redLines.length > 0 || o.utility === null)
    return choose(a, 2, [
      'That package does not work for us.',
      'We cannot accept that proposal as it stands.',
      'That is not a basis we can sign.',
    ]);
  if (!o.home.ok)
    return choose(a, 2, [
      'We could not carry that at home.',
      'Our side would not ratify that.',
      'That would not survive at home, and a deal that fails there helps no one.',
    ]);
  if (!o.there.ok)
    return choose(a, 2, [
      'Your own side would not ratify that, and we will not sign what cannot hold.',
      'That would fail on your side; we want a deal that lasts.',
    ]);
  return choose(a, 2, [
    'That is not yet enough for us.',
    'We are not there yet.',
    'That falls short of what we can accept.',
  ]);
}

function opening(a: Assessment, m: Memory, pkg: Package): string {
  const what = proposal(a, pkg);
  if (m.received.length > 0) {
    return choose(a, 3, [
      // not "your opening": the reaction before it may just have said that word
      `Here is our counter-proposal: ${what}.`,
      `Our own proposal: ${what}.`,
      `We put a different balance on the table: ${what}.`,
    ]);
  }
  return tone(a) === 'firm'
    ? choose(a, 3, [
        `Let us begin with a clear proposal: ${what}.`,
        `We open with this: ${what}.`,
        `Our starting position is simple: ${what}.`,
      ])
    : choose(a, 3, [
        `We would like to begin with a proposal that gives both sides something: ${what}.`,
        `Let us start from here: ${what}.`,
        `In good faith, we open with this: ${what}.`,
      ]);
}

/**
 * Whether its counter gives the other side more than its previous offer did, by its own model of
 * them: only then may it say it moves towards them (a counter that costs it more can still take
 * back what it had offered).
 */
function towardsThem(a: Assessment): boolean {
  const c = a.counter!;
  return c.previousTheirWorth === null || c.theirWorth > c.previousTheirWorth;
}

function moved(a: Assessment): string[] {
  const before = a.previousOffer;
  const after = a.counter!.pkg;
  if (!before) return [];
  const issues = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...issues].filter((i) => before[i] !== after[i]).map((i) => issueText(a.words, i));
}

/**
 * Late in the talks: its final offer, its last move, or the last third of the turns. Its
 * concession curve falls with time, so a concession made then is made because the deadline is near.
 */
function late(a: Assessment): boolean {
  return a.strategy.finalOffer !== null || a.finalOfferTurn || a.myLastMove || 3 * (a.turn + 1) >= 2 * a.turns;
}

/**
 * Why it still gives ground after an offer no better than the last (the reaction has just said
 * so): near the deadline, because time is running out; earlier, after an offer that asked more,
 * because it still wants a deal (not "agreement": the concession's own line may say that word). Null when the reaction does not call for it.
 */
function stillMoving(a: Assessment, m: Memory): string | null {
  if (m.lastTheirs !== 'propose' || !(m.trend === 'worse' || m.trend === 'same' || m.trend === 'little')) return null;
  if (late(a))
    return choose(a, 7, [
      'Even so, the talks end soon, and we would rather close the gap than leave with nothing.',
      'Still, time is running out, and we want a deal before these talks end.',
    ]);
  return m.trend === 'worse'
    ? choose(a, 7, ['Even so, we have not given up on a deal.', 'We still want a deal, all the same.'])
    : null;
}

function counter(a: Assessment, m: Memory, posture: Posture): string {
  const parts: string[] = [];
  const seen = reaction(a, m);
  if (seen) parts.push(seen);
  // offering their own earlier proposal back is answer enough to a signable offer
  if (a.offer && !(a.offer.signable && a.strategy.finalOffer === 'theirs')) parts.push(refusal(a));
  if (!a.counter) {
    parts.push(
      choose(a, 4, [
        'On the terms available we are better off without an agreement, so we make no new proposal.',
        'We see nothing we could sign today. We hold.',
        'We will wait: nothing on offer is worth our signature.',
      ]),
    );
    return parts.join(' ');
  }
  const pkg = a.counter.pkg;
  const changed = moved(a);
  if (a.strategy.finalOffer === 'theirs') {
    parts.push(
      choose(a, 3, [
        `We put your own proposal back on the table: ${proposal(a, pkg)}. Confirm it and we have a deal.`,
        `We are ready to sign what you proposed yourselves: ${proposal(a, pkg)}.`,
      ]),
    );
  } else if (posture === 'probing') {
    parts.push(opening(a, m, pkg));
  } else if (posture === 'conceding' && !towardsThem(a)) {
    // it gives up something of its own but takes back more of what it had offered them: it hardens
    const where = changed.length > 0 ? ` on ${shortIssues(changed)}` : '';
    parts.push(
      choose(a, 3, [
        `We take back part of what we offered${where}: ${proposal(a, pkg, changed.length > 2)}.`,
        `Our offer is firmer now${where}: ${proposal(a, pkg, changed.length > 2)}.`,
        `We have rethought our package${where}, and it asks more of you: ${proposal(a, pkg, changed.length > 2)}.`,
      ]),
    );
  } else if (posture === 'conceding') {
    const still = stillMoving(a, m);
    if (still) parts.push(still);
    const where = changed.length > 0 ? ` on ${shortIssues(changed)}` : '';
    parts.push(
      tone(a) === 'firm'
        ? choose(a, 3, [
            `We have moved${where}. Now it is your turn.`,
            `We take a step${where}, and we expect one from you.`,
            `We adjust our offer${where}: ${proposal(a, pkg, changed.length > 2)}.`,
          ])
        : choose(a, 3, [
            `In the interest of an agreement, we move${where}: ${proposal(a, pkg, changed.length > 2)}.`,
            `We are taking a step towards you${where}.`,
            `We have listened, and we adjust our offer${where}.`,
          ]),
    );
  } else {
    parts.push(
      changed.length > 0
        ? choose(a, 3, [
            `We have reworked our package on ${shortIssues(changed)}, but our position has not changed.`,
            `A different arrangement on ${shortIssues(changed)}, the same balance: ${proposal(a, pkg, changed.length > 2)}.`,
          ])
        : choose(a, 3, [
            'Our proposal stands.',
            `We put our proposal to you again: ${proposal(a, pkg)}.`,
            'Our position is unchanged, and it is a fair one.',
          ]),
    );
  }
  if (a.strategy.finalOffer === 'own' || (a.finalOfferTurn && a.strategy.finalOffer === null)) {
    parts.push(
      choose(a, 5, ['This is our final offer.', 'We will not improve on this.', 'This is as far as we go.']),
    );
  }
  if (a.toReverse.length > 0 && !(a.offer && a.offer.unreversed.length > 0)) {
    // the reaction may have just named the one measure to lift: it is not named again
    const named =
      m.lastTheirs === 'impose' &&
      a.toReverse.length === 1 &&
      m.imposedOnMe[m.imposedOnMe.length - 1]?.issue === a.toReverse[0];
    parts.push(
      named
        ? 'Any agreement must lift that measure.'
        : `Any agreement must lift your measure on ${list(a.toReverse.map((i) => issueText(a.words, i)))}.`,
    );
  } else if ((ownMoves(a) + Math.floor((a.voiceBase[6] ?? 0) * 3)) % 3 === 0 && FOCUS[a.focus]) {
    // what matters to it, every third move: said every move, it would be a refrain
    parts.push(
      tone(a) === 'firm'
        ? `We will not compromise on ${FOCUS[a.focus]}.`
        : `What matters to us is ${FOCUS[a.focus]}.`,
    );
  }
  return parts.join(' ');
}

/**
 * Holding firm while coerced: indignant, in the register of its doctrine, about the measure the
 * other side imposed during the talks; it will not pay for its lifting, and says what it wants in
 * its place.
 */
function standFirm(a: Assessment, m: Memory): string {
  const parts: string[] = [];
  const seen = reaction(a, m);
  if (seen) parts.push(seen);
  const pkg = a.counter!.pkg;
  const several = a.coercion.length > 1;
  // the reaction has just named the one measure imposed: it is not named again in the same turn
  const last = m.imposedOnMe[m.imposedOnMe.length - 1];
  const named =
    m.lastTheirs === 'impose' &&
    !several &&
    last !== undefined &&
    last.issue === a.coercion[0]!.issue &&
    last.position === a.coercion[0]!.position;
  const yours = several
    ? `your measures on ${list(a.coercion.map((c) => measure(a, c)))}`
    : named
      ? 'your measure'
      : `your measure on ${measure(a, a.coercion[0]!)}`;
  const is = several ? 'are' : 'is';
  const it = several ? 'them' : 'it';
  // an offer that leaves the measure in force is refused for that; any other refusal as usual
  const leaves = a.offer !== null && a.offer.unreversed.length > 0;
  // a refusal on other grounds comes first, so that its "that" is the offer, not the measure
  if (a.offer && !leaves) parts.push(refusal(a));
  let terms: string;
  if (tone(a) === 'firm') {
    parts.push(
      choose(a, 3, [
        `We do not negotiate with a measure held over us, and ${yours} ${is} exactly that.`,
        `${named ? '' : `You imposed ${several ? 'measures' : 'a measure'} on ${list(a.coercion.map((c) => measure(a, c)))} in the middle of these talks. `}You will get nothing from us for lifting what you should never have imposed.`,
        `Pressure buys no concessions from us, and ${yours} ${is} pressure.`,
      ]),
    );
    terms = choose(a, 2, [
      `We give no ground while ${it} ${several ? 'stand' : 'stands'}`,
      'Our terms do not move',
    ]);
  } else {
    parts.push(
      choose(a, 3, [
        `We came to negotiate, not to bargain with ${yours} hanging over us.`,
        `We will not reward coercion, and ${yours} ${is} coercion, whatever name you give ${it}.`,
        `Agreements are not made under pressure, and ${yours}, imposed while we talk, ${is} pressure.`,
      ]),
    );
    terms = choose(a, 2, ['Until it is lifted, our offer stays as it is', 'We cannot move while it stands']);
  }
  if (leaves)
    parts.push(
      choose(a, 5, [
        `Your offer leaves ${it} in place, so we will not sign it.`,
        `An offer that keeps ${it} in force is not one we will sign.`,
      ]),
    );
  const offer = proposal(a, pkg);
  // an opening made under coercion has no earlier terms to keep
  parts.push(`${a.counter!.previousUtility === null ? 'These are our terms' : terms}: ${offer}.`);
  const asked = a.coercion.flatMap((c) => (c.asked === null ? [] : [positionText(a.words, c.issue, c.asked)]));
  // what it wants in the measure's place, unless the proposal just named it
  if (asked.length > 0 && !asked.every((x) => offer.includes(x)))
    parts.push(
      choose(a, 4, [
        `In ${several ? 'their' : 'its'} place we ask for this: ${list(asked)}.`,
        `Any agreement puts this in ${several ? 'their' : 'its'} place: ${list(asked)}.`,
      ]),
    );
  return parts.join(' ');
}

function accept(a: Assessment, m: Memory): string {
  const parts: string[] = [];
  if (m.provoked)
    parts.push(
      choose(a, 1, [
        'We accept the terms, not the pressure that came with them.',
        'Despite your threats, these terms are acceptable, and we accept them.',
      ]),
    );
  else if (m.trend === 'same' && a.strategy.acceptedBecause !== 'next')
    parts.push(
      choose(a, 1, [
        'You have held to this offer, and we accept it.',
        'You have not moved, and time is short: we accept your offer.',
      ]),
    );
  else if (a.myLastMove)
    parts.push(
      choose(a, 1, [
        'Time is short, and this is worth having: we accept.',
        'This is our last word, and it is yes.',
        'Before time runs out: we accept.',
      ]),
    );
  else
    parts.push(
      tone(a) === 'firm'
        ? choose(a, 1, [
            'We accept. These are terms we can defend.',
            'Agreed. We will sign on these terms.',
            'We can accept this package.',
          ])
        : choose(a, 1, [
            'We accept, and we thank you for the work on both sides.',
            'Agreed. This gives both sides something to take home.',
            'We welcome this offer and accept it.',
          ]),
    );
  return parts.join(' ');
}

function threaten(a: Assessment, m: Memory): string {
  const due = a.round + a.threatWindow;
  const what = measure(a, a.lever!);
  if (m.provoked) {
    return choose(a, 3, [
      `You chose escalation. Unless there is an agreement by the end of round ${due}, we act on ${what}.`,
      `If pressure is your method, it works both ways: without a deal by the end of round ${due}, we act on ${what}.`,
      `We answer in kind: a measure on ${what}, unless we have a deal by the end of round ${due}.`,
    ]);
  }
  return choose(a, 3, [
    `We have waited for a serious offer. Unless there is a deal by the end of round ${due}, we will act on ${what}.`,
    `Our patience has limits. Without an agreement by the end of round ${due}, we act on ${what}.`,
    `Let us be clear about the cost of delay: without a deal by the end of round ${due}, a measure on ${what}.`,
  ]);
}

function carryOut(a: Assessment): string {
  const what = measure(a, a.dueThreat!);
  const lead = choose(a, 3, [
    `We said we would act, and we do: our measure on ${what} takes effect now.`,
    `We gave you until this round. Our measure on ${what} now applies.`,
    `As we announced, our measure on ${what} is in force from today.`,
  ]);
  const tail = a.offer
    ? a.offer.signable
      ? ' Your offer came too late and gave too little.'
      : ' Your offer did not change that.'
    : '';
  return lead + tail;
}

function retaliate(a: Assessment, m: Memory): string {
  const theirs = measure(a, m.imposedOnMe[m.imposedOnMe.length - 1]!);
  const ours = measure(a, a.retaliation!);
  return `${choose(a, 3, [`You imposed a measure on ${theirs}; we answer with one on ${ours}.`, `Coercion has a price: our measure on ${ours} takes effect, in answer to yours on ${theirs}.`, `We do not negotiate under pressure without answering it: our measure on ${ours} now applies, in answer to yours on ${theirs}.`])} ${choose(a, 4, ['Lift your measure and we can talk.', 'Any agreement will have to undo both.', 'The way back is open: reverse what you did.'])}`;
}

function coolOff(a: Assessment, m: Memory): string {
  if (m.failedRatification)
    return choose(a, 3, [
      'The agreement failed at home. We will take this round to regroup before we try again.',
      'That deal did not survive ratification. We pause for a round; our aim has not changed.',
    ]);
  const seen = reaction(a, m);
  const pause = choose(a, 3, [
    'We will not add to the tension: no new proposal from us this round.',
    'Tempers are high. We pause this round; our position stands.',
    'We step back for a round, so that calmer heads can prevail.',
  ]);
  return seen ? `${seen} ${pause}` : pause;
}

function walkout(a: Assessment, m: Memory): string {
  const names = list(m.imposedOnMe.map((t) => measure(a, t)));
  return choose(a, 3, [
    `We are leaving the table. You imposed measures on ${names} while we were negotiating, and you have not moved.`,
    `We cannot negotiate under measures imposed during the talks, on ${names}. We are withdrawing.`,
    `Enough. After your measures on ${names}, and no movement from you, we walk away.`,
  ]);
}

export function sayFor(kind: DecisionKind, a: Assessment, m: Memory, posture: Posture): string {
  switch (kind) {
    case 'accept':
      return accept(a, m);
    case 'stand-firm':
      return standFirm(a, m);
    case 'counter':
      return counter(a, m, posture);
    case 'threaten':
      return threaten(a, m);
    case 'carry-out':
      return carryOut(a);
    case 'retaliate':
      return retaliate(a, m);
    case 'cool-off':
      return coolOff(a, m);
    case 'walkout':
      return walkout(a, m);
  }
}
