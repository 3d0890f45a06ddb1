import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { JobName } from '../../src/infra/queue/job-catalogue';
import { QUEUE, type QueuePort } from '../../src/infra/queue/queue.port';
import { timerJobId } from '../../src/modules/conversations/timer-scheduler';
import { createTestApp, createTestDatabase, deleteRedisKeys, TEST_REDIS_URL, type TestApp } from '../support';
import { must, nudgeFlow, say, setupBot } from './chat-fixtures';

const silenceFlow = nudgeFlow('1s', '亲，还在吗？有问题随时问我哦');

async function waitForNudge(t: TestApp, key: string, cid: string, timeoutMs = 15_000): Promise<{ role: string; text: string }[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const msgs = must(await t.get<{ messages: { role: string; text: string }[] }>(`/v1/bots/shop/conversations/${cid}/messages`, { token: key }), 200).messages;
    if (msgs.some((m) => m.text.startsWith('亲，还在吗'))) return msgs;
    if (Date.now() > until) throw new Error(`no nudge after ${timeoutMs} ms: ${JSON.stringify(msgs)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The queue job id of the conversation's pending timer (what the turn scheduled). */
async function timerJob(t: TestApp, bot: string, cid: string): Promise<string> {
  const rows: { id: string; timer: string | null }[] = await t.dataSource.query(`SELECT id, state->'timer'->>'id' AS timer FROM conversations WHERE bot_key = $1 AND external_id = $2`, [bot, cid]);
  const timerId = rows[0]?.timer;
  if (!rows[0] || !timerId) throw new Error('no pending timer');
  return timerJobId({ conversationId: rows[0].id, timerId });
}

describe('wait-node timers', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('sends the nudge after silence, and a reply before it cancels the nudge (worker in process)', async () => {
    const t = await createTestApp({ runWorker: true });
    cleanups.push(() => t.close());
    const key = await setupBot(t, 'shop', silenceFlow);
    const first = await say(t, key, 'shop', 'quiet', 'm1', '你好');
    expect(first.body.state.status).toBe('waiting_timer');
    const msgs = await waitForNudge(t, key, 'quiet');
    const nudgeAt = msgs.findIndex((m) => m.text.startsWith('亲，还在吗'));
    expect(msgs[0]?.role).toBe('user');
    expect(msgs.slice(1).every((m) => m.role === 'bot')).toBe(true);
    expect(msgs.findIndex((m) => m.text === '你好呀')).toBeLessThan(nudgeAt);

    await say(t, key, 'shop', 'chatty', 'm1', '你好');
    const superseded = await timerJob(t, 'shop', 'chatty');
    const second = await say(t, key, 'shop', 'chatty', 'm2', '你好');
    expect(second.body.replies.map((r) => r.text)).toContain('你好呀');
    // The superseded job is removed after the commit (not awaited by the turn), so it never fires.
    const queue = t.app.get<QueuePort>(QUEUE);
    await expect.poll(() => queue.state(JobName.ConversationTimer, superseded), { timeout: 5_000 }).toBeNull();
    // The second turn's timer fires exactly once.
    await waitForNudge(t, key, 'chatty');
    await new Promise((r) => setTimeout(r, 1_500));
    const chatty = must(await t.get<{ messages: { text: string }[] }>('/v1/bots/shop/conversations/chatty/messages', { token: key }), 200).messages;
    expect(chatty.filter((m) => m.text.startsWith('亲，还在吗'))).toHaveLength(1);
  });

  it.each(['pgboss', 'bullmq'] as const)('fires the nudge after the api and the worker restart (%s)', async (queue) => {
    const database = await createTestDatabase();
    const prefix = `zs-test-timer-${randomBytes(4).toString('hex')}`;
    cleanups.push(async () => {
      await database.drop();
      await deleteRedisKeys(TEST_REDIS_URL, prefix);
    });
    const env = { QUEUE_PREFIX: prefix };
    const api = await createTestApp({ queue, database, env, runWorker: false });
    const key = await setupBot(api, 'shop', silenceFlow);
    const admin = api.admin;
    expect((await say(api, key, 'shop', 'restart', 'm1', '你好')).body.state.status).toBe('waiting_timer');
    await api.close();

    // A fresh api + worker process context on the same database and queue.
    const worker = await createTestApp({ queue, database, env, admin, runWorker: true });
    try {
      const msgs = await waitForNudge(worker, key, 'restart');
      expect(msgs.filter((m) => m.role === 'bot').map((m) => m.text)).toContain('亲，还在吗？有问题随时问我哦');
    } finally {
      await worker.close();
    }
  });
});
