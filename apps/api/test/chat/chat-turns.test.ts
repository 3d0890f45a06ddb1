import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnService } from '../../src/modules/conversations/turn.service';
import { createTestApp, type TestApp } from '../support';
import { must, say, setupBot, testFlow, type ChatBody } from './chat-fixtures';

interface Msg {
  seq: number;
  turn: number | null;
  role: string;
  text: string;
}

describe('chat turns', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp();
    key = await setupBot(t, 'shop');
  });
  afterAll(async () => {
    await t.close();
  });

  const transcript = async (cid: string) => must(await t.get<{ messages: Msg[] }>(`/v1/bots/shop/conversations/${cid}/messages`, { token: key }), 200).messages;

  it('answers a first message from the live version, with NLU, state and optional trace', async () => {
    const res = await say(t, key, 'shop', 'c-first', 'm1', '你好', true);
    expect(res.status).toBe(200);
    expect(res.body.nlu?.intent.intent).toBe('greeting');
    expect(res.body.replies.map((r) => r.text)).toContain('你好呀[v1]');
    expect(res.body.state).toMatchObject({ status: 'waiting_input', node: 'menu' });
    expect(Array.isArray(res.body.trace)).toBe(true);
    const conv = must(await t.get<{ flowVersion: number; turn: number }>('/v1/bots/shop/conversations/c-first', { token: key }), 200);
    expect(conv).toMatchObject({ flowVersion: 1, turn: 1 });
    expect((await transcript('c-first')).map((m) => m.role)).toEqual(['user', ...res.body.replies.map(() => 'bot')]);
  });

  it('returns the stored reply for a retried messageId and never runs the turn twice (also concurrently)', async () => {
    const first = await say(t, key, 'shop', 'c-retry', 'same', '你好');
    const again = await say(t, key, 'shop', 'c-retry', 'same', '你好');
    expect(again.body.duplicate).toBe(true);
    expect(again.body.replies).toEqual(first.body.replies);
    expect(again.body.turn).toBe(first.body.turn);
    const racing = await Promise.all(Array.from({ length: 8 }, () => say(t, key, 'shop', 'c-race', 'dup', '你好')));
    expect(racing.every((r) => r.status === 200)).toBe(true);
    expect(racing.filter((r) => !r.body.duplicate)).toHaveLength(1);
    for (const r of racing) expect(r.body.replies).toEqual(racing[0]?.body.replies);
    const msgs = await transcript('c-race');
    expect(msgs.filter((m) => m.role === 'user')).toHaveLength(1);
  });

  it('serialises 50 parallel posts to one conversation into a consistent transcript', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => say(t, key, 'shop', 'c-par', `p${i}`, '你好')));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.map((r) => r.body.turn).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const msgs = await transcript('c-par');
    expect(msgs.map((m) => m.seq)).toEqual(Array.from({ length: msgs.length }, (_, i) => i + 1));
    const userTurns = msgs.filter((m) => m.role === 'user').map((m) => m.turn);
    expect(userTurns).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Every turn's replies follow its own user message.
    for (const r of results) {
      const turnMsgs = msgs.filter((m) => m.turn === r.body.turn);
      expect(turnMsgs[0]?.role).toBe('user');
      expect(turnMsgs.slice(1).map((m) => m.text)).toEqual(r.body.replies.map((x) => x.text));
    }
  });

  it('keeps conversations on their version until they end; new ones and rollbacks follow the live pointer', async () => {
    await say(t, key, 'shop', 'c-old', 'o1', '你好');
    const draft = must(await t.get<{ revision: number }>('/v1/bots/shop/flows/main'), 200);
    must(await t.put('/v1/bots/shop/flows/main', { document: testFlow('v2'), revision: draft.revision }), 200);
    must(await t.post('/v1/bots/shop/flows/main/publish', { note: 'v2' }), 201);
    must(await t.put('/v1/bots/shop/flows/main/live', { version: 2, reason: 'new greeting' }), 200);

    const old = await say(t, key, 'shop', 'c-old', 'o2', '你好');
    expect(old.body.replies.map((r) => r.text)).toContain('你好呀[v1]');
    const fresh = await say(t, key, 'shop', 'c-new', 'n1', '你好');
    expect(fresh.body.replies.map((r) => r.text)).toContain('你好呀[v2]');

    const ended = await say(t, key, 'shop', 'c-old', 'o3', '再见');
    expect(ended.body.state.status).toBe('ended');
    const after = await say(t, key, 'shop', 'c-old', 'o4', '你好');
    expect(after.body.replies.map((r) => r.text)).toContain('你好呀[v2]');

    must(await t.put('/v1/bots/shop/flows/main/live', { version: 1, reason: 'rollback' }), 200);
    const rolled = await say(t, key, 'shop', 'c-after-rollback', 'r1', '你好');
    expect(rolled.body.replies.map((r) => r.text)).toContain('你好呀[v1]');
    const audit = must(await t.get<{ fromVersion: number | null; toVersion: number; reason: string }[]>('/v1/bots/shop/flows/main/releases'), 200);
    expect(audit.map((a) => [a.fromVersion, a.toVersion])).toEqual([
      [2, 1],
      [1, 2],
      [null, 1],
    ]);
  });

  it('does not exhaust the pool when many turns start on a version nobody has loaded yet', async () => {
    const draft = must(await t.get<{ revision: number }>('/v1/bots/shop/flows/main'), 200);
    must(await t.put('/v1/bots/shop/flows/main', { document: testFlow('cold'), revision: draft.revision }), 200);
    const v = must(await t.post<{ number: number }>('/v1/bots/shop/flows/main/publish', { note: 'cold cache' }), 201);
    must(await t.put('/v1/bots/shop/flows/main/live', { version: v.number }), 200);
    // More concurrent turns than pooled connections (8 in tests), half of them queued on one conversation's lock.
    const results = await Promise.all([
      ...Array.from({ length: 16 }, (_, i) => say(t, key, 'shop', `cold-${i}`, 'm1', '你好')),
      ...Array.from({ length: 16 }, (_, i) => say(t, key, 'shop', 'cold-shared', `m${i}`, '你好')),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(32).fill(200));
    expect(results.every((r) => r.body.replies.some((x) => x.text === '你好呀[cold]'))).toBe(true);
    must(await t.put('/v1/bots/shop/flows/main/live', { version: 1 }), 200);
  });

  it('starts a flow proactively from an event (trigger rules) through the same turn path', async () => {
    const turns = t.app.get(TurnService);
    const started = await turns.run('shop', 'evt-1', { type: 'event', event: { type: 'order.paid', orderId: 'XY20261125000123' } });
    expect(started.body.replies.map((r) => (r as { text: string }).text)).toEqual(['您好，有什么可以帮您？[v1]']);
    expect(started.body.state).toMatchObject({ status: 'waiting_input', node: 'menu' });
    const reply = await say(t, key, 'shop', 'evt-1', 'm1', '你好');
    expect(reply.body.replies.map((r) => r.text)).toContain('你好呀[v1]');
    expect((await transcript('evt-1')).map((m) => m.role)).toEqual(['bot', 'user', 'bot', 'bot']);
    await expect(turns.run('shop', 'evt-2', { type: 'event', event: {}, flow: 'nope' })).rejects.toThrow(/not found/);
  });

  it('hands over on 转人工 and on anger, with priorities, and stays silent while handed off', async () => {
    const human = await say(t, key, 'shop', 'c-human', 'h1', '转人工');
    expect(human.body.state.status).toBe('handed_off');
    expect(human.body.replies.map((r) => r.text)).toContain('正在为您转接人工客服');
    const silent = await say(t, key, 'shop', 'c-human', 'h2', '还在吗');
    expect(silent.body.replies).toEqual([]);
    expect((await transcript('c-human')).filter((m) => m.role === 'user').map((m) => m.text)).toEqual(['转人工', '还在吗']);

    const angry = await say(t, key, 'shop', 'c-angry', 'a1', '太垃圾了！气死我了！！骗子！');
    expect(angry.body.nlu?.emotion.label).toBe('angry');
    expect(angry.body.state.status).toBe('handed_off');
    const rows: { priority: string }[] = await t.dataSource.query(
      `SELECT h.priority FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE c.external_id = $1`,
      ['c-angry'],
    );
    expect(rows.map((r) => r.priority)).toEqual(['urgent']);
  });

  it('answers 400 with field issues, 404 for unknown bots and conversations, 401/403 without the right credentials', async () => {
    const bad = await t.post<{ error: string; issues: { path: string }[] }>('/v1/bots/shop/conversations/c1/messages', { text: 'x' }, { token: key });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path)).toContain('messageId');
    const empty = await t.post<{ issues: { path: string }[] }>('/v1/bots/shop/conversations/c1/messages', { messageId: 'x' }, { token: key });
    expect(empty.status).toBe(400);
    expect((await t.post('/v1/bots/nobot/conversations/c1/messages', { messageId: 'x', text: '你好' })).status).toBe(404);
    expect((await t.get('/v1/bots/shop/conversations/never', { token: key })).status).toBe(404);
    expect((await t.post('/v1/bots/shop/conversations/c1/messages', { messageId: 'x', text: '你好' }, { token: null })).status).toBe(401);
    const viewer = await t.loginAs('viewer');
    expect((await t.post('/v1/bots/shop/conversations/c1/messages', { messageId: 'x', text: '你好' }, { token: viewer })).status).toBe(403);
    expect((await t.get<ChatBody>('/v1/bots/shop/conversations/c-first', { token: viewer })).status).toBe(200);
  });
});
