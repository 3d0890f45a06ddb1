/**
 * Trigger benchmark (not a test). Starts the real api and a separate worker process (BullMQ on the local
 * Redis, a fresh Postgres database), publishes one rule with a 5-condition `if`, then in one run:
 *   1. ingests BENCH_TRIGGERS events over HTTP (batches of 500, a few clients) that schedule as many
 *      delayed triggers, and a short phase of single-event POSTs → events/s, schedules/s;
 *   2. lets them fire (due times spread over BENCH_WINDOW_S seconds) → firing lateness p50/p99 from the
 *      fire log, fires/s, and signed webhook deliveries to a local receiver;
 *   3. evaluates the same 5-condition rule in this process with `createConditionEvaluator()` and with plain
 *      json-rules-engine (one Engine, reused) → evaluations/s and the ratio.
 *
 *   npm run bench:triggers
 *   BENCH_TRIGGERS=20000 BENCH_WINDOW_S=30 BENCH_DELAY_S=40 npm run bench:triggers
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TopLevelCondition } from '@zhishou/flow-schema';
import { createConditionEvaluator } from '@zhishou/rules';
import { Engine } from 'json-rules-engine';
import pg from 'pg';
import { adminSql as admin, benchApiEnv, call, databaseUrl as dbUrl, waitHealthy } from './support';
import { deleteRedisKeys } from '../apps/api/test/support/redis';

const ROOT = resolve(import.meta.dirname, '..');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env['BENCH_PORT'] ?? 3300);
const RECEIVER_PORT = PORT + 1;
const TRIGGERS = Number(process.env['BENCH_TRIGGERS'] ?? 100_000);
const BATCH = 500;
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 4);
const DELAY_S = Number(process.env['BENCH_DELAY_S'] ?? 90);
const WINDOW_S = Number(process.env['BENCH_WINDOW_S'] ?? 120);
const SINGLE_S = Number(process.env['BENCH_SINGLE_S'] ?? 5);
const EVALUATIONS = Number(process.env['BENCH_EVALUATIONS'] ?? 50_000);

/** The rule's condition: five rows, built-in operators only so plain json-rules-engine runs it unchanged. */
const CONDITION: TopLevelCondition = {
  all: [
    { fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 50 },
    { fact: 'event', path: '$.data.channel', operator: 'in', value: ['app', 'web'] },
    { fact: 'laterEventTypes', operator: 'doesNotContain', value: 'order.shipped' },
    { fact: 'event', path: '$.subject.sellerId', operator: 'notEqual', value: 'blocked' },
    { fact: 'elapsedMs', operator: 'greaterThanInclusive', value: 0 },
  ],
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function paidEvent(n: number, occurredAt: number) {
  return {
    eventId: `paid-${n}`,
    type: 'order.paid',
    occurredAt: new Date(occurredAt).toISOString(),
    subject: { orderId: `o-${n}`, sellerId: `s-${n % 97}`, buyerId: `b-${n % 1013}` },
    data: { amount: 50 + (n % 500), channel: n % 2 ? 'app' : 'web' },
  };
}

/** Part 3: the same rule through our evaluator and through plain json-rules-engine, sequentially, same facts. */
async function evaluationBench(): Promise<{ ours: number; plain: number }> {
  const facts = {
    event: paidEvent(1, Date.now() - 60_000),
    laterEventTypes: ['order.remarked'],
    elapsedMs: 60_000,
    $now: Date.now(),
  };
  const evaluator = createConditionEvaluator();
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: CONDITION, event: { type: 'match' } });
  const runOurs = async () => {
    if (!(await evaluator.evaluate(CONDITION, facts))) throw new Error('our evaluator said false');
  };
  const runPlain = async () => {
    if ((await engine.run(facts)).events.length !== 1) throw new Error('json-rules-engine said false');
  };
  const time = async (run: () => Promise<void>, n: number) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) await run();
    return (n * 1000) / (performance.now() - started);
  };
  // Warm-up, then alternate twice so neither side gets only the noisy half of a shared machine.
  await time(runOurs, 5_000);
  await time(runPlain, 5_000);
  const ours = [await time(runOurs, EVALUATIONS), await time(runOurs, EVALUATIONS)];
  const plain = [await time(runPlain, EVALUATIONS), await time(runPlain, EVALUATIONS)];
  const plainB = await time(runPlain, EVALUATIONS);
  const oursB = await time(runOurs, EVALUATIONS);
  return { ours: Math.max(...ours, oursB), plain: Math.max(...plain, plainB) };
}

async function main(): Promise<void> {
  const dbName = `zs_bench_triggers_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-bench-triggers-'));
  const prefix = `zs-bench-trg-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const url = `http://127.0.0.1:${PORT}`;

  let delivered = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered++;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(RECEIVER_PORT, '127.0.0.1', r));

  await admin(`CREATE DATABASE "${dbName}"`);
  const db = new pg.Pool({ connectionString: dbUrl(dbName), max: 2 });
  const env: NodeJS.ProcessEnv = {
    ...benchApiEnv({ databaseUrl: dbUrl(dbName), redisUrl: REDIS_URL, queuePrefix: prefix, port: PORT, adminPassword: password, dataDir, poolSize: '16' }),
    OUTBOUND_WEBHOOK_URL: `http://127.0.0.1:${RECEIVER_PORT}/chat`,
    OUTBOUND_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
    OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
  };
  const api = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let worker: ChildProcess | undefined;
  try {
    await waitHealthy(url, api);
    // BENCH_WORKER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the worker process.
    const workerArgs = (process.env['BENCH_WORKER_ARGS'] ?? '').split(' ').filter(Boolean);
    worker = spawn(process.execPath, [...workerArgs, '--import', 'tsx', 'apps/api/src/worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const { token } = await call<{ token: string }>(url, 'POST', '/v1/auth/login', null, { email: env.ADMIN_EMAIL, password });
    await call(url, 'POST', '/v1/bots', token, { key: 'bench', name: 'bench' });
    const ruleSet = {
      key: 'bench',
      name: 'bench',
      rules: [
        {
          id: 'unshipped',
          name: 'unshipped',
          on: 'order.paid',
          after: `${DELAY_S}s`,
          if: CONDITION,
          cancelOn: ['order.shipped'],
          actions: [{ type: 'send_message', to: 'seller', template: '订单 {{event.subject.orderId}} 已付款，请尽快发货' }],
        },
      ],
    };
    await call(url, 'POST', '/v1/bots/bench/rulesets', token, { document: ruleSet });
    await call(url, 'POST', '/v1/bots/bench/rulesets/bench/publish', token, { note: 'bench' });
    await call(url, 'PUT', '/v1/bots/bench/rulesets/bench/live', token, { version: 1 });
    const { key } = await call<{ key: string }>(url, 'POST', '/v1/bots/bench/api-keys', token, { name: 'bench' });

    // 1a. Batched ingestion of TRIGGERS events; due times spread over WINDOW_S seconds.
    const base = Date.now();
    const spacing = (WINDOW_S * 1000) / TRIGGERS;
    let nextBatch = 0;
    let scheduled = 0;
    const batches = Math.ceil(TRIGGERS / BATCH);
    const ingestStart = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let b = nextBatch++; b < batches; b = nextBatch++) {
          const events = Array.from({ length: Math.min(BATCH, TRIGGERS - b * BATCH) }, (_, i) => {
            const n = b * BATCH + i;
            return paidEvent(n, base + n * spacing);
          });
          const result = await call<{ scheduled: number }>(url, 'POST', '/v1/events/batch', key, { events });
          scheduled += result.scheduled;
        }
      }),
    );
    const ingestSeconds = (performance.now() - ingestStart) / 1000;

    // 1b. Single-event POSTs (no trigger scheduled: a type no rule listens to) for the per-request rate.
    let singles = 0;
    const singleLatencies: number[] = [];
    const singleEnd = performance.now() + SINGLE_S * 1000;
    await Promise.all(
      Array.from({ length: 32 }, async (_, c) => {
        for (let i = 0; performance.now() < singleEnd; i++) {
          const t0 = performance.now();
          await call(url, 'POST', '/v1/events', key, { eventId: `note-${c}-${i}`, type: 'order.remarked', occurredAt: new Date().toISOString(), subject: { orderId: `x-${c}-${i}` }, data: {} });
          singleLatencies.push(performance.now() - t0);
          singles++;
        }
      }),
    );
    singleLatencies.sort((a, b) => a - b);

    // 2. Wait for every trigger to settle and its webhook to arrive.
    const count = async (sql: string) => Number(((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0));
    const firstDue = base + DELAY_S * 1000;
    const lastDue = firstDue + WINDOW_S * 1000;
    const settleDeadline = lastDue + 300_000;
    for (;;) {
      const pending = await count(`SELECT count(*) AS n FROM trigger_jobs WHERE status = 'pending'`);
      if (pending === 0 && delivered >= TRIGGERS) break;
      if (Date.now() > settleDeadline) throw new Error(`gave up: ${pending} pending, ${delivered} delivered`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const fires = await db.query<{ outcome: string; n: string; p50: number; p99: number; max: number; first: Date; last: Date }>(
      `SELECT outcome, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness_ms) AS p99, max(lateness_ms) AS max, min(at) AS first, max(at) AS last
       FROM trigger_fires GROUP BY outcome`,
    );
    const fired = fires.rows.find((r) => r.outcome === 'fired');
    const fireSeconds = fired ? (new Date(fired.last).getTime() - new Date(fired.first).getTime()) / 1000 : Number.NaN;

    // 3. Rule evaluation, ours vs plain json-rules-engine.
    const evals = await evaluationBench();

    const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
    console.log(`\nZhishou trigger benchmark — ${new Date().toISOString()}`);
    console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; api + 1 worker process (BullMQ, Redis and Postgres local); load generator and webhook receiver in this process`);
    console.log(`${n0(TRIGGERS)} order.paid events in batches of ${BATCH} over ${CLIENTS} clients; rule: after ${DELAY_S}s, 5-condition if, cancelOn, send_message; due times spread over ${WINDOW_S}s\n`);
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| events ingested (batched, stored + matched + scheduled) | ${n0(TRIGGERS / ingestSeconds)} events/s (${ingestSeconds.toFixed(1)} s) |`);
    console.log(`| triggers scheduled | ${n0(scheduled)} → ${n0(scheduled / ingestSeconds)} schedules/s |`);
    console.log(`| single-event POST /v1/events, 32 clients | ${n0(singles / SINGLE_S)} events/s, p50 ${percentile(singleLatencies, 50).toFixed(1)} ms, p99 ${percentile(singleLatencies, 99).toFixed(1)} ms |`);
    for (const r of fires.rows) console.log(`| fire outcome: ${r.outcome} | ${n0(Number(r.n))} |`);
    if (fired) {
      console.log(`| firing lateness (due → evaluated) | p50 ${Math.round(fired.p50)} ms, p99 ${Math.round(fired.p99)} ms, max ${fired.max} ms |`);
      console.log(`| fires/s while due (first → last fire) | ${n0(Number(fired.n) / fireSeconds)} |`);
    }
    console.log(`| webhooks received | ${n0(delivered)} |`);
    console.log(`| rule evaluations, createConditionEvaluator() | ${n0(evals.ours)}/s (${(1e6 / evals.ours).toFixed(1)} µs) |`);
    console.log(`| rule evaluations, plain json-rules-engine | ${n0(evals.plain)}/s (${(1e6 / evals.plain).toFixed(1)} µs) |`);
    console.log(`\nours ÷ plain time per evaluation = ${(evals.plain / evals.ours).toFixed(2)} (target ≤ 1.5)`);
    console.log(`targets: ≥ 2,000 events/s ${TRIGGERS / ingestSeconds >= 2000 ? 'MET' : 'NOT MET'}; ≥ 5,000 schedules/s ${scheduled / ingestSeconds >= 5000 ? 'MET' : 'NOT MET'}; lateness p99 ≤ 500 ms ${fired && fired.p99 <= 500 ? 'MET' : 'NOT MET'}`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share these cores)`);
  } finally {
    worker?.kill('SIGTERM');
    api.kill('SIGTERM');
    await Promise.all([worker, api].map((c) => (c && c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await db.end();
    receiver.close();
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await deleteRedisKeys(REDIS_URL, prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
