/**
 * The fixed corpus of positions the negotiators' decisions are checked on: games over the shipped
 * scenarios between the AI, the random baseline and a few escalating scripts, with, at every
 * position of every game, the decision the AI of the side to move makes there (its move, words, analysis
 * and posture). `generate.ts` plays the games and records the decisions to `decisions.json`;
 * `corpus.test.ts` asks the negotiators again and expects the same decisions.
 */
import { applyMove, defaultOptions, newGame } from '../../../src/core/engine';
import { randomMove } from '../../../src/negotiators/game/random-player';
import { checkMove } from '../../../src/core/rules';
import { issuesHeldBy } from '../../../src/core/scenario-lookup';
import type { Difficulty, GameOptions, GameState, Move, Scenario, Side } from '../../../src/core/types';
import { SIDES } from '../../../src/core/types';

/** Who plays a side in a corpus game: an AI of a difficulty, the random baseline, or a script. */
export type CorpusPlayer = Difficulty | 'random' | 'threats' | 'impose';

export interface CorpusGame {
  scenario: string;
  seed: string;
  options: GameOptions;
  players: Record<Side, CorpusPlayer>;
}

export interface RecordedDecision {
  /** The position: the first `at` moves of the game, with `side` to move. */
  at: number;
  side: Side;
  move: Move;
  say: string;
  analysis: string;
  posture: string;
}

export interface CorpusEntry extends CorpusGame {
  moves: Move[];
  decisions: RecordedDecision[];
}

const MATCHUPS: Record<Side, CorpusPlayer>[] = [
  { us: 'hard', china: 'hard' },
  { us: 'normal', china: 'hard' },
  { us: 'hard', china: 'easy' },
  { us: 'hard', china: 'random' },
  { us: 'random', china: 'hard' },
  { us: 'threats', china: 'hard' },
  { us: 'hard', china: 'impose' },
  { us: 'normal', china: 'random' },
];

const aiDifficulty = (p: CorpusPlayer): Difficulty =>
  p === 'easy' || p === 'normal' || p === 'hard' ? p : 'hard';

/** The corpus's games: every matchup on every scenario, with the scenario's other profiles in turn. */
export function corpusGames(scenarios: Scenario[]): CorpusGame[] {
  const games: CorpusGame[] = [];
  for (const scenario of scenarios) {
    MATCHUPS.forEach((players, k) => {
      const profiles = {} as Record<Side, string>;
      const doctrines = {} as Record<Side, string>;
      for (const side of SIDES) {
        const own = scenario.profiles.filter((p) => p.side === side);
        const profile = own[k % own.length]!;
        profiles[side] = profile.id;
        doctrines[side] = profile.doctrine;
      }
      const options = defaultOptions(scenario, {
        difficulty: { us: aiDifficulty(players.us), china: aiDifficulty(players.china) },
        profiles,
        doctrines,
      });
      games.push({ scenario: scenario.id, seed: `corpus-${k + 1}`, options, players });
    });
  }
  return games;
}

/** A script's move: a threat (or a measure) whenever one is legal, else an offer's rejection or a hold. */
export function scriptMove(
  scenario: Scenario,
  state: GameState,
  side: Side,
  kind: 'threats' | 'impose',
): Move {
  for (const issue of issuesHeldBy(scenario, side)) {
    for (const position of issue.positions) {
      if (!position.escalation) continue;
      const move: Move =
        kind === 'threats'
          ? { type: 'threaten', side, issue: issue.id, position: position.id }
          : { type: 'impose', side, issue: issue.id, position: position.id };
      if (checkMove(scenario, state, move).ok) return move;
    }
  }
  const hold: Move = { type: 'hold', side };
  return checkMove(scenario, state, hold).ok ? hold : { type: 'reject', side };
}

export interface Decider {
  decide(
    scenario: Scenario,
    game: CorpusGame,
    moves: Move[],
    state: GameState,
    side: Side,
  ): { move: Move; say: string; analysis: string; posture: string };
}

/** Play a corpus game, asking `decider` for the side to move's AI decision at every position. */
export function playCorpusGame(
  scenario: Scenario,
  game: CorpusGame,
  decider: Decider,
  cap = 40,
): CorpusEntry {
  let state = newGame(scenario, game.seed, game.options);
  const moves: Move[] = [];
  const decisions: RecordedDecision[] = [];
  while (state.phase === 'negotiation' && moves.length < cap) {
    const side = state.turn;
    const d = decider.decide(scenario, game, moves, state, side);
    decisions.push({
      at: moves.length,
      side,
      move: d.move,
      say: d.say,
      analysis: d.analysis,
      posture: d.posture,
    });
    const player = game.players[side];
    const move =
      player === 'random'
        ? randomMove(scenario, state, side)
        : player === 'threats' || player === 'impose'
          ? scriptMove(scenario, state, side, player)
          : d.move;
    state = applyMove(scenario, state, move).state;
    moves.push(move);
  }
  return { ...game, moves, decisions };
}
