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
 * One login attempt, counted before the password is checked (so parallel guesses cannot slip past the
 * count). Failures older than the window (from the last one) are forgotten; every `maxFailures`-th
 * attempt locks for `lockoutMs`, doubling with each lockout up to `lockoutMaxMs`, and is itself still
 * checked, so an account gets exactly `maxFailures` tries per lockout. Attempts while locked are
 * refused unchecked and do not count, so an attacker cannot extend a victim's lockout, only wait.
 */
export function attempt(record: ThrottleRecord, now: number, policy: ThrottlePolicy): { allowed: boolean; record: ThrottleRecord } {
  if (record.lockedUntil > now) return { allowed: false, record };
  const failures = now - record.lastFailureAt > policy.windowMs ? 1 : record.failures + 1;
  const lockouts = Math.floor(failures / policy.maxFailures);
  const lockedUntil = failures % policy.maxFailures === 0 ? now + Math.min(policy.lockoutMaxMs, policy.lockoutMs * 2 ** (lockouts - 1)) : 0;
  return { allowed: true, record: { failures, lastFailureAt: now, lockedUntil } };
}

/** A successful attempt takes its own count back, and the lock only when this attempt set it. */
export function undo(record: ThrottleRecord, lockSetByAttempt: number): ThrottleRecord {
  return { ...record, failures: Math.max(0, record.failures - 1), lockedUntil: lockSetByAttempt && record.lockedUntil === lockSetByAttempt ? 0 : record.lockedUntil };
}

// attempt() and undo() atomically in Redis (HASH f, l, u). ATTEMPT returns {allowed, lockedUntil}.
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1]); local window = tonumber(ARGV[2]); local max = tonumber(ARGV[3])
local base = tonumber(ARGV[4]); local cap = tonumber(ARGV[5])
local v = redis.call('HMGET', KEYS[1], 'f', 'l', 'u')
local f = tonumber(v[1]) or 0; local l = tonumber(v[2]) or 0; local u = tonumber(v[3]) or 0
if u > now then return {0, u} end
if now - l > window then f = 1 else f = f + 1 end
u = 0
if f % max == 0 then u = now + math.min(cap, base * 2 ^ (math.floor(f / max) - 1)) end
redis.call('HSET', KEYS[1], 'f', f, 'l', now, 'u', u)
redis.call('PEXPIRE', KEYS[1], math.max(window, u - now) + 1000)
return {1, u}`;
const UNDO_SCRIPT = `
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
if f > 0 then redis.call('HSET', KEYS[1], 'f', f - 1) end
local set = tonumber(ARGV[1])
if set > 0 and tonumber(redis.call('HGET', KEYS[1], 'u') or '0') == set then redis.call('HSET', KEYS[1], 'u', 0) end
return 1`;

interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/** What begin() counted, for succeeded() to take back. */
export interface LoginTicket {
  keys: { key: string; lockSet: number }[];
}

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

  private keys(email: string, ip: string): ThrottleKey[] {
    const login = this.config.security.login;
    const base = { windowMs: login.windowMs, lockoutMs: login.lockoutMs, lockoutMaxMs: login.lockoutMaxMs };
    return [
      { key: `acct:${email.toLowerCase()}`, policy: { ...base, maxFailures: login.maxFailures } },
      { key: `ip:${ip}`, policy: { ...base, maxFailures: login.maxFailuresPerIp } },
    ];
  }

  /**
   * Counts an attempt on the account and the address. `waitMs` > 0: refused, locked for that long
   * (nothing counted); else go ahead and check the password, then call succeeded() if it was right.
   */
  async begin(email: string, ip: string, now = Date.now()): Promise<{ waitMs: number; ticket: LoginTicket }> {
    const ticket: LoginTicket = { keys: [] };
    const keys = this.keys(email, ip);
    const wait = await this.lockedFor(keys.map((k) => k.key), now);
    if (wait > 0) return { waitMs: wait, ticket };
    for (const { key, policy } of keys) {
      const result = await this.attemptOne(key, policy, now);
      if (!result.allowed) {
        // Locked between the check and the count (a parallel attempt): take back what this one counted.
        for (const counted of ticket.keys) await this.undoOne(counted.key, counted.lockSet);
        return { waitMs: Math.max(1, result.lockedUntil - now), ticket: { keys: [] } };
      }
      ticket.keys.push({ key, lockSet: result.lockedUntil });
    }
    return { waitMs: 0, ticket };
  }

  /** The password was right: the account's counter is cleared, the address's attempt taken back. */
  async succeeded(ticket: LoginTicket): Promise<void> {
    for (const { key, lockSet } of ticket.keys) {
      if (!key.startsWith('acct:')) await this.undoOne(key, lockSet);
      else if (this.redis.client) await this.redis.client.del(this.redisKey(key));
      else await this.repo.delete(key);
    }
  }

  private async undoOne(key: string, lockSet: number): Promise<void> {
    if (this.redis.client) await this.redis.client.eval(UNDO_SCRIPT, 1, this.redisKey(key), lockSet);
    else await this.repo.update(key, (record) => undo(record, lockSet));
  }

  private redisKey(key: string): string {
    return `${this.redis.prefix}:login:${key}`;
  }

  private async lockedFor(keys: string[], now: number): Promise<number> {
    let until = 0;
    const client = this.redis.client;
    if (client) {
      const values = await Promise.all(keys.map((key) => client.hget(this.redisKey(key), 'u')));
      for (const value of values) until = Math.max(until, Number(value ?? 0));
    } else {
      until = await this.repo.lockedUntil(keys);
    }
    return Math.max(0, until - now);
  }

  private async attemptOne(key: string, policy: ThrottlePolicy, now: number): Promise<{ allowed: boolean; lockedUntil: number }> {
    const client = this.redis.client;
    if (client) {
      const [allowed, lockedUntil] = (await client.eval(ATTEMPT_SCRIPT, 1, this.redisKey(key), now, policy.windowMs, policy.maxFailures, policy.lockoutMs, policy.lockoutMaxMs)) as [number, number];
      return { allowed: allowed === 1, lockedUntil };
    }
    let outcome = { allowed: false, lockedUntil: 0 };
    await this.repo.update(key, (record) => {
      const result = attempt(record, now, policy);
      outcome = { allowed: result.allowed, lockedUntil: result.record.lockedUntil };
      return result.record;
    });
    return outcome;
  }
}
