import { describe, expect, it } from 'vitest';
import { withWordsOf } from '../../src/negotiators/decision-words';

describe('a decision passed on with its words', () => {
  it('reads the words through when they are read, not before, and keeps the fields in order', () => {
    let written = 0;
    const words = {
      get say() {
        written++;
        return 'We open with this.';
      },
      analysis: 'It opens.',
    };
    const copy = withWordsOf(words, { move: 3 }, { posture: 'firm' }, { type: 'propose' });
    expect(written).toBe(0);
    expect(Object.keys(copy)).toEqual(['move', 'say', 'analysis', 'posture']);
    expect(copy.say).toBe('We open with this.');
    expect(written).toBe(1);
    expect(JSON.parse(JSON.stringify(copy))).toEqual({ move: 3, say: 'We open with this.', analysis: 'It opens.', posture: 'firm' });
    expect({ ...copy }).toEqual({ move: 3, say: 'We open with this.', analysis: 'It opens.', posture: 'firm' });
  });
});
