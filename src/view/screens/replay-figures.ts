import type { Scenario } from '../../core/types';
import { acceptedPackage, moveFigures } from '../figure-sources';
import { h } from '../dom';
import type { ViewState } from '../state/app-state';
import { conflictNote, provenanceTag } from './figures';
import { positionOf } from '../../session/model';

/**
 * Two parts of a replay step: the figures in the move's positions with their sources, and what
 * the AI in that side's doctrine would have done in history's place (a test of the model nothing
 * was tuned to: a fair question for a class whichever way it comes out).
 */

/** The figures the step's move puts on the table (rates, amounts, counts), each with its source or the tag. */
export function stepFigures(scenario: Scenario, index: number): HTMLElement | null {
  const path = scenario.history?.path ?? [];
  const move = path[index]?.move;
  if (!move) return null;
  const accepted = move.type === 'accept' ? acceptedPackage(path.map((p) => p.move), index) : null;
  const figures = moveFigures(scenario, move, accepted);
  if (figures.length === 0) return null;
  const conflicts = (move.type === 'impose' || move.type === 'threaten' ? [[move.issue, move.position] as const] : Object.entries(accepted ?? (move.type === 'propose' ? move.package : {})))
    .map(([issue, position]) => positionOf(scenario, issue, position).conflict)
    .filter((c): c is NonNullable<typeof c> => c !== undefined);
  return h(
    'div',
    { class: 'figures', attrs: { 'data-figures': '' } },
    h('ul', { class: 'plain' }, ...figures.map((f) => h('li', { class: 'hint' }, `${f.text}. `, provenanceTag(f.provenance)))),
    ...conflicts.map((c) => conflictNote(scenario, c)),
  );
}

/** "The AI would have …" at a step where a side's real choice is known, or null at a supposed step. */
export function aiWouldHave(state: ViewState, scenario: Scenario, index: number, link: (text: string) => Node[]): HTMLElement | null {
  const materials = state.lib?.history.materials;
  if (!materials) return null;
  let c;
  try {
    c = materials.aiChoiceOf(scenario, index);
  } catch (error) {
    return h('p', { class: 'hint' }, `What the AI would have done cannot be shown: ${(error as Error).message}`);
  }
  if (!c) return null;
  const side = scenario.sides[c.side].label;
  return h(
    'details',
    { class: 'ai-would', attrs: { 'data-ai-step': index, 'data-ai-matched': c.matched ? 'yes' : 'no' } },
    h('summary', { attrs: { 'data-key': 'ai-would' } }, c.matched ? `The AI playing ${side} would have done the same.` : `The AI playing ${side} would have done otherwise${c.sameType ? ' (a move of the same kind)' : ''}.`),
    h('p', null, h('strong', null, 'The AI would have: '), ...link(c.aiText)),
    c.say ? h('p', { class: 'reason' }, `In its words: ${c.say}`) : null,
    c.reason ? h('p', { class: 'hint' }, `Its analysis: ${c.reason}`) : null,
    h('p', { class: 'hint' }, 'The AI plays the side’s default doctrine at normal strength, from history’s state at this step. Nothing in the model was tuned to make it agree.'),
  );
}
