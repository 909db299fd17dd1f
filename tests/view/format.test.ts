import { describe, expect, it } from 'vitest';
import { fmt, safeHref, signed } from '../../src/view/dom';

describe('view formatting', () => {
  it('turns only http(s) addresses from scenario files into links', () => {
    expect(safeHref('https://www.piie.com/blogs/x')).toBe('https://www.piie.com/blogs/x');
    expect(safeHref('http://example.org')).toBe('http://example.org/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });

  it('writes numbers with a true minus sign and an explicit plus', () => {
    expect(fmt(-3.04)).toBe('−3.0');
    expect(fmt(12.349, 2)).toBe('12.35');
    expect(signed(2.5)).toBe('+2.5');
    expect(signed(-0.04)).toBe('0.0');
    expect(signed(0.04)).toBe('0.0');
    expect(signed(-7.25, 2)).toBe('−7.25');
  });
});
