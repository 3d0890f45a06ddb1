import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { FIRE_ATTEMPTS, FIRE_BACKOFF_MS } from './scheduler.service';
import { TriggerRepository } from './trigger.repository';
import { TriggerRunner } from './trigger-runner.service';

const SWEEP_EVERY_MS = 30_000;
/** A pending trigger this far past due has lost its wake-up (an enqueue that failed after commit). */
const OVERDUE_GRACE_MS = 30_000;
const SWEEP_LIMIT = 2_000;

/**
 * Repairs the gap between a committed trigger row and its queue job: every 30 s (and at start) pending
 * triggers well past due and pending deliveries are enqueued again under their deterministic ids —
 * a no-op for jobs the queue still has, a wake-up for any it never got.
 */
@Injectable()
export class TriggerReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @Inject(TriggerRepository) private readonly repo: TriggerRepository,
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(TriggerRunner) private readonly runner: TriggerRunner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many jobs it (re-)enqueued. */
  async sweep(now = Date.now()): Promise<{ triggers: number; deliveries: number }> {
    if (this.running) return { triggers: 0, deliveries: 0 };
    this.running = true;
    try {
      const overdue = await this.repo.overdue(new Date(now - OVERDUE_GRACE_MS), SWEEP_LIMIT);
      if (overdue.length > 0) {
        await this.queue.enqueueBulk(
          JobName.TriggerFire,
          overdue.map((t) => ({ payload: { bot: t.bot, jobId: t.jobId }, options: { jobId: t.jobId, attempts: FIRE_ATTEMPTS, backoffMs: FIRE_BACKOFF_MS } })),
        );
      }
      const deliveries = await this.repo.pendingDeliveries(new Date(now - OVERDUE_GRACE_MS), SWEEP_LIMIT);
      await this.runner.enqueueDeliveries(deliveries);
      return { triggers: overdue.length, deliveries: deliveries.length };
    } catch (error) {
      this.logger.warn({ err: error }, 'trigger reconciliation failed');
      return { triggers: 0, deliveries: 0 };
    } finally {
      this.running = false;
    }
  }
}
