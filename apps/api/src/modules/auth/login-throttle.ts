import { Inject, Injectable } from '@nestjs/common';
import { type AppConfig, CONFIG } from '../../infra/config/config';
import { LoginThrottleRepository } from './login-throttle.repository';
import { SecurityRedis } from './security-redis';

/** Failure counter of one account or one client address. Times in epoch ms; 0 = none. */
export interface ThrottleRecord {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  lockoutMaxMs: number;
}

/**
 * One more failed login. Failures older than the window (counted from the last failure) are forgotten;
 * every `maxFailures`-th failure locks for `lockoutMs`, doubling with each lockout up to `lockoutMaxMs`.
 * Attempts while locked are refused before the password is checked and do not count, so an attacker
 * cannot extend a victim's lockout, only wait it out.
 */
export function afterFailure(record: ThrottleRecord, now: number, policy: ThrottlePolicy): ThrottleRecord {
  if (record.lockedUntil > now) return record;
  const failures = now - record.lastFailureAt > policy.windowMs ? 1 : record.failures + 1;
  const lockouts = Math.floor(failures / policy.maxFailures);
  const lockedUntil = failures % policy.maxFailures === 0 ? now + Math.min(policy.lockoutMaxMs, policy.lockoutMs * 2 ** (lockouts - 1)) : 0;
  return { failures, lastFailureAt: now, lockedUntil };
}

// The same rule as afterFailure, atomically in Redis (HASH f, l, u). Returns lockedUntil.
const FAIL_SCRIPT = `
local now = tonumber(ARGV[1]); local window = tonumber(ARGV[2]); local max = tonumber(ARGV[3])
local base = tonumber(ARGV[4]); local cap = tonumber(ARGV[5])
local v = redis.call('HMGET', KEYS[1], 'f', 'l', 'u')
local f = tonumber(v[1]) or 0; local l = tonumber(v[2]) or 0; local u = tonumber(v[3]) or 0
if u > now then return u end
if now - l > window then f = 1 else f = f + 1 end
u = 0
if f % max == 0 then u = now + math.min(cap, base * 2 ^ (math.floor(f / max) - 1)) end
redis.call('HSET', KEYS[1], 'f', f, 'l', now, 'u', u)
redis.call('PEXPIRE', KEYS[1], math.max(window, u - now) + 1000)
return u`;

/**
 * Login throttling per account and per client address, shared by every api instance: in Redis when
 * REDIS_URL is set, else in Postgres (table login_throttle).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(LoginThrottleRepository) private readonly repo: LoginThrottleRepository,
    @Inject(SecurityRedis) private readonly redis: SecurityRedis,
  ) {}

  private keys(email: string, ip: string): { key: string; policy: ThrottlePolicy }[] {
    const login = this.config.security.login;
    const base = { windowMs: login.windowMs, lockoutMs: login.lockoutMs, lockoutMaxMs: login.lockoutMaxMs };
    return [
      { key: `acct:${email.toLowerCase()}`, policy: { ...base, maxFailures: login.maxFailures } },
      { key: `ip:${ip}`, policy: { ...base, maxFailures: login.maxFailuresPerIp } },
    ];
  }

  /** Milliseconds until this account and address may try again (0 = now). */
  async waitMs(email: string, ip: string, now = Date.now()): Promise<number> {
    const keys = this.keys(email, ip).map((k) => k.key);
    let until = 0;
    const client = this.redis.client;
    if (client) {
      const values = await Promise.all(keys.map((key) => client.hget(`${this.redis.prefix}:login:${key}`, 'u')));
      for (const value of values) until = Math.max(until, Number(value ?? 0));
    } else {
      until = await this.repo.lockedUntil(keys);
    }
    return Math.max(0, until - now);
  }

  async recordFailure(email: string, ip: string, now = Date.now()): Promise<void> {
    for (const { key, policy } of this.keys(email, ip)) {
      const client = this.redis.client;
      if (client) {
        await client.eval(FAIL_SCRIPT, 1, `${this.redis.prefix}:login:${key}`, now, policy.windowMs, policy.maxFailures, policy.lockoutMs, policy.lockoutMaxMs);
        continue;
      }
      await this.repo.update(key, (record) => afterFailure(record, now, policy));
    }
  }

  /** A successful login clears the account's counter (not the address's: one good password does not vouch for the rest). */
  async recordSuccess(email: string): Promise<void> {
    const key = `acct:${email.toLowerCase()}`;
    if (this.redis.client) await this.redis.client.del(`${this.redis.prefix}:login:${key}`);
    else await this.repo.delete(key);
  }
}
