import { describe, expect, it } from 'vitest';
import type { TopLevelCondition } from '@zhishou/flow-schema';
import { createConditionEvaluator, InvalidConditionError, MissingReferenceTimeError } from './evaluator';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('createConditionEvaluator', () => {
  const evaluator = createConditionEvaluator();

  it('evaluates built-in operators with all/any/not nesting and paths', async () => {
    const condition: TopLevelCondition = {
      all: [
        { fact: 'slots', path: '$.price', operator: 'greaterThanInclusive', value: 100 },
        { any: [{ fact: 'nlu', path: '$.intent', operator: 'in', value: ['bargain', 'place_order'] }, { fact: 'vars', path: '$.vip', operator: 'equal', value: true }] },
        { not: { fact: 'nlu', path: '$.emotion', operator: 'equal', value: 'angry' } },
      ],
    };
    expect(await evaluator.evaluate(condition, { slots: { price: 120 }, nlu: { intent: 'bargain', emotion: 'neutral' } })).toBe(true);
    expect(await evaluator.evaluate(condition, { slots: { price: 120 }, nlu: { intent: 'bargain', emotion: 'angry' } })).toBe(false);
    expect(await evaluator.evaluate(condition, { slots: { price: 80 }, nlu: { intent: 'bargain' } })).toBe(false);
    expect(await evaluator.evaluate(condition, { slots: { price: 200 }, nlu: { intent: 'greeting' }, vars: { vip: true } })).toBe(true);
  });

  it('does not throw on missing facts or missing path steps', async () => {
    const condition: TopLevelCondition = { all: [{ fact: 'slots', path: '$.order.id', operator: 'equal', value: 'x' }] };
    expect(await evaluator.evaluate(condition, {})).toBe(false);
    expect(await evaluator.evaluate(condition, { slots: { order: null } })).toBe(false);
    expect(await evaluator.evaluate({ all: [{ fact: 'slots', path: '$.order.id', operator: 'notExists', value: true }] }, {})).toBe(true);
  });

  it('runs the custom operators: textContains, matches, between, exists', async () => {
    const condition: TopLevelCondition = {
      all: [
        { fact: 'input', path: '$.text', operator: 'textContains', value: ['退款', '退货'] },
        { fact: 'slots', path: '$.orderId', operator: 'matches', value: '/^tb\\d{6}$/i' },
        { fact: 'slots', path: '$.price', operator: 'between', value: [10, 500] },
        { fact: 'slots', path: '$.phone', operator: 'exists', value: true },
      ],
    };
    const facts = { input: { text: '我想退货' }, slots: { orderId: 'TB123456', price: '99', phone: '13800000000' } };
    expect(await evaluator.evaluate(condition, facts)).toBe(true);
    expect(await evaluator.evaluate(condition, { ...facts, slots: { ...facts.slots, orderId: 'TB12' } })).toBe(false);
    expect(await evaluator.evaluate(condition, { ...facts, slots: { ...facts.slots, price: 600 } })).toBe(false);
    expect(await evaluator.evaluate(condition, { ...facts, slots: { orderId: 'TB123456', price: 99 } })).toBe(false);
  });

  it('reads "now" for relative time from the $now fact', async () => {
    const condition: TopLevelCondition = { all: [{ fact: 'event', path: '$.occurredAt', operator: 'olderThan', value: '48h' }] };
    const event = { occurredAt: new Date(NOW - 50 * HOUR).toISOString() };
    expect(await evaluator.evaluate(condition, { event, $now: NOW })).toBe(true);
    expect(await evaluator.evaluate(condition, { event, $now: NOW - 10 * HOUR })).toBe(false);
    expect(await evaluator.evaluate(condition, { event, $now: new Date(NOW).toISOString() })).toBe(true);
    const within: TopLevelCondition = { all: [{ fact: 'event', path: '$.occurredAt', operator: 'withinLast', value: '7d' }] };
    expect(await evaluator.evaluate(within, { event, $now: NOW })).toBe(true);
    expect(await evaluator.evaluate(within, { event, $now: NOW + 8 * 24 * HOUR })).toBe(false);
  });

  it('falls back to an injected clock, and refuses to guess when there is neither', async () => {
    const condition: TopLevelCondition = { all: [{ fact: 'paidAt', operator: 'withinLast', value: 3_600_000 }] };
    const clocked = createConditionEvaluator({ clock: () => NOW });
    expect(await clocked.evaluate(condition, { paidAt: NOW - 1_000 })).toBe(true);
    expect(await clocked.evaluate(condition, { paidAt: NOW - 2 * HOUR })).toBe(false);
    await expect(evaluator.evaluate(condition, { paidAt: NOW })).rejects.toBeInstanceOf(MissingReferenceTimeError);
  });

  it('refuses invalid conditions with the reasons, every time', async () => {
    const condition: TopLevelCondition = { all: [{ fact: 'a', operator: 'fuzzy', value: 1 }, { fact: 'b', operator: 'matches', value: '(unclosed' }] };
    expect(evaluator.check(condition).map((i) => i.code)).toEqual(['unknown_operator', 'invalid_regex']);
    for (let i = 0; i < 2; i++) {
      const error = await evaluator.evaluate(condition, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidConditionError);
      expect((error as InvalidConditionError).message).toContain('fuzzy');
    }
  });

  it('compiles once per condition object', () => {
    const condition: TopLevelCondition = { all: [{ fact: 'a', operator: 'equal', value: 1 }] };
    expect(evaluator.compile(condition)).toBe(evaluator.compile(condition));
    expect(evaluator.compile({ ...condition })).not.toBe(evaluator.compile(condition));
  });

  it('gives correct answers under staggered concurrent evaluation of one condition', async () => {
    // Regression guard: json-rules-engine's shared run status makes overlapping runs on one Engine skip rules.
    const condition: TopLevelCondition = { all: [{ fact: 'n', operator: 'greaterThan', value: 0 }] };
    const tick = async (n: number) => {
      for (let i = 0; i < n; i++) await null;
    };
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => tick(i % 40).then(() => evaluator.evaluate(condition, { n: (i % 2) + 1 - (i % 3 === 0 ? 5 : 0) }))));
    const expected = Array.from({ length: 400 }, (_, i) => (i % 2) + 1 - (i % 3 === 0 ? 5 : 0) > 0);
    expect(results).toEqual(expected);
  });

  it('does not read inherited properties through paths', async () => {
    expect(await evaluator.evaluate({ all: [{ fact: 'slots', path: '$.constructor', operator: 'exists', value: true }] }, { slots: {} })).toBe(false);
  });
});
