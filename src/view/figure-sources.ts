import type { Explanation, Move, Scenario } from '../core/types';
import { positionOf } from '../session/model';
import { explanationProvenance, MODEL_ESTIMATE, positionProvenance, type Provenance } from '../session/provenance';

/**
 * The provenance of what the play screens show, as data the screens draw and a test reads: the
 * positions a move names (their labels carry rates, amounts and counts), and each line of "what
 * changed and why". Pure: no DOM.
 */

const hasFigure = (text: string) => /\d/.test(text);

/** The positions a move brings to the table: its package, its measure, or (for an acceptance) the package it accepts. */
export function movePositions(move: Move, accepted: Record<string, string> | null = null): [string, string][] {
  switch (move.type) {
    case 'propose':
      return Object.entries(move.package);
    case 'impose':
    case 'threaten':
      return [[move.issue, move.position]];
    case 'accept':
      return accepted ? Object.entries(accepted) : [];
    default:
      return [];
  }
}

export interface FigureNote {
  /** What the figure is ("Entity List: List Huawei … (68 …)"). */
  text: string;
  provenance: Provenance;
}

/** The positions of a move whose labels carry a figure, each with where the figure comes from. */
export function moveFigures(scenario: Scenario, move: Move, accepted: Record<string, string> | null = null): FigureNote[] {
  return movePositions(move, accepted)
    .map(([issue, position]) => ({ issue, position, label: positionOf(scenario, issue, position).label }))
    .filter((p) => hasFigure(p.label))
    .map((p) => ({ text: p.label, provenance: positionProvenance(scenario, p.issue, p.position) }));
}

/** The package a side accepts at step `index` of a path: the last one proposed before it. */
export function acceptedPackage(moves: readonly Move[], index: number): Record<string, string> | null {
  for (let i = index - 1; i >= 0; i--) {
    const m = moves[i]!;
    if (m.type === 'propose') return m.package;
  }
  return null;
}

/**
 * Lines of "what changed and why" with where their figures come from: every line that shows a
 * number has a provenance (a source, or the "model estimate" tag); a line without numbers has none.
 */
export function changeNotes(scenario: Scenario, explanations: readonly (Explanation & { text: string })[]): { text: string; provenance: Provenance | null }[] {
  return explanations.map((e) => {
    const p = explanationProvenance(scenario, e);
    // A line with a figure the provenance rules pass over is still the model's: never leave it bare.
    return { text: e.text, provenance: p ?? (hasFigure(e.text) ? explanationProvenance(scenario, { ...e, delta: e.delta ?? 0 })! : null) };
  });
}

/**
 * What a text drawn on the canvas with a number in it is, so that no number there goes untagged:
 * `estimate`, a size the model sets (an indicator, a projection, the axis of a chart of them),
 * marked † on the canvas; `source`, a figure a source states (a rate or count in a chip's label, a
 * date or an account of history), marked ‡, its source named in the panel beside the canvas;
 * `label`, the game's own counting (round 3 of 8, a step's number, an episode's title), which
 * claims nothing about the world.
 */
export type CanvasFigure = 'estimate' | 'source' | 'label';

export const CANVAS_MARK = { estimate: '†', source: '‡' } as const;

/** The canvas's legend for its marks. */
export const CANVAS_LEGEND = {
  estimate: `${CANVAS_MARK.estimate} ${MODEL_ESTIMATE}`,
  source: `${CANVAS_MARK.source} source in the panel`,
} as const;

/** A chip's label with a figure in it: `source` when a source states it, else the model's; null without a figure. */
export function positionFigureKind(scenario: Scenario, issue: string, position: string): 'estimate' | 'source' | null {
  if (!hasFigure(positionOf(scenario, issue, position).label)) return null;
  return positionProvenance(scenario, issue, position).estimate ? 'estimate' : 'source';
}

/** A label as the canvas draws it: its mark first, so that shortening the label never cuts the mark off. */
export function markedLabel(label: string, kind: 'estimate' | 'source' | null): string {
  return kind ? `${CANVAS_MARK[kind]} ${label}` : label;
}

/** The marks of the chips whose labels carry a figure, by chip id. */
export function chipFigureKinds(scenario: Scenario, chips: readonly { id: string; issue: string; position: string }[]): Record<string, 'estimate' | 'source'> {
  const out: Record<string, 'estimate' | 'source'> = {};
  for (const c of chips) {
    const kind = positionFigureKind(scenario, c.issue, c.position);
    if (kind) out[c.id] = kind;
  }
  return out;
}
