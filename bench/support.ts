// Shared plumbing of the server benchmarks: a scratch database, a health wait, JSON calls.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BASE_DB = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs one statement (CREATE/DROP DATABASE) on the base database. */
export async function adminSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_DB });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The base database URL pointed at another database name. */
export function databaseUrl(name: string): string {
  const url = new URL(BASE_DB);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`api did not become healthy in ${timeoutMs / 1000} s`);
}

/** A JSON call that throws with the status and body on anything but 2xx. */
export async function call<T>(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Environment of an api/worker process under benchmark: production mode, a scratch database and queue
 * prefix, a known admin, quiet logs, no demo seeding (each bench loads what it needs through the API).
 */
export function benchApiEnv(options: {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port: number;
  adminPassword: string;
  dataDir: string;
  poolSize: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.queuePrefix,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'bench@zhishou.local',
    ADMIN_PASSWORD: options.adminPassword,
    DATA_DIR: options.dataDir,
    DB_POOL_SIZE: options.poolSize,
    LOG_LEVEL: 'warn',
    RUN_WORKER_IN_PROCESS: 'false',
    SEED_DEMO: 'false',
  };
}
