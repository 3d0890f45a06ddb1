import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JobName } from '../../infra/queue/job-catalogue';
import { JobRegistry } from '../../infra/queue/job-registry';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { timerJobId, type ConversationTimer, type TimerScheduler } from './timer-scheduler';
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

/**
 * Runs a fired timer as a turn (`{type:'timer'}`) through the same TurnService as messages: same lock,
 * one transaction, transcript rows for the nudge; a timer whose id no longer matches the state is ignored.
 * Replies land in the transcript; there is no push channel to the marketplace yet (it reads the transcript).
 */
@Injectable()
export class ConversationTimerProcessor implements OnModuleInit {
  constructor(
    @Inject(JobRegistry) private readonly jobs: JobRegistry,
    @Inject(TurnService) private readonly turns: TurnService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(
      JobName.ConversationTimer,
      async (payload) => {
        await this.turns.run(payload.bot, payload.externalId, { type: 'timer', timerId: payload.timerId });
      },
      { concurrency: 8 },
    );
  }
}
