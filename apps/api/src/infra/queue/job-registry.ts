import { Inject, Injectable } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { LOGGER, type Logger } from '../logging/logger';
import { runWithLogContext } from '../logging/log-context';
import { METRICS_REGISTRY } from '../metrics/metrics.module';
import type { JobName, JobPayloads } from './job-catalogue';
import { QUEUE, type JobHandler, type ProcessOptions, type QueuePort } from './queue.port';

interface Registration {
  job: JobName;
  handler: JobHandler<never>;
  options: ProcessOptions;
}

/**
 * Where modules contribute job processors. Register in your provider's `onModuleInit`:
 *   this.jobs.register(JobName.ConversationTimer, (payload, ctx) => this.fire(payload), { concurrency: 8 });
 * Processors only run in the worker process (or in the api with RUN_WORKER_IN_PROCESS=true),
 * started by `startProcessing()` after every module is initialised.
 */
@Injectable()
export class JobRegistry {
  private readonly registrations = new Map<JobName, Registration>();
  private started = false;
  private readonly processed: Counter<'job' | 'outcome'>;

  constructor(
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.processed = new Counter({ name: 'jobs_processed_total', help: 'Background jobs run, by job and outcome', labelNames: ['job', 'outcome'] as const, registers: [registry] });
  }

  register<N extends JobName>(job: N, handler: JobHandler<JobPayloads[N]>, options: ProcessOptions = {}): void {
    if (this.registrations.has(job)) throw new Error(`a processor for job "${job}" is registered already`);
    if (this.started) throw new Error(`job "${job}" registered after processing started; register in onModuleInit`);
    this.registrations.set(job, { job, handler: handler as JobHandler<never>, options });
  }

  /** True once this process processes jobs (the worker, or the api with RUN_WORKER_IN_PROCESS). */
  get processing(): boolean {
    return this.started;
  }

  registeredJobs(): JobName[] {
    return [...this.registrations.keys()];
  }

  /** Starts every registered processor on the queue (each run gets a log context and is counted). */
  async startProcessing(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const { job, handler, options } of this.registrations.values()) {
      await this.queue.process(
        job,
        (payload, context) =>
          runWithLogContext({ job, jobId: context.jobId }, async () => {
            try {
              await (handler as JobHandler<typeof payload>)(payload, context);
              this.processed.inc({ job, outcome: 'completed' });
            } catch (error) {
              this.processed.inc({ job, outcome: 'failed' });
              this.logger.warn({ err: error, attempt: context.attempt }, 'job failed');
              throw error;
            }
          }),
        options,
      );
      this.logger.info({ job, concurrency: options.concurrency ?? 1 }, 'processing jobs');
    }
  }
}
