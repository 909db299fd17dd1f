import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { applyMove, defaultOptions, newGame, profileFor } from '../../src/core/engine';
import { doctrineOf } from '../../src/core/scenario-lookup';
import type { GameState } from '../../src/core/types';
import { SIDES } from '../../src/core/types';
import { buildGameDomain, DomainMemo, scenarioWorths } from '../../src/negotiators/game/game-domain';
import { randomMove } from '../../src/negotiators/game/random-player';

/**
 * A negotiator keeps its last preferences and search table (DomainMemo) and reuses them when a
 * state gives the same inputs. What it hands back must be what a build from scratch gives, at
 * every state of a game, whether the memo hit or not.
 */
describe('the domain memo', () => {
  for (const id of ['busan-2025', 'sandbox']) {
    it(`gives what building anew gives, at every state of random games of ${id}`, () => {
      const scenario = loadShippedScenario(id);
      const options = defaultOptions(scenario);
      let compared = 0;
      for (const seed of ['1', '2', '3']) {
        const memos = { us: new DomainMemo(), china: new DomainMemo() };
        let state: GameState = newGame(scenario, seed, options);
        const states = [state];
        while (state.phase === 'negotiation' && states.length < 40) {
          state = applyMove(scenario, state, randomMove(scenario, state, state.turn)).state;
          states.push(state);
        }
        for (const s of states) {
          for (const side of SIDES) {
            const profile = profileFor(scenario, options, side);
            const doctrine = doctrineOf(scenario, profile.doctrine);
            const worthOf = scenarioWorths(scenario);
            const fresh = buildGameDomain(scenario, s, side, profile, doctrine, worthOf);
            const kept = buildGameDomain(scenario, s, side, profile, doctrine, worthOf, memos[side]);
            expect(kept.prefs).toEqual(fresh.prefs);
            expect(kept.issues).toEqual(fresh.issues);
            expect(kept.rawReservation).toBe(fresh.rawReservation);
            expect(kept.table.max).toBe(fresh.table.max);
            expect(kept.table.min).toBe(fresh.table.min);
            expect(kept.table.top()).toBe(fresh.table.top());
            for (const level of [0, 0.3, 0.6, 0.9])
              expect(kept.table.leastAtLeast(level)).toBe(fresh.table.leastAtLeast(level));
            for (let pkg = 0; pkg < Math.min(fresh.space.size, 500); pkg += 7)
              expect(kept.table.utility(pkg)).toBe(fresh.table.utility(pkg));
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(6);
    });
  }
});
