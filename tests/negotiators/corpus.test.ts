import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAllShippedScenarios } from '../../src/cli/scenario-files';
import { replay } from '../../src/core/engine';
import type { Side } from '../../src/core/types';
import { SIDES } from '../../src/core/types';
import { GameNegotiator, runNegotiator } from '../../src/negotiators/game/negotiator';
import { decideMove } from '../../src/negotiators/index';
import type { CorpusEntry } from './corpus/games';

/**
 * The negotiators' decisions on a fixed corpus of positions (tests/negotiators/corpus): 80 games
 * over every shipped scenario between the AI at each difficulty, the random baseline and
 * escalating scripts, with the decision the AI of the side to move made at each position when the
 * corpus was recorded. Faster search must not change a single one of them.
 */
const corpus = JSON.parse(
  readFileSync(fileURLToPath(new URL('./corpus/decisions.json', import.meta.url)), 'utf8'),
) as { games: CorpusEntry[] };
const scenarios = new Map(loadAllShippedScenarios().map((s) => [s.id, s]));

describe('the decisions corpus', () => {
  it('covers every shipped scenario and every kind of decision', () => {
    expect(new Set(corpus.games.map((g) => g.scenario))).toEqual(new Set(scenarios.keys()));
    const kinds = new Set(corpus.games.flatMap((g) => g.decisions.map((d) => d.move.type)));
    expect([...kinds].sort()).toEqual([
      'accept',
      'hold',
      'impose',
      'propose',
      'reject',
      'threaten',
      'walkout',
    ]);
  });

  it('gets the same decision, words, analysis and posture at every position from the move log', () => {
    const differences: string[] = [];
    for (const game of corpus.games) {
      const scenario = scenarios.get(game.scenario)!;
      for (const recorded of game.decisions) {
        const spec = {
          scenario: { id: scenario.id, version: scenario.version },
          seed: game.seed,
          options: game.options,
          moves: game.moves.slice(0, recorded.at),
        };
        const d = decideMove(scenario, spec, recorded.side);
        const got = { move: d.move, say: d.say, analysis: d.analysis, posture: d.posture };
        const want = {
          move: recorded.move,
          say: recorded.say,
          analysis: recorded.analysis,
          posture: recorded.posture,
        };
        if (JSON.stringify(got) !== JSON.stringify(want))
          differences.push(
            `${game.scenario} ${game.seed} move ${recorded.at}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`,
          );
      }
    }
    expect(differences).toEqual([]);
  });

  it('gets the same decisions from negotiators that follow each game move by move, whose state after every move is the replayed one', () => {
    const differences: string[] = [];
    for (const game of corpus.games) {
      const scenario = scenarios.get(game.scenario)!;
      const { states } = replay(scenario, game.seed, game.options, game.moves);
      const seats = Object.fromEntries(
        SIDES.map((side) => [side, new GameNegotiator(scenario, game.options, side)]),
      ) as Record<Side, GameNegotiator>;
      game.moves.forEach((move, i) => {
        const recorded = game.decisions.find((d) => d.at === i)!;
        const d = seats[recorded.side].decide(states[i]!);
        if (
          JSON.stringify([d.move, d.say, d.analysis, d.posture]) !==
          JSON.stringify([recorded.move, recorded.say, recorded.analysis, recorded.posture])
        ) {
          differences.push(`${game.scenario} ${game.seed} move ${i}: ${d.say} / ${d.analysis}`);
        }
        for (const side of SIDES) {
          seats[side].observe(move, states[i]!, states[i + 1]!);
          const spec = {
            scenario: { id: scenario.id, version: scenario.version },
            seed: game.seed,
            options: game.options,
            moves: game.moves.slice(0, i + 1),
          };
          expect(seats[side].state).toEqual(runNegotiator(scenario, spec, side, seats[side].intel).state);
        }
      });
    }
    expect(differences).toEqual([]);
  });
});
