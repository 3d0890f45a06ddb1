import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys } from '../../../test/support/redis';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '../../../test/support/test-database';
import { BullMqQueue } from './bullmq.driver';
import { PgBossQueue } from './pgboss.driver';
import type { JobContext, TypedQueue } from './queue.port';

interface TestJobs {
  'test.echo': { n: number };
  'test.flaky': { failTimes: number };
}

interface Run {
  payload: unknown;
  context: JobContext;
  at: number;
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
async function until(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: TestDatabase;
const prefixes: string[] = [];
beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await db.drop();
  for (const prefix of prefixes) await deleteRedisKeys(TEST_REDIS_URL, prefix);
});

const drivers: [string, () => TypedQueue<TestJobs>][] = [
  [
    'bullmq',
    () => {
      const prefix = `zs-test-${randomBytes(6).toString('hex')}`;
      prefixes.push(prefix);
      return new BullMqQueue<TestJobs>({ url: TEST_REDIS_URL, prefix });
    },
  ],
  ['pgboss', () => new PgBossQueue<TestJobs>({ url: db.url, schema: `pgboss_${randomBytes(6).toString('hex')}` })],
];

describe.each(drivers)('queue contract: %s', (_name, make) => {
  let queue: TypedQueue<TestJobs>;
  const runs: Run[] = [];
  afterEach(async () => {
    await queue.close();
    runs.length = 0;
  });

  async function started(): Promise<TypedQueue<TestJobs>> {
    queue = make();
    await queue.process('test.echo', async (payload, context) => void runs.push({ payload, context, at: Date.now() }), { concurrency: 4 });
    return queue;
  }

  it('runs a job with its payload, the caller job id and attempt 1', async () => {
    const q = await started();
    await q.ping();
    const id = await q.enqueue('test.echo', { n: 1 }, { jobId: 'order:42:reminder' });
    expect(id).toBe('order:42:reminder');
    await until(() => runs.length === 1);
    expect(runs[0]?.payload).toEqual({ n: 1 });
    expect(runs[0]?.context).toEqual({ job: 'test.echo', jobId: 'order:42:reminder', attempt: 1 });
    await until(async () => (await q.state('test.echo', 'order:42:reminder')) === 'completed');
  });

  it('dedupes by job id, also in bulk', async () => {
    const q = await started();
    await q.enqueue('test.echo', { n: 1 }, { jobId: 'same', delayMs: 300 });
    await q.enqueue('test.echo', { n: 2 }, { jobId: 'same', delayMs: 300 });
    await q.enqueueBulk('test.echo', [
      { payload: { n: 3 }, options: { jobId: 'same' } },
      { payload: { n: 4 }, options: { jobId: 'other' } },
    ]);
    await until(() => runs.length >= 2);
    await sleep(1200); // a duplicate, if any, would run within this time
    expect(runs.map((run) => run.payload).sort((a, b) => (a as { n: number }).n - (b as { n: number }).n)).toEqual([{ n: 1 }, { n: 4 }]);
  });

  it('holds a delayed job until its time', async () => {
    const q = await started();
    const enqueuedAt = Date.now();
    await q.enqueue('test.echo', { n: 1 }, { jobId: 'later', delayMs: 1500 });
    expect(await q.state('test.echo', 'later')).toBe('delayed');
    await until(() => runs.length === 1);
    expect(runs[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(1400);
  });

  it('cancels a pending job, which then never runs; cancelling again or unknown ids is false', async () => {
    const q = await started();
    await q.enqueue('test.echo', { n: 1 }, { jobId: 'doomed', delayMs: 800 });
    await q.enqueue('test.echo', { n: 2 }, { jobId: 'kept', delayMs: 800 });
    expect(await q.cancel('test.echo', 'doomed')).toBe(true);
    expect(await q.cancel('test.echo', 'doomed')).toBe(false);
    expect(await q.cancel('test.echo', 'never-enqueued')).toBe(false);
    expect(await q.state('test.echo', 'doomed')).toBeNull();
    await until(() => runs.length === 1);
    await sleep(1000);
    expect(runs.map((run) => run.context.jobId)).toEqual(['kept']);
    // The id is free again after a cancel: scheduling it anew works.
    await q.enqueue('test.echo', { n: 3 }, { jobId: 'doomed' });
    await until(() => runs.length === 2);
  });

  it('stopProcessing waits for the running job, then takes no more while enqueueing still works', async () => {
    queue = make();
    let release: () => void = () => undefined;
    const started: string[] = [];
    const finished: string[] = [];
    await queue.process('test.echo', async (_payload, context) => {
      started.push(context.jobId);
      await new Promise<void>((resolve) => (release = resolve));
      finished.push(context.jobId);
    });
    await queue.enqueue('test.echo', { n: 1 }, { jobId: 'long' });
    await until(() => started.length === 1);
    const stopped = queue.stopProcessing();
    setTimeout(() => release(), 300);
    await stopped;
    expect(finished).toEqual(['long']);
    await queue.enqueue('test.echo', { n: 2 }, { jobId: 'after-stop' });
    await sleep(1000);
    expect(started).toEqual(['long']);
    expect(await queue.state('test.echo', 'after-stop')).toBe('waiting');
  });

  it('retries a failing job, then marks it failed after the last attempt', async () => {
    queue = make();
    const attempts: number[] = [];
    await queue.process('test.flaky', async (payload, context) => {
      attempts.push(context.attempt);
      if (context.attempt <= payload.failTimes) throw new Error(`fail #${context.attempt}`);
    });
    await queue.enqueue('test.flaky', { failTimes: 1 }, { jobId: 'recovers', attempts: 3, backoffMs: 100 });
    await until(async () => (await queue.state('test.flaky', 'recovers')) === 'completed', 15_000);
    expect(attempts).toEqual([1, 2]);

    attempts.length = 0;
    await queue.enqueue('test.flaky', { failTimes: 99 }, { jobId: 'hopeless', attempts: 3, backoffMs: 100 });
    await until(async () => (await queue.state('test.flaky', 'hopeless')) === 'failed', 20_000);
    expect(attempts).toEqual([1, 2, 3]);
  });
});
