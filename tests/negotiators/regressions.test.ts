import { inSentence } from '../../src/core/sentence';
import { describe, expect, it } from 'vitest';
import { loadShippedScenario } from '../../src/cli/scenario-files';
import { defaultOptions, profileFor, replay } from '../../src/core/engine';
import { doctrineOf } from '../../src/core/scenario-lookup';
import type { Move, Scenario, Side } from '../../src/core/types';
import { gamePreferences, walkAway } from '../../src/negotiators/game/game-domain';
import { decideMove, favouritePackage, judgePackage, walkAwayValue } from '../../src/negotiators/index';
import { playScriptedMatch, playSelf, type ScriptName } from '../../src/session/scripted';

/**
 * Issue 10's findings, each as a regression: the game that showed it, played through the session
 * as the browser plays, and the rule that must now hold in it.
 */

const BUSAN = loadShippedScenario('busan-2025');
const GENEVA = loadShippedScenario('geneva-london-2025');
const ZTE = loadShippedScenario('zte-2018');
const SEEDS = ['1', '2', '3', '4', '5'];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function games(scenario: Scenario, script: ScriptName, aiSide: Side, seeds = SEEDS) {
  return seeds.map((seed) => playScriptedMatch(scenario, seed, script, aiSide, 'hard'));
}

describe('1. one walk-away value, not kept within [0, 1]', () => {
  it('geneva: hard China no longer signs, at the last move, a package worth less to it than walking away', () => {
    // the script stalls until China has threatened (its own threat makes walking away worth more
    // than any package), then offers China the package it likes best: before, China took it,
    // "+0.4 against +1.2 for no deal", on every seed
    for (const { game, match } of games(GENEVA, 'last-minute', 'china')) {
      expect(game.acceptedBelowWalkAway).toBe(false);
      const states = match.allStates();
      match.turns().forEach((t) => {
        if (t.by !== 'ai') return;
        const away = walkAwayValue(GENEVA, states[t.index]!, 'china');
        if (t.move.type === 'accept')
          expect(
            judgePackage(GENEVA, states[t.index]!, 'china', states[t.index]!.standing!.package).utility!,
          ).toBeGreaterThanOrEqual(away.utility);
      });
    }
  });

  it('is the negotiator’s reservation itself: above 1 once China’s own threat makes walking away worth more than any package', () => {
    const options = defaultOptions(GENEVA, { difficulty: { us: 'hard', china: 'hard' } });
    const moves: Move[] = [
      { type: 'hold', side: 'us' },
      { type: 'threaten', side: 'china', issue: 'rareEarthControls', position: 'april-7' },
    ];
    const state = replay(GENEVA, '1', options, moves).final;
    const profile = profileFor(GENEVA, options, 'china');
    const gp = gamePreferences(GENEVA, state, 'china', profile, doctrineOf(GENEVA, profile.doctrine));
    expect(walkAway(gp).utility).toBeGreaterThan(1);
    expect(gp.prefs.reservation).toBe(walkAway(gp).utility);
    // offered the package it likes best, it does not sign, and says why with the true numbers
    const best = favouritePackage(GENEVA, replay(GENEVA, '1', options, moves.slice(0, 1)).final, 'china')!;
    const offered = [...moves, { type: 'propose', side: 'us', package: best } as Move];
    const d = decideMove(
      GENEVA,
      { scenario: { id: GENEVA.id, version: GENEVA.version }, seed: '1', options, moves: offered },
      'china',
    );
    expect(d.move.type).not.toBe('accept');
    expect(d.analysis).toMatch(
      /nothing it could ask for is worth more to it than walking away \(\+\d+\.\d points\)/,
    );
  });
});

describe('2. measures imposed during the talks are things to reverse, and coercion is answered', () => {
  it('busan: China’s early rare-earth controls no longer pay; hard US signs no deal that leaves them in force', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const played = games(BUSAN, 'early-sanction', 'us', twenty);
    for (const { match } of played) {
      const imposed = match.moves.find((m) => m.type === 'impose' && m.side === 'china');
      expect(imposed?.type).toBe('impose');
      const outcome = match.state.outcome!;
      if (outcome.kind === 'deal' && imposed?.type === 'impose')
        expect(outcome.package?.[imposed.issue]).toBeDefined();
    }
    // before, the US fell by about five points against the sanction (+6.47 in self-play, +1.27
    // against it over these seeds); now it keeps within a point
    const self = mean(twenty.map((seed) => playSelf(BUSAN, seed, 'hard').us.aiScore));
    expect(mean(played.map((g) => g.game.aiScore))).toBeGreaterThan(self - 1);
  });

  it('answers coercion as its doctrine chooses: a tension-averse doctrine refuses to reward the first measure, and says so', () => {
    const { match } = games(BUSAN, 'early-sanction', 'us', ['1'])[0]!;
    const at = match.moves.findIndex((m) => m.type === 'impose' && m.side === 'china');
    const answer = match.turns()[at + 1]!;
    expect(answer.move.type).not.toBe('impose');
    expect(answer.ai!.say).toMatch(/impos/i);
    expect(answer.ai!.analysis).toMatch(/reverse|leaves in force/);
  });

  it('busan: holding firm because it is coerced, hard US says so, naming the measure and what it wants in its place', () => {
    let firm = 0;
    for (const { match } of games(BUSAN, 'early-sanction', 'us')) {
      const states = match.allStates();
      for (const t of match.turns()) {
        if (t.by !== 'ai' || !t.ai!.analysis.includes('concedes nothing before its final offer')) continue;
        firm += 1;
        const before = states[t.index]!;
        // the measure is China's, imposed during the talks and in force when it speaks
        expect(before.imposed.rareEarthControls).toBe('china');
        expect(t.ai!.analysis).toContain('because of what China imposed on it during the talks: a measure on rare-earth export controls (the 9 October controls');
        expect(t.move.type).toBe('propose');
        const asked = t.move.type === 'propose' ? t.move.package.rareEarthControls : undefined;
        expect(asked).toBeDefined();
        const label = BUSAN.issues.find((i) => i.id === 'rareEarthControls')!.positions.find((p) => p.id === asked)!.label;
        expect(t.ai!.analysis).toContain(`its offer asks for rare-earth export controls (${inSentence(label)})`);
        expect(t.ai!.say).toMatch(/rare-earth export controls/);
        expect(t.ai!.say).toMatch(/coercion|pressure|held over us|hanging over us|never have imposed/);
        expect(t.ai!.say).not.toMatch(/[+−]\d+\.\d|points/);
      }
    }
    expect(firm).toBeGreaterThan(5);
  });

  it('geneva: a script imposing every measure it holds no longer gains on hard China’s self-play', () => {
    const played = games(GENEVA, 'impose-spam', 'us');
    const retaliations = played.flatMap(({ match }) =>
      match.turns().filter((t) => t.by === 'ai' && t.move.type === 'impose'),
    );
    expect(retaliations.length).toBeGreaterThan(0);
    // the US's doctrine counts tension as a cost: it answered the second measure, and says so
    for (const t of retaliations) expect(t.ai!.analysis).toMatch(/answers China’s measure on .+ with one on .+ counts tension as a cost and let its refusal to reward coercion speak the first time/);
    const self = mean(SEEDS.map((seed) => playSelf(GENEVA, seed, 'hard').china.aiScore));
    expect(mean(played.map((g) => g.game.otherScore))).toBeLessThan(self + 1);
  });
});

describe('3. no missed deals', () => {
  it('hard US takes a signable offer repeated to the end instead of ending without a deal, in every scenario tried', () => {
    for (const scenario of [BUSAN, GENEVA, ZTE]) {
      for (const { game } of games(scenario, 'repeat-offer', 'us')) {
        expect(game.outcome).toBe('deal');
        expect(game.missedDeal).toBe(false);
      }
    }
  });

  it('busan: a threat falling due at its final offer does not pre-empt that offer, worth more to it than walking away', () => {
    let seen = 0;
    for (const script of ['stall', 'last-minute'] as const) {
      for (const { match } of games(BUSAN, script, 'china', ['1', '2', '3'])) {
        const states = match.allStates();
        for (const t of match.turns()) {
          const before = states[t.index]!;
          const due = before.threats.find(
            (x) => x.side === 'china' && x.status === 'pending' && x.dueRound === before.round,
          );
          if (t.by !== 'ai' || !due || t.index + 2 < 2 * BUSAN.rounds - 1) continue;
          seen += 1;
          // before, China carried out its rare-earth threat here and made no final offer
          expect(t.move.type).toBe('propose');
          expect(t.ai!.analysis).toMatch(/last offer that the United States can still accept/);
          if (t.move.type === 'propose') {
            const j = judgePackage(BUSAN, before, 'china', t.move.package);
            expect(j.utility!).toBeGreaterThan(j.walkAway.utility);
          }
        }
      }
    }
    expect(seen).toBe(6);
  });

  it('makes no threat that could only fall due in the last round, which is for closing', () => {
    for (const scenario of [BUSAN, GENEVA, ZTE]) {
      for (const { match } of games(scenario, 'stall', 'us', ['1', '2'])) {
        const states = match.allStates();
        match.moves.forEach((m, i) => {
          if (m.side === 'us' && m.type === 'threaten')
            expect(states[i]!.round + scenario.threatWindow).toBeLessThan(scenario.rounds);
        });
      }
    }
  });
});

describe('4. words that never contradict their inputs', () => {
  const decisions = [BUSAN, GENEVA, ZTE].flatMap((scenario) =>
    (['stall', 'repeat-offer', 'early-sanction', 'threat-spam', 'last-minute'] as const).flatMap((script) =>
      (['us', 'china'] as const).flatMap((side) => {
        const { match } = playScriptedMatch(scenario, '7', script, side, 'hard');
        const { states } = replay(scenario, match.spec.seed, match.spec.options, match.spec.moves);
        return match
          .turns()
          .flatMap((t) => (t.ai ? [{ scenario, side, turn: t, before: states[t.index]! }] : []));
      }),
    ),
  );

  it('say nothing the issue found false or revealing', () => {
    expect(decisions.length).toBeGreaterThan(100);
    for (const { turn } of decisions) {
      const { say, analysis } = turn.ai!;
      expect(analysis).not.toMatch(/no acceptable deal|never agree|no longer expects|beats no deal/);
      expect(say).not.toMatch(/never agree|red line/i);
    }
  });

  it('state in an acceptance exactly the worth and walk-away value an independent judgement gives', () => {
    const accepts = decisions.filter((d) => d.turn.move.type === 'accept');
    expect(accepts.length).toBeGreaterThan(5);
    for (const { scenario, side, turn, before } of accepts) {
      const j = judgePackage(scenario, before, side, before.standing!.package);
      const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
      expect(turn.ai!.analysis).toContain(`worth ${signed(j.points!)} points to it`);
      expect(turn.ai!.analysis).toContain(`against ${signed(j.walkAway.points)} points for walking away`);
      expect(j.utility!).toBeGreaterThanOrEqual(j.walkAway.utility);
    }
  });

  it('carry out a threat saying what was on the table, not that nothing acceptable was', () => {
    const carried = decisions.filter((d) => d.turn.ai!.analysis.includes('carries out its threat'));
    for (const { turn, before } of carried) {
      const onTable = before.standing && before.standing.by !== turn.move.side;
      expect(turn.ai!.analysis).toMatch(onTable ? /offer on the table/ : /No offer from .+ is on the table/);
    }
  });
});

it('is played with the default profiles: their doctrines are the ones the regressions name', () => {
  expect(defaultOptions(BUSAN).doctrines.us).toBe('dealmaker');
  expect(defaultOptions(GENEVA).doctrines.china).toBe('leverage-maximiser');
});
