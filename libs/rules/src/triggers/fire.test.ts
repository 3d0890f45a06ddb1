import { describe, expect, it } from 'vitest';
import type { BusinessEvent, HttpPort, RuleSetInput } from '@zhishou/flow-schema';
import { createConditionEvaluator } from '../condition/evaluator';
import { compileRuleSet } from './compile';
import { evaluateAtFire, factNeeds, fireFacts, gatherFireContext, type FactPorts } from './fire';

const doc: RuleSetInput = {
  key: 'orders',
  name: 'orders',
  rules: [
    {
      id: 'price-check',
      name: 'price check',
      on: 'order.paid',
      after: '1h',
      cancelOn: ['order.cancelled'],
      if: {
        all: [
          { fact: 'http', path: '$.order.body.status', operator: 'equal', value: 'paid' },
          { fact: 'slots', path: '$.price', operator: 'between', value: [100, 500] },
          { fact: 'event', path: '$.occurredAt', operator: 'olderThan', value: '1h' },
        ],
      },
      httpFacts: [{ key: 'order', url: '/sandbox/orders/{{event.subject.orderId}}' }],
      actions: [
        { type: 'webhook', url: 'https://hooks.example.com/x', body: '{"order":"{{event.subject.orderId}}","note":"{{slots.note}}"}' },
        { type: 'start_flow', flow: 'after-sale' },
      ],
    },
  ],
};
const set = compileRuleSet(doc);
const compiled = set.rules.get('price-check')!;
const trigger: BusinessEvent = { eventId: 'e1', type: 'order.paid', occurredAt: '2026-11-25T10:00:00Z', subject: { orderId: 'o 1', conversationId: 'c1' }, data: {} };
const NOW = Date.parse('2026-11-25T11:00:00Z');
const evaluator = createConditionEvaluator();

function ports(overrides: Partial<FactPorts> & { status?: string } = {}): FactPorts & { calls: string[] } {
  const calls: string[] = [];
  const http: HttpPort = {
    async request(req) {
      calls.push(req.url);
      return { status: 200, body: { status: overrides.status ?? 'paid' } };
    },
  };
  return { calls, laterEvents: async () => [], slots: async () => ({ price: 200, note: 'say "hi"' }), http, ...overrides };
}

describe('gatherFireContext + evaluateAtFire', () => {
  it('fires with fresh facts from the ports and renders the actions', async () => {
    const p = ports();
    const ctx = await gatherFireContext(compiled, trigger, p, NOW);
    expect(p.calls).toEqual(['/sandbox/orders/o%201']);
    const decision = await evaluateAtFire(compiled, ctx, evaluator);
    expect(decision.outcome).toBe('fire');
    if (decision.outcome !== 'fire') return;
    expect(JSON.parse((decision.actions[0] as { body: string }).body)).toEqual({ order: 'o 1', note: 'say "hi"' });
    expect(decision.actions[1]).toEqual({ type: 'start_flow', flow: 'after-sale', conversationId: 'c1' });
  });

  it('skips when a fresh fact makes the condition false', async () => {
    const ctx = await gatherFireContext(compiled, trigger, ports({ status: 'refunded' }), NOW);
    expect(await evaluateAtFire(compiled, ctx, evaluator)).toEqual({ outcome: 'skipped', reason: 'condition_false' });
  });

  it('turns an HTTP failure into an `error` fact instead of throwing', async () => {
    const failing: HttpPort = { request: async () => Promise.reject(new Error('timeout')) };
    const ctx = await gatherFireContext(compiled, trigger, ports({ http: failing }), NOW);
    expect(ctx.http).toEqual({ order: { error: 'timeout' } });
    expect((await evaluateAtFire(compiled, ctx, evaluator)).outcome).toBe('skipped');
  });

  it('reports cancelled when the log holds a cancel event that raced the queue', async () => {
    const cancelled: BusinessEvent = { ...trigger, eventId: 'e2', type: 'order.cancelled', occurredAt: '2026-11-25T10:30:00Z' };
    const ctx = await gatherFireContext(compiled, trigger, ports({ laterEvents: async () => [cancelled] }), NOW);
    expect(await evaluateAtFire(compiled, ctx, evaluator)).toEqual({ outcome: 'cancelled', reason: 'cancel_event', byEventId: 'e2' });
  });

  it('exposes later event types, $now and elapsed time as facts', () => {
    const shipped: BusinessEvent = { ...trigger, eventId: 'e3', type: 'order.shipped' };
    const facts = fireFacts({ trigger, laterEvents: [shipped, shipped], now: NOW });
    expect(facts).toMatchObject({ laterEventTypes: ['order.shipped'], $now: NOW, elapsedMs: 3_600_000, slots: undefined });
  });
});

describe('factNeeds', () => {
  const base = { id: 'r', name: 'r', enabled: true, description: '', on: 'order.paid', cancelOn: [], subjectKeys: ['orderId' as const], httpFacts: [] };
  it('asks for later events when the rule has cancel events or reads them', () => {
    expect(factNeeds({ ...base, actions: [{ type: 'start_flow', flow: 'f' }] })).toEqual({ laterEvents: false, slots: false });
    expect(factNeeds({ ...base, cancelOn: ['order.shipped'], actions: [{ type: 'start_flow', flow: 'f' }] }).laterEvents).toBe(true);
    expect(factNeeds({ ...base, if: { not: { fact: 'laterEventTypes', operator: 'contains', value: 'x' } }, actions: [{ type: 'start_flow', flow: 'f' }] }).laterEvents).toBe(true);
  });
  it('asks for slots when a condition or a template reads them', () => {
    expect(factNeeds({ ...base, actions: [{ type: 'send_message', to: 'buyer', template: '{{slots.name}}' }] }).slots).toBe(true);
    expect(factNeeds({ ...base, if: { all: [{ fact: 'event', operator: 'equal', value: { fact: 'slots' } }] }, actions: [{ type: 'start_flow', flow: 'f' }] }).slots).toBe(true);
  });
});
