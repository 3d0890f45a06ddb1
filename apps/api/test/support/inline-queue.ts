import type { JobPayloads } from '../../src/infra/queue/job-catalogue';
import type { EnqueueOptions, JobHandler, JobState, QueuePort } from '../../src/infra/queue/queue.port';

interface InlineJob {
  job: string;
  id: string;
  payload: unknown;
  runAt: number;
  attempts: number;
  backoffMs: number;
  /** Tries made so far. */
  tries: number;
  state: JobState;
  lastError?: unknown;
}

/**
 * The queue port in process, for service tests (like Twenty's sync driver, but with a clock): jobs wait
 * until the test runs them with `runDue(now)`, which calls the registered handlers with the same
 * JobContext the real drivers give. It keeps the port's contract that services rely on: a jobId is
 * deduplicated while the queue knows it, `cancel` removes only jobs that have not started, failed tries
 * are retried with exponential backoff until `attempts` is used up, then the job is `failed`.
 */
export class InlineQueue implements QueuePort {
  readonly driver = 'inline' as const;
  private readonly jobs = new Map<string, InlineJob>();
  private readonly handlers = new Map<string, JobHandler<never>>();
  private sequence = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  async enqueue<N extends keyof JobPayloads & string>(job: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const id = options.jobId ?? `inline-${++this.sequence}`;
    const key = `${job}\n${id}`;
    if (this.jobs.has(key)) return id; // deterministic ids deduplicate
    this.jobs.set(key, {
      job,
      id,
      payload,
      runAt: this.clock() + (options.delayMs ?? 0),
      attempts: Math.max(1, options.attempts ?? 1),
      backoffMs: options.backoffMs ?? 0,
      tries: 0,
      state: options.delayMs ? 'delayed' : 'waiting',
    });
    return id;
  }

  async enqueueBulk<N extends keyof JobPayloads & string>(job: N, items: { payload: JobPayloads[N]; options?: EnqueueOptions }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const item of items) ids.push(await this.enqueue(job, item.payload, item.options));
    return ids;
  }

  async cancel(job: keyof JobPayloads & string, jobId: string): Promise<boolean> {
    const key = `${job}\n${jobId}`;
    const found = this.jobs.get(key);
    if (!found || (found.state !== 'waiting' && found.state !== 'delayed')) return false;
    this.jobs.delete(key);
    return true;
  }

  async state(job: keyof JobPayloads & string, jobId: string): Promise<JobState | null> {
    return this.jobs.get(`${job}\n${jobId}`)?.state ?? null;
  }

  async process<N extends keyof JobPayloads & string>(job: N, handler: JobHandler<JobPayloads[N]>): Promise<void> {
    this.handlers.set(job, handler as JobHandler<never>);
  }

  async ping(): Promise<void> {}
  async stopProcessing(): Promise<void> {}
  async close(): Promise<void> {}

  /** Jobs the queue holds (any state), for assertions. */
  list(job?: string): { job: string; id: string; payload: unknown; runAt: number; state: JobState; tries: number }[] {
    return [...this.jobs.values()].filter((j) => job === undefined || j.job === job).map(({ job: name, id, payload, runAt, state, tries }) => ({ job: name, id, payload, runAt, state, tries }));
  }

  /**
   * Runs every job due at `now` (and jobs those enqueue that are due too), oldest first, one at a time;
   * returns how many tries ran. A job without a registered handler stays waiting.
   */
  async runDue(now: number = this.clock()): Promise<number> {
    let ran = 0;
    for (;;) {
      const next = [...this.jobs.values()]
        .filter((j) => (j.state === 'waiting' || j.state === 'delayed') && j.runAt <= now && this.handlers.has(j.job))
        .sort((a, b) => a.runAt - b.runAt)[0];
      if (!next) return ran;
      const handler = this.handlers.get(next.job) as JobHandler<unknown>;
      next.state = 'active';
      next.tries++;
      ran++;
      try {
        await handler(next.payload, { job: next.job, jobId: next.id, attempt: next.tries });
        next.state = 'completed';
      } catch (error) {
        next.lastError = error;
        if (next.tries >= next.attempts) next.state = 'failed';
        else {
          next.state = 'delayed';
          next.runAt = now + next.backoffMs * 2 ** (next.tries - 1);
        }
      }
    }
  }
}
