import { describe, expect, it } from 'vitest';
import { olderThan, toEpochMs, withinLast } from './relative-time';

const HOUR = 3_600_000;
const now = Date.parse('2026-11-25T12:00:00Z');

describe('toEpochMs', () => {
  it('reads numbers, dates and ISO strings', () => {
    expect(toEpochMs(5)).toBe(5);
    expect(toEpochMs(new Date(7))).toBe(7);
    expect(toEpochMs('2026-11-25T12:00:00Z')).toBe(now);
  });
  it('refuses what is not a time', () => {
    expect(toEpochMs('soon')).toBeUndefined();
    expect(toEpochMs('')).toBeUndefined();
    expect(toEpochMs(Number.NaN)).toBeUndefined();
    expect(toEpochMs(null)).toBeUndefined();
    expect(toEpochMs({})).toBeUndefined();
  });
});

describe('olderThan', () => {
  const ref = { now, ms: 48 * HOUR };
  it('is true at and beyond the boundary', () => {
    expect(olderThan(now - 48 * HOUR, ref)).toBe(true);
    expect(olderThan(new Date(now - 72 * HOUR).toISOString(), ref)).toBe(true);
  });
  it('is false inside the window and for non-times', () => {
    expect(olderThan(now - 47 * HOUR, ref)).toBe(false);
    expect(olderThan(undefined, ref)).toBe(false);
    expect(olderThan('yesterday', ref)).toBe(false);
  });
});

describe('withinLast', () => {
  const ref = { now, ms: 7 * 24 * HOUR };
  it('is true inside [now - ms, now]', () => {
    expect(withinLast(now, ref)).toBe(true);
    expect(withinLast(now - 7 * 24 * HOUR, ref)).toBe(true);
    expect(withinLast(now - HOUR, ref)).toBe(true);
  });
  it('is false before the window, in the future, or for non-times', () => {
    expect(withinLast(now - 7 * 24 * HOUR - 1, ref)).toBe(false);
    expect(withinLast(now + 1, ref)).toBe(false);
    expect(withinLast(null, ref)).toBe(false);
  });
});
