import { describe, expect, it } from 'vitest';
import { compact, fmt, isWebLink, signed } from '../../src/session/format';

describe('formatting for the screens', () => {
  it('lets only http(s) addresses from scenario files become links', () => {
    expect(isWebLink('https://www.piie.com/blogs/x')).toBe(true);
    expect(isWebLink('http://example.org')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('JaVaScRiPt:alert(1)')).toBe(false);
    expect(isWebLink('data:text/html,<script>alert(1)</script>')).toBe(false);
    expect(isWebLink('https://x.org/"onmouseover="alert(1)')).toBe(false);
    expect(isWebLink('not a url')).toBe(false);
    expect(isWebLink(undefined)).toBe(false);
  });

  it('writes numbers with a true minus sign and an explicit plus', () => {
    expect(fmt(-3.04)).toBe('−3.0');
    expect(fmt(12.349, 2)).toBe('12.35');
    expect(signed(2.5)).toBe('+2.5');
    expect(signed(-0.04)).toBe('0.0');
    expect(signed(0.04)).toBe('0.0');
    expect(signed(-7.25, 2)).toBe('−7.25');
  });

  it('writes a figure of the historical record without needless decimals', () => {
    expect(compact(1.4)).toBe('1.4');
    expect(compact(3)).toBe('3');
    expect(compact(12.5)).toBe('12.5');
    expect(compact(-0.25)).toBe('−0.25');
    expect(compact(58.1234)).toBe('58.12');
    expect(compact(-0.001)).toBe('0');
    expect(compact(200)).toBe('200');
  });
});
