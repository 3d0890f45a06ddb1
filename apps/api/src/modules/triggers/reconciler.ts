import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { FIRE_ATTEMPTS, FIRE_BACKOFF_MS } from './scheduler.service';
import { TriggerRepository } from './trigger.repository';
import { TriggerRunner } from './trigger-runner.service';

const SWEEP_EVERY_MS = 10_000;
/** A pending trigger this far past due should have been settled by its job. */
const TRIGGER_GRACE_MS = 15_000;
/** A pending delivery older than this is not being tried inline any more (5 s timeout) and should have a queue job. */
const DELIVERY_GRACE_MS = 15_000;
const SWEEP_LIMIT = 2_000;
const CHUNK = 50;

async function inChunks<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await Promise.all(items.slice(i, i + CHUNK).map(run));
}

/**
 * Repairs the gaps between committed rows and queue jobs, at start and every 10 s:
 * - a pending trigger past due whose job the queue does not know (an enqueue lost after commit) is enqueued;
 *   one whose job is `active` (its worker died holding it) or already finished is fired here — safe because
 *   settling is a conditional update, so a second evaluation can never record or deliver twice;
 * - a pending delivery whose job the queue does not know (the process died between commit and enqueue) is
 *   enqueued.
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
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns what it repaired. */
  async sweep(now = Date.now()): Promise<{ enqueued: number; firedHere: number; deliveries: number }> {
    const result = { enqueued: 0, firedHere: 0, deliveries: 0 };
    if (this.running) return result;
    this.running = true;
    try {
      const overdue = await this.repo.overdue(new Date(now - TRIGGER_GRACE_MS), SWEEP_LIMIT);
      await inChunks(overdue, async (t) => {
        const state = await this.queue.state(JobName.TriggerFire, t.jobId);
        if (state === null) {
          await this.queue.enqueue(JobName.TriggerFire, { bot: t.bot, jobId: t.jobId }, { jobId: t.jobId, attempts: FIRE_ATTEMPTS, backoffMs: FIRE_BACKOFF_MS });
          result.enqueued++;
        } else if (state === 'active' || state === 'completed' || state === 'failed') {
          // An error here leaves the row pending for the job's own retries (or the next sweep).
          await this.runner.fire(t.bot, t.jobId, { job: JobName.TriggerFire, jobId: t.jobId, attempt: 1 }).catch((error: unknown) => this.logger.warn({ err: error, jobId: t.jobId }, 'reconciler fire failed'));
          result.firedHere++;
        }
      });
      const deliveries = await this.repo.pendingDeliveries(new Date(now - DELIVERY_GRACE_MS), SWEEP_LIMIT);
      const lost: { bot: string; id: string }[] = [];
      await inChunks(deliveries, async (d) => {
        // Not `active` ones: under a backlog a job may have just started, and a second send is a duplicate
        // at the receiver. A delivery held by a dead worker comes back through the queue's stalled-job check.
        if ((await this.queue.state(JobName.TriggerDeliver, d.id)) === null) lost.push(d);
      });
      await this.runner.enqueueDeliveries(lost);
      result.deliveries = lost.length;
      if (result.enqueued + result.firedHere + result.deliveries > 0) this.logger.info(result, 'trigger reconciliation repaired jobs');
    } catch (error) {
      this.logger.warn({ err: error }, 'trigger reconciliation failed');
    } finally {
      this.running = false;
    }
    return result;
  }
}
