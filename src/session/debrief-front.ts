import { replay, type Replay } from '../core/engine';
import { bargainingZone, type GameRating } from '../core/rating';
import { doctrineOf } from '../core/scenario-lookup';
import type { Doctrine, GameSpec, GameState, LessonId, Move, Scenario, Side } from '../core/types';
import { SIDES } from '../core/types';
import { gameDealChart, type DealChart } from './deal-chart';
import { fmt, signed } from './format';
import { lessonsIllustrated } from './lessons';
import { describeMove } from './text';

/**
 * What the first screen of a debrief leads with besides the ratings: the moves that mattered most
 * and one question to discuss. Pure: `(scenario, spec, replay, rating)` in, sentences out.
 *
 * A move matters by how far it moved what the player could count on: its walk-away value (no
 * deal, under its doctrine, as the rating measures it). A threat, a measure imposed, an expiry
 * or an event in the round moves it; an offer refused does not. The move that ended the talks
 * matters by what it was expected to be worth against no deal when it was made.
 */

export interface KeyMove {
  /** Index of the move in the spec. */
  index: number;
  round: number;
  by: Side;
  /** The move in a sentence, from the player's point of view. */
  text: string;
  /** How much it moved the player's position, in score points (signed: + is good for the player). */
  points: number;
  /** Why it mattered, in one sentence. */
  why: string;
}

/** Below this many points a move is not called one that mattered. */
export const KEY_MOVE_POINTS = 0.05;

function noDealOf(scenario: Scenario, state: GameState, doctrines: Record<Side, Doctrine>, side: Side): number {
  return bargainingZone(scenario, state, doctrines).noDeal[side];
}

/**
 * The (at most) `count` moves that moved the player's walk-away value most, and the move that ended
 * the talks if it was worth something against no deal; in the order they were played.
 * Moves replayed from history (before a take-over) are left out: the player did not face them.
 */
export function movesThatMattered(
  scenario: Scenario,
  spec: GameSpec,
  run: Replay,
  rating: GameRating,
  side: Side,
  options: { count?: number; firstMove?: number } = {},
): KeyMove[] {
  const count = options.count ?? 3;
  const first = options.firstMove ?? 0;
  const moves = spec.moves;
  if (moves.length === 0) return [];
  const doctrines = {} as Record<Side, Doctrine>;
  for (const s of SIDES) doctrines[s] = doctrineOf(scenario, run.final.options.doctrines[s]);
  const last = moves.length - 1;
  const candidates: KeyMove[] = [];
  // The walk-away value before each move still during the talks (the last move's "after" is the end).
  const values = new Map<number, number>();
  const value = (k: number) => {
    let v = values.get(k);
    if (v === undefined) {
      v = noDealOf(scenario, run.states[k]!, doctrines, side);
      values.set(k, v);
    }
    return v;
  };
  const sentence = (k: number, m: Move) => describeMove(scenario, m, run.states[k]!, side);
  for (let k = first; k < last; k++) {
    const m = moves[k]!;
    const points = value(k + 1) - value(k);
    if (Math.abs(points) < KEY_MOVE_POINTS) continue;
    candidates.push({
      index: k,
      round: run.states[k]!.round,
      by: m.side,
      text: sentence(k, m),
      points,
      why: `It ${points > 0 ? 'raised' : 'lowered'} what no deal was worth to you by ${fmt(Math.abs(points), 2)} points (from ${signed(value(k), 2)} to ${signed(value(k + 1), 2)}).`,
    });
  }
  if (last >= first) {
    const r = rating.sides[side];
    const points = r.expected - r.noDeal;
    if (Math.abs(points) >= KEY_MOVE_POINTS) {
      const m = moves[last]!;
      const ending = rating.outcome === 'deal' ? 'The deal' : 'The way the talks ended';
      candidates.push({
        index: last,
        round: run.states[last]!.round,
        by: m.side,
        text: sentence(last, m),
        points,
        why: `${ending} was expected to be worth ${signed(points, 2)} points to you against no deal when it was made.`,
      });
    }
  }
  return candidates
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.index - b.index)
    .slice(0, count)
    .sort((a, b) => a.index - b.index);
}

/**
 * One question for the class: the episode's own question closest to what this game illustrated
 * (the first whose lessons it shares), else the scenario's first question, else one about the
 * outcome and its rating.
 */
export function discussionQuestion(
  scenario: Scenario,
  illustrated: readonly LessonId[],
  rating: GameRating,
  side: Side,
): string {
  const episode = scenario.history?.questions ?? [];
  const shared = episode.find((q) => q.lessons.some((l) => illustrated.includes(l)));
  if (shared) return shared.text;
  if (scenario.questions?.[0]) return scenario.questions[0];
  if (episode[0]) return episode[0].text;
  const other = scenario.sides[side === 'us' ? 'china' : 'us'].label;
  return rating.outcome === 'deal'
    ? `Which term of the deal gave ${other} the most, and what could you have asked for in return?`
    : `Which deal would ${other} have ratified and preferred to no deal, and why was it not reached?`;
}

/** The first screen of a finished game's debrief, besides the ratings the debrief already holds. */
export interface DebriefFront {
  keyMoves: KeyMove[];
  question: string;
  chart: DealChart;
}

/**
 * Everything the first screen needs, for the player's side; `firstMove` leaves out the moves
 * replayed from history before a take-over.
 */
export function debriefFront(
  scenario: Scenario,
  spec: GameSpec,
  rating: GameRating,
  side: Side,
  firstMove = 0,
): DebriefFront {
  const run = replay(scenario, spec.seed, spec.options, spec.moves);
  const illustrated = lessonsIllustrated(scenario, spec).map((l) => l.lesson.id);
  return {
    keyMoves: movesThatMattered(scenario, spec, run, rating, side, { firstMove }),
    question: discussionQuestion(scenario, illustrated, rating, side),
    chart: gameDealChart(scenario, spec, 'This game'),
  };
}
