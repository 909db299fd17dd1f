import type { Scenario, Source } from '../../core/types';
import { MODEL_ESTIMATE, type Provenance } from '../../session/provenance';
import { h } from '../dom';
import { sourceCite } from './common';

/**
 * Where a figure on a play screen comes from, drawn beside it: a "model estimate" tag for a size
 * the model sets (with the source of its argument when there is one), or the source of a figure a
 * source states; and, where the sources disagree, every value with its source and the conflict
 * named. Scenario text, so text nodes only.
 */

/** The provenance tag of a figure (data-provenance lets a test find every one). */
export function provenanceTag(p: Provenance): HTMLElement {
  if (!p.estimate && p.source)
    return h('span', { class: 'prov', attrs: { 'data-provenance': 'source' } }, 'Source: ', sourceCite(p.source, p.sourceId ?? undefined));
  return h(
    'span',
    { class: 'prov', attrs: { 'data-provenance': 'estimate' } },
    h('span', { class: 'tag estimate' }, MODEL_ESTIMATE),
    p.source ? [' argument: ', sourceCite(p.source, p.sourceId ?? undefined)] : null,
  );
}

/** The "model estimate" tag alone, for a table or a chart every figure of which is the model's. */
export function estimateTag(): HTMLElement {
  return h('span', { class: 'tag estimate', attrs: { 'data-provenance': 'estimate' } }, MODEL_ESTIMATE);
}

export interface Conflict {
  values: readonly { value: string; source: string }[];
  note: string;
}

/** Sources that disagree: the conflict named, and each value with its source; none is shown as settled. */
export function conflictNote(scenario: Scenario, conflict: Conflict, sources: readonly Source[] = scenario.sources): HTMLElement {
  return h(
    'div',
    { class: 'conflict', attrs: { role: 'note', 'data-conflict': '' } },
    h('p', null, h('strong', null, 'The sources conflict. '), conflict.note),
    h(
      'ul',
      { class: 'plain' },
      ...conflict.values.map((v) => h('li', null, h('strong', null, v.value), ' — ', h('span', { attrs: { 'data-provenance': 'source' } }, sourceCite(sources.find((s) => s.id === v.source) ?? null, v.source)))),
    ),
  );
}
