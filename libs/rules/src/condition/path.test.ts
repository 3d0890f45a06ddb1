import { describe, expect, it } from 'vitest';
import { createPathResolver, resolveSegments } from './path';

describe('resolveSegments', () => {
  const value = { order: { price: 12, items: [{ title: 'x' }] } };
  it('walks objects and arrays', () => {
    expect(resolveSegments(value, ['order', 'price'])).toBe(12);
    expect(resolveSegments(value, ['order', 'items', 0, 'title'])).toBe('x');
  });
  it('yields undefined for missing steps and never reads inherited properties', () => {
    expect(resolveSegments(value, ['order', 'missing', 'deep'])).toBeUndefined();
    expect(resolveSegments(value, ['order', 'price', 'x'])).toBeUndefined();
    expect(resolveSegments(value, ['constructor'])).toBeUndefined();
  });
});

describe('createPathResolver', () => {
  it('resolves valid paths and yields undefined for unsupported ones, across cache evictions', () => {
    const resolve = createPathResolver(2);
    expect(resolve({ a: { b: 1 } }, '$.a.b')).toBe(1);
    expect(resolve({ a: 1 }, '$..a')).toBeUndefined();
    expect(resolve({ c: 3 }, '$.c')).toBe(3);
    expect(resolve({ a: { b: 2 } }, '$.a.b')).toBe(2);
  });
});
