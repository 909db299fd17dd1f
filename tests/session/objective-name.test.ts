import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../src/core/indicators';
import { objectiveName } from '../../src/session/text';

describe('an indicator as a player’s objective in a sentence', () => {
  it('drops its own side’s name, keeps the other side’s, and never lowers a name or an acronym', () => {
    expect(objectiveName(INDICATORS['china.rareEarthLeverage'], 'china')).toBe('rare-earth leverage');
    expect(objectiveName(INDICATORS['us.supplySecurity'], 'china')).toBe('US rare-earth supply security');
    expect(objectiveName(INDICATORS['us.controlCredibility'], 'us')).toBe('credibility of US export controls');
    expect(objectiveName(INDICATORS['us.tradeGains'], 'us')).toBe('trade gains');
    expect(objectiveName(INDICATORS.tension, 'us')).toBe('tension');
  });
});
