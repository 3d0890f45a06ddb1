/**
 * Chat benchmark (not a test): starts the real api (its own process) on a fresh Postgres database,
 * loads the demo bot through the HTTP API, then measures in one run
 *   1. a bare endpoint (the public sandbox route: Nest + Fastify + auth guard, no database), and
 *   2. chat turns through the demo bot over many conversations (64 concurrent by default),
 * and prints turns/s, p50/p99 latency and the ratio to the bare endpoint.
 *
 *   npm run bench                         # defaults
 *   BENCH_SECONDS=20 BENCH_CONCURRENCY=64 BENCH_TURNS_PER_CONVERSATION=8 npm run bench
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminSql as admin, benchApiEnv, call, databaseUrl as dbUrl, waitHealthy } from './support';
import { readBotBundle } from '../apps/api/src/modules/demo/bot-bundle';
import { runLoad, type LoadResult } from './chat-load';

const ROOT = resolve(import.meta.dirname, '..');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env['BENCH_PORT'] ?? 3210);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 64);
const TURNS_PER_CONVERSATION = Number(process.env['BENCH_TURNS_PER_CONVERSATION'] ?? 8);
const POOL = process.env['BENCH_DB_POOL'] ?? '32';
const BUNDLE = process.env['BENCH_BOT_DIR'] ?? join(ROOT, 'flows', 'xianyu');

/** What buyers say in a Xianyu chat, in order; each conversation walks through it. */
const SCRIPT = ['你好', '还在吗', '能便宜点吗', '500行不行', '包邮吗', '什么时候发货', '成色怎么样', '是正品吗', '我的订单XY20261125000123到哪了', '谢谢'];

/** Loads the demo bot directory through the public API (bot, NLU data, flows published and live, API key). */
async function loadBot(url: string, token: string, botKey?: string): Promise<{ bot: string; key: string }> {
  const bundle = readBotBundle(BUNDLE);
  const bot = botKey ?? bundle.manifest.key;
  await call(url, 'POST', '/v1/bots', token, { key: bot, name: bundle.manifest.name, settings: { mainFlow: bundle.manifest.mainFlow } });
  if (bundle.nlu) {
    await call(url, 'PUT', `/v1/bots/${bot}/nlu`, token, { document: bundle.nlu, revision: 0 });
    await call(url, 'POST', `/v1/bots/${bot}/nlu/publish`, token, { note: 'bench' });
  }
  const keys: string[] = [];
  for (const f of bundle.flows) keys.push((await call<{ key: string }>(url, 'POST', `/v1/bots/${bot}/flows`, token, { document: f.document })).key);
  for (const k of keys) {
    const v = await call<{ number: number }>(url, 'POST', `/v1/bots/${bot}/flows/${k}/publish`, token, { note: 'bench' });
    await call(url, 'PUT', `/v1/bots/${bot}/flows/${k}/live`, token, { version: v.number });
  }
  const created = await call<{ key: string }>(url, 'POST', `/v1/bots/${bot}/api-keys`, token, { name: 'bench' });
  return { bot, key: created.key };
}

/** CPU time (user + system, ms) the process has used so far, from /proc (Linux), or NaN elsewhere. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100/s)
  } catch {
    return NaN;
  }
}

/** Runs a load and also reports the api process's CPU per request (is the api or something it waits for the limit?). */
async function measured(pid: number | undefined, run: () => Promise<LoadResult>): Promise<LoadResult & { cpuMsPerRequest: number }> {
  const before = cpuMsOf(pid);
  const result = await run();
  return { ...result, cpuMsPerRequest: (cpuMsOf(pid) - before) / result.requests };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
function row(name: string, r: LoadResult & { cpuMsPerRequest: number }): string {
  return `| ${name} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.requests} | ${r.errors} | ${ms(r.cpuMsPerRequest)} |`;
}

async function main(): Promise<void> {
  const dbName = `zs_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-bench-'));
  const prefix = `zs-bench-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const url = `http://127.0.0.1:${PORT}`;
  await admin(`CREATE DATABASE "${dbName}"`);
  const env = {
    ...benchApiEnv({ databaseUrl: dbUrl(dbName), redisUrl: REDIS_URL, queuePrefix: prefix, port: PORT, adminPassword: password, dataDir, poolSize: POOL }),
  };
  // BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the api process.
  const nodeArgs = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/api/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await waitHealthy(url, child);
    const { token } = await call<{ token: string }>(url, 'POST', '/v1/auth/login', null, { email: env.ADMIN_EMAIL, password });
    const { bot, key } = await loadBot(url, token);
    // The same bot under a key without shipped ONNX models: the baseline NLU only, to show what the models cost.
    const baseline = await loadBot(url, token, `${bot}_baseline`);
    let run = 0;
    const chatOn = (target: { bot: string; key: string }) => (client: number, i: number) => {
      const auth = { authorization: `Bearer ${target.key}` };
      const conversation = Math.floor(i / TURNS_PER_CONVERSATION);
      const turn = i % TURNS_PER_CONVERSATION;
      return {
        method: 'POST' as const,
        path: `/v1/bots/${target.bot}/conversations/r${run}-c${client}-${conversation}/messages`,
        body: JSON.stringify({ messageId: `m${turn}`, text: SCRIPT[turn % SCRIPT.length] }),
        headers: auth,
      };
    };
    const bare = () => ({ method: 'GET' as const, path: '/v1/sandbox/orders/XY20261125000123' });

    // Warm up both paths (JIT, prepared statements, caches), then measure.
    const chat = chatOn({ bot, key });
    const chatBaseline = chatOn(baseline);
    run = 0;
    await runLoad(url, CONCURRENCY, 2, bare);
    await runLoad(url, CONCURRENCY, 3, chat);
    await runLoad(url, CONCURRENCY, 2, chatBaseline);
    run = 1;
    const bareResult = await measured(child.pid, () => runLoad(url, CONCURRENCY, SECONDS, bare));
    const chatResult = await measured(child.pid, () => runLoad(url, CONCURRENCY, SECONDS, chat));
    const baselineResult = await measured(child.pid, () => runLoad(url, CONCURRENCY, SECONDS, chatBaseline));
    const conversations = Math.ceil(chatResult.requests / TURNS_PER_CONVERSATION);

    console.log(`\nZhishou chat benchmark — ${new Date().toISOString()}`);
    console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; api: 1 process, DB pool ${POOL}, Postgres + Redis local; load generator on the same machine`);
    console.log(`${CONCURRENCY} concurrent clients, ${SECONDS} s each; chat: ~${conversations} conversations × ${TURNS_PER_CONVERSATION} turns through bot "${bot}"\n`);
    console.log('| endpoint | req/s | p50 | p90 | p99 | max | requests | errors | api CPU / request |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    console.log(row('bare (GET /v1/sandbox/orders/:id)', bareResult));
    console.log(row(`chat turn, ${bot} (shipped ONNX models)`, chatResult));
    console.log(row(`chat turn, ${baseline.bot} (baseline NLU)`, baselineResult));
    console.log(`\nchat turns/s ÷ bare req/s = ${(chatResult.perSecond / bareResult.perSecond).toFixed(3)}`);
    console.log(`baseline-NLU turns/s ÷ bare req/s = ${(baselineResult.perSecond / bareResult.perSecond).toFixed(3)}`);
    console.log(`statuses: bare ${JSON.stringify(bareResult.statuses)}, chat ${JSON.stringify(chatResult.statuses)}, baseline ${JSON.stringify(baselineResult.statuses)}`);
    console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share these cores)`);
    const ok = chatResult.perSecond >= 1000 && chatResult.p99 <= 50;
    console.log(`target ≥ 1,000 turns/s with p99 ≤ 50 ms at ${CONCURRENCY} concurrent conversations: ${ok ? 'MET' : 'NOT MET'}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
