import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type AppConfig, CONFIG } from '../../infra/config/config';

/** One Redis connection for login throttling and rate limits (null without REDIS_URL), keys under the queue prefix. */
@Injectable()
export class SecurityRedis implements OnApplicationShutdown {
  readonly client: Redis | null;
  readonly prefix: string;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.client = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
    // Without a listener an unreachable Redis would be an unhandled 'error' event; callers see failed commands.
    this.client?.on('error', () => undefined);
    this.prefix = `${config.queue.prefix}:sec`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}
