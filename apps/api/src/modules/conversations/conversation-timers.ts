import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { JsonValue } from '@zhishou/flow-schema';
import { JobName } from '../../infra/queue/job-catalogue';
import { JobRegistry } from '../../infra/queue/job-registry';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { ConversationRepository } from './conversation.repository';
import { OutboxDispatcher } from './outbox';
import { TIMER_CANCEL_TOPIC, TIMER_SCHEDULE_TOPIC, TIMER_SCHEDULER, timerJobId, type ConversationTimer, type TimerScheduler } from './timer-scheduler';
import { TurnService } from './turn.service';

/** Wait-node timers as delayed `conversation.timer` jobs with deterministic ids (BullMQ or pg-boss). */
@Injectable()
export class QueueTimerScheduler implements TimerScheduler {
  constructor(@Inject(QUEUE) private readonly queue: QueuePort) {}

  async schedule(timer: ConversationTimer, delayMs: number): Promise<void> {
    await this.queue.enqueue(JobName.ConversationTimer, timer, { jobId: timerJobId(timer), delayMs, attempts: 3, backoffMs: 1_000 });
  }

  async cancel(timer: Pick<ConversationTimer, 'conversationId' | 'timerId'>): Promise<void> {
    await this.queue.cancel(JobName.ConversationTimer, timerJobId(timer));
  }
}

function text(payload: Record<string, JsonValue>, key: string): string {
  const v = payload[key];
  if (typeof v !== 'string') throw new Error(`outbox payload has no "${key}"`);
  return v;
}

/**
 * Runs a fired timer as a turn (`{type:'timer'}`) through the same TurnService as messages; a timer
 * whose id no longer matches the state is ignored. Also carries out the timer rows of the outbox.
 */
@Injectable()
export class ConversationTimerProcessor implements OnModuleInit {
  constructor(
    @Inject(JobRegistry) private readonly jobs: JobRegistry,
    @Inject(TurnService) private readonly turns: TurnService,
    @Inject(OutboxDispatcher) private readonly outbox: OutboxDispatcher,
    @Inject(TIMER_SCHEDULER) private readonly timers: TimerScheduler,
  ) {}

  onModuleInit(): void {
    this.jobs.register(
      JobName.ConversationTimer,
      async (payload) => {
        await this.turns.run(payload.bot, payload.externalId, { type: 'timer', timerId: payload.timerId });
      },
      { concurrency: 8 },
    );
    this.outbox.handle(TIMER_SCHEDULE_TOPIC, async (p) => {
      const dueAt = p['dueAt'];
      if (typeof dueAt !== 'number') throw new Error('outbox payload has no "dueAt"');
      await this.timers.schedule({ bot: text(p, 'bot'), externalId: text(p, 'externalId'), conversationId: text(p, 'conversationId'), timerId: text(p, 'timerId') }, Math.max(0, dueAt - Date.now()));
    });
    this.outbox.handle(TIMER_CANCEL_TOPIC, async (p) => {
      await this.timers.cancel({ conversationId: text(p, 'conversationId'), timerId: text(p, 'timerId') });
    });
  }
}

const RECONCILE_EVERY_MS = 30_000;
const PAGE = 500;
const CHUNK = 50;

/**
 * Re-arms wait-node timers the queue lost (Redis restarted without persistence, a job removed by hand):
 * the conversation row knows its pending timer (`timer_id`, `timer_due_at`), so every pending one without
 * a queue job gets it back (with the remaining delay; past due: at once). Exactly once still holds: a
 * timer turn acts only when the fired id matches the state's timer. Runs where jobs are processed (the
 * worker), at start and every 30 s.
 */
@Injectable()
export class TimerReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private interval: NodeJS.Timeout | undefined;
  private running = false;
  private readonly log = new Logger('TimerReconciler');

  constructor(
    @Inject(ConversationRepository) private readonly repo: ConversationRepository,
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(JobRegistry) private readonly jobs: JobRegistry,
    @Inject(TIMER_SCHEDULER) private readonly timers: TimerScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => {
      if (this.jobs.processing) void this.reconcile().catch((error: unknown) => this.log.warn(`timer reconciliation failed: ${error instanceof Error ? error.message : String(error)}`));
    }, RECONCILE_EVERY_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  /** One pass over every pending timer; returns how many were re-armed. */
  async reconcile(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let rearmed = 0;
    try {
      let after: string | null = null;
      for (;;) {
        const page = await this.repo.pendingTimers(after, PAGE);
        for (let i = 0; i < page.length; i += CHUNK) {
          await Promise.all(
            page.slice(i, i + CHUNK).map(async (t) => {
              if ((await this.queue.state(JobName.ConversationTimer, timerJobId(t))) !== null) return;
              await this.timers.schedule({ bot: t.bot, externalId: t.externalId, conversationId: t.conversationId, timerId: t.timerId }, Math.max(0, t.dueAt.getTime() - now));
              rearmed++;
            }),
          );
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.conversationId;
      }
      if (rearmed > 0) this.log.log(`re-armed ${rearmed} wait-node timer(s) the queue had lost`);
      return rearmed;
    } finally {
      this.running = false;
    }
  }
}
