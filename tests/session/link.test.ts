import { describe, expect, it } from 'vitest';
import { codeLinkQuery, gameLinkQuery, queryParameters, readLink, replayLinkQuery } from '../../src/session/link';
import { busan, mini } from '../helpers';

const scenarios = [busan(), mini()];

describe('game links', () => {
  it('read a link to a game, every part optional but the scenario', () => {
    expect(readLink('', scenarios)).toEqual({ kind: 'none' });
    expect(readLink('?', scenarios)).toEqual({ kind: 'none' });
    const full = readLink(
      '?scenario=busan-2025&side=china&difficulty=hard&doctrine=stability-seeker&seed=class%207B',
      scenarios,
    );
    expect(full).toMatchObject({
      kind: 'game',
      side: 'china',
      difficulty: 'hard',
      doctrine: 'stability-seeker',
      seed: 'class 7B',
    });
    expect(full.kind === 'game' && full.scenario.id).toBe('busan-2025');
    expect(readLink('scenario=mini', scenarios)).toMatchObject({ kind: 'game', scenario: { id: 'mini' } });
  });

  it('read a link to a result code', () => {
    expect(readLink('?code=bc1-AbC_d-', scenarios)).toEqual({ kind: 'code', code: 'bc1-AbC_d-' });
  });

  it('make links that read back as the same game', () => {
    const query = gameLinkQuery({
      scenario: 'busan-2025',
      side: 'us',
      difficulty: 'easy',
      seed: 'Classe de 5e — groupe β & co',
    });
    expect(query).toBe(
      '?scenario=busan-2025&side=us&difficulty=easy&seed=Classe%20de%205e%20%E2%80%94%20groupe%20%CE%B2%20%26%20co',
    );
    expect(readLink(query, scenarios)).toMatchObject({
      kind: 'game',
      side: 'us',
      difficulty: 'easy',
      seed: 'Classe de 5e — groupe β & co',
    });
    expect(readLink(codeLinkQuery('bc1-AQI'), scenarios)).toEqual({ kind: 'code', code: 'bc1-AQI' });
  });

  it('keep parameters in a record no parameter name can reach beyond', () => {
    const read = queryParameters('?seed=1');
    expect(read.ok && Object.getPrototypeOf(read.params)).toBeNull();
  });
});

describe('replay links', () => {
  const steps = busan().history!.path.length;
  const problems = (query: string) => {
    const reading = readLink(query, scenarios);
    return reading.kind === 'invalid' ? reading.problems : [`read as ${reading.kind}`];
  };

  it('read a link to a replay, at a step numbered as the screen numbers them, or at its start', () => {
    const at = readLink('?replay=busan-2025&step=2', scenarios);
    expect(at).toMatchObject({ kind: 'replay', step: 2 });
    expect(at.kind === 'replay' && at.scenario.id).toBe('busan-2025');
    expect(readLink(`replay=busan-2025&step=${steps}`, scenarios)).toMatchObject({ kind: 'replay', step: steps });
    expect(readLink('replay=busan-2025&step=01', scenarios)).toMatchObject({ kind: 'replay', step: 1 });
    const start = readLink('?replay=busan-2025', scenarios);
    expect(start.kind === 'replay' && start.step).toBeUndefined();
  });

  it('make replay links that read back as the same position', () => {
    expect(replayLinkQuery('busan-2025', 3, steps)).toBe('?replay=busan-2025&step=3');
    expect(readLink(replayLinkQuery('busan-2025', 3, steps), scenarios)).toMatchObject({ kind: 'replay', step: 3 });
    // The start and the aftermath (position steps + 1) have no step number: the link opens the start.
    expect(replayLinkQuery('busan-2025', 0, steps)).toBe('?replay=busan-2025');
    expect(replayLinkQuery('busan-2025', steps + 1, steps)).toBe('?replay=busan-2025');
  });

  it('name an unknown scenario, listing those with a history', () => {
    expect(problems('?replay=atlantis&step=2')).toEqual([
      'the parameter "replay": this game has no scenario "atlantis" to replay (the scenarios with a history are busan-2025)',
    ]);
  });

  it('name a scenario without a history', () => {
    expect(problems('?replay=mini')).toEqual([
      'the parameter "replay": mini has no history to replay (the scenarios with a history are busan-2025)',
    ]);
  });

  it('refuse a step that is not a whole number, saying the range', () => {
    const range = `the steps of busan-2025 are numbered 1 to ${steps}; leave "step" out for the starting position`;
    expect(problems('?replay=busan-2025&step=2.5')).toEqual([`the parameter "step": "2.5" is not a whole number; ${range}`]);
    expect(problems('?replay=busan-2025&step=-1')).toEqual([`the parameter "step": "-1" is not a whole number; ${range}`]);
    expect(problems('?replay=busan-2025&step=two')).toEqual([`the parameter "step": "two" is not a whole number; ${range}`]);
    expect(problems('?replay=busan-2025&step=')).toEqual([`the parameter "step": it is empty; ${range}`]);
  });

  it('refuse a step out of range rather than open another one, saying the range', () => {
    const range = `the steps of busan-2025 are numbered 1 to ${steps}; leave "step" out for the starting position`;
    expect(problems('?replay=busan-2025&step=0')).toEqual([`the parameter "step": there is no step 0; ${range}`]);
    expect(problems(`?replay=busan-2025&step=${steps + 1}`)).toEqual([`the parameter "step": there is no step ${steps + 1}; ${range}`]);
    expect(problems(`?replay=busan-2025&step=${'9'.repeat(40)}`)).toEqual([`the parameter "step": there is no step 999999999999…; ${range}`]);
  });

  it('name the parameters that do not go with a replay, and a step without one', () => {
    expect(problems('?replay=busan-2025&step=2&side=china&seed=7')).toEqual([
      'the parameter "side" cannot be combined with "replay"',
      'the parameter "seed" cannot be combined with "replay"',
    ]);
    expect(problems('?replay=busan-2025&scenario=busan-2025')).toEqual(['the parameter "scenario" cannot be combined with "replay"']);
    expect(problems('?code=bc1-AQI&replay=busan-2025')).toEqual(['the parameter "replay" cannot be combined with "code"']);
    expect(problems('?scenario=busan-2025&step=2')).toEqual([
      'the parameter "step" cannot be combined with "scenario" ("step" goes with "replay")',
    ]);
    expect(problems('?step=2')).toEqual([expect.stringMatching(/^the parameter "replay": is missing/)]);
    expect(problems('?replay=')).toHaveLength(1);
  });
});
