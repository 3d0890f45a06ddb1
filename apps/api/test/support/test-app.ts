import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@zhishou/flow-schema';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { buildConfig, parseEnv, type AppConfig } from '../../src/infra/config/config';
import { createHttpApp } from '../../src/infra/http-server/create-app';
import { createLogger } from '../../src/infra/logging/logger';
import { deleteRedisKeys } from './redis';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from './test-database';

export interface TestAppOptions {
  /** Queue driver; default 'bullmq' on REDIS_URL with a unique key prefix. */
  queue?: 'bullmq' | 'pgboss';
  /** Process jobs inside the app (like RUN_WORKER_IN_PROCESS=true); default false. */
  runWorker?: boolean;
  /** Extra environment variables, validated like the real ones. */
  env?: Record<string, string>;
  /** Reuse a database (e.g. to restart an app on the same data); default: a fresh one, dropped on close. */
  database?: TestDatabase;
  /** First-admin credentials; pass the earlier app's `admin` when reusing its database. */
  admin?: { email: string; password: string };
  /** Where the app's JSON log lines go (at LOG_LEVEL info unless env says otherwise); default: silent. */
  logDestination?: DestinationStream;
}

export interface RequestOptions {
  body?: unknown;
  /** Bearer token; default the admin's. `null` sends no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface TestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  dataSource: DataSource;
  database: TestDatabase;
  redisPrefix: string;
  adminToken: string;
  admin: { email: string; password: string };
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  get<T = unknown>(path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<TestResponse<T>>;
  put<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<TestResponse<T>>;
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions): Promise<TestResponse<T>>;
  delete<T = unknown>(path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  /**
   * A token of a fresh user with this role; a non-admin is granted the same role on every bot that
   * exists now (pass `bots` to grant only those).
   */
  loginAs(role: Role, options?: { bots?: string[] }): Promise<string>;
  /** Stops the app; drops the database unless it was passed in; removes the Redis keys under redisPrefix. */
  close(): Promise<void>;
}

/** Boots the real Nest app (every module, real Postgres and Redis) on a random port. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const redisPrefix = `zs-test-${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-test-'));
  const admin = options.admin ?? { email: 'admin@test.local', password: randomBytes(12).toString('base64url') };
  const driver = options.queue ?? 'bullmq';
  const config = buildConfig(
    parseEnv({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      ...(driver === 'bullmq' ? { REDIS_URL: TEST_REDIS_URL } : {}),
      QUEUE_DRIVER: driver,
      QUEUE_PREFIX: redisPrefix,
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      DATA_DIR: dataDir,
      DB_POOL_SIZE: '8',
      LOG_LEVEL: options.logDestination ? 'info' : (process.env['TEST_LOG_LEVEL'] ?? 'silent'),
      RUN_WORKER_IN_PROCESS: String(options.runWorker ?? false),
      ...options.env,
    }),
  );
  const logger = createLogger(config.logLevel, 'api-test', options.logDestination);
  const app = await createHttpApp(config, logger);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  let adminToken = '';
  async function request<T>(method: string, path: string, { body, token, headers = {} }: RequestOptions = {}): Promise<TestResponse<T>> {
    const bearer = token === undefined ? adminToken : token;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as T) : (text as T);
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async function login(email: string, password: string): Promise<string> {
    const response = await request<{ token: string }>('POST', '/v1/auth/login', { body: { email, password }, token: null });
    if (response.status !== 200) throw new Error(`test login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token;
  }

  adminToken = await login(admin.email, admin.password);
  let users = 0;

  return {
    app,
    url,
    config,
    dataSource: app.get(DataSource),
    database,
    redisPrefix,
    adminToken,
    admin,
    request,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    delete: (path, opts) => request('DELETE', path, opts),
    async loginAs(role, grantOptions = {}) {
      const email = `${role}-${++users}-${randomBytes(3).toString('hex')}@test.local`;
      const password = randomBytes(12).toString('base64url');
      const created = await request<{ id: string }>('POST', '/v1/users', { body: { email, password, role } });
      if (created.status !== 201) throw new Error(`test user creation failed: ${created.status} ${JSON.stringify(created.body)}`);
      if (role !== 'admin') {
        const bots = grantOptions.bots ?? (await request<{ key: string }[]>('GET', '/v1/bots')).body.map((bot) => bot.key);
        for (const bot of bots) {
          const granted = await request('PUT', `/v1/users/${created.body.id}/bots/${bot}`, { body: { role } });
          if (granted.status !== 200) throw new Error(`test grant failed: ${granted.status} ${JSON.stringify(granted.body)}`);
        }
      }
      return login(email, password);
    },
    async close() {
      await app.close();
      if (ownDatabase) await database.drop();
      if (driver === 'bullmq') await deleteRedisKeys(TEST_REDIS_URL, redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
