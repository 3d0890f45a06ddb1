import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support';
import { demoRuleSet, event, fires, must, outboundEnv, setupRulesBot, startReceiver, waitFor } from './trigger-fixtures';

/**
 * The demo bot's three rules end to end, on both queue drivers: events over HTTP → event log →
 * delayed jobs (seconds instead of hours) → fire-time evaluation → signed webhooks to a local receiver.
 */
describe.each(['bullmq', 'pgboss'] as const)('demo trigger rules on %s', (queue) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let key: string;
  const bot = 'shop';

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await createTestApp({ queue, runWorker: true, env: outboundEnv(receiver.url) });
    key = await setupRulesBot(t, bot, demoRuleSet());
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('fires, cancels and collapses duplicates as the rules say', async () => {
    const o1 = { orderId: 'o1', buyerId: 'b1', sellerId: 's1', itemId: 'i1', conversationId: 'c1' };
    const o2 = { ...o1, orderId: 'o2' };
    const o3 = { ...o1, orderId: 'o3' };
    const paid1 = event('order.paid', o1, { id: 'paid-1' });
    const first = must(await t.post(`/v1/events`, paid1, { token: key }), 202);
    expect(first).toEqual({ accepted: 1, duplicates: 0, scheduled: 1, cancelled: 0 });
    // The same event again, and another payment event for the same order: nothing new is scheduled.
    expect(must(await t.post(`/v1/events`, paid1, { token: key }), 202)).toEqual({ accepted: 0, duplicates: 1, scheduled: 0, cancelled: 0 });
    expect(must(await t.post(`/v1/events`, event('order.paid', o1), { token: key }), 202)).toMatchObject({ accepted: 1, scheduled: 0 });

    const batch = must(
      await t.post(
        `/v1/bots/${bot}/events/batch`,
        {
          events: [
            event('order.paid', o2),
            event('order.shipped', o2, { at: Date.now() + 10 }),
            event('order.delivered', o3),
            event('item.enquired', { buyerId: 'b9', itemId: 'i7', conversationId: 'c9' }, { data: { itemTitle: '九成新 Switch' } }),
          ],
        },
        { token: key },
      ),
      202,
    );
    expect(batch).toEqual({ accepted: 4, duplicates: 0, scheduled: 2, cancelled: 1 });
    // The event log answers "events about this order", newest first.
    const log = must(await t.get<{ events: { type: string }[] }>(`/v1/bots/${bot}/events?subjectKey=orderId&subject=o2`), 200);
    expect(log.events.map((e) => e.type)).toEqual(['order.shipped', 'order.paid']);

    const all = await waitFor('three fired triggers', async () => {
      const list = await fires(t, bot);
      return list.filter((f) => f.outcome === 'fired').length >= 3 ? list : undefined;
    });
    expect(all.map((f) => `${f.ruleId}:${f.outcome}`).sort()).toEqual([
      'delivered-7d-unconfirmed:fired',
      'enquiry-2h-no-order:fired',
      'unshipped-48h:cancelled',
      'unshipped-48h:fired',
    ]);
    const messages = await waitFor('three deliveries', async () => (receiver.received.length >= 3 ? receiver.received : undefined));
    expect(messages.every((m) => m.path === '/chat' && m.signatureValid)).toBe(true);
    expect(messages.map((m) => [m.body['to'], m.body['text']]).sort()).toEqual(
      [
        ['buyer', '亲，刚才咨询的「九成新 Switch」还在哦，喜欢的话可以直接拍下，有问题随时问我～'],
        ['buyer', '亲，您的宝贝（订单 o3）已经签收7天啦，确认没问题的话记得点一下确认收货哦；有任何问题随时找我～'],
        ['seller', '【发货提醒】订单 o1 的买家已付款48小时，还没有发货哦，请尽快发货～'],
      ].sort(),
    );
    expect(new Set(messages.map((m) => m.delivery)).size).toBe(3);
    const fired = all.filter((f) => f.outcome === 'fired');
    expect(fired.every((f) => f.scheduledVersion === 1 && f.firedVersion === 1 && (f.latenessMs ?? -1) >= 0)).toBe(true);

    const metrics = await t.get<string>('/metrics', { token: null });
    expect(metrics.body).toMatch(/triggers_outcomes_total\{bot="shop",outcome="fired",reason=""\} 3/);
    expect(metrics.body).toMatch(/triggers_scheduled_total\{bot="shop"\} 3/);
    expect(metrics.body).toContain('trigger_firing_lateness_seconds_bucket');
  });

  it('skips at fire time when fresh facts make the condition false', async () => {
    const enquiry = event('item.enquired', { buyerId: 'b5', itemId: 'sold-item' }, { data: { itemStatus: 'sold' } });
    expect(must(await t.post(`/v1/events`, enquiry, { token: key }), 202)).toMatchObject({ scheduled: 1 });
    const skipped = await waitFor('a skipped trigger', async () => (await fires(t, bot)).find((f) => f.eventId === enquiry.eventId));
    expect(skipped).toMatchObject({ ruleId: 'enquiry-2h-no-order', outcome: 'skipped', reason: 'condition_false' });
  });
});
