import { describe, expect, it } from 'vitest';
import { joinLinkQuery, readJoinLink } from '../../../src/session/class/join-link';

describe('a class join link', () => {
  it('carries the class code, normalised, and reads back', () => {
    expect(joinLinkQuery('ABCD2345')).toBe('?join=ABCD2345');
    expect(readJoinLink('?join=ABCD2345')).toEqual({ kind: 'join', code: 'ABCD2345' });
    expect(readJoinLink('?join=abcd-2345')).toEqual({ kind: 'join', code: 'ABCD2345' });
    expect(readJoinLink('')).toEqual({ kind: 'none' });
    expect(readJoinLink('?scenario=busan-2025')).toEqual({ kind: 'none' });
  });

  it('answers a link that is not a class code with a sentence naming the problem (the text kept as typed, shortened)', () => {
    const bad = readJoinLink('?join=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(bad).toEqual({ kind: 'invalid', problem: expect.stringContaining('"<img src=x onerror=alert…" is not a class code') });
    expect(readJoinLink('?join=OIL01UUU')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('without 0, O, 1, I, L or U') });
    expect(readJoinLink('?join=')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('no class code') });
    expect(readJoinLink('?join=ABCD2345&join=ABCD2346')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('2 times') });
    expect(readJoinLink('?join=ABCD2345&seed=1')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('"seed"') });
  });
});
