import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleSetInput } from '@zhishou/flow-schema';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, deleteRedisKeys, TEST_REDIS_URL, type TestApp, type TestDatabase } from '../support';
import { must, outboundEnv, setupRulesBot, startReceiver, waitFor } from './trigger-fixtures';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TRIGGERS = 10_000;
const BATCH = 500;

/** A real worker process (apps/api/src/worker.ts) on the test's database and Redis prefix. */
function spawnWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/worker.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[worker ${child.pid}] ${chunk.toString()}`));
  return child;
}

async function count(db: TestDatabase, sql: string): Promise<number> {
  const rows: { n: string }[] = await db.dataSource.query(sql);
  return Number(rows[0]?.n ?? 0);
}

describe('a worker killed mid-run (BullMQ)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(`loses nothing and fires nothing twice with ${TRIGGERS} delayed triggers`, { timeout: 150_000 }, async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const database = await createTestDatabase();
    const prefix = `zs-test-crash-${randomBytes(4).toString('hex')}`;
    cleanups.push(async () => {
      await database.drop();
      await deleteRedisKeys(TEST_REDIS_URL, prefix);
    });
    const env = { QUEUE_PREFIX: prefix, ...outboundEnv(receiver.url) };
    const api: TestApp = await createTestApp({ database, env, runWorker: false });
    cleanups.push(() => api.close());
    const ruleSet: RuleSetInput = {
      key: 'crash',
      name: 'crash',
      rules: [{ id: 'remind', name: 'remind', on: 'order.paid', after: '4s', cancelOn: ['order.shipped'], actions: [{ type: 'send_message', to: 'seller', template: '发货提醒 {{event.subject.orderId}}' }] }],
    };
    const key = await setupRulesBot(api, 'crash', ruleSet);

    // 10k payments whose triggers fall due over ~10 s, starting 4 s after the first.
    const started = Date.now();
    const base = Date.now();
    for (let offset = 0; offset < TRIGGERS; offset += BATCH) {
      const events = Array.from({ length: BATCH }, (_, i) => {
        const n = offset + i;
        return { eventId: `paid-${n}`, type: 'order.paid', occurredAt: new Date(base + n).toISOString(), subject: { orderId: `o-${n}`, sellerId: 's' }, data: {} };
      });
      expect(must(await api.post('/v1/events/batch', { events }, { token: key }), 202)).toMatchObject({ accepted: BATCH, scheduled: BATCH });
    }
    expect(await count(database, `SELECT count(*) AS n FROM trigger_jobs WHERE status = 'pending'`)).toBe(TRIGGERS);

    const workerEnv = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_DRIVER: 'bullmq',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'zs-crash-')),
      LOG_LEVEL: 'error',
      ...env,
    };
    const ingestedMs = Date.now() - started;
    let worker = spawnWorker(workerEnv);
    cleanups.push(async () => void worker.kill('SIGKILL'));

    // Kill it without warning once it is well into the run.
    const firedBeforeKill = await waitFor(
      'the first fires',
      async () => {
        const n = await count(database, `SELECT count(*) AS n FROM trigger_fires`);
        return n >= 1_500 ? n : undefined;
      },
      60_000,
    );
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    const settledAtKill = await count(database, `SELECT count(*) AS n FROM trigger_jobs WHERE status <> 'pending'`);
    expect(settledAtKill).toBeLessThan(TRIGGERS);

    const killedAt = Date.now();
    worker = spawnWorker(workerEnv);
    await waitFor(
      'every trigger settled and delivered',
      async () => {
        const pending = await count(database, `SELECT count(*) AS n FROM trigger_jobs WHERE status = 'pending'`);
        const undelivered = await count(database, `SELECT count(*) AS n FROM trigger_deliveries WHERE status <> 'delivered'`);
        const deliveries = await count(database, `SELECT count(*) AS n FROM trigger_deliveries`);
        return pending === 0 && deliveries === TRIGGERS && undelivered === 0 ? true : undefined;
      },
      110_000,
    );
    const recoveredMs = Date.now() - killedAt;
    worker.kill('SIGTERM');

    // Nothing lost: every trigger fired. Nothing twice: one fire-log row and one delivery per trigger.
    expect(await count(database, `SELECT count(*) AS n FROM trigger_jobs WHERE status = 'fired'`)).toBe(TRIGGERS);
    expect(await count(database, `SELECT count(*) AS n FROM trigger_fires`)).toBe(TRIGGERS);
    expect(await count(database, `SELECT count(DISTINCT job_id) AS n FROM trigger_fires WHERE outcome = 'fired'`)).toBe(TRIGGERS);
    const distinct = new Set(receiver.received.map((r) => r.delivery));
    expect(distinct.size).toBe(TRIGGERS);
    // A delivery in flight when the process died may reach the receiver again (at-least-once; it carries
    // the same X-Zhishou-Delivery id to drop it): bounded by what one worker has in flight (fire jobs try
    // their deliveries inline, 32 at a time, plus 16 queued retries).
    const redelivered = receiver.received.length - distinct.size;
    expect(redelivered).toBeLessThanOrEqual(48);
    console.info(`worker crash: ingest ${ingestedMs} ms; killed after ${firedBeforeKill} fires (${settledAtKill} settled); restart to all settled+delivered ${recoveredMs} ms; ${redelivered} in-flight webhooks redelivered`);
  });
});
