import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type AppConfig, CONFIG } from '../../infra/config/config';

/** One Redis connection for login throttling and rate limits (null without REDIS_URL; connects on first use, so the worker never opens it), keys under the queue prefix. */
@Injectable()
export class SecurityRedis implements OnApplicationShutdown {
  readonly client: Redis | null;
  readonly prefix: string;

  constructor(@Inject(CONFIG) config: AppConfig) {
    this.client = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true }) : null;
    // Without a listener an unreachable Redis would be an unhandled 'error' event; callers see failed commands.
    this.client?.on('error', () => undefined);
    this.prefix = `${config.queue.prefix}:sec`;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    if (this.client.status === 'wait') this.client.disconnect(); // never used: nothing to close politely
    else await this.client.quit().catch(() => this.client?.disconnect());
  }
}
