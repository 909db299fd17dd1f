import { describe, expect, it } from 'vitest';
import { atSentenceStart, sideInSentence } from '../../src/core/sentence';

describe('a side named in a sentence', () => {
  it('takes "the" where the name needs one', () => {
    expect(sideInSentence('United States')).toBe('the United States');
    expect(sideInSentence('European Union')).toBe('the European Union');
    expect(sideInSentence('Netherlands')).toBe('the Netherlands');
  });
  it('stays as it is otherwise', () => {
    expect(sideInSentence('China')).toBe('China');
    expect(sideInSentence('China (and ByteDance)')).toBe('China (and ByteDance)');
    expect(sideInSentence('Unitedland')).toBe('Unitedland');
  });
  it('starts a sentence with a capital', () => {
    expect(atSentenceStart(sideInSentence('United States'))).toBe('The United States');
    expect(atSentenceStart('China')).toBe('China');
  });
});
