import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** Environment variables the api and the worker read. Everything else is derived from these. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// URL' }),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a redis:// URL' }).optional(),
  QUEUE_DRIVER: z.enum(['bullmq', 'pgboss']).optional(),
  QUEUE_PREFIX: z.string().min(1).default('zs'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  JWT_TTL: z.string().regex(/^\d+[smhd]$/, 'a duration like "12h"').default('12h'),
  ADMIN_EMAIL: z.email().default('admin@zhishou.local'),
  ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(16),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RUN_WORKER_IN_PROCESS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  DESIGNER_DIST: z.string().optional(),
  /** Load the demo bot (flows/xianyu) into an installation that does not have it yet (api process only). */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
  /** Where trigger messages (send_message actions) are POSTed, signed: the marketplace's chat service. */
  OUTBOUND_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  /** HMAC secret of outbound webhooks; required in production when OUTBOUND_WEBHOOK_URL is set. */
  OUTBOUND_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** Comma-separated hosts outbound webhooks may reach even on private/loopback addresses. */
  OUTBOUND_ALLOWED_HOSTS: z.string().default(''),
  TRIGGER_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  TRIGGER_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  /** Login throttling: failures per account (and per client address) within the window before a lockout. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** The first lockout; each further one doubles, up to LOGIN_LOCKOUT_MAX_SECONDS. */
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3_600),
  /** Requests per API key per minute on the chat and event routes (0 = unlimited). */
  CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000_000).default(300_000),
  EVENTS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000_000).default(300_000),
  /** Bearer token /metrics requires; without it /metrics is open in development and test, and off in production. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Key the sandbox marketplace requires (header X-Sandbox-Key); without it the sandbox is open in development and test, and off in production. */
  SANDBOX_KEY: z.string().min(16, 'at least 16 characters').optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Injection token of the validated AppConfig (also exported by config.module). */
export const CONFIG = Symbol('CONFIG');

export interface AppConfig {
  env: Env['NODE_ENV'];
  databaseUrl: string;
  dbPoolSize: number;
  redisUrl: string | undefined;
  queue: { driver: 'bullmq' | 'pgboss'; prefix: string };
  port: number;
  host: string;
  publicUrl: string;
  jwt: { secret: string; ttl: string };
  admin: { email: string; password: string | undefined };
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  runWorkerInProcess: boolean;
  designerDist: string;
  seedDemo: boolean;
  /** Outbound signed webhooks of trigger actions. */
  outbound: { webhookUrl: string | undefined; secret: string; allowedHosts: string[]; attempts: number; backoffMs: number };
  /** Login throttling and per-API-key rate limits (see modules/auth/login-throttle.ts, rate-limit.ts). */
  security: {
    login: { maxFailures: number; maxFailuresPerIp: number; windowMs: number; lockoutMs: number; lockoutMaxMs: number };
    rateLimitPerMinute: { chat: number; events: number };
    /** null: /metrics is open; 'off': not served (production without METRICS_TOKEN). */
    metricsToken: string | null | 'off';
    sandboxKey: string | null | 'off';
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(defined);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
}

/** The repo root, so relative paths (data dir, designer dist) do not depend on the cwd of a child process. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../../../..');

function resolvePath(path: string): string {
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}

/**
 * Secrets copied from the docs, examples and manifests of this repo (and the usual stand-ins): refused
 * in production, where anyone who read the repo could forge tokens with them.
 */
const PLACEHOLDER_SECRET = /change[_-]?me|changeit|placeholder|example|secret[_-]?key|your[_-]?secret|replace[_-]?(me|this)|^(.)\2+$|^(0123456789|abcdef|password|secret)+/i;

export function isPlaceholderSecret(secret: string): boolean {
  return PLACEHOLDER_SECRET.test(secret) || new Set(secret).size < 8;
}

/** In development a missing JWT secret is generated once and kept in the data dir, so restarts keep sessions. */
function jwtSecret(env: Env, dataDir: string): string {
  if (env.JWT_SECRET && env.NODE_ENV === 'production' && isPlaceholderSecret(env.JWT_SECRET)) {
    throw new ConfigError(['JWT_SECRET: a placeholder or low-entropy value; set a random secret (e.g. `openssl rand -base64 48`)']);
  }
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'production') throw new ConfigError(['JWT_SECRET: required in production (at least 32 characters)']);
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** Without an explicit secret (dev, tests) the webhook secret is derived from the JWT secret, so it is stable per deployment. */
function outboundConfig(env: Env, jwtSecretValue: string): AppConfig['outbound'] {
  if (env.NODE_ENV === 'production' && env.OUTBOUND_WEBHOOK_URL && !env.OUTBOUND_WEBHOOK_SECRET) {
    throw new ConfigError(['OUTBOUND_WEBHOOK_SECRET: required in production when OUTBOUND_WEBHOOK_URL is set']);
  }
  return {
    webhookUrl: env.OUTBOUND_WEBHOOK_URL,
    secret: env.OUTBOUND_WEBHOOK_SECRET ?? createHmac('sha256', jwtSecretValue).update('zhishou outbound webhooks').digest('hex'),
    allowedHosts: env.OUTBOUND_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    attempts: env.TRIGGER_DELIVERY_ATTEMPTS,
    backoffMs: env.TRIGGER_DELIVERY_BACKOFF_MS,
  };
}

function securityConfig(env: Env): AppConfig['security'] {
  const production = env.NODE_ENV === 'production';
  for (const [name, value] of [['METRICS_TOKEN', env.METRICS_TOKEN], ['SANDBOX_KEY', env.SANDBOX_KEY], ['OUTBOUND_WEBHOOK_SECRET', env.OUTBOUND_WEBHOOK_SECRET]] as const) {
    if (production && value && isPlaceholderSecret(value)) throw new ConfigError([`${name}: a placeholder or low-entropy value; set a random secret`]);
  }
  if (production && env.ADMIN_PASSWORD && PLACEHOLDER_SECRET.test(env.ADMIN_PASSWORD)) throw new ConfigError(['ADMIN_PASSWORD: a placeholder value; choose a real password']);
  return {
    login: {
      maxFailures: env.LOGIN_MAX_FAILURES,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: env.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
      lockoutMs: env.LOGIN_LOCKOUT_SECONDS * 1000,
      lockoutMaxMs: Math.max(env.LOGIN_LOCKOUT_SECONDS, env.LOGIN_LOCKOUT_MAX_SECONDS) * 1000,
    },
    rateLimitPerMinute: { chat: env.CHAT_RATE_LIMIT_PER_MINUTE, events: env.EVENTS_RATE_LIMIT_PER_MINUTE },
    metricsToken: env.METRICS_TOKEN ?? (production ? 'off' : null),
    sandboxKey: env.SANDBOX_KEY ?? (production ? 'off' : null),
  };
}

export function buildConfig(env: Env): AppConfig {
  const dataDir = resolvePath(env.DATA_DIR);
  const driver = env.QUEUE_DRIVER ?? (env.REDIS_URL ? 'bullmq' : 'pgboss');
  if (driver === 'bullmq' && !env.REDIS_URL) throw new ConfigError(['QUEUE_DRIVER: "bullmq" needs REDIS_URL']);
  const jwt = { secret: jwtSecret(env, dataDir), ttl: env.JWT_TTL };
  return {
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    dbPoolSize: env.DB_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    queue: { driver, prefix: env.QUEUE_PREFIX },
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    jwt,
    admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
    dataDir,
    logLevel: env.LOG_LEVEL,
    runWorkerInProcess: env.RUN_WORKER_IN_PROCESS,
    designerDist: resolvePath(env.DESIGNER_DIST ?? 'apps/designer/dist'),
    seedDemo: env.SEED_DEMO,
    outbound: outboundConfig(env, jwt.secret),
    security: securityConfig(env),
  };
}

/** Reads and validates process.env; the only place in apps/api that reads it. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  return buildConfig(parseEnv(source));
}
