import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { OutboxRepository } from '../../src/modules/conversations/outbox.repository';
import { TimerReconciler } from '../../src/modules/conversations/conversation-timers';
import { createTestApp, type TestApp } from '../support';
import { must, nudgeFlow, say, setupBot } from './chat-fixtures';

const CONVERSATIONS = 200;

const silenceFlow = nudgeFlow('15s');

async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A private, non-persistent redis-server for this test (never the shared 6379). */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return child;
}

describe('wait-node timers after Redis loses its data', () => {
  let redis: ChildProcess | null = null;
  let t: TestApp | null = null;
  afterAll(async () => {
    await t?.close();
    redis?.kill('SIGKILL');
  });

  it(`nudges each of ${CONVERSATIONS} waiting conversations exactly once after a non-persistent Redis is killed and restarted`, async () => {
    const port = await sparePort();
    redis = await startRedis(port);
    t = await createTestApp({ runWorker: true, queue: 'bullmq', env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    const app = t;
    const key = await setupBot(app, 'shop', silenceFlow);
    for (let i = 0; i < CONVERSATIONS; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => say(app, key, 'shop', `w${i + j}`, 'm1', '你好').then((r) => expect(must(r, 200).state.status).toBe('waiting_timer'))));
    }
    // Every timer is in the queue (the outbox dispatched them), then Redis dies and comes back empty.
    await expect.poll(() => app.app.get(OutboxRepository).pending(), { timeout: 20_000 }).toBe(0);
    redis.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    redis = await startRedis(port);

    // The worker's reconciler (every 30 s; one pass run here) re-arms every timer from Postgres.
    const reconciler = app.app.get(TimerReconciler);
    await expect.poll(() => reconciler.reconcile().catch(() => -1), { timeout: 20_000, interval: 500 }).toBeGreaterThan(0);
    // A second pass finds nothing missing.
    expect(await reconciler.reconcile()).toBe(0);

    const nudged = async () => {
      const rows: { n: number }[] = await app.dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE text = '亲，还在吗'`);
      return rows[0]!.n;
    };
    await expect.poll(nudged, { timeout: 60_000, interval: 500 }).toBe(CONVERSATIONS);
    await new Promise((r) => setTimeout(r, 2_000));
    const perConversation: { external_id: string; n: number }[] = await app.dataSource.query(
      `SELECT c.external_id, count(m.id)::int AS n FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id AND m.text = '亲，还在吗'
       WHERE c.bot_key = 'shop' GROUP BY c.external_id`,
    );
    expect(perConversation).toHaveLength(CONVERSATIONS);
    expect(perConversation.filter((r) => r.n !== 1)).toEqual([]);
  });
});
