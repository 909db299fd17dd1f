import { describe, expect, it } from 'vitest';
import { defaultOptions, replay } from '../../src/core/engine';
import type { Explanation } from '../../src/core/types';
import { decideMove } from '../../src/session/ai';
import { explanationText, withWords } from '../../src/session/explain-words';
import { Match } from '../../src/session/match';
import { busan, loadOrThrow, mini, scenarioPath } from '../helpers';
import { moveSummary } from '../../src/session/move-summary';

describe('the words for the engine’s explanations', () => {
  it('give every explanation of 40 games of the random players a sentence, with no gaps', () => {
    const kinds = new Set<string>();
    for (const scenario of [busan(), mini()]) {
      for (let seed = 0; seed < 20; seed++) {
        const match = Match.start(
          scenario,
          String(seed),
          defaultOptions(scenario, { difficulty: { us: 'random', china: 'random' } }),
          decideMove,
        );
        for (const turn of match.turns()) {
          for (const e of turn.explanations) {
            kinds.add(e.kind);
            expect(e.text, JSON.stringify(e)).toMatch(/^\S.*\.$/s);
            expect(e.text).not.toMatch(/undefined|NaN|\[object/);
            expect(e.text).toBe(explanationText(scenario, e));
          }
        }
      }
    }
    expect([...kinds].sort()).toEqual([
      'drift',
      'effect',
      'event',
      'expiry',
      'move',
      'outcome',
      'ratification',
      'round',
      'threat',
    ]);
  });

  it('say the same sentences the engine used to write', () => {
    const scenario = mini();
    const e: Explanation = {
      kind: 'effect',
      round: 1,
      indicator: 'us.controlCredibility',
      delta: -10,
      from: 70,
      to: 60,
      cause: { kind: 'enacted', issue: 'chips', position: 'relaxed', through: 'deal' },
      issue: 'chips',
      position: 'relaxed',
    };
    expect(withWords(scenario, [e])[0]!.text).toBe(
      'Credibility of US export controls −10.0 pts: Relaxed controls (Chip controls) through the deal.',
    );
    expect(
      explanationText(scenario, {
        kind: 'outcome',
        round: 3,
        outcome: { kind: 'deadline', round: 3 },
        deadline: 3,
      }),
    ).toBe('No deal by the deadline (round 3).');
    expect(
      explanationText(scenario, {
        kind: 'threat',
        round: 1,
        side: 'us',
        issue: 'chips',
        position: 'ban',
        status: 'made',
        dueRound: 2,
      }),
    ).toBe(
      'The United States threatens publicly: "Total ban" on chip controls unless there is a deal by the end of round 2. Backing down later will cost it at home.',
    );
  });

  it('say a measure scheduled to follow another comes into force, not that it snaps back, and count one round as one', () => {
    // Phase One: "15% due on 15 December" runs out after a round and the List 4B tariff comes into force for the first time.
    const phaseOne = loadOrThrow(scenarioPath('phase-one-2020.yaml'));
    const holds = [{ type: 'hold', side: 'us' }, { type: 'hold', side: 'china' }] as const;
    const all = replay(phaseOne, 'expiry', defaultOptions(phaseOne), holds).explanations.flat();
    const expiry = all.find((e) => e.kind === 'expiry' && e.issue === 'list4b')!;
    expect(explanationText(phaseOne, expiry)).toBe(
      '15% due on 15 December (Tariff on List 4B (about $160B)) ran for its 1 round: 15% on List 4B in force follows.',
    );
    expect(moveSummary(phaseOne, all)).not.toMatch(/came back into force/);
    // A concession that returns to the status quo still snaps back.
    const back: Explanation = { ...expiry, expired: 'suspended', position: 'due-dec15', rounds: 4 } as Explanation;
    expect(explanationText(phaseOne, back)).toBe(
      'Suspend the List 4B tariff (Tariff on List 4B (about $160B)) ran for its 4 rounds and snaps back to 15% due on 15 December.',
    );
  });
});
