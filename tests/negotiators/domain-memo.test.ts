import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { applyMove, defaultOptions, newGame, profileFor } from '../../src/core/engine';
import { domesticSupportOf } from '../../src/core/indicators';
import { doctrineOf } from '../../src/core/scenario-lookup';
import type { GameState } from '../../src/core/types';
import { SIDES } from '../../src/core/types';
import { buildGameDomain, DomainMemo, scenarioWorths, SharedDomains } from '../../src/negotiators/game/game-domain';
import { randomMove } from '../../src/negotiators/game/random-player';

/**
 * A negotiator keeps its last preferences and search table (DomainMemo) and reuses them when a
 * state gives the same inputs, and shares whole domains with the other negotiators of the
 * scenario (one map for every game and both sides here, as sharedDomains gives). What it hands
 * back must be what a build from scratch gives, at every state of every game, whether it hit or not.
 */
describe('the domain memo', () => {
  for (const id of ['busan-2025', 'sandbox']) {
    it(`gives what building anew gives, at every state of random games of ${id}`, () => {
      const scenario = loadShippedScenario(id);
      const options = defaultOptions(scenario);
      let compared = 0;
      const domains = new SharedDomains();
      for (const seed of ['1', '2', '3', '4', '5', '6']) {
        const memos = { us: new DomainMemo(domains), china: new DomainMemo(domains) };
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
            expect(kept.noDealWorth).toBe(fresh.noDealWorth);
            expect(kept.home).toEqual(fresh.home);
            expect(kept.there).toEqual(fresh.there);
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
      // the games went through states already seen (every game starts in the same one)
      expect(domains.hits).toBeGreaterThan(4);
    });
  }

  it('shares no domain between states that differ only in what ratification reads', () => {
    const scenario = loadShippedScenario('busan-2025');
    const options = defaultOptions(scenario);
    const domains = new SharedDomains();
    const start = newGame(scenario, '1', options);
    for (const side of SIDES) {
      const profile = profileFor(scenario, options, side);
      const doctrine = doctrineOf(scenario, profile.doctrine);
      const memo = new DomainMemo(domains);
      buildGameDomain(scenario, start, side, profile, doctrine, scenarioWorths(scenario), memo);
      buildGameDomain(scenario, start, side, profile, doctrine, scenarioWorths(scenario), memo);
      for (const which of SIDES) {
        const indicator = domesticSupportOf(which);
        const moved: GameState = { ...start, indicators: { ...start.indicators, [indicator]: start.indicators[indicator] - 7 } };
        const fresh = buildGameDomain(scenario, moved, side, profile, doctrine);
        // twice: a domain is kept the second time its key comes
        buildGameDomain(scenario, moved, side, profile, doctrine, scenarioWorths(scenario), memo);
        const kept = buildGameDomain(scenario, moved, side, profile, doctrine, scenarioWorths(scenario), memo);
        expect(kept.home).toEqual(fresh.home);
        expect(kept.there).toEqual(fresh.there);
        expect(kept.table.top()).toBe(fresh.table.top());
      }
    }
  });

  it('keeps a domain the second time its key comes, and hands it back the third', () => {
    const scenario = loadShippedScenario('busan-2025');
    const options = defaultOptions(scenario);
    const domains = new SharedDomains();
    const start = newGame(scenario, '1', options);
    const profile = profileFor(scenario, options, 'us');
    const doctrine = doctrineOf(scenario, profile.doctrine);
    // a memo of its own each time, so that only the shared domains can hand one back
    const build = () => buildGameDomain(scenario, start, 'us', profile, doctrine, scenarioWorths(scenario), new DomainMemo(domains));
    const first = build();
    expect(domains.size).toBe(0);
    const second = build();
    expect(second).not.toBe(first);
    expect(domains.size).toBe(1);
    expect(build()).toBe(second);
    expect(domains.hits).toBe(1);
  });
});
