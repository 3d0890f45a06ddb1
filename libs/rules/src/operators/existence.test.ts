import { describe, expect, it } from 'vitest';
import { exists, notExists } from './existence';

describe('exists / notExists', () => {
  it('treats undefined and null as missing', () => {
    expect(exists(undefined)).toBe(false);
    expect(exists(null)).toBe(false);
    expect(notExists(undefined)).toBe(true);
    expect(notExists(null)).toBe(true);
  });
  it('treats falsy values that are present as existing', () => {
    for (const v of [0, '', false, [], {}]) {
      expect(exists(v)).toBe(true);
      expect(notExists(v)).toBe(false);
    }
  });
});
