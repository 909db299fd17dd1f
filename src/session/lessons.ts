import { support } from '../core/distributions';
import { replay } from '../core/engine';
import { INDICATORS } from '../core/indicators';
import { issueOf, positionOf } from '../core/scenario-lookup';
import type { GameSpec, GameState, LessonId, Move, Package, Scenario } from '../core/types';
import { LESSON_IDS } from '../core/types';
import { withWords } from './explain-words';
import { lessonRefs, type LessonRef } from './history-replay';
import { CATEGORY_LABELS, CATEGORY_ORDER, possessive } from './text';
import { atSentenceStart, listed, sideInSentence } from '../core/sentence';


/**
 * Which of the five lessons an ordinary game illustrated, with the evidence from that game, for
 * the debrief ("This game showed …"). Each rule reads what happened in the replay, not what the
 * scenario says could happen, so two games of one scenario can illustrate different lessons.
 * Pure: `(scenario, spec)` in, lessons and evidence sentences out.
 */

export interface IllustratedLesson {
  lesson: LessonRef;
  /** Sentences naming what in this game illustrated the lesson. */
  evidence: string[];
}

/** An indicator moving by less than this share of its range is not called a change. */
const NOTABLE = 0.02;

const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

function changeOf(
  scenario: Scenario,
  final: GameState,
  id: keyof GameState['indicators'],
): { from: number; to: number; notable: boolean } {
  const from = final.trajectory[0]!.indicators[id];
  const to = final.indicators[id];
  const def = INDICATORS[id];
  return { from, to, notable: Math.abs(to - from) >= NOTABLE * (def.max - def.min) };
}

const label = (scenario: Scenario, issue: string, position: string) =>
  `${issueOf(scenario, issue).label}: ${positionOf(scenario, issue, position).label}`;

/** The issues a package moves away from what was in force when it was made. */
function moved(state: GameState, pkg: Package): string[] {
  return Object.keys(pkg).filter((id) => state.positions[id] !== pkg[id]);
}

export function lessonsIllustrated(scenario: Scenario, spec: GameSpec): IllustratedLesson[] {
  const run = replay(scenario, spec.seed, spec.options, spec.moves);
  const final = run.final;
  const evidence: Record<LessonId, string[]> = {
    'controls-not-chips': [],
    linkage: [],
    chokepoints: [],
    'two-level': [],
    commitments: [],
  };
  const flat = withWords(scenario, run.explanations.flat());
  const category = (issue: string) => issueOf(scenario, issue).category;
  const sideLabel = (m: Move) => sideInSentence(scenario.sides[m.side].label);

  // 1. A security control on the table: proposed by either side, or traded in the deal.
  const outcome = final.outcome;
  const deal = outcome?.kind === 'deal' ? outcome.package! : null;
  const dealState = deal ? run.states[run.states.length - 2]! : null;
  const offeredControls = new Set<string>();
  spec.moves.forEach((m, i) => {
    if (m.type !== 'propose') return;
    for (const id of moved(run.states[i]!, m.package)) {
      if (category(id) === 'security-control' && !offeredControls.has(`${m.side}:${id}`)) {
        offeredControls.add(`${m.side}:${id}`);
        if (!deal || deal[id] === undefined)
          evidence['controls-not-chips'].push(
            `${atSentenceStart(sideLabel(m))} put a security control on the table: ${label(scenario, id, m.package[id]!)}.`,
          );
      }
    }
  });
  if (deal && dealState) {
    for (const id of moved(dealState, deal)) {
      if (category(id) === 'security-control')
        evidence['controls-not-chips'].push(
          `The deal traded a security control: ${label(scenario, id, deal[id]!)}.`,
        );
    }
  }
  const credibility = changeOf(scenario, final, 'us.controlCredibility');
  if (evidence['controls-not-chips'].length > 0 && credibility.notable && credibility.to < credibility.from) {
    evidence['controls-not-chips'].push(
      `The credibility of US export controls fell from ${fmt(credibility.from)} to ${fmt(credibility.to)}.`,
    );
  }

  // 2. Linkage: a deal, or failing one an offer, that ties issues of different kinds together.
  const linkedPackages: { who: string; pkg: Package; state: GameState }[] =
    deal && dealState ? [{ who: 'The deal', pkg: deal, state: dealState }] : [];
  if (!deal)
    spec.moves.forEach(
      (m, i) =>
        m.type === 'propose' &&
        linkedPackages.push({
          who: `${possessive(sideLabel(m))} offer in round ${run.states[i]!.round}`,
          pkg: m.package,
          state: run.states[i]!,
        }),
    );
  for (const { who, pkg, state } of linkedPackages) {
    const ids = moved(state, pkg);
    const cats = [...new Set(ids.map(category))];
    const holders = new Set(ids.map((id) => issueOf(scenario, id).holder));
    if (cats.length >= 2 && holders.size === 2) {
      evidence.linkage.push(
        `${atSentenceStart(who)} tied together issues of ${cats.length} kinds, held by both sides: ${listed(CATEGORY_ORDER.filter((c) => cats.includes(c)).map((c) => CATEGORY_LABELS[c].toLowerCase()))}.`,
      );
      break;
    }
  }

  // 3. Chokepoints: a control or a strategic resource used as a lever, and its wear.
  const levers = flat.filter(
    (e) =>
      e.kind === 'move' &&
      e.issue !== undefined &&
      e.position !== undefined &&
      ['security-control', 'strategic-resource'].includes(category(e.issue)),
  );
  for (const e of levers) {
    evidence.chokepoints.push(
      `In round ${e.round} a lever was pulled: ${label(scenario, e.issue!, e.position!)}.`,
    );
  }
  if (levers.length > 0) {
    const selfReliance = changeOf(scenario, final, 'china.selfReliance');
    if (selfReliance.notable && selfReliance.to > selfReliance.from)
      evidence.chokepoints.push(
        `China's drive for self-reliance rose from ${fmt(selfReliance.from)} to ${fmt(selfReliance.to)}.`,
      );
    const leverage = changeOf(scenario, final, 'china.rareEarthLeverage');
    if (leverage.notable && leverage.to < leverage.from)
      evidence.chokepoints.push(
        `China's rare-earth leverage wore down from ${fmt(leverage.from)} to ${fmt(leverage.to)}.`,
      );
  }

  // 4. Two-level games: a deal refused at home, or a public threat that cost its maker.
  for (const e of flat) {
    if (e.kind === 'ratification') evidence['two-level'].push(`Round ${e.round}: ${e.text}`);
    if (e.kind === 'threat' && e.status === 'backed-down')
      evidence['two-level'].push(`Round ${e.round}: ${e.text} It paid the audience cost at home.`);
  }

  // 5. Commitments: pledges drawn short of what was promised, suspensions that snapped back.
  const pledges = new Map<string, { kept: number; full: number }>();
  for (const e of flat) {
    if (e.draw?.stream !== 'compliance' || e.issue === undefined || e.position === undefined) continue;
    const effect = [
      ...(positionOf(scenario, e.issue, e.position).inForce ?? []),
      ...(positionOf(scenario, e.issue, e.position).effects ?? []),
    ].find((x) => x.indicator === e.indicator && x.stream === 'compliance');
    if (!effect) continue;
    const [bottom, top] = support(effect.delta);
    if (!Number.isFinite(bottom) || !Number.isFinite(top) || top <= bottom) continue;
    const key = label(scenario, e.issue, e.position);
    const p = pledges.get(key) ?? { kept: 0, full: 0 };
    p.kept += e.draw.value - bottom;
    p.full += top - bottom;
    pledges.set(key, p);
  }
  for (const [key, p] of pledges) {
    if (p.full > 0)
      evidence.commitments.push(
        `A pledge was kept only in part: ${key} (about ${Math.round((100 * p.kept) / p.full)}% of it was delivered).`,
      );
  }
  for (const e of flat) if (e.kind === 'expiry') evidence.commitments.push(`Round ${e.round}: ${e.text}`);

  return LESSON_IDS.filter((id) => evidence[id].length > 0).map((id) => ({
    lesson: lessonRefs([id])[0]!,
    evidence: evidence[id],
  }));
}
