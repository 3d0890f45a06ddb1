import { describe, expect, it } from 'vitest';
import { compileSafeRegex } from '@zhishou/flow-schema';
import { MAX_MATCH_INPUT, matches, textContains } from './text';

describe('textContains', () => {
  it('finds a substring regardless of case and full-width forms', () => {
    expect(textContains('请问还在吗', '还在')).toBe(true);
    expect(textContains('iPhone 15 PRO', 'pro')).toBe(true);
    expect(textContains('ＡＢＣ全新', 'abc')).toBe(true);
  });
  it('accepts a list of needles (any)', () => {
    expect(textContains('我要退货', ['退款', '退货'])).toBe(true);
    expect(textContains('我要发货', ['退款', '退货'])).toBe(false);
  });
  it('is false for non-strings and empty needles', () => {
    expect(textContains(undefined, 'a')).toBe(false);
    expect(textContains(42, '4')).toBe(false);
    expect(textContains('abc', '')).toBe(false);
  });
});

describe('matches', () => {
  const regex = /^TB\d+$/;
  it('tests strings against the pattern', () => {
    expect(matches('TB123', regex)).toBe(true);
    expect(matches('XX123', regex)).toBe(false);
  });
  it('is false for non-strings or a missing pattern', () => {
    expect(matches(123, regex)).toBe(false);
    expect(matches('TB1', undefined)).toBe(false);
  });
  it('only looks at the first MAX_MATCH_INPUT characters', () => {
    const end = compileSafeRegex('END');
    expect(end.ok && matches('a'.repeat(MAX_MATCH_INPUT) + 'END', end.regex)).toBe(false);
    expect(end.ok && matches('a'.repeat(MAX_MATCH_INPUT - 3) + 'END', end.regex)).toBe(true);
  });
  it('runs a backtracking-prone pattern in linear time (a JS RegExp takes ~40 s here)', () => {
    const redos = compileSafeRegex('^(a|a)+$');
    expect(redos.ok && matches('a'.repeat(32) + '!', redos.regex)).toBe(false);
    expect(redos.ok && matches('a'.repeat(MAX_MATCH_INPUT - 1) + '!', redos.regex)).toBe(false);
  });
});
