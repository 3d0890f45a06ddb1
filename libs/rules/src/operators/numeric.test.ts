import { describe, expect, it } from 'vitest';
import { between, isRange, toNumber } from './numeric';

describe('between', () => {
  it('is inclusive at both ends', () => {
    expect(between(100, [100, 200])).toBe(true);
    expect(between(200, [100, 200])).toBe(true);
    expect(between(150.5, [100, 200])).toBe(true);
  });
  it('is false outside the range', () => {
    expect(between(99.99, [100, 200])).toBe(false);
    expect(between(201, [100, 200])).toBe(false);
  });
  it('reads numeric strings but not other things', () => {
    expect(between('120', [100, 200])).toBe(true);
    expect(between('abc', [100, 200])).toBe(false);
    expect(between(undefined, [100, 200])).toBe(false);
    expect(between(null, [0, 1])).toBe(false);
  });
  it('is false for a malformed range', () => {
    expect(between(5, [10, 1])).toBe(false);
    expect(between(5, [1])).toBe(false);
    expect(between(5, 'x')).toBe(false);
  });
});

describe('helpers', () => {
  it('toNumber refuses blanks and non-finite values', () => {
    expect(toNumber(' ')).toBeUndefined();
    expect(toNumber(Infinity)).toBeUndefined();
    expect(toNumber('3')).toBe(3);
  });
  it('isRange wants [min, max] with min ≤ max', () => {
    expect(isRange([1, 1])).toBe(true);
    expect(isRange([2, 1])).toBe(false);
    expect(isRange(['1', 2])).toBe(false);
  });
});
