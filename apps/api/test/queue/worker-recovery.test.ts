import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BullMqQueue, LOCK_MS } from '../../src/infra/queue/bullmq.driver';
import { EXPIRE_SECONDS, PgBossQueue } from '../../src/infra/queue/pgboss.driver';
import type { JobContext, TypedQueue } from '../../src/infra/queue/queue.port';
import { createTestDatabase, deleteRedisKeys, TEST_REDIS_URL, type TestDatabase } from '../support';
import type { RecoveryCatalogue } from './crash-worker';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const RECOVERY_LIMIT_MS = 30_000;

function spawnWorker(env: Record<string, string>): { child: ChildProcess; started: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/test/queue/crash-worker.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[crash-worker ${child.pid}] ${chunk.toString()}`));
  const started = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /started (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`crash worker exited early (${code}): ${out}`)));
  });
  return { child, started };
}

/**
 * A worker process SIGKILLed while it runs a job: a second worker, already running, runs that job again
 * within 30 s of the death, on both queue drivers, and the job then completes once.
 */
describe.each(['bullmq', 'pgboss'] as const)('a dead worker’s job runs again (%s)', (driver) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('within 30 s of the worker’s death', { timeout: 90_000 }, async () => {
    let database: TestDatabase | undefined;
    const prefix = `zs_test_recovery_${randomBytes(4).toString('hex')}`;
    let url = TEST_REDIS_URL;
    let queue: TypedQueue<RecoveryCatalogue>;
    if (driver === 'bullmq') {
      queue = new BullMqQueue<RecoveryCatalogue>({ url, prefix });
      cleanups.push(() => deleteRedisKeys(TEST_REDIS_URL, prefix));
    } else {
      database = await createTestDatabase({ migrate: false });
      const db = database;
      cleanups.push(() => db.drop());
      url = database.url;
      queue = new PgBossQueue<RecoveryCatalogue>({ url, schema: prefix });
    }
    cleanups.push(() => queue.close());

    await queue.enqueue('recovery.hang', { n: 1 }, { jobId: 'held-by-the-dead' });
    const worker = spawnWorker({ RECOVERY_DRIVER: driver, RECOVERY_URL: url, RECOVERY_PREFIX: prefix });
    cleanups.push(async () => void worker.child.kill('SIGKILL'));
    expect(await worker.started).toBe('held-by-the-dead');

    // The second worker is up before the first dies; it finishes what it gets.
    const runs: { at: number; context: JobContext }[] = [];
    await queue.process('recovery.hang', async (_payload, context) => {
      runs.push({ at: Date.now(), context });
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(runs).toEqual([]);

    worker.child.kill('SIGKILL');
    await new Promise((resolve) => worker.child.once('exit', resolve));
    const diedAt = Date.now();
    while (!runs.length && Date.now() - diedAt < RECOVERY_LIMIT_MS + 5_000) await new Promise((resolve) => setTimeout(resolve, 100));

    expect(runs.map((r) => r.context.jobId)).toEqual(['held-by-the-dead']);
    const recoveredMs = runs[0]!.at - diedAt;
    expect(recoveredMs).toBeLessThan(RECOVERY_LIMIT_MS);
    let state = await queue.state('recovery.hang', 'held-by-the-dead');
    for (let i = 0; i < 50 && state !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await queue.state('recovery.hang', 'held-by-the-dead');
    }
    expect(state).toBe('completed');
    console.info(`${driver}: a dead worker's job ran again ${recoveredMs} ms after the SIGKILL`);
  });

  it('but a live worker’s job that runs longer than the expiry is not run twice (heartbeat)', { timeout: 60_000 }, async () => {
    const prefix = `zs_test_recovery_${randomBytes(4).toString('hex')}`;
    let queue: TypedQueue<RecoveryCatalogue>;
    if (driver === 'bullmq') {
      queue = new BullMqQueue<RecoveryCatalogue>({ url: TEST_REDIS_URL, prefix });
      cleanups.push(() => deleteRedisKeys(TEST_REDIS_URL, prefix));
    } else {
      const database = await createTestDatabase({ migrate: false });
      cleanups.push(() => database.drop());
      queue = new PgBossQueue<RecoveryCatalogue>({ url: database.url, schema: prefix });
    }
    cleanups.push(() => queue.close());
    const holdMs = (driver === 'bullmq' ? LOCK_MS : EXPIRE_SECONDS * 1000) + 5_000;
    const runs: number[] = [];
    await queue.process(
      'recovery.hang',
      async (payload) => {
        runs.push(payload.n);
        await new Promise((resolve) => setTimeout(resolve, holdMs));
      },
      { concurrency: 2 },
    );
    await queue.enqueue('recovery.hang', { n: 7 }, { jobId: 'long-but-alive' });
    const started = Date.now();
    while ((await queue.state('recovery.hang', 'long-but-alive')) !== 'completed' && Date.now() - started < holdMs + 15_000) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await queue.state('recovery.hang', 'long-but-alive')).toBe('completed');
    expect(runs).toEqual([7]);
  });
});
