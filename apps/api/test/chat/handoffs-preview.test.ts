import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support';
import { must, say, setupBot, testFlow } from './chat-fixtures';

interface Handoff {
  id: string;
  externalId: string;
  priority: string;
  status: string;
  claimedBy: string | null;
}

describe('handoffs and preview', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    key = await setupBot(t, 'shop');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists handoffs most urgent first; an agent claims, replies into the transcript and releases back to the bot', async () => {
    await say(t, key, 'shop', 'h-normal', 'm1', '转人工');
    await say(t, key, 'shop', 'h-angry', 'm1', '太垃圾了！气死我了！！骗子！');
    const agent = await t.loginAs('agent');
    const other = await t.loginAs('agent');
    expect((await t.get('/v1/handoffs', { token: await t.loginAs('editor') })).status).toBe(403);
    const list = must(await t.get<{ handoffs: Handoff[] }>('/v1/handoffs?bot=shop', { token: agent }), 200).handoffs;
    expect(list.map((h) => [h.externalId, h.priority])).toEqual([
      ['h-angry', 'urgent'],
      ['h-normal', 'high'],
    ]);
    const target = list[1]!;
    must(await t.post(`/v1/handoffs/${target.id}/claim`, {}, { token: agent }), 200);
    expect((await t.post(`/v1/handoffs/${target.id}/claim`, {}, { token: other })).status).toBe(409);
    expect((await t.post(`/v1/handoffs/${target.id}/reply`, { text: 'hi' }, { token: other })).status).toBe(409);
    must(await t.post(`/v1/handoffs/${target.id}/reply`, { text: '您好，我是人工客服小王' }, { token: agent }), 200);
    const released = must(await t.post<{ state: { status: string } }>(`/v1/handoffs/${target.id}/release`, {}, { token: agent }), 200);
    expect(released.state.status).not.toBe('handed_off');
    const msgs = must(await t.get<{ messages: { role: string; text: string; seq: number }[] }>('/v1/bots/shop/conversations/h-normal/messages', { token: agent }), 200).messages;
    expect(msgs.map((m) => m.seq)).toEqual(msgs.map((_, i) => i + 1));
    expect(msgs.find((m) => m.role === 'agent')?.text).toBe('您好，我是人工客服小王');
    const after = await say(t, key, 'shop', 'h-normal', 'm2', '你好');
    expect(after.body.replies.map((r) => r.text)).toContain('你好呀[v1]');
    const remaining = must(await t.get<{ handoffs: Handoff[] }>('/v1/handoffs?bot=shop', { token: agent }), 200).handoffs;
    expect(remaining.map((h) => h.externalId)).toEqual(['h-angry']);
  });

  it('previews a draft or a version with a trace, without touching live conversations, and resets', async () => {
    const draft = must(await t.get<{ revision: number }>('/v1/bots/shop/flows/main'), 200);
    must(await t.put('/v1/bots/shop/flows/main', { document: testFlow('draft'), revision: draft.revision }), 200);
    const before: { n: string }[] = await t.dataSource.query(`SELECT count(*)::text AS n FROM conversations WHERE kind = 'live'`);

    const p1 = must(await t.post<{ replies: { text: string }[]; trace: unknown[] }>('/v1/bots/shop/preview/s1/messages', { messageId: 'a', text: '你好', flow: 'main', version: 'draft' }), 200);
    expect(p1.replies.map((r) => r.text)).toContain('你好呀[draft]');
    expect(p1.trace.length).toBeGreaterThan(0);
    const v1 = must(await t.post<{ replies: { text: string }[] }>('/v1/bots/shop/preview/s2/messages', { messageId: 'a', text: '你好', flow: 'main', version: 1 }), 200);
    expect(v1.replies.map((r) => r.text)).toContain('你好呀[v1]');
    const handed = must(await t.post<{ state: { status: string } }>('/v1/bots/shop/preview/s1/messages', { messageId: 'b', text: '转人工', flow: 'main', version: 'draft' }), 200);
    expect(handed.state.status).toBe('handed_off');

    const after: { n: string }[] = await t.dataSource.query(`SELECT count(*)::text AS n FROM conversations WHERE kind = 'live'`);
    expect(after).toEqual(before);
    expect(await t.dataSource.query(`SELECT 1 FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE c.external_id LIKE 's%'`)).toEqual([]);

    expect((await t.delete('/v1/bots/shop/preview/s1')).status).toBe(204);
    const fresh = must(await t.post<{ state: { status: string } }>('/v1/bots/shop/preview/s1/messages', { messageId: 'c', text: '你好', flow: 'main', version: 'draft' }), 200);
    expect(fresh.state.status).toBe('waiting_input');
    expect((await t.post('/v1/bots/shop/preview/s1/messages', { messageId: 'd', text: '你好', flow: 'nope' })).status).toBe(404);
    expect((await t.post('/v1/bots/shop/preview/s1/messages', { messageId: 'd', text: '你好', flow: 'main' }, { token: key })).status).toBe(403);
  });
});
