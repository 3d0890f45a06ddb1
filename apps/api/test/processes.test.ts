import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/infra/config/config';
import { JobName } from '../src/infra/queue/job-catalogue';
import { PgBossQueue } from '../src/infra/queue/pgboss.driver';
import { pgBossSchema } from '../src/infra/queue/create-queue';
import type { JobPayloads } from '../src/infra/queue/job-catalogue';
import { createTestDatabase, type TestDatabase } from './support';

// The real entrypoints as `npm start` runs them: tsx (no decorator metadata), separate processes.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function start(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

async function until(predicate: () => Promise<boolean> | boolean, timeoutMs: number, describeFailure: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describeFailure()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('api and worker processes', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-proc-'));
  const prefix = `proc_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url, QUEUE_DRIVER: 'pgboss', QUEUE_PREFIX: prefix, DATA_DIR: dataDir, LOG_LEVEL: 'info', SEED_DEMO: 'false', REDIS_URL: '' };
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('main.ts serves /health and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const api = start('apps/api/src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' });
    try {
      await until(
        async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true,
        60_000,
        api.output,
      );
      const login = await fetch(`http://127.0.0.1:${port}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(login.status).toBe(400);
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await exitOf(api.child)).toBe(0);
  });

  it('worker.ts processes queued jobs and exits 0 on SIGTERM', async () => {
    const queue = new PgBossQueue<JobPayloads>({ url: db.url, schema: pgBossSchema(prefix) });
    const worker = start('apps/api/src/worker.ts', env);
    try {
      await until(() => worker.output().includes('"worker started"'), 60_000, worker.output);
      expect(worker.output()).toContain(JobName.ConversationTimer);
      // A timer of a conversation that does not exist: the processor must still take it off the queue.
      const jobId = `proc-${randomBytes(4).toString('hex')}`;
      await queue.enqueue(JobName.ConversationTimer, { bot: 'none', externalId: 'x', conversationId: '00000000-0000-4000-8000-000000000000', timerId: 't' }, { jobId });
      await until(
        async () => ['completed', 'failed'].includes((await queue.state(JobName.ConversationTimer, jobId)) ?? ''),
        30_000,
        worker.output,
      );
    } finally {
      worker.child.kill('SIGTERM');
      await queue.close();
    }
    expect(await exitOf(worker.child)).toBe(0);
  });
});
