import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { BullMqQueue } from './bullmq.driver';
import type { JobPayloads } from './job-catalogue';
import { PgBossQueue } from './pgboss.driver';
import type { QueuePort } from './queue.port';

/** pg-boss schema names must be plain identifiers; derive one from the queue prefix. */
export function pgBossSchema(prefix: string): string {
  return `pgboss_${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

/** BullMQ when REDIS_URL is set (or QUEUE_DRIVER=bullmq), else pg-boss on the app's Postgres. */
export function createQueue(config: AppConfig, logger: Logger): QueuePort {
  if (config.queue.driver === 'bullmq') {
    if (!config.redisUrl) throw new Error('the bullmq queue driver needs REDIS_URL');
    return new BullMqQueue<JobPayloads>({ url: config.redisUrl, prefix: config.queue.prefix, logger });
  }
  return new PgBossQueue<JobPayloads>({ url: config.databaseUrl, schema: pgBossSchema(config.queue.prefix), logger });
}
