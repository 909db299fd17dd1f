import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { doctrineFor } from '../../src/core/engine';
import { positionWorth } from '../../src/core/projection';
import { otherSide } from '../../src/core/scenario-lookup';
import type { GameState, Package, Scenario, Side } from '../../src/core/types';
import { playScriptedMatch, SCRIPTS } from '../../src/session/scripted';

/**
 * The AI says it moves towards the other side only when its new offer gives them more than its
 * previous one, by its own model of them (the worth of the positions under the doctrine it takes
 * them to hold). A solo game in Busan had it say "We are taking a step towards you" while it took
 * back every concession it had offered.
 */

const CLAIMS = /step towards you|We have moved|We take a step|we move\b|we adjust our offer/i;

function worthToThem(scenario: Scenario, state: GameState, doctrine: ReturnType<typeof doctrineFor>, pkg: Package): number {
  return Object.entries(pkg).reduce((sum, [issue, position]) => (state.positions[issue] === position ? sum : sum + positionWorth(scenario, state, doctrine, issue, position)), 0);
}

describe('a step towards the other side is a real one', () => {
  for (const id of ['busan-2025', 'geneva-london-2025']) {
    it(`${id}: never claimed with an offer that gives the other side less than the AI's previous one`, () => {
      const scenario = loadShippedScenario(id);
      const claims: string[] = [];
      const false_: string[] = [];
      for (const aiSide of ['us', 'china'] as Side[])
        for (const difficulty of ['easy', 'normal', 'hard'] as const)
          for (const script of SCRIPTS)
            for (const seed of ['clock-3', '1', '2']) {
              const { match } = playScriptedMatch(scenario, seed, script, aiSide, difficulty);
              const states = match.allStates();
              const them = doctrineFor(scenario, match.spec.options, otherSide(aiSide));
              let previous: Package | null = null;
              for (const t of match.turns()) {
                if (t.by !== 'ai' || t.move.type !== 'propose') continue;
                if (previous && CLAIMS.test(t.ai!.say)) {
                  const state = states[t.index]!;
                  const now = worthToThem(scenario, state, them, t.move.package);
                  const before = worthToThem(scenario, state, them, previous);
                  claims.push(t.ai!.say);
                  if (now <= before) false_.push(`${aiSide} ${difficulty} ${script} ${seed} round ${t.round}: ${now.toFixed(2)} against ${before.toFixed(2)}: ${t.ai!.say}`);
                }
                previous = t.move.package;
              }
            }
      expect(false_).toEqual([]);
      // the check has claims to look at
      expect(claims.length).toBeGreaterThan(0);
    });
  }
});
