import type { Package } from '../../core/types';
import type { Assessment, DecisionKind, IntelLevel, Words } from './assess';
import type { Memory } from './memory';

/**
 * Reasons in plain words, built only from the inputs of the decision: what the offer is worth to
 * the negotiator under its doctrine (in score points), what no deal is worth, what its politics at
 * home would bear, how long the other side has stood still. What it says of its priorities depends
 * on the player's intelligence: nothing at `low`, its top concern at `medium`, top and bottom at
 * `high`.
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

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the reason may say of the negotiator's priorities at this intelligence level. */
export function prioritiesText(a: Assessment, intel: IntelLevel): string {
  if (intel === 'low') return '';
  const ranked = a.weights
    .filter((w) => w.weight > 0)
    .sort((x, y) => y.weight - x.weight || x.issue.localeCompare(y.issue));
  if (ranked.length === 0) return '';
  if (intel === 'medium') return ` Your intelligence suggests it cares most about ${ranked[0]!.label}.`;
  const top = ranked.slice(0, 2).map((w) => w.label);
  const bottom = ranked.length > 3 ? ranked[ranked.length - 1]!.label : null;
  return ` It cares most about ${list(top)}${bottom ? `, and least about ${bottom}` : ''}.`;
}

/** Why the offer on the table is not signed. */
function refusal(a: Assessment): string {
  const o = a.offer!;
  const me = a.sideLabel;
  const them = a.otherLabel;
  if (o.redLines.length > 0) return `Part of the offer from ${them} is something ${me} will never agree to.`;
  if (!o.home.ok)
    return `The offer would leave domestic support in ${me} at ${one(o.home.projected)}, short of the ${one(o.home.needed)} it needs to get a deal ratified at home.`;
  if (!o.there.ok)
    return `The offer would not pass in ${them}: support there would fall to ${one(o.there.projected)}, below the ${one(o.there.needed)} needed.`;
  const aim = a.counter ? `; it still aims for about ${pts(a.counter.points)}` : '';
  return `The offer from ${them} is worth ${pts(o.points)} points to ${me} under ${a.doctrineLabel} (no deal: ${pts(a.reservation.points)})${aim}.`;
}

/** What changed from the previous package to the next: what it now gives, what it now asks. */
function changes(words: Words, before: Package | null, after: Package): string[] {
  if (!before) return [];
  const issues = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...issues].filter((i) => before[i] !== after[i]).map((i) => words.issue[i] ?? i);
}

export function reasonFor(kind: DecisionKind, a: Assessment, m: Memory, intel: IntelLevel): string {
  const me = a.sideLabel;
  const them = a.otherLabel;
  const priorities = prioritiesText(a, intel);
  switch (kind) {
    case 'accept': {
      const o = a.offer!;
      const why =
        a.strategy.acceptedBecause === 'last'
          ? 'This is the last move of the talks and the deal beats no deal.'
          : a.strategy.acceptedBecause === 'best-of-theirs'
            ? `It has one offer left that ${them} could still accept before the deadline, and this package is worth at least as much to it as that final offer would be.`
            : `That is at least what it would ask for next (${pts(a.nextPoints)}).`;
      return `${me} accepts. The package is worth ${pts(o.points)} points to it under ${a.doctrineLabel}, against ${pts(a.reservation.points)} for no deal. ${why} At home, support would stand at ${one(o.home.projected)}, above the ${one(o.home.needed)} it needs.${priorities}`;
    }
    case 'carry-out': {
      const t = a.dueThreat!;
      return `${me} carries out its threat: ${a.words.position[t.issue]?.[t.position] ?? t.position} (${a.words.issue[t.issue] ?? t.issue}). There is no acceptable deal on the table, and backing down would cost it ${a.audienceCost} points of domestic support and the credibility of its next threat.`;
    }
    case 'walkout':
      return `${me} walks out. ${them} has imposed ${m.impositions} measures on it and has not moved for ${m.stalled} rounds; it no longer expects a deal worth more than the ${pts(a.reservation.points)} points no deal is worth.`;
    case 'cool-off':
      if (m.failedRatification)
        return `${me} makes no new offer this round: the last deal failed at home, and it lets tempers settle before trying again.${priorities}`;
      return `${me} holds its position and makes no new demand: tension stands at ${one(a.tension)} of 10 after ${them}'s escalation, and ${a.doctrineLabel} counts tension as a cost.${priorities}`;
    case 'threaten': {
      const l = a.lever!;
      const why = m.provoked
        ? `it answers the escalation by ${them}`
        : `${them} has made no real move towards it for ${m.stalled} round${m.stalled === 1 ? '' : 's'}, and ${me} waits ${a.patience}`;
      const label = `${a.words.position[l.issue]?.[l.position] ?? l.position} (${a.words.issue[l.issue] ?? l.issue})`;
      const due = a.round + a.threatWindow;
      const by = due > a.rounds ? 'before the talks end' : `by the end of round ${due}`;
      const own = l.ours >= 0 ? `would even gain itself ${one(l.ours)}` : `would cost itself ${one(-l.ours)}`;
      return `${me} threatens ${label} unless there is a deal ${by}: ${why}. By its reckoning the measure would cost ${them} about ${one(-l.theirs)} points and ${own}.${priorities}`;
    }
    case 'counter': {
      if (!a.counter) {
        const base = a.offer ? `${refusal(a)} ` : '';
        return `${base}${me} makes no offer: nothing it could ask for is worth more to it than no deal and would also pass at home on both sides.${priorities}`;
      }
      const c = a.counter;
      const moved = changes(a.words, a.previousOffer, c.pkg);
      const stance =
        c.previousUtility === null
          ? `It opens with a package worth ${pts(c.points)} points to it.`
          : c.utility >= c.previousUtility - 0.02
            ? moved.length > 0
              ? `It holds firm, reshuffling ${list(moved)}.`
              : 'It holds firm and repeats its offer.'
            : `It gives ground${moved.length > 0 ? ` on ${list(moved)}` : ''}: its offer is now worth ${pts(c.points)} points to it.`;
      const base = a.offer ? refusal(a) : `There is no offer from ${them} on the table.`;
      const final =
        a.strategy.finalOffer === 'theirs'
          ? ` It is its last offer that ${them} can still accept: the best for ${me} of the packages ${them} has proposed itself.`
          : a.strategy.finalOffer === 'own'
            ? ` It is its last offer that ${them} can still accept.`
            : '';
      const read = a.strategy.stubborn
        ? ` ${them} has repeated one offer; ${me} will not simply give it what it asks.`
        : '';
      return `${base} ${stance}${final}${read}${priorities}`;
    }
  }
}
