import { deadlineOf, defaultOptions, profileFor } from '../core/engine';
import { positionWorth } from '../core/projection';
import { checkMove } from '../core/rules';
import { doctrineOf, issuesHeldBy, otherSide } from '../core/scenario-lookup';
import { score } from '../core/scoring';
import type { Difficulty, GameOptions, GameState, Move, Package, Scenario, Side } from '../core/types';
import {
  betterPackages,
  createNegotiator,
  favouritePackage,
  judgePackage,
  walkAwayValue,
  type Negotiator,
} from '../negotiators/index';
import { Match, type Ai } from './match';

/**
 * The AI played by scripts, through the session as the browser plays it: the test of issue 10.
 * A script plays one side as a person would (Match.play); the AI plays the other. Each game says
 * what the script scored, and whether the AI broke one of its rules: accepting a deal worth less
 * to it than walking away, or ending without a deal while a package worth more to it than
 * walking away was on the table at its last move. The scripts:
 *  - stall: never offers; rejects every offer, holds when there is none;
 *  - accept-first: accepts the first offer put to it, holds until then;
 *  - threat-spam: threatens every measure it holds, one a turn, carries each out when it falls
 *    due, and otherwise rejects or holds;
 *  - impose-spam: imposes every measure it holds, one a turn, and otherwise rejects or holds;
 *  - early-sanction: opens by imposing the measure that hurts the AI most, then negotiates as
 *    `hard` would;
 *  - repeat-offer: proposes the same package every turn and never accepts: of those the AI could
 *    sign and would prefer to walking away (as the game starts), the one that shares the gains
 *    over walking away most evenly (the largest product of the two sides' gains, each by its own
 *    doctrine): a stubborn side, not a predatory one;
 *  - repeat-best: the same, with the package best for the script of those the AI could sign. A
 *    probe, not a test: an AI that takes at its last move any offer worth more to it than walking
 *    away (as it must, not to end without a deal it prefers) gives such a script everything above
 *    its walk-away value, unless a measure it carried out before survives the deal;
 *  - last-minute: stalls, then in the last round offers the AI the package it likes best (which
 *    may be worth less to it than walking away by then).
 */

export const SCRIPTS = [
  'stall',
  'accept-first',
  'threat-spam',
  'impose-spam',
  'early-sanction',
  'repeat-offer',
  'repeat-best',
  'last-minute',
] as const;
export type ScriptName = (typeof SCRIPTS)[number];
/** The scripts of issue 10's suite: none of them may gain more than a point on hard's self-play. */
export const SUITE: readonly ScriptName[] = [
  'stall',
  'accept-first',
  'threat-spam',
  'impose-spam',
  'early-sanction',
  'repeat-offer',
];

interface Script {
  move(match: Match): Move;
}

function holdOrReject(state: GameState, side: Side): Move {
  return state.standing && state.standing.by !== side ? { type: 'reject', side } : { type: 'hold', side };
}

/** The measures a side holds, as threats or impositions that are legal now, in scenario order. */
function measures(scenario: Scenario, state: GameState, side: Side, type: 'threaten' | 'impose'): Move[] {
  const out: Move[] = [];
  for (const issue of issuesHeldBy(scenario, side)) {
    for (const position of issue.positions) {
      const move: Move = { type, side, issue: issue.id, position: position.id };
      if (position.escalation && checkMove(scenario, state, move).ok) out.push(move);
    }
  }
  return out;
}

/** The measure `side` holds that would cost the other side most, by the doctrine it is judged by. */
function cruellestMeasure(
  scenario: Scenario,
  options: GameOptions,
  state: GameState,
  side: Side,
): Move | null {
  const theirs = doctrineOf(scenario, options.doctrines[otherSide(side)]);
  let best: { move: Move; worth: number } | null = null;
  for (const move of measures(scenario, state, side, 'impose')) {
    if (move.type !== 'impose') continue;
    const worth = positionWorth(scenario, state, theirs, move.issue, move.position);
    if (!best || worth < best.worth) best = { move, worth };
  }
  return best?.move ?? null;
}

/** Chosen offers by scenario and what they depend on: the scripts choose the same one in every seed's game. */
const OFFERS = new WeakMap<Scenario, Map<string, Package | null>>();

/**
 * Of the packages the AI could sign and prefers to walking away, the best for the script (by the
 * doctrine it is judged by), or, when `even`, the one with the largest product of the two sides'
 * gains over walking away. Remembered: it depends only on the round, positions, indicators and
 * threats of the state, which are the same in every seed's game when the script first moves.
 */
function signableOffer(
  scenario: Scenario,
  options: GameOptions,
  state: GameState,
  side: Side,
  even: boolean,
): Package | null {
  let memo = OFFERS.get(scenario);
  if (!memo) OFFERS.set(scenario, (memo = new Map()));
  const key = JSON.stringify([
    side,
    even,
    options,
    state.round,
    state.positions,
    state.indicators,
    state.threats,
    state.imposed,
    state.contributions,
    state.enactedRound,
    state.trajectory[0],
  ]);
  if (!memo.has(key)) memo.set(key, chooseSignable(scenario, options, state, side, even));
  return memo.get(key)!;
}

function chooseSignable(
  scenario: Scenario,
  options: GameOptions,
  state: GameState,
  side: Side,
  even: boolean,
): Package | null {
  const own = doctrineOf(scenario, options.doctrines[side]);
  const ai = otherSide(side);
  const worths = new Map<string, number>();
  const worthOf = (issue: string, position: string) => {
    const key = `${issue}|${position}`;
    if (!worths.has(key)) worths.set(key, positionWorth(scenario, state, own, issue, position));
    return worths.get(key)!;
  };
  const mine = walkAwayValue(scenario, state, side, options).points;
  const theirs = walkAwayValue(scenario, state, ai, options).points;
  let best: { pkg: Package; score: number } | null = null;
  betterPackages(
    scenario,
    state,
    ai,
    (pkg, aiPoints) => {
      const worth = Object.entries(pkg).reduce((sum, [issue, position]) => sum + worthOf(issue, position), 0);
      if (even && worth <= mine) return;
      const score = even ? (worth - mine) * (aiPoints - theirs) : worth;
      if (!best || score > best.score) best = { pkg, score };
    },
    options,
  );
  return best === null ? null : (best as { pkg: Package }).pkg;
}

function makeScript(name: ScriptName, scenario: Scenario, options: GameOptions, side: Side): Script {
  switch (name) {
    case 'stall':
      return { move: (match) => holdOrReject(match.state, side) };
    case 'accept-first':
      return {
        move: (match) =>
          match.state.standing && match.state.standing.by !== side
            ? { type: 'accept', side }
            : { type: 'hold', side },
      };
    case 'threat-spam':
      return {
        move: (match) => {
          const s = match.state;
          const due = s.threats.find(
            (t) => t.side === side && t.status === 'pending' && t.dueRound === s.round,
          );
          if (due) {
            const carry: Move = { type: 'impose', side, issue: due.issue, position: due.position };
            if (checkMove(scenario, s, carry).ok) return carry;
          }
          return measures(scenario, s, side, 'threaten')[0] ?? holdOrReject(s, side);
        },
      };
    case 'impose-spam':
      return {
        move: (match) =>
          measures(scenario, match.state, side, 'impose')[0] ?? holdOrReject(match.state, side),
      };
    case 'early-sanction': {
      let hard: Negotiator | null = null;
      return {
        move: (match) => {
          const s = match.state;
          if (!hard) {
            const opening = cruellestMeasure(scenario, options, s, side);
            hard = createNegotiator(scenario, options, side, 'hard');
            if (opening) return opening;
          }
          const states = match.allStates();
          const moves = match.moves;
          for (let i = hard.moves; i < moves.length; i++) hard.observe(moves[i]!, states[i]!, states[i + 1]!);
          return hard.decide(s).move;
        },
      };
    }
    case 'repeat-offer':
    case 'repeat-best': {
      let offer: Package | null | undefined;
      return {
        move: (match) => {
          const s = match.state;
          if (offer === undefined) offer = signableOffer(scenario, options, s, side, name === 'repeat-offer');
          const move: Move | null = offer ? { type: 'propose', side, package: offer } : null;
          return move && checkMove(scenario, s, move).ok ? move : holdOrReject(s, side);
        },
      };
    }
    case 'last-minute':
      return {
        move: (match) => {
          const s = match.state;
          const best =
            s.round === deadlineOf(scenario, options) ? favouritePackage(scenario, s, otherSide(side), options) : null;
          const move: Move | null = best ? { type: 'propose', side, package: best } : null;
          return move && checkMove(scenario, s, move).ok ? move : holdOrReject(s, side);
        },
      };
  }
}

/** The AI of the session as the browser uses it: negotiators that follow the game. */
export const FOLLOWING_AI: Ai = {
  seat: (scenario, options, side) => createNegotiator(scenario, options, side),
};

export interface ScriptedGame {
  script: ScriptName | 'self-play';
  seed: string;
  /** The side the AI under test plays, and its difficulty. */
  aiSide: Side;
  difficulty: Difficulty;
  /** What the other side (the script, or the AI's twin in self-play) scored by the doctrine it is judged by. */
  otherScore: number;
  aiScore: number;
  outcome: string;
  /** The AI accepted a package worth less to it than walking away. */
  acceptedBelowWalkAway: boolean;
  /** The game ended without a deal although, at the AI's last move, an offer it could sign and preferred to walking away was on the table. */
  missedDeal: boolean;
  moves: number;
}

/** The rules the AI must keep, checked on a finished game. */
function audit(
  scenario: Scenario,
  match: Match,
  aiSide: Side,
): { acceptedBelowWalkAway: boolean; missedDeal: boolean } {
  const states = match.allStates();
  const moves = match.moves;
  let acceptedBelowWalkAway = false;
  let last = -1;
  moves.forEach((move, i) => {
    if (move.side !== aiSide) return;
    last = i;
    if (move.type !== 'accept') return;
    const before = states[i]!;
    const j = judgePackage(scenario, before, aiSide, before.standing!.package);
    if (j.utility === null || j.utility < j.walkAway.utility) acceptedBelowWalkAway = true;
  });
  let missedDeal = false;
  const state = match.state;
  if (state.outcome?.kind !== 'deal' && last >= 0) {
    const before = states[last]!;
    if (before.standing && before.standing.by !== aiSide)
      missedDeal = judgePackage(scenario, before, aiSide, before.standing.package).better;
  }
  return { acceptedBelowWalkAway, missedDeal };
}

const doctrineScore = (scenario: Scenario, state: GameState, side: Side) =>
  score(state, doctrineOf(scenario, state.options.doctrines[side])).total;

/** One game of a script against the AI playing `aiSide` at `difficulty`. */
export function playScripted(
  scenario: Scenario,
  seed: string,
  script: ScriptName,
  aiSide: Side,
  difficulty: Difficulty,
  ai: Ai = FOLLOWING_AI,
): ScriptedGame {
  return playScriptedMatch(scenario, seed, script, aiSide, difficulty, ai).game;
}

/** The same, with the match itself: its turns carry what the AI said and the analysis behind it. */
export function playScriptedMatch(
  scenario: Scenario,
  seed: string,
  script: ScriptName,
  aiSide: Side,
  difficulty: Difficulty,
  ai: Ai = FOLLOWING_AI,
): { game: ScriptedGame; match: Match } {
  const scriptSide = otherSide(aiSide);
  const options = defaultOptions(scenario, {
    humans: [scriptSide],
    difficulty: { [aiSide]: difficulty, [scriptSide]: 'hard' } as Record<Side, Difficulty>,
  });
  const match = Match.start(scenario, seed, options, ai);
  const player = makeScript(script, scenario, options, scriptSide);
  while (match.humanToMove() === scriptSide) match.play(player.move(match));
  if (match.aiProblems.length > 0)
    throw new Error(`the AI failed against ${script}: ${match.aiProblems.join(' ')}`);
  const state = match.state;
  const game: ScriptedGame = {
    script,
    seed,
    aiSide,
    difficulty,
    otherScore: doctrineScore(scenario, state, scriptSide),
    aiScore: doctrineScore(scenario, state, aiSide),
    outcome: state.outcome!.kind,
    ...audit(scenario, match, aiSide),
    moves: match.moves.length,
  };
  return { game, match };
}

/** The AI against itself at one difficulty: the baseline a script is measured against. One record per side. */
export function playSelf(
  scenario: Scenario,
  seed: string,
  difficulty: Difficulty,
  ai: Ai = FOLLOWING_AI,
): Record<Side, ScriptedGame> {
  const options = defaultOptions(scenario, { difficulty: { us: difficulty, china: difficulty } });
  const match = Match.start(scenario, seed, options, ai);
  const state = match.state;
  const record = (aiSide: Side): ScriptedGame => ({
    script: 'self-play',
    seed,
    aiSide,
    difficulty,
    otherScore: doctrineScore(scenario, state, otherSide(aiSide)),
    aiScore: doctrineScore(scenario, state, aiSide),
    outcome: state.outcome!.kind,
    ...audit(scenario, match, aiSide),
    moves: match.moves.length,
  });
  return { us: record('us'), china: record('china') };
}

export interface ScriptFigures {
  scenario: string;
  /** The side the AI plays. */
  aiSide: Side;
  difficulty: Difficulty;
  script: ScriptName;
  games: number;
  /** The script's mean score, and that of the AI's twin on the script's side in self-play. */
  scriptMean: number;
  selfPlayMean: number;
  /** scriptMean - selfPlayMean: above 0 when the script does better than the AI itself did in its seat. */
  gain: number;
  /** hard's self-play score in the script's seat, the issue's bar for every difficulty, and scriptMean less it. */
  hardSelfPlayMean: number;
  gainOnHard: number;
  /** The AI's mean score against the script, and in self-play. */
  aiMean: number;
  aiSelfPlayMean: number;
  deals: number;
  acceptedBelowWalkAway: number;
  missedDeals: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Every script against the AI of each side and difficulty, over seeds 1..n, with the self-play baseline. */
export function scriptTable(
  scenario: Scenario,
  seeds: number,
  difficulties: readonly Difficulty[] = ['hard', 'normal'],
  scripts: readonly ScriptName[] = SCRIPTS,
  ai: Ai = FOLLOWING_AI,
): ScriptFigures[] {
  const out: ScriptFigures[] = [];
  const seedList = Array.from({ length: seeds }, (_, i) => String(i + 1));
  const selfPlay = new Map<Difficulty, Record<Side, ScriptedGame>[]>();
  const selfOf = (d: Difficulty) => {
    if (!selfPlay.has(d)) selfPlay.set(d, seedList.map((seed) => playSelf(scenario, seed, d, ai)));
    return selfPlay.get(d)!;
  };
  for (const difficulty of difficulties) {
    const self = selfOf(difficulty);
    for (const aiSide of ['us', 'china'] as const) {
      // in self-play the script's seat is the AI's twin on the other side
      const selfPlayMean = mean(self.map((g) => g[aiSide].otherScore));
      const aiSelfPlayMean = mean(self.map((g) => g[aiSide].aiScore));
      const hardSelfPlayMean = mean(selfOf('hard').map((g) => g[aiSide].otherScore));
      for (const script of scripts) {
        const games = seedList.map((seed) => playScripted(scenario, seed, script, aiSide, difficulty, ai));
        const scriptMean = mean(games.map((g) => g.otherScore));
        out.push({
          scenario: scenario.id,
          aiSide,
          difficulty,
          script,
          games: games.length,
          scriptMean,
          selfPlayMean,
          gain: scriptMean - selfPlayMean,
          hardSelfPlayMean,
          gainOnHard: scriptMean - hardSelfPlayMean,
          aiMean: mean(games.map((g) => g.aiScore)),
          aiSelfPlayMean,
          deals: games.filter((g) => g.outcome === 'deal').length,
          acceptedBelowWalkAway: games.filter((g) => g.acceptedBelowWalkAway).length,
          missedDeals: games.filter((g) => g.missedDeal).length,
        });
      }
    }
  }
  return out;
}

/** Whose profile the AI plays with, for a report's heading. */
export function aiProfileLabel(scenario: Scenario, side: Side): string {
  return profileFor(scenario, defaultOptions(scenario), side).label;
}
