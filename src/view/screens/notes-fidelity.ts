import type { MetricBasis, Scenario } from '../../core/types';
import { BASIS_TEXT } from '../../session/fidelity-summary';
import { h } from '../dom';
import type { ViewState } from '../state/app-state';

/**
 * The honest part of the teaching notes: what each real number tests (its basis), the share of
 * seeds in which every number lands in its band (not only the chosen reference seed), and how
 * often the AI in each side's doctrine chose what history chose.
 */

export const BASIS_LABEL: Record<MetricBasis, string> = {
  path: 'set by the path',
  fitted: 'fitted',
  predicted: 'predicted',
};

export function basisTag(basis: MetricBasis): HTMLElement {
  return h('span', { class: `tag basis basis-${basis}`, attrs: { 'data-basis': basis, title: BASIS_TEXT[basis] } }, BASIS_LABEL[basis]);
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The share of seeds in which all the metrics land in their bands at once, and the basis counts. */
export function fidelityShare(state: ViewState, scenario: Scenario): HTMLElement | null {
  const materials = state.lib?.history.materials;
  if (!materials || !scenario.history) return null;
  const f = materials.fidelityOf(scenario);
  return h(
    'div',
    { class: 'fidelity-share', attrs: { 'data-all-in-band': String(f.allInBand) } },
    h(
      'p',
      null,
      h('strong', null, `Across ${f.seeds} seeds, every measure lands in its band together in ${pct(f.allInBand)} of them. `),
      'The reference seed below is one of those; the share says how much chance the model leaves.',
    ),
    h(
      'p',
      { class: 'hint' },
      `Of the ${f.metrics.length} measures, ${f.counts.path} are set by the path, ${f.counts.fitted} fitted and ${f.counts.predicted} predicted. `,
      ...f.metrics.filter((m) => m.inBand < 1).map((m, i) => `${i === 0 ? 'In band by seed: ' : '; '}${m.label} ${pct(m.inBand)}`),
      f.metrics.some((m) => m.inBand < 1) ? '.' : 'Every measure lands in its band under every seed.',
    ),
  );
}

/** How often the AI chose history's move, step by step. */
export function aiAgreementSection(state: ViewState, scenario: Scenario): HTMLElement | null {
  const materials = state.lib?.history.materials;
  if (!materials || !scenario.history) return null;
  let a;
  try {
    a = materials.aiAgreementOf(scenario);
  } catch (error) {
    return h('section', null, h('h2', null, 'The AI beside history'), h('p', null, `Not available: ${(error as Error).message}`));
  }
  return h(
    'section',
    { attrs: { 'aria-labelledby': 'ai-agreement-title', 'data-ai-agreement': `${a.matched}/${a.total}` } },
    h('h2', { id: 'ai-agreement-title' }, 'The AI beside history'),
    h(
      'p',
      null,
      h('strong', null, `The AI chose history’s move at ${a.matched} of ${a.total} real steps`),
      ` (a move of the same kind at ${a.sameType}). At each step where a side’s real choice is known, the AI playing that side’s default doctrine was asked what it would do from history’s state. Nothing was tuned to make it agree, so this is a test of the model, and a fair question for the class either way: where the AI differs, was history or the model more sensible?`,
    ),
    h(
      'ol',
      { class: 'plain', id: 'ai-steps' },
      ...a.steps.map((c) =>
        h(
          'li',
          { attrs: { 'data-ai-step': c.step, 'data-ai-matched': c.matched ? 'yes' : 'no' } },
          h('strong', null, `Step ${c.step + 1}, ${scenario.sides[c.side].label}: `, c.matched ? 'same move' : 'a different move'),
          h('p', { class: 'hint' }, `History: ${c.historyText}`),
          c.matched ? null : h('p', { class: 'hint' }, `The AI: ${c.aiText}`),
        ),
      ),
    ),
  );
}
