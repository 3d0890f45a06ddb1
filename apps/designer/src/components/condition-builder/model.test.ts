import { describe, expect, it } from 'vitest';
import { formatValue, groupChildren, groupKind, makeGroup, parseValueText } from './model';

describe('condition builder model', () => {
  it('reads typed values as JSON when they parse, as text otherwise', () => {
    expect(parseValueText('100')).toBe(100);
    expect(parseValueText('[100, 500]')).toEqual([100, 500]);
    expect(parseValueText('true')).toBe(true);
    expect(parseValueText('"42"')).toBe('42');
    expect(parseValueText('便宜点')).toBe('便宜点');
    expect(parseValueText('  ')).toBe('');
  });

  it('formats values so that reading them back gives the same value', () => {
    for (const value of [100, [1, 2], true, null, '42', 'true', '便宜点', { a: 1 }]) {
      expect(parseValueText(formatValue(value))).toEqual(value);
    }
    expect(formatValue('便宜点')).toBe('便宜点');
    expect(formatValue('42')).toBe('"42"');
  });

  it('switches a group between all and any keeping its children', () => {
    const group = makeGroup('all', [{ fact: 'slots', operator: 'exists', value: true }]);
    const switched = makeGroup('any', groupChildren(group));
    expect(groupKind(switched)).toBe('any');
    expect(switched).toEqual({ any: [{ fact: 'slots', operator: 'exists', value: true }] });
  });
});

import { summarizeCondition } from './summary';

describe('condition summary', () => {
  it('writes nested groups on one line', () => {
    const text = summarizeCondition(
      { all: [{ fact: 'slots', path: '$.price', operator: 'greaterThan', value: 100 }, { any: [{ fact: 'nlu', path: '$.intent', operator: 'equal', value: 'bargain' }, { not: { fact: 'vars', path: '$.vip', operator: 'exists', value: true } }] }] },
      { and: 'AND', or: 'OR', not: 'NOT' },
    );
    expect(text).toBe('slots.price greaterThan 100 AND (nlu.intent equal "bargain" OR NOT vars.vip exists)');
  });
});
