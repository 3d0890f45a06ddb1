import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AppConfig, CONFIG } from '../../infra/config/config';
import { TooManyRequestsError } from '../../infra/http-server/errors';
import type { AuthenticatedRequest } from './principal';
import { SecurityRedis } from './security-redis';

export type RateLimitKind = 'chat' | 'events';
const RATE_LIMIT = 'zhishou:rate-limit';
const WINDOW_MS = 60_000;

/** Marks a route as rate-limited per API key (with `@UseGuards(..., RateLimitGuard)` after the key is known). */
export const RateLimited = (kind: RateLimitKind) => SetMetadata(RATE_LIMIT, kind);

/**
 * Requests per API key per minute (fixed one-minute windows), counted in Redis when REDIS_URL is set
 * (every api instance shares the count), else in this process (the pg-boss setup runs one instance).
 * Over the limit: 429 with `Retry-After` = seconds to the next window. Logged-in users (the designer's
 * test chat) are not limited here.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly local = new Map<string, { window: number; count: number }>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(SecurityRedis) private readonly redis: SecurityRedis,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.getAllAndOverride<RateLimitKind | undefined>(RATE_LIMIT, [context.getHandler(), context.getClass()]);
    const client = context.switchToHttp().getRequest<AuthenticatedRequest>().botClient;
    const limit = kind ? this.config.security.rateLimitPerMinute[kind] : 0;
    if (!kind || !client || limit <= 0) return true;
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    const count = await this.count(`${kind}:${client.apiKeyId}`, window);
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
      throw new TooManyRequestsError(retryAfter, `more than ${limit} ${kind} requests per minute with this API key; retry after ${retryAfter} s`, 'rate_limited');
    }
    return true;
  }

  private async count(key: string, window: number): Promise<number> {
    const client = this.redis.client;
    if (client) {
      const redisKey = `${this.redis.prefix}:rl:${key}:${window}`;
      const [[, count]] = (await client.multi().incr(redisKey).pexpire(redisKey, WINDOW_MS * 2).exec()) as [[Error | null, number], [Error | null, number]];
      return count;
    }
    const entry = this.local.get(key);
    if (!entry || entry.window !== window) {
      if (this.local.size > 10_000) this.local.clear(); // old windows of idle keys
      this.local.set(key, { window, count: 1 });
      return 1;
    }
    return ++entry.count;
  }
}
