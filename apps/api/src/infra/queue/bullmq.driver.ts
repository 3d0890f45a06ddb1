import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';
import { fromBullJobId, toBullJobId } from './job-ids';
import type { EnqueueOptions, JobHandler, JobState, ProcessOptions, TypedQueue } from './queue.port';

export interface BullMqOptions {
  url: string;
  /** Redis key prefix: one per deployment, one per test file. */
  prefix: string;
  logger?: Logger;
}

/**
 * Crash recovery: a worker holds a lock on each running job and renews it every LOCK_MS / 2; when the
 * worker dies the lock lapses within LOCK_MS and the next stalled-job check (every STALLED_CHECK_MS, by
 * any live worker) puts the job back, so it runs again within ≈ 15 s of the death (BullMQ's defaults,
 * 30 s + 30 s, took up to a minute). A job that stalls twice is failed (a job that kills its worker).
 */
export const LOCK_MS = 10_000;
export const STALLED_CHECK_MS = 5_000;

/** Completed/failed jobs are kept this long so a deterministic id still dedupes after the job ran. */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;

const STATE_BY_BULL: Record<string, JobState | undefined> = {
  waiting: 'waiting',
  prioritized: 'waiting',
  'waiting-children': 'waiting',
  delayed: 'delayed',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
};

function jobOptions(options: EnqueueOptions = {}) {
  const attempts = Math.max(1, options.attempts ?? 1);
  return {
    ...(options.jobId !== undefined ? { jobId: toBullJobId(options.jobId) } : {}),
    ...(options.delayMs ? { delay: Math.max(0, Math.round(options.delayMs)) } : {}),
    attempts,
    ...(attempts > 1 ? { backoff: { type: 'exponential' as const, delay: options.backoffMs ?? 1000 } } : {}),
    removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
    removeOnFail: { age: KEEP_FAILED_SECONDS },
  };
}

/** One BullMQ queue per job name, sharing one Redis connection; workers get their own blocking connections. */
export class BullMqQueue<C extends object> implements TypedQueue<C> {
  readonly driver = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

  constructor(private readonly options: BullMqOptions) {
    this.connection = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (error) => options.logger?.error({ err: error }, 'redis connection error'));
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends keyof C & string>(job: N, payload: C[N], options?: EnqueueOptions): Promise<string> {
    const added = await this.queue(job).add(job, payload, jobOptions(options));
    return options?.jobId ?? fromBullJobId(added.id ?? '');
  }

  async enqueueBulk<N extends keyof C & string>(job: N, items: { payload: C[N]; options?: EnqueueOptions }[]): Promise<string[]> {
    if (!items.length) return [];
    const added = await this.queue(job).addBulk(items.map((item) => ({ name: job, data: item.payload, opts: jobOptions(item.options) })));
    return added.map((entry, index) => items[index]?.options?.jobId ?? fromBullJobId(entry.id ?? ''));
  }

  async cancel(job: keyof C & string, jobId: string): Promise<boolean> {
    const queue = this.queue(job);
    const id = toBullJobId(jobId);
    const state = await queue.getJobState(id);
    if (state !== 'waiting' && state !== 'delayed' && state !== 'prioritized') return false;
    return (await queue.remove(id)) === 1;
  }

  async state(job: keyof C & string, jobId: string): Promise<JobState | null> {
    const state = await this.queue(job).getJobState(toBullJobId(jobId));
    return STATE_BY_BULL[state] ?? null;
  }

  async process<N extends keyof C & string>(job: N, handler: JobHandler<C[N]>, options: ProcessOptions = {}): Promise<void> {
    const worker = new Worker(
      job,
      async (entry: Job) => handler(entry.data as C[N], { job, jobId: fromBullJobId(entry.id ?? ''), attempt: entry.attemptsMade + 1 }),
      { connection: this.connection, prefix: this.options.prefix, concurrency: options.concurrency ?? 1, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: 1 },
    );
    worker.on('error', (error) => this.options.logger?.error({ err: error, job }, 'bullmq worker error'));
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async stopProcessing(): Promise<void> {
    // Worker.close() waits for the jobs it is running.
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }

  async close(): Promise<void> {
    await this.stopProcessing();
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
