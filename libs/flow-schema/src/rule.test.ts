import { describe, expect, it } from 'vitest';
import { businessEventSchema, dedupeKeyTemplate, eventBatchSchema, ruleSetSchema, validateRuleSet, type RuleSetInput } from './rule';
import { durationToMs } from './common';

const unshipped: RuleSetInput = {
  key: 'orders',
  name: '订单提醒',
  rules: [
    {
      id: 'unshipped-48h',
      name: '付款48小时未发货',
      on: 'order.paid',
      after: '48h',
      if: { all: [{ fact: 'laterEventTypes', operator: 'doesNotContain', value: 'order.shipped' }] },
      cancelOn: ['order.shipped', 'order.cancelled'],
      actions: [{ type: 'send_message', to: 'seller', template: '订单{{event.subject.orderId}}已付款48小时，请尽快发货' }],
    },
  ],
};

function codes(document: unknown): [string, string][] {
  const result = validateRuleSet(document);
  return result.ok ? [] : result.issues.map((i) => [i.path, i.code]);
}

describe('rule set schema', () => {
  it('accepts a rule set and fills defaults', () => {
    const result = validateRuleSet(unshipped);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rule = result.ruleSet.rules[0];
    expect(rule).toMatchObject({ enabled: true, subjectKeys: ['orderId'], httpFacts: [], description: '' });
    expect(result.ruleSet.schemaVersion).toBe(1);
    expect(rule && dedupeKeyTemplate(rule)).toBe('{{rule.id}}:{{event.subject.orderId}}');
  });

  it('refuses a rule cancelled by its own trigger event', () => {
    const doc = structuredClone(unshipped);
    doc.rules[0]!.cancelOn = ['order.paid'];
    expect(codes(doc)).toEqual([['rules.0.cancelOn', 'cancel_on_trigger']]);
  });

  it('refuses a bad regex and an unknown operator with the path and reason', () => {
    const doc = structuredClone(unshipped);
    doc.rules[0]!.if = { all: [{ fact: 'event', path: '$.data.note', operator: 'matches', value: '[' }, { any: [{ fact: 'x', operator: 'roughly', value: 1 }] }] };
    const result = validateRuleSet(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['rules.0.if.all.0.value', 'invalid_regex'],
      ['rules.0.if.all.1.any.0.operator', 'unknown_operator'],
    ]);
    expect(result.issues[0]?.message).toMatch(/invalid regex/);
  });

  it('refuses duplicate rule ids and dedupe keys a cancelling event could not render', () => {
    const doc = structuredClone(unshipped);
    doc.rules.push({ ...structuredClone(doc.rules[0]!), dedupeKey: '{{rule.id}}:{{event.eventId}}' });
    expect(codes(doc)).toEqual([
      ['rules.1.id', 'duplicate_rule_id'],
      ['rules.1.dedupeKey', 'dedupe_key_placeholder'],
    ]);
  });

  it('refuses unknown template roots and duplicate http facts', () => {
    const doc = structuredClone(unshipped);
    doc.rules[0]!.actions = [{ type: 'send_message', to: 'buyer', template: '{{vars.x}}' }];
    doc.rules[0]!.httpFacts = [
      { key: 'order', url: '/sandbox/orders/{{event.subject.orderId}}' },
      { key: 'order', url: '/sandbox/orders/{{foo.bar}}' },
    ];
    expect(codes(doc)).toEqual([
      ['rules.0.httpFacts.1.key', 'duplicate_http_fact'],
      ['rules.0.httpFacts.1.url', 'template_unknown_root'],
      ['rules.0.actions.0.template', 'template_unknown_root'],
    ]);
  });

  it('reports shape errors with their paths', () => {
    const doc = structuredClone(unshipped) as Record<string, unknown>;
    (doc['rules'] as Record<string, unknown>[])[0]!['after'] = 'two days';
    (doc['rules'] as Record<string, unknown>[])[0]!['on'] = 'OrderPaid';
    const result = validateRuleSet(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).sort()).toEqual(['rules.0.after', 'rules.0.on']);
    expect(result.issues.every((i) => i.code === 'schema')).toBe(true);
  });

  it('bounds delays to 365 days (a longer one broke every matching event at run time)', () => {
    for (const after of ['99999999999d', '366d', 365 * 86_400_000 + 1]) {
      const doc = structuredClone(unshipped) as Record<string, unknown>;
      (doc['rules'] as Record<string, unknown>[])[0]!['after'] = after;
      const result = validateRuleSet(doc);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues.map((i) => [i.path, i.message])).toEqual([['rules.0.after', 'a duration may be at most 365 days']]);
    }
    const ok = structuredClone(unshipped) as Record<string, unknown>;
    (ok['rules'] as Record<string, unknown>[])[0]!['after'] = '365d';
    expect(validateRuleSet(ok).ok).toBe(true);
    expect(() => durationToMs('99999999999d')).toThrow(/at most 365 days/);
  });

  it('refuses unknown fields and actions without required parts', () => {
    expect(ruleSetSchema.safeParse({ ...unshipped, extra: 1 }).success).toBe(false);
    const doc = structuredClone(unshipped);
    doc.rules[0]!.actions = [{ type: 'webhook', url: 'ftp://x' } as never];
    expect(codes(doc).map(([, c]) => c)).toEqual(['schema']);
  });
});

describe('business events', () => {
  const event = { eventId: 'e1', type: 'order.paid', occurredAt: '2026-11-25T12:00:00Z', subject: { orderId: 'o1' } };
  it('parses an event and defaults data', () => {
    expect(businessEventSchema.parse(event).data).toEqual({});
  });
  it('refuses a subject without any key, unknown subject keys, a bad time or type', () => {
    expect(businessEventSchema.safeParse({ ...event, subject: {} }).success).toBe(false);
    expect(businessEventSchema.safeParse({ ...event, subject: { shopId: 'x' } }).success).toBe(false);
    expect(businessEventSchema.safeParse({ ...event, occurredAt: 'yesterday' }).success).toBe(false);
    expect(businessEventSchema.safeParse({ ...event, type: 'paid' }).success).toBe(false);
  });
  it('bounds batches', () => {
    expect(eventBatchSchema.safeParse({ events: [] }).success).toBe(false);
    expect(eventBatchSchema.safeParse({ events: [event] }).success).toBe(true);
  });
});
