import { describe, expect, it } from 'vitest';
import type { TestCase } from '@zhishou/flow-schema';
import { lastTestRun, recordTestRun } from '../../features/test-runs/lastRun';
import { acceptActual, formToTurn, parseSlotValue, turnToForm, type CaseResult } from './testEdits';

const testCase: TestCase = {
  name: '砍价',
  turns: [
    { user: '能便宜点吗', expect: { intent: 'bargain', replies: ['最低 100'], node: 'ask_price', contains: ['元'] } },
    { user: '80', expect: { slots: { price: 80, note: 'x' } } },
    { timer: 'pending', expect: { status: 'ended' } },
  ],
};

const result: CaseResult = {
  id: 'c1',
  name: '砍价',
  flow: 'main',
  passed: false,
  failures: ['replies: "最低 100" → "最低 120"'],
  turns: [
    { user: '能便宜点吗', expected: testCase.turns[0]!.expect, actual: { replies: ['最低 120 元'], node: 'ask_price', flow: 'main', slots: {}, status: 'active', intent: 'bargain' }, failures: [{ what: 'replies', expected: '最低 100', actual: '最低 120 元' }] },
    { user: '80', expected: testCase.turns[1]!.expect, actual: { replies: [], node: 'deal', flow: 'main', slots: { price: 90 }, status: 'active', intent: null }, failures: [] },
  ],
};

describe('test case edits', () => {
  it('round-trips a turn through the form, keeping the checks the form does not show', () => {
    const form = turnToForm(testCase.turns[0]!);
    expect(form).toEqual({ user: '能便宜点吗', replies: ['最低 100'], intent: 'bargain', node: 'ask_price', slots: [] });
    expect(formToTurn({ ...form, replies: ['最低 120', ' '], intent: '' }, testCase.turns[0])).toEqual({ user: '能便宜点吗', expect: { replies: ['最低 120'], node: 'ask_price', contains: ['元'] } });
    expect(formToTurn({ user: '你好', replies: [], intent: '', node: '', slots: [{ key: 'price', value: '80' }, { key: '', value: 'dropped' }] }, undefined)).toEqual({ user: '你好', expect: { slots: { price: 80 } } });
    // a timer turn stays a timer turn
    expect(formToTurn(turnToForm(testCase.turns[2]!), testCase.turns[2])).toEqual({ timer: 'pending', expect: { status: 'ended' } });
  });

  it('reads slot values as JSON when they look like it, else as text', () => {
    expect(parseSlotValue('80')).toBe(80);
    expect(parseSlotValue('null')).toBeNull();
    expect(parseSlotValue('{"a":1}')).toEqual({ a: 1 });
    expect(parseSlotValue('XY123')).toBe('XY123');
    expect(parseSlotValue('{broken')).toBe('{broken');
  });

  it('accepts the actual run only for the checks the case makes', () => {
    const next = acceptActual(testCase, result);
    expect(next.turns[0]!.expect).toEqual({ intent: 'bargain', replies: ['最低 120 元'], node: 'ask_price', contains: ['元'] });
    expect(next.turns[1]!.expect).toEqual({ slots: { price: 90, note: null } });
    // no result for the third turn: unchanged
    expect(next.turns[2]).toEqual(testCase.turns[2]);
  });

  it('keeps the last run per flow, from a run or a refused publish that covers several flows', () => {
    recordTestRun('bot', { passed: false, total: 2, failed: 1, results: [result, { ...result, id: 'c2', flow: 'other', passed: true }] }, '2026-12-02T00:00:00.000Z');
    expect(lastTestRun('bot', 'main')?.results.map((r) => r.id)).toEqual(['c1']);
    expect(lastTestRun('bot', 'other')?.results.map((r) => r.id)).toEqual(['c2']);
    expect(lastTestRun('bot', 'none')).toBeNull();
  });
});
