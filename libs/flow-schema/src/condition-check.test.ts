import { describe, expect, it } from 'vitest';
import { checkCondition, parseConditionPath } from './condition-check';
import { compileSafeRegex } from './safe-regex';

describe('compileSafeRegex', () => {
  it('compiles plain patterns and /literal/flags', () => {
    const plain = compileSafeRegex('^\\d{6}$');
    expect(plain.ok && plain.regex.test('123456')).toBe(true);
    const flagged = compileSafeRegex('/^refund$/i');
    expect(flagged.ok && flagged.regex.test('REFUND')).toBe(true);
  });
  it('refuses invalid syntax with the reason', () => {
    const result = compileSafeRegex('([a-z');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/invalid regex/);
  });
  it('refuses backreferences and lookaround, bad flags, empty and over-long patterns', () => {
    expect(compileSafeRegex('(a)\\1').ok).toBe(false);
    expect(compileSafeRegex('a(?=b)').ok).toBe(false);
    expect(compileSafeRegex('/abc/g').ok).toBe(false);
    expect(compileSafeRegex('').ok).toBe(false);
    expect(compileSafeRegex('a'.repeat(201)).ok).toBe(false);
    expect(compileSafeRegex(5).ok).toBe(false);
  });
});

describe('parseConditionPath', () => {
  it('parses dots, indexes and quoted keys', () => {
    expect(parseConditionPath('$.order.price')).toEqual(['order', 'price']);
    expect(parseConditionPath('$.items[0].title')).toEqual(['items', 0, 'title']);
    expect(parseConditionPath("$['order.paid'].count")).toEqual(['order.paid', 'count']);
    expect(parseConditionPath('$["a b"]')).toEqual(['a b']);
    expect(parseConditionPath('$.订单.金额')).toEqual(['订单', '金额']);
    expect(parseConditionPath('$')).toEqual([]);
  });
  it('refuses what is outside the subset', () => {
    expect(parseConditionPath('order.price')).toBeUndefined();
    expect(parseConditionPath('$..price')).toBeUndefined();
    expect(parseConditionPath('$.items[?(@.price>1)]')).toBeUndefined();
    expect(parseConditionPath('$.a[')).toBeUndefined();
  });
});

describe('checkCondition', () => {
  it('accepts a valid nested condition', () => {
    expect(
      checkCondition({
        all: [
          { fact: 'event', path: '$.occurredAt', operator: 'olderThan', value: '48h' },
          { any: [{ fact: 'slots', path: '$.price', operator: 'between', value: [1, 100] }, { not: { fact: 'input', operator: 'matches', value: '/退款/i' } }] },
          { fact: 'laterTypes', operator: 'doesNotContain', value: 'order.shipped' },
        ],
      }),
    ).toEqual([]);
  });
  it('reports each problem with its path and a reason', () => {
    const issues = checkCondition({
      all: [
        { fact: 'a', operator: 'approximately', value: 1 },
        { any: [{ fact: 'b', operator: 'matches', value: '(x' }] },
        { not: { fact: 'c', operator: 'olderThan', value: 'two days' } },
        { fact: 'd', operator: 'between', value: [5, 1] },
        { fact: 'e', operator: 'in', value: 'x' },
        { fact: 'f', operator: 'equal', value: 1, path: '$..x' },
        { fact: 'g', operator: 'textContains', value: '' },
      ],
    });
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['all.0.operator', 'unknown_operator'],
      ['all.1.any.0.value', 'invalid_regex'],
      ['all.2.not.value', 'invalid_duration'],
      ['all.3.value', 'invalid_range'],
      ['all.4.value', 'invalid_value'],
      ['all.5.path', 'invalid_path'],
      ['all.6.value', 'invalid_value'],
    ]);
    expect(issues[0]?.message).toContain('approximately');
  });
});
