import { describe, expect, it } from 'vitest';
import { codeLinkQuery, gameLinkQuery, queryParameters, readLink } from '../../src/session/link';
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
