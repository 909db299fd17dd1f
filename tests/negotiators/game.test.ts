import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMove, defaultOptions, newGame, profileFor, ratification, replay } from '../../src/core/engine';
import { packageWorth } from '../../src/core/projection';
import { randomMove } from '../../src/negotiators/game/random-player';
import { KEPT_SHARE, PARTLY_KEPT_SHARE } from '../../src/negotiators/game/ledger';
import { doctrineOf } from '../../src/core/scenario-lookup';
import type {
  Difficulty,
  GameOptions,
  GameSpec,
  GameState,
  Move,
  Scenario,
  Side,
} from '../../src/core/types';
import { utility } from '../../src/negotiators/domain';
import {
  buildGameDomain,
  gamePreferences,
  INFEASIBLE,
  outcomeOf,
  packageOf,
  positionsAfter,
  projectedSupport,
  toPoints,
  winSetMargin,
} from '../../src/negotiators/game/game-domain';
import { negotiatorDecision, runNegotiator } from '../../src/negotiators/game/negotiator';
import { decideMove, intelForDifficulty, intelReport, ledgerOf } from '../../src/negotiators/index';
import { busan, mini } from '../helpers';

const BUSAN = busan();
const MINI = mini();
const specOf = (scenario: Scenario, seed: string, options: GameOptions, moves: Move[]): GameSpec => ({
  scenario: { id: scenario.id, version: scenario.version },
  seed,
  options,
  moves,
});

function domainFor(scenario: Scenario, state: GameState, side: Side, options = defaultOptions(scenario)) {
  const profile = profileFor(scenario, options, side);
  return buildGameDomain(scenario, state, side, profile, doctrineOf(scenario, profile.doctrine));
}

describe('a side’s utility in the game', () => {
  const state = newGame(BUSAN, 's', defaultOptions(BUSAN));

  it('is a linear additive utility: weights sum to 1, values in [0, 1], the position in force worth 0 points', () => {
    for (const side of ['us', 'china'] as const) {
      const gd = domainFor(BUSAN, state, side);
      expect(gd.prefs.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const row of gd.prefs.values) for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
      for (const issue of gd.issues) expect(issue.worths[issue.current]).toBe(0);
    }
  });

  it('is the doctrine’s expected score change from the core’s projection, normalised', () => {
    const gd = domainFor(BUSAN, state, 'us');
    const pkg = { tariffTruce: 'extended-1yr', soybeanPurchases: '25mmt', affiliatesRule: 'suspended-1yr' };
    const outcome = outcomeOf(gd, positionsAfter(state, pkg))!;
    expect(toPoints(gd, utility(gd.prefs, outcome)) - gd.dealBonus).toBeCloseTo(
      packageWorth(BUSAN, state, gd.doctrine, pkg),
      9,
    );
    expect(packageOf(gd, outcome)).toEqual(pkg);
  });

  it('never offers a red-line position: it is not an option at all', () => {
    const us = domainFor(BUSAN, state, 'us');
    expect(us.issues.find((i) => i.id === 'chipExports')!.options).toEqual(['h20-licensed']);
    expect(us.issues.find((i) => i.id === 'entityList')!.options).not.toContain('remove-firms');
    expect(outcomeOf(us, positionsAfter(state, { chipExports: 'blackwell-b30a' }))).toBeNull();
    const china = domainFor(BUSAN, state, 'china');
    expect(china.issues.find((i) => i.id === 'rareEarthControls')!.options).not.toContain('lifted');
  });

  it('projects domestic support exactly as the engine’s ratification does', () => {
    const gd = domainFor(BUSAN, state, 'us');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: gd.space.size - 1 }), (p) => {
        const outcome = gd.space.outcome(p);
        const pkg = packageOf(gd, outcome);
        expect(projectedSupport(gd.home, outcome)).toBeCloseTo(
          ratification(BUSAN, state, pkg, 'us').projected,
          9,
        );
        expect(projectedSupport(gd.there, outcome)).toBeCloseTo(
          ratification(BUSAN, state, pkg, 'china').projected,
          9,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('rules out packages either side would not ratify, and the package that changes nothing', () => {
    const s0 = newGame(MINI, 's', defaultOptions(MINI));
    const gd = domainFor(MINI, s0, 'us');
    const relaxed = gd.space.indexOf(outcomeOf(gd, positionsAfter(s0, { chips: 'relaxed' }))!);
    expect(ratification(MINI, s0, { chips: 'relaxed' }, 'us').ratified).toBe(false);
    expect(gd.table.utility(relaxed)).toBe(INFEASIBLE);
    expect(gd.table.utility(gd.space.indexOf(gd.issues.map((i) => i.current)))).toBe(INFEASIBLE);
    const lots = gd.space.indexOf(outcomeOf(gd, positionsAfter(s0, { beans: 'lots' }))!);
    expect(gd.table.utility(lots)).toBeGreaterThan(0);
  });

  it('narrows the win-set as domestic support falls, by the profile’s sensitivity', () => {
    const profile = profileFor(BUSAN, defaultOptions(BUSAN), 'us');
    expect(winSetMargin(BUSAN, state, 'us', profile)).toBe(0);
    const weaker: GameState = { ...state, indicators: { ...state.indicators, 'us.domesticSupport': 40 } };
    expect(winSetMargin(BUSAN, weaker, 'us', profile)).toBeCloseTo(
      profile.domesticSensitivity * 0.5 * 10,
      12,
    );
    const feasible = (s: GameState) => {
      const { table, space } = domainFor(BUSAN, s, 'us');
      return Array.from({ length: space.size }, (_, p) => table.utility(p)).filter((u) => u !== INFEASIBLE)
        .length;
    };
    expect(feasible(weaker)).toBeLessThan(feasible(state));
  });

  it('counts a pending threat in the value of no deal', () => {
    const threatened = applyMove(BUSAN, state, {
      type: 'threaten',
      side: 'us',
      issue: 'tariffTruce',
      position: 'plus-100pct',
    }).state;
    const before = gamePreferences(
      BUSAN,
      state,
      'china',
      profileFor(BUSAN, defaultOptions(BUSAN), 'china'),
      doctrineOf(BUSAN, 'leverage-maximiser'),
    );
    const after = gamePreferences(
      BUSAN,
      threatened,
      'china',
      profileFor(BUSAN, defaultOptions(BUSAN), 'china'),
      doctrineOf(BUSAN, 'leverage-maximiser'),
    );
    expect(after.noDealWorth).toBeLessThan(before.noDealWorth - 1);
    expect(after.rawReservation).toBeLessThan(before.rawReservation);
  });
});

/** Plays a game: AI sides decide, the others play the random baseline. Returns the moves and the AI's decisions. */
function play(scenario: Scenario, seed: string, options: GameOptions, ai: Side[], cap = 40) {
  let state = newGame(scenario, seed, options);
  const moves: Move[] = [];
  const decisions: ReturnType<typeof negotiatorDecision>[] = [];
  const before: GameState[] = [];
  while (state.phase === 'negotiation' && moves.length < cap) {
    const side = state.turn;
    let move: Move;
    if (ai.includes(side)) {
      const d = negotiatorDecision(scenario, specOf(scenario, seed, options, moves), side, options.difficulty[side] as Difficulty, 'low');
      decisions.push(d);
      move = d.move;
    } else {
      move = randomMove(scenario, state, side);
    }
    before.push(state);
    state = applyMove(scenario, state, move).state;
    moves.push(move);
  }
  return { moves, decisions, final: state, before };
}

const difficulty = fc.constantFrom<Difficulty>('easy', 'normal', 'hard');

describe('the game negotiators (properties)', () => {
  it('play only legal moves, never cross their red lines, and never sign what their home would not ratify', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        difficulty,
        difficulty,
        fc.constantFrom('us-busan', 'us-hawk', 'us-trader'),
        fc.constantFrom('china-busan', 'china-stability', 'china-self-reliance'),
        fc.boolean(),
        (seed, dUs, dCn, pUs, pCn, aiIsUs) => {
          const options = defaultOptions(BUSAN, {
            difficulty: { us: dUs, china: dCn },
            profiles: { us: pUs, china: pCn },
            doctrines: {
              us: doctrineOf(BUSAN, BUSAN.profiles.find((p) => p.id === pUs)!.doctrine).id,
              china: doctrineOf(BUSAN, BUSAN.profiles.find((p) => p.id === pCn)!.doctrine).id,
            },
          });
          const aiSide: Side = aiIsUs ? 'us' : 'china';
          const { moves, before } = play(BUSAN, `p${seed}`, options, [aiSide]);
          const profile = profileFor(BUSAN, options, aiSide);
          moves.forEach((move, i) => {
            if (move.side !== aiSide) return;
            const state = before[i]!;
            const signed =
              move.type === 'propose'
                ? move.package
                : move.type === 'accept'
                  ? state.standing!.package
                  : null;
            if (!signed) return;
            for (const line of profile.redLines) {
              const position = signed[line.issue];
              if (position !== undefined && position !== state.positions[line.issue])
                expect(line.never).not.toContain(position);
            }
            if (move.type === 'accept')
              expect(ratification(BUSAN, state, signed, aiSide).ratified).toBe(true);
          });
        },
      ),
      { numRuns: 20 },
    );
  });

  it('rebuild every decision of a seeded AI-versus-AI game from its move log, and the game replays identically', () => {
    const options = defaultOptions(BUSAN, { difficulty: { us: 'hard', china: 'normal' } });
    const game = play(BUSAN, '42', options, ['us', 'china']);
    const again = play(BUSAN, '42', options, ['us', 'china']);
    expect(again.moves).toEqual(game.moves);
    expect(again.decisions).toEqual(game.decisions);
    expect(replay(BUSAN, '42', options, game.moves).final).toEqual(game.final);
    game.moves.forEach((move, i) => {
      const d = decideMove(
        BUSAN,
        specOf(BUSAN, '42', options, game.moves.slice(0, i)),
        move.side,
        options.difficulty[move.side],
        'low',
      );
      expect(d.move).toEqual(move);
      expect(d.say).toBe(game.decisions[i]!.say);
      expect(d.analysis).toBe(game.decisions[i]!.analysis);
    });
  });

  it('reach deals on busan-2025 when they play each other', () => {
    let deals = 0;
    for (const seed of ['1', '2', '3', '4', '5', '6']) {
      for (const [us, china] of [
        ['hard', 'normal'],
        ['normal', 'hard'],
        ['easy', 'easy'],
      ] as const) {
        const options = defaultOptions(BUSAN, { difficulty: { us, china } });
        if (play(BUSAN, seed, options, ['us', 'china']).final.outcome?.kind === 'deal') deals++;
      }
    }
    expect(deals).toBeGreaterThanOrEqual(15);
  });
});

describe('decideMove', () => {
  const options = defaultOptions(BUSAN, { difficulty: { us: 'hard', china: 'hard' } });

  it('opens with a legal proposal, says it at the table in the first person, and gives the analysis with real numbers', () => {
    const d = decideMove(BUSAN, specOf(BUSAN, 's', options, []), 'us');
    expect(d.move.type).toBe('propose');
    expect(d.posture).toBe('probing');
    expect(d.analysis).toMatch(
      /^There is no offer from China on the table\. It opens with a package worth \+\d+\.\d points to it \([+−]\d+\.\d points for walking away\)\.$/,
    );
    expect(d.say).toMatch(/\b(we|our|us)\b/i);
    // no numbers of the analysis: those stay one press away
    expect(d.say).not.toMatch(/[+−]\d+\.\d|points/);
  });

  it('reveals its priorities in its reasons only as far as the intelligence level allows', () => {
    const spec = specOf(BUSAN, 's', options, []);
    expect(decideMove(BUSAN, spec, 'us', 'hard', 'low').analysis).not.toMatch(/cares most/);
    expect(decideMove(BUSAN, spec, 'us', 'hard', 'medium').analysis).toMatch(
      /Your intelligence suggests it cares most about [^.]+\.$/,
    );
    expect(decideMove(BUSAN, spec, 'us', 'hard', 'high').analysis).toMatch(
      /It cares most about .+ and .+, and least about .+\.$/,
    );
    // what it says at the table never depends on what the player knows of it
    expect(decideMove(BUSAN, spec, 'us', 'hard', 'high').say).toBe(
      decideMove(BUSAN, spec, 'us', 'hard', 'low').say,
    );
    expect(intelForDifficulty('easy')).toBe('high');
    expect(intelForDifficulty('normal')).toBe('medium');
    expect(intelForDifficulty('hard')).toBe('low');
  });

  it('refuses to move out of turn or after the end', () => {
    expect(() => decideMove(BUSAN, specOf(BUSAN, 's', options, []), 'china')).toThrow("not China's turn");
    expect(() =>
      decideMove(BUSAN, specOf(BUSAN, 's', options, [{ type: 'walkout', side: 'us' }]), 'china'),
    ).toThrow('the negotiation is over');
  });

  it('refuses an offer that crosses its red line without revealing that there is one', () => {
    const moves: Move[] = [
      { type: 'propose', side: 'us', package: { rareEarthControls: 'lifted', tariffTruce: 'extended-1yr' } },
    ];
    const d = decideMove(BUSAN, specOf(BUSAN, 's', options, moves), 'china');
    expect(d.move.type).not.toBe('accept');
    expect(d.analysis).toContain('China will not sign the offer from the United States as it stands.');
    for (const text of [d.analysis, d.say]) expect(text).not.toMatch(/never|red line/i);
  });

  it('accepts a generous offer at the end, and explains it against its walk-away value', () => {
    const gen = defaultOptions(MINI, { difficulty: { us: 'normal', china: 'normal' } });
    const moves: Move[] = [];
    let state = newGame(MINI, 's', gen);
    // five moves of talk, then the US offers China what it cannot refuse on the last turn
    for (const m of [
      { type: 'propose', side: 'us', package: { beans: 'some' } },
      { type: 'propose', side: 'china', package: { beans: 'some' } },
      { type: 'propose', side: 'us', package: { beans: 'some' } },
      { type: 'propose', side: 'china', package: { beans: 'some' } },
      { type: 'propose', side: 'us', package: { beans: 'some' } },
    ] as Move[]) {
      state = applyMove(MINI, state, m).state;
      moves.push(m);
    }
    const d = decideMove(MINI, specOf(MINI, 's', gen, moves), 'china');
    expect(d.move).toEqual({ type: 'accept', side: 'china' });
    expect(d.analysis).toMatch(
      /^China accepts\. The package is worth .+ points to it under its “China doctrine” doctrine, against .+ points for walking away\. This is the last move of the talks, and the deal is worth (more than|as much as) walking away/,
    );
  });
});

describe('the statechart inside a game', () => {
  it('passes through the states its moves imply, and ends in deal, walked out or no deal', () => {
    const options = defaultOptions(BUSAN, { difficulty: { us: 'hard', china: 'normal' } });
    const game = play(BUSAN, '7', options, ['us', 'china']);
    const run = runNegotiator(BUSAN, specOf(BUSAN, '7', options, game.moves), 'china', 'low');
    expect(run.trail[0]).toBe('preparing');
    expect(run.trail[1]).toBe('evaluating');
    expect(['deal', 'walkedOut', 'noDeal']).toContain(run.state.value);
    expect(run.state.value).toBe(
      { deal: 'deal', walkout: 'walkedOut', deadline: 'noDeal' }[game.final.outcome!.kind],
    );
  });
});

describe('the ledger', () => {
  const opts = defaultOptions(MINI);
  const spec = (moves: Move[]) => specOf(MINI, 's', opts, moves);

  it('marks a threat carried out as kept, a lapsed one as broken, one settled by a deal as withdrawn', () => {
    const threat: Move = { type: 'threaten', side: 'us', issue: 'chips', position: 'ban' };
    expect(ledgerOf(MINI, spec([threat, { type: 'walkout', side: 'china' }]), 'us')).toEqual([
      {
        round: 1,
        kind: 'threat',
        text: 'Threatened Total ban (Chip controls) unless there was a deal by the end of round 2: it was carried out.',
        status: 'kept',
      },
    ]);
    const lapsed = ledgerOf(
      MINI,
      spec([
        threat,
        { type: 'propose', side: 'china', package: { beans: 'some' } },
        { type: 'propose', side: 'us', package: { beans: 'lots' } },
        { type: 'reject', side: 'china' },
      ]),
      'us',
    );
    expect(lapsed[0]!.status).toBe('broken');
    expect(lapsed[0]!.text).toContain('it lapsed without action');
    const settled = ledgerOf(
      MINI,
      spec([
        threat,
        { type: 'propose', side: 'china', package: { beans: 'some' } },
        { type: 'accept', side: 'us' },
      ]),
      'us',
    );
    expect(settled).toEqual([
      {
        round: 1,
        kind: 'threat',
        text: 'Threatened Total ban (Chip controls) unless there was a deal by the end of round 2: a deal settled it.',
        status: 'withdrawn',
      },
    ]);
    expect(ledgerOf(MINI, spec([threat]), 'us')[0]!.status).toBe('pending');
  });

  it('lists the side’s own commitments in a deal as promises, with how much of a pledge was delivered', () => {
    const moves: Move[] = [
      { type: 'propose', side: 'us', package: { beans: 'some' } },
      { type: 'accept', side: 'china' },
    ];
    const entries = ledgerOf(MINI, spec(moves), 'china');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ round: 1, kind: 'promise' });
    const final = replay(MINI, 's', opts, moves).final;
    const share = final.contributions.beans!['us.tradeGains']! / 6;
    // Kept only when (nearly) all of it was delivered: half a pledge is partly kept.
    expect(entries[0]!.status).toBe(share >= KEPT_SHARE ? 'kept' : share >= PARTLY_KEPT_SHARE ? 'partly-kept' : 'broken');
    const pct = Math.round(100 * share);
    expect(entries[0]!.text).toBe(
      `Agreed in the deal: Some (Soybeans). About ${pct}% of what was pledged was delivered.`,
    );
    expect(ledgerOf(MINI, spec(moves), 'us')).toEqual([]);
  });
});

describe('the intelligence report', () => {
  const options = defaultOptions(BUSAN);
  const none = specOf(BUSAN, 's', options, []);

  it('gives every band at high intelligence, with good confidence', () => {
    const high = intelReport(BUSAN, none, 'china', 'high');
    expect(high.map((i) => i.issue)).toEqual(BUSAN.issues.map((i) => i.id));
    expect(high.find((i) => i.issue === 'chipExports')).toEqual({
      issue: 'chipExports',
      weight: 'high',
      confidence: 'good: well-placed sources',
    });
    expect(new Set(high.map((i) => i.weight))).toEqual(new Set(['high', 'medium', 'low']));
  });

  it('gives nothing at low intelligence before the AI has made an offer, and then only what its offers show', () => {
    expect(
      intelReport(BUSAN, none, 'china', 'low').every(
        (i) => i.weight === 'unknown' && i.confidence === 'none: it has made no offer to read yet',
      ),
    ).toBe(true);
    const moves: Move[] = [
      { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } },
      { type: 'propose', side: 'china', package: { tariffTruce: 'extended-1yr', soybeanPurchases: '12mmt' } },
    ];
    const one = intelReport(BUSAN, specOf(BUSAN, 's', options, moves), 'china', 'low');
    expect(
      one.every(
        (i) =>
          i.weight === 'unknown' &&
          i.confidence === 'none yet: its offers do not show what matters most to it',
      ),
    ).toBe(true);
    const more: Move[] = [
      ...moves,
      { type: 'propose', side: 'us', package: { tariffTruce: 'extended-1yr' } },
      { type: 'propose', side: 'china', package: { tariffTruce: 'extended-1yr', soybeanPurchases: '25mmt' } },
    ];
    const two = intelReport(BUSAN, specOf(BUSAN, 's', options, more), 'china', 'low');
    expect(
      two.every(
        (i) => i.weight !== 'unknown' && i.confidence === 'thin: read from its 2 offers, which may mislead',
      ),
    ).toBe(true);
    // it changed soybeans and kept everything else: soybeans read as mattering least
    expect(two.find((i) => i.issue === 'soybeanPurchases')!.weight).toBe('low');
  });

  it('gives the two top issues truly at medium intelligence', () => {
    const high = intelReport(BUSAN, none, 'china', 'high');
    const medium = intelReport(BUSAN, none, 'china', 'medium');
    const sure = medium.filter((i) => i.confidence.startsWith('fair'));
    expect(sure).toHaveLength(2);
    for (const item of sure) expect(item.weight).toBe(high.find((h) => h.issue === item.issue)!.weight);
    expect(medium.filter((i) => !i.confidence.startsWith('fair')).every((i) => i.weight === 'unknown')).toBe(
      true,
    );
  });
});
