import type { RuleSetInput } from '@zhishou/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support';
import { demoRuleSet, event, fires, must, outboundEnv, setupRulesBot, startReceiver, waitFor } from './trigger-fixtures';

interface Issue {
  path: string;
  message: string;
  code?: string;
}

/** Rule sets through versioning, refusal of invalid rules, rollback semantics, simulation and dead letters (BullMQ). */
describe('rules API', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let key: string;
  const bot = 'rulesapi';

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await createTestApp({ runWorker: true, env: outboundEnv(receiver.url) });
    key = await setupRulesBot(t, bot, demoRuleSet());
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('refuses invalid rules with the reason and the path', async () => {
    const bad = demoRuleSet();
    bad.key = 'bad';
    bad.rules[0]!.cancelOn = ['order.paid'];
    bad.rules[1]!.if = { all: [{ fact: 'event', path: '$.data.note', operator: 'matches', value: '(unclosed' }] };
    bad.rules[2]!.if = { all: [{ fact: 'event', operator: 'sortOf', value: 1 }] };
    must(await t.post(`/v1/bots/${bot}/rulesets`, { document: bad }), 201);
    const publish = await t.post<{ error: string; issues: Issue[] }>(`/v1/bots/${bot}/rulesets/bad/publish`, { note: 'x' });
    expect(publish.status).toBe(400);
    expect(publish.body.error).toBe('validation_failed');
    expect(publish.body.issues.map((i) => [i.path, i.code])).toEqual([
      ['rules.0.cancelOn', 'cancel_on_trigger'],
      ['rules.1.if.all.0.value', 'invalid_regex'],
      ['rules.2.if.all.0.operator', 'unknown_operator'],
    ]);
    expect(publish.body.issues[1]?.message).toMatch(/invalid regex/);
    // Shape errors are refused already when saving the draft.
    const shape = await t.post<{ issues: Issue[] }>(`/v1/bots/${bot}/rulesets`, { document: { ...demoRuleSet(), key: 'shape', rules: [{ id: 'x', name: 'x', on: 'Paid', actions: [] }] } });
    expect(shape.status).toBe(400);
    expect(shape.body.issues.map((i) => i.path).sort()).toEqual(['rules.0.actions', 'rules.0.on']);
    // A bad event is a 400 with field paths, and unauthenticated events are 401.
    const badEvent = await t.post<{ issues: Issue[] }>(`/v1/events`, { eventId: 'x', type: 'order.paid', occurredAt: 'soon', subject: {} }, { token: key });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.issues.map((i) => i.path).sort()).toEqual(['occurredAt', 'subject']);
    expect((await t.post(`/v1/events`, event('order.paid', { orderId: 'z' }), { token: null })).status).toBe(401);
    expect((await t.post(`/v1/events`, event('order.paid', { orderId: 'z' }), { token: 'zk_not-a-key' })).status).toBe(401);
  });

  it('simulates a timeline without storing or sending anything', async () => {
    const before = receiver.received.length;
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    const h = (n: number) => t0 + n * 3_600_000;
    const res = await t.post<{ entries: { kind: string; ruleId: string; at: string; actions?: { text: string }[] }[] }>(`/v1/bots/${bot}/rules/simulate`, {
      ruleSet: 'proactive',
      version: 1,
      events: [event('order.paid', { orderId: 'sim1', sellerId: 's' }, { at: h(0) }), event('order.paid', { orderId: 'sim2' }, { at: h(1) }), event('order.shipped', { orderId: 'sim2' }, { at: h(1) + 1_000 })],
    });
    expect(res.status).toBe(200);
    // Version 1 of this bot's rule set has the shortened delays (2s); the document can also be posted unsaved.
    expect(res.body.entries.map((e) => `${e.kind}:${e.ruleId}`)).toEqual(['scheduled:unshipped-48h', 'fired:unshipped-48h', 'scheduled:unshipped-48h', 'cancelled:unshipped-48h']);
    const real = await t.post<{ entries: { kind: string; at: string }[] }>(`/v1/bots/${bot}/rules/simulate`, {
      document: JSON.parse(JSON.stringify((await import('./trigger-fixtures')).demoRuleSet({}))),
      events: [event('order.delivered', { orderId: 'sim3' }, { at: h(0) })],
    });
    expect(real.body.entries.map((e) => [e.kind, e.at])).toEqual([
      ['scheduled', new Date(h(0)).toISOString()],
      ['fired', new Date(h(24 * 7)).toISOString()],
    ]);
    const invalid = await t.post<{ issues: Issue[] }>(`/v1/bots/${bot}/rules/simulate`, { document: { key: 'x' }, events: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues.map((i) => i.path)).toContain('document.name');
    expect((await fires(t, bot)).length).toBe(0);
    expect(receiver.received.length).toBe(before);
  });

  it('a scheduled trigger uses the live version at fire time; re-publishing never schedules it twice; a rule gone from the live version is skipped', async () => {
    const v2: RuleSetInput = demoRuleSet();
    v2.rules[0]!.after = '3s';
    v2.rules[0]!.actions = [{ type: 'send_message', to: 'seller', template: 'v2 reminder {{event.subject.orderId}}' }];
    const draft = must(await t.get<{ revision: number }>(`/v1/bots/${bot}/rulesets/proactive`), 200);
    must(await t.put(`/v1/bots/${bot}/rulesets/proactive`, { document: v2, revision: draft.revision }), 200);

    const paid = event('order.paid', { orderId: 'rb1', sellerId: 's' });
    expect(must(await t.post(`/v1/events`, paid, { token: key }), 202)).toMatchObject({ scheduled: 1 });
    must(await t.post(`/v1/bots/${bot}/rulesets/proactive/publish`, { note: 'v2' }), 201);
    must(await t.put(`/v1/bots/${bot}/rulesets/proactive/live`, { version: 2 }), 200);
    // The same order paid again under v2: the job id ignores the version, so it collapses.
    expect(must(await t.post(`/v1/events`, event('order.paid', { orderId: 'rb1', sellerId: 's' }), { token: key }), 202)).toMatchObject({ scheduled: 0 });

    const fired = await waitFor('rb1 fired', async () => (await fires(t, bot)).find((f) => f.eventId === paid.eventId));
    expect(fired).toMatchObject({ outcome: 'fired', scheduledVersion: 1, firedVersion: 2 });
    expect(fired.actions?.[0]?.text).toBe('v2 reminder rb1');

    // v3 drops the rule; a trigger v2 scheduled is then skipped with the reason, never orphaned.
    const paid2 = event('order.paid', { orderId: 'rb2', sellerId: 's' });
    expect(must(await t.post(`/v1/events`, paid2, { token: key }), 202)).toMatchObject({ scheduled: 1 });
    const v3 = demoRuleSet();
    v3.rules = v3.rules.filter((r) => r.id !== 'unshipped-48h');
    const d2 = must(await t.get<{ revision: number }>(`/v1/bots/${bot}/rulesets/proactive`), 200);
    must(await t.put(`/v1/bots/${bot}/rulesets/proactive`, { document: v3, revision: d2.revision }), 200);
    must(await t.post(`/v1/bots/${bot}/rulesets/proactive/publish`, { note: 'v3' }), 201);
    must(await t.put(`/v1/bots/${bot}/rulesets/proactive/live`, { version: 3 }), 200);
    const skipped = await waitFor('rb2 settled', async () => (await fires(t, bot)).find((f) => f.eventId === paid2.eventId));
    expect(skipped).toMatchObject({ outcome: 'skipped', reason: 'rule_not_live', scheduledVersion: 2, firedVersion: 3 });

    // Rolling back to v1 brings the rule back for new events.
    must(await t.put(`/v1/bots/${bot}/rulesets/proactive/live`, { version: 1, reason: 'rollback' }), 200);
    expect(must(await t.post(`/v1/events`, event('order.paid', { orderId: 'rb3' }), { token: key }), 202)).toMatchObject({ scheduled: 1 });

    const list = must(await t.get<{ ruleSets: { key: string; liveVersion: number; rules: { id: string; status: string; outcomes: Record<string, number>; pending: number }[] }[] }>(`/v1/bots/${bot}/rules`), 200);
    const proactive = list.ruleSets.find((s) => s.key === 'proactive');
    expect(proactive?.liveVersion).toBe(1);
    expect(proactive?.rules.find((r) => r.id === 'unshipped-48h')).toMatchObject({ status: 'live', pending: 1, outcomes: { fired: 1, skipped: 1 } });
  });

  it('retries a failing webhook receiver, then dead-letters the delivery', async () => {
    const hooks: RuleSetInput = {
      key: 'hooks',
      name: 'hooks',
      rules: [{ id: 'to-crm', name: 'to CRM', on: 'order.refunded', actions: [{ type: 'webhook', url: `${receiver.url}/fail/crm`, body: '{"order":"{{event.subject.orderId}}"}' }] }],
    };
    must(await t.post(`/v1/bots/${bot}/rulesets`, { document: hooks }), 201);
    must(await t.post(`/v1/bots/${bot}/rulesets/hooks/publish`, {}), 201);
    must(await t.put(`/v1/bots/${bot}/rulesets/hooks/live`, { version: 1 }), 200);
    must(await t.post(`/v1/events`, event('order.refunded', { orderId: 'r-9' }), { token: key }), 202);

    const dead = await waitFor('a dead delivery', async () => {
      const body = must(await t.get<{ deliveries: { id: string; attempts: number; lastError: string; kind: string }[] }>(`/v1/bots/${bot}/rules/dead-letters`), 200);
      return body.deliveries[0];
    });
    expect(dead).toMatchObject({ kind: 'webhook', attempts: 3 });
    expect(dead.lastError).toMatch(/answered 500/);
    const tries = receiver.received.filter((r) => r.path === '/fail/crm');
    expect(tries).toHaveLength(3);
    expect(tries.every((r) => r.signatureValid && r.delivery === dead.id && r.body['order'] === 'r-9')).toBe(true);
    // The trigger itself fired once; only its delivery is dead.
    expect((await fires(t, bot)).filter((f) => f.ruleId === 'to-crm').map((f) => f.outcome)).toEqual(['fired']);
    // Ops retry after fixing the receiver puts it back in the queue.
    expect((await t.post(`/v1/bots/${bot}/rules/deliveries/${dead.id}/retry`)).status).toBe(202);
    await waitFor('a 4th try', async () => (receiver.received.filter((r) => r.path === '/fail/crm').length >= 4 ? true : undefined));
  });
});

describe('queue dashboard', () => {
  it.each(['bullmq', 'pgboss'] as const)('is read-only and for admins only (%s)', async (queue) => {
    const t = await createTestApp({ queue });
    try {
      expect((await t.get('/admin/queues', { token: null })).status).toBe(401);
      expect((await t.get('/admin/queues', { token: await t.loginAs('editor') })).status).toBe(403);
      const page = await t.get<string | { driver: string }>('/admin/queues');
      expect(page.status).toBe(200);
      if (queue === 'bullmq') expect(String(page.body)).toContain('Zhishou queues');
      else expect(page.body).toMatchObject({ driver: 'pgboss', triggers: {}, deliveries: {} });
      // A browser opens it with ?token= once and gets a cookie scoped to the dashboard.
      const open = await fetch(`${t.url}/admin/queues?token=${t.adminToken}`, { redirect: 'manual' });
      expect(open.status).toBe(302);
      expect(open.headers.get('set-cookie')).toMatch(/^zs_queue_dashboard=.*; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    } finally {
      await t.close();
    }
  });
});

describe('demo bot seeding', () => {
  it('publishes flows/xianyu/rules/*.json and makes them live', async () => {
    const t = await createTestApp();
    try {
      const { DemoSeeder, DEMO_BOT_DIR } = await import('../../src/modules/demo/demo-seeder');
      expect(await t.app.get(DemoSeeder).seedIfEmpty(DEMO_BOT_DIR, { botKey: 'xyrules' })).not.toBeNull();
      const list = must(await t.get<{ ruleSets: { key: string; liveVersion: number; rules: { id: string; status: string }[] }[] }>('/v1/bots/xyrules/rules'), 200);
      expect(list.ruleSets).toEqual([
        {
          key: 'proactive',
          name: '主动关怀提醒',
          liveVersion: 1,
          revision: 1,
          rules: ['unshipped-48h', 'delivered-7d-unconfirmed', 'enquiry-2h-no-order'].map((id) => expect.objectContaining({ id, status: 'live', pending: 0 })),
        },
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('start_flow action', () => {
  it('runs the flow in the event conversation through the conversation service and sends its replies, signed', async () => {
    const { setupBot } = await import('../chat/chat-fixtures');
    const receiver = await startReceiver();
    const t = await createTestApp({ runWorker: true, env: outboundEnv(receiver.url) });
    try {
      const key = await setupBot(t, 'flowbot');
      const doc: RuleSetInput = { key: 'care', name: 'care', rules: [{ id: 'welcome-back', name: 'welcome back', on: 'order.delivered', after: '1s', actions: [{ type: 'start_flow', flow: 'main' }] }] };
      must(await t.post('/v1/bots/flowbot/rulesets', { document: doc }), 201);
      must(await t.post('/v1/bots/flowbot/rulesets/care/publish', {}), 201);
      must(await t.put('/v1/bots/flowbot/rulesets/care/live', { version: 1 }), 200);
      must(await t.post('/v1/events', event('order.delivered', { orderId: 'd1', conversationId: 'conv-77' }), { token: key }), 202);
      const sent = await waitFor('the flow replies', async () => receiver.received.find((r) => r.body['type'] === 'start_flow'));
      expect(sent.signatureValid).toBe(true);
      expect(sent.body).toMatchObject({ flow: 'main', conversationId: 'conv-77', replies: [expect.objectContaining({ text: '您好，有什么可以帮您？[v1]' })] });
      const transcript = must(await t.get<{ messages: { role: string; text: string }[] } | { role: string; text: string }[]>('/v1/bots/flowbot/conversations/conv-77/messages'), 200);
      expect(JSON.stringify(transcript)).toContain('您好，有什么可以帮您？[v1]');
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});
