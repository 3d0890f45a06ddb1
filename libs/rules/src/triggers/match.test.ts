import { describe, expect, it } from 'vitest';
import type { RuleSetInput } from '@zhishou/flow-schema';
import { compileRuleSet, InvalidRuleSetError } from './compile';
import { cancellationsFor, matchEvent, shouldCancel } from './match';

const doc: RuleSetInput = {
  key: 'orders',
  name: 'orders',
  rules: [
    { id: 'r1', name: 'r1', on: 'order.paid', after: '1h', cancelOn: ['order.shipped'], actions: [{ type: 'send_message', to: 'seller', template: 'x' }] },
    { id: 'r2', name: 'r2', on: 'order.paid', enabled: false, actions: [{ type: 'send_message', to: 'seller', template: 'x' }] },
  ],
};
const paid = { eventId: 'e1', type: 'order.paid', occurredAt: '2026-11-25T10:00:00Z', subject: { orderId: 'o1' }, data: {} };
const NOW = Date.parse('2026-11-25T10:30:00Z');

describe('compileRuleSet', () => {
  it('refuses an invalid document with the reasons', () => {
    const bad = structuredClone(doc);
    bad.rules[0]!.cancelOn = ['order.paid'];
    expect(() => compileRuleSet(bad)).toThrow(InvalidRuleSetError);
    expect(() => compileRuleSet(bad)).toThrow(/both starts and cancels/);
  });
  it('indexes only enabled rules by their start and cancel events', () => {
    const set = compileRuleSet(doc, { version: 3 });
    expect(set.startedBy('order.paid').map((c) => c.rule.id)).toEqual(['r1']);
    expect(set.cancelledBy('order.shipped').map((c) => c.rule.id)).toEqual(['r1']);
    expect(set.startedBy('order.shipped')).toEqual([]);
    expect(set.rules.size).toBe(2);
  });
});

describe('matchEvent', () => {
  it('schedules at occurredAt + delay with a deterministic job id that ignores the version', () => {
    const v1 = matchEvent(compileRuleSet(doc, { version: 1 }), paid, { bot: 'xianyu', now: NOW });
    const v2 = matchEvent(compileRuleSet(doc, { version: 2 }), { ...paid, eventId: 'e2' }, { bot: 'xianyu', now: NOW });
    expect(v1.schedule).toHaveLength(1);
    expect(v1.schedule[0]).toMatchObject({ ruleId: 'r1', key: 'r1:o1', ruleSetVersion: 1, dueAt: Date.parse('2026-11-25T11:00:00Z'), delayMs: 30 * 60_000 });
    expect(v2.schedule[0]?.jobId).toBe(v1.schedule[0]?.jobId);
    expect(v2.schedule[0]?.ruleSetVersion).toBe(2);
  });
  it('names different jobs for different bots and subjects; late events are due at once', () => {
    const set = compileRuleSet(doc);
    const a = matchEvent(set, paid, { bot: 'a', now: NOW }).schedule[0];
    const b = matchEvent(set, paid, { bot: 'b', now: NOW }).schedule[0];
    const c = matchEvent(set, { ...paid, subject: { orderId: 'o2' } }, { bot: 'a', now: NOW + 5 * 3_600_000 }).schedule[0];
    expect(new Set([a?.jobId, b?.jobId, c?.jobId]).size).toBe(3);
    expect(c?.delayMs).toBe(0);
  });
  it('ignores events missing the subject key', () => {
    const result = matchEvent(compileRuleSet(doc), { ...paid, subject: { buyerId: 'b1' } }, { bot: 'x', now: NOW });
    expect(result).toEqual({ schedule: [], ignored: [{ ruleId: 'r1', eventId: 'e1', reason: 'missing_subject' }], failed: [] });
  });
  it('reports a rule whose due time is out of range and still schedules the others', () => {
    const two = structuredClone(doc);
    two.rules.push({ id: 'r3', name: 'r3', on: 'order.paid', after: '365d', actions: [{ type: 'send_message', to: 'seller', template: 'x' }] });
    two.rules[0]!.after = '1h';
    const farFuture = { ...paid, occurredAt: '9999-12-01T00:00:00Z' };
    const result = matchEvent(compileRuleSet(two), farFuture, { bot: 'x', now: NOW });
    expect(result.schedule.map((d) => d.ruleId)).toEqual(['r1']);
    expect(result.failed).toEqual([expect.objectContaining({ ruleId: 'r3', eventId: 'e1', at: Date.parse('9999-12-01T00:00:00Z'), error: expect.stringMatching(/out of range/) })]);
    expect(result.failed[0]?.jobId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('cancellation', () => {
  const set = compileRuleSet(doc);
  const shipped = { ...paid, eventId: 'e9', type: 'order.shipped', occurredAt: '2026-11-25T10:20:00Z' };
  it('a cancel event names the same job as the trigger', () => {
    const scheduled = matchEvent(set, paid, { bot: 'x', now: NOW }).schedule[0];
    expect(cancellationsFor(set, shipped, { bot: 'x' }).map((r) => r.jobId)).toEqual([scheduled?.jobId]);
  });
  it('shouldCancel wants a cancel type, the same subject and no earlier time', () => {
    const rule = set.rules.get('r1')!.rule;
    expect(shouldCancel(shipped, { rule, trigger: paid })).toBe(true);
    expect(shouldCancel({ ...shipped, subject: { orderId: 'o2' } }, { rule, trigger: paid })).toBe(false);
    expect(shouldCancel({ ...shipped, occurredAt: '2026-11-25T09:00:00Z' }, { rule, trigger: paid })).toBe(false);
    expect(shouldCancel({ ...shipped, type: 'order.confirmed' }, { rule, trigger: paid })).toBe(false);
  });
});
