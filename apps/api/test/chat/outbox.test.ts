import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobName } from '../../src/infra/queue/job-catalogue';
import { QUEUE, type QueuePort } from '../../src/infra/queue/queue.port';
import { OutboxDispatcher } from '../../src/modules/conversations/outbox';
import { OutboxRepository } from '../../src/modules/conversations/outbox.repository';
import { TIMER_SCHEDULE_TOPIC, timerJobId } from '../../src/modules/conversations/timer-scheduler';
import { createTestApp, type TestApp } from '../support';
import { must, nudgeFlow, say, setupBot } from './chat-fixtures';

const waitFlow = nudgeFlow('10m', '亲，还在吗', '等待');

describe('the turn outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes the timer schedule in the turn commit, carries it out after commit, and sweeps a row left behind by a crash', async () => {
    const key = await setupBot(t, 'shop', waitFlow);
    const queue = t.app.get<QueuePort>(QUEUE);
    const outbox = t.app.get(OutboxRepository);
    must(await say(t, key, 'shop', 'o1', 'm1', '你好'), 200);
    const [conv] = (await t.dataSource.query(`SELECT id, timer_id FROM conversations WHERE external_id = 'o1'`)) as { id: string; timer_id: string }[];
    expect(conv?.timer_id).toBeTruthy();
    const jobId = timerJobId({ conversationId: conv!.id, timerId: conv!.timer_id });
    // The in-process kick: the job exists and the done row is deleted.
    await expect.poll(() => queue.state(JobName.ConversationTimer, jobId)).toBe('delayed');
    await expect.poll(() => outbox.pending()).toBe(0);

    // A crash between commit and dispatch: the job never reached the queue, the row is still there.
    await queue.cancel(JobName.ConversationTimer, jobId);
    await t.dataSource.query(`INSERT INTO outbox (topic, conversation_id, payload, available_at) VALUES ($1, $2, $3, now())`, [
      TIMER_SCHEDULE_TOPIC,
      conv!.id,
      JSON.stringify({ bot: 'shop', externalId: 'o1', conversationId: conv!.id, timerId: conv!.timer_id, dueAt: Date.now() + 600_000 }),
    ]);
    const dispatcher = t.app.get(OutboxDispatcher);
    // (The sweeper also runs by itself every 2 s; a pass here just saves the wait.)
    await expect.poll(async () => (await dispatcher.sweep(), queue.state(JobName.ConversationTimer, jobId))).toBe('delayed');
    await expect.poll(() => outbox.pending()).toBe(0);

    // A row whose handler fails stays, with the error and a later retry time (backoff).
    await t.dataSource.query(`INSERT INTO outbox (topic, conversation_id, payload, available_at) VALUES ('no.such.topic', $1, '{}', now())`, [conv!.id]);
    const attempts = async () => ((await t.dataSource.query(`SELECT attempts FROM outbox`)) as { attempts: number }[])[0]?.attempts ?? 0;
    await expect.poll(async () => (await dispatcher.sweep(), attempts())).toBe(1);
    const [left] = (await t.dataSource.query(`SELECT attempts, last_error, available_at > now() AS later FROM outbox`)) as { attempts: number; last_error: string; later: boolean }[];
    expect(left).toMatchObject({ attempts: 1, later: true });
    expect(left!.last_error).toMatch(/no handler/);
  });
});
