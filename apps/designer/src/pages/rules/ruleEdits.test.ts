import { describe, expect, it } from 'vitest';
import { simulate } from '@zhishou/rules';
import { fireSchema, type RuleSetInput } from '@zhishou/flow-schema';
import { buildTimeline, eventTypeOptions, newRule, removeRule, upsertRule } from './ruleEdits';
import { lastFireByRule } from './fireLog';

const set: RuleSetInput = {
  key: 'reminders',
  name: '提醒',
  rules: [
    {
      id: 'unshipped',
      name: '48 小时未发货提醒卖家',
      on: 'order.paid',
      after: '48h',
      cancelOn: ['order.shipped'],
      subjectKeys: ['orderId'],
      actions: [{ type: 'send_message', to: 'seller', template: '订单 {{event.subject.orderId}} 已付款 48 小时，请尽快发货' }],
    },
  ],
};

describe('rule edits', () => {
  it('adds, replaces and removes rules by id', () => {
    const added = upsertRule(set, { ...newRule(set.rules), id: 'r2', name: 'x' });
    expect(added.rules.map((r) => r.id)).toEqual(['unshipped', 'r2']);
    expect(upsertRule(added, { ...added.rules[1]!, id: 'r3' }, 'r2').rules.map((r) => r.id)).toEqual(['unshipped', 'r3']);
    expect(removeRule(added, 'unshipped').rules.map((r) => r.id)).toEqual(['r2']);
  });

  it('offers known and used event types', () => {
    expect(eventTypeOptions({ ...set, rules: [{ ...set.rules[0]!, cancelOn: ['parcel.lost'] }] })).toContain('parcel.lost');
  });

  it('builds a timeline from offsets and reports rows it cannot read', () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    const { events, problems } = buildTimeline(
      [
        { type: 'order.paid', offset: '0', subject: { orderId: 'o1' }, data: '{"price": 100}' },
        { type: 'order.shipped', offset: '2d', subject: { orderId: 'o1' }, data: '' },
        { type: 'order.paid', offset: 'soon', subject: {}, data: '[1]' },
      ],
      start,
    );
    expect(events[1]).toMatchObject({ eventId: 'sim-2', occurredAt: '2026-11-03T00:00:00.000Z', subject: { orderId: 'o1' } });
    expect(problems.map((p) => `${p.row}:${p.field}`)).toEqual(['2:offset', '2:data', '2:subject']);
  });

  it('feeds the shared simulator: unshipped for 48 h fires, shipped in time cancels', async () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    const late = buildTimeline([{ type: 'order.paid', offset: '0', subject: { orderId: 'o1' }, data: '' }], start).events;
    const fired = await simulate(set, late);
    expect(fired.entries.map((e) => e.kind)).toEqual(['scheduled', 'fired']);
    const onTime = buildTimeline(
      [
        { type: 'order.paid', offset: '0', subject: { orderId: 'o1' }, data: '' },
        { type: 'order.shipped', offset: '24h', subject: { orderId: 'o1' }, data: '' },
      ],
      start,
    ).events;
    expect((await simulate(set, onTime)).entries.map((e) => e.kind)).toEqual(['scheduled', 'cancelled']);
  });

  it('keeps the latest fire per rule', () => {
    const fire = (id: string, outcome: 'fired' | 'failed', at: string, error: string | null) =>
      fireSchema.parse({ id, jobId: `job-${id}`, ruleSetKey: 'reminders', ruleId: 'a', scheduledVersion: 1, firedVersion: 1, outcome, reason: null, error, eventId: 'e1', actions: [], dueAt: at, at, latenessMs: 0 });
    const fires = [fire('1', 'fired', '2026-11-01T00:00:00Z', null), fire('2', 'failed', '2026-11-02T00:00:00Z', 'HTTP 500')];
    expect(lastFireByRule(fires).get('a')).toMatchObject({ outcome: 'failed', error: 'HTTP 500' });
  });
});
