import { issueOf, positionOf } from '../core/scenario-lookup';
import type { Effect, Explanation, Scenario, Source } from '../core/types';
import type { IndicatorProjection } from '../core/projection';
import { explanationText } from './explain-words';

/**
 * Where a figure on a play screen comes from. Every number the model shows is one of two things:
 * a figure a source gives (a tariff rate in a position's label, a date, a count), or a size the
 * model sets itself (every effect on an indicator, every threshold and audience cost). The second
 * kind is labelled "model estimate" on screen; when a source backs the argument behind an effect
 * (its direction), that source is shown too, but the size stays the model's. Pure: the view only
 * renders `label`.
 */

export const MODEL_ESTIMATE = 'model estimate';

export interface Provenance {
  /** The source behind the figure or, for an effect, behind its direction; null when there is none. */
  source: Source | null;
  sourceId: string | null;
  /** True when the size is the model's own: show "model estimate" beside it. */
  estimate: boolean;
  /** What to print beside the figure, e.g. "model estimate" or "model estimate; argument: Carnegie Endowment, 2022-04-25". */
  label: string;
}

/** "Title (publisher, date)" in a few words, for a label beside a figure. */
export function sourceShort(source: Source): string {
  const tail = [source.publisher, source.date]
    .filter((x): x is string => typeof x === 'string' && x.length > 0)
    .join(', ');
  return tail ? `${source.title} (${tail})` : source.title;
}

function resolve(
  scenario: Scenario,
  id: string | undefined,
): { source: Source | null; sourceId: string | null } {
  if (id === undefined) return { source: null, sourceId: null };
  const source = scenario.sources.find((s) => s.id === id);
  if (!source) throw new Error(`scenario ${scenario.id} cites an unknown source "${id}"`);
  return { source, sourceId: id };
}

/** A size the model sets: "model estimate", with the source of its argument when it has one. */
function estimate(scenario: Scenario, sourceId: string | undefined): Provenance {
  const r = resolve(scenario, sourceId);
  return {
    ...r,
    estimate: true,
    label: r.source ? `${MODEL_ESTIMATE}; argument: ${sourceShort(r.source)}` : MODEL_ESTIMATE,
  };
}

/** A figure a source states (a label's rate, count or date): the source, or, without one, a model estimate. */
function stated(scenario: Scenario, sourceId: string | undefined): Provenance {
  const r = resolve(scenario, sourceId);
  return r.source
    ? { ...r, estimate: false, label: `source: ${sourceShort(r.source)}` }
    : { ...r, estimate: true, label: MODEL_ESTIMATE };
}

/** An effect's size is always the model's; its source, if any, backs the direction. */
export function effectProvenance(scenario: Scenario, effect: Effect): Provenance {
  return estimate(scenario, effect.source);
}

/** The figures in a position's label (a rate, an amount): the position's source, else its issue's. */
export function positionProvenance(scenario: Scenario, issueId: string, positionId: string): Provenance {
  const position = positionOf(scenario, issueId, positionId);
  return stated(scenario, position.source ?? issueOf(scenario, issueId).source);
}

/** The figures in an event's title and text: the event's source. */
export function eventProvenance(scenario: Scenario, eventId: string): Provenance {
  const event = scenario.events.find((e) => e.id === eventId);
  if (!event) throw new Error(`scenario ${scenario.id} has no event "${eventId}"`);
  return stated(scenario, event.source);
}

/**
 * Where the figures of one explanation ("what changed and why") come from, or null when it shows
 * none. A change of an indicator is always a model estimate (with the source of its argument when
 * the effect has one); a move that names positions carries their labels' sources; the text of an
 * event carries the event's.
 */
export function explanationProvenance(scenario: Scenario, e: Explanation): Provenance | null {
  if (e.delta !== undefined) return estimate(scenario, e.source);
  switch (e.kind) {
    case 'move':
      if (e.issue !== undefined && e.position !== undefined)
        return positionProvenance(scenario, e.issue, e.position);
      return /\d/.test(explanationText(scenario, e)) ? estimate(scenario, undefined) : null;
    case 'event':
      return e.event !== undefined ? eventProvenance(scenario, e.event) : estimate(scenario, e.source);
    case 'expiry':
      // The rounds a suspension lasts are the scenario's reading of a source's period.
      return e.issue !== undefined && e.position !== undefined
        ? positionProvenance(scenario, e.issue, e.position)
        : estimate(scenario, undefined);
    case 'ratification':
    case 'threat':
    case 'drift':
    case 'effect':
      // Thresholds, audience costs and windows are the model's parameters.
      return /\d/.test(explanationText(scenario, e)) ? estimate(scenario, e.source) : null;
    case 'round':
    case 'outcome':
      return null;
  }
}

/**
 * A projection panel's figures (the expected change of an indicator and its band) sum effects of
 * the package: always a model estimate; the sources of the arguments behind them are listed.
 */
export function projectionProvenance(
  scenario: Scenario,
  projection: IndicatorProjection,
  pkg: Record<string, string>,
): Provenance & { arguments: Source[] } {
  const ids = new Set<string>();
  for (const [issueId, positionId] of Object.entries(pkg)) {
    const position = positionOf(scenario, issueId, positionId);
    for (const effect of [
      ...(position.effects ?? []),
      ...(position.inForce ?? []),
      ...(position.perRound ?? []),
    ]) {
      if (effect.indicator === projection.indicator && effect.source !== undefined) ids.add(effect.source);
    }
  }
  const args = [...ids].map((id) => resolve(scenario, id).source!);
  return {
    source: null,
    sourceId: null,
    estimate: true,
    label:
      args.length > 0 ? `${MODEL_ESTIMATE}; arguments: ${args.map(sourceShort).join('; ')}` : MODEL_ESTIMATE,
    arguments: args,
  };
}
