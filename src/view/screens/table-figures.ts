import type { Package, Scenario, Source } from '../../core/types';
import type { ChipGroup } from '../../session/draft';
import type { IndicatorProjection } from '../../session/model';
import type { Worded } from '../../session/explain-words';
import type { Turn } from '../../session/match';
import { positionOf } from '../../session/model';
import { MODEL_ESTIMATE, positionProvenance, projectionProvenance } from '../../session/provenance';
import { h } from '../dom';
import { changeNotes } from '../figure-sources';
import { sourceCite } from './common';
import { estimateTag, provenanceTag } from './figures';

/**
 * The table's figures with where they come from: each line of "what changed and why", the
 * figures on the chips, and the projection of a package (all of it the model's estimate, with the
 * sources of the arguments behind it).
 */

/** The lines of "what changed and why", each with its source or the "model estimate" tag. */
export function changeItems(scenario: Scenario, turn: Turn, shown: (kind: string) => boolean): HTMLLIElement[] {
  return changeNotes(
    scenario,
    turn.explanations.filter((e) => shown(e.kind)),
  ).map((n) => h('li', null, n.text, n.provenance ? [' ', provenanceTag(n.provenance)] : null));
}

/** Where the rates, amounts and counts on the chips come from, in a disclosure under the chips. */
export function chipFigures(scenario: Scenario, groups: readonly ChipGroup[]): HTMLElement | null {
  const chips = groups.flatMap((g) => g.chips).filter((c) => /\d/.test(c.positionLabel) || positionOf(scenario, c.issue, c.position).description);
  if (chips.length === 0) return null;
  return h(
    'details',
    { class: 'chip-figures', attrs: { 'data-figures': '' } },
    h('summary', { attrs: { 'data-key': 'chip-figures' } }, `Where the figures on these chips come from (${chips.length})`),
    h(
      'ul',
      { class: 'plain' },
      ...chips.map((c) => h('li', { class: 'hint' }, `${c.positionLabel}: `, provenanceTag(positionProvenance(scenario, c.issue, c.position)), positionNote(scenario, c.issue, c.position), conflictLine(scenario, c.issue, c.position))),
    ),
  );
}

/** A position's label carries a figure the sources disagree on: say so, with both values. */
function conflictLine(scenario: Scenario, issue: string, position: string): Node | null {
  const c = positionOf(scenario, issue, position).conflict;
  if (!c) return null;
  return h('span', { class: 'conflict-inline', attrs: { 'data-conflict': '' } }, ` The sources conflict: ${c.values.map((v) => `${v.value} (${scenario.sources.find((s) => s.id === v.source)?.title ?? v.source})`).join(' against ')}. ${c.note}`);
}

/**
 * A position's note (the terms and caveats its sources give) beside its label: the label stays
 * short because the AI speaks it in its sentences.
 */
function positionNote(scenario: Scenario, issue: string, position: string): Node | null {
  const note = positionOf(scenario, issue, position).description;
  return note ? h('span', { class: 'hint position-note', attrs: { 'data-position-note': '' } }, ` ${note}`) : null;
}

/** The positions of a package whose labels carry figures, each with its source, and any position's note (for an offer on the table). */
export function packageFigureTag(scenario: Scenario, issue: string, position: string): Node | null {
  const pos = positionOf(scenario, issue, position);
  if (!/\d/.test(pos.label)) return pos.description ? positionNote(scenario, issue, position) : null;
  return h('span', null, ' ', provenanceTag(positionProvenance(scenario, issue, position)), positionNote(scenario, issue, position), conflictLine(scenario, issue, position));
}

/** Under a projection: every figure in it is the model's estimate; the sources of the arguments behind its effects. */
export function projectionSources(scenario: Scenario, projections: readonly IndicatorProjection[], pkg: Package): HTMLElement {
  const args = new Map<string, Source>();
  for (const p of projections) for (const s of projectionProvenance(scenario, p, pkg).arguments) args.set(s.id, s);
  return h(
    'p',
    { class: 'hint', attrs: { 'data-provenance': 'estimate' } },
    estimateTag(),
    ` Every figure of this projection is a ${MODEL_ESTIMATE}: the model sets the sizes of the effects.`,
    args.size > 0 ? [' The arguments behind their directions: ', ...[...args.values()].flatMap((s, i) => [i > 0 ? '; ' : '', sourceCite(s)]), '.'] : ' No source backs their directions.',
  );
}

/** The source or the tag of a news item (an event, a snap-back, a threat falling due), when it shows a figure or has a source. */
export function newsTag(scenario: Scenario, e: Worded): Node | null {
  const [note] = changeNotes(scenario, [e]);
  return note?.provenance && (/\d/.test(e.text) || note.provenance.source) ? h('span', null, ' ', provenanceTag(note.provenance)) : null;
}
