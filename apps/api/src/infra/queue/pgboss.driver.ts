import PgBoss from 'pg-boss';
import type { Logger } from '../logging/logger';
import { toPgBossJobId } from './job-ids';
import type { EnqueueOptions, JobHandler, JobState, ProcessOptions, TypedQueue } from './queue.port';

export interface PgBossOptions {
  url: string;
  /** Postgres schema of pg-boss's tables: one per deployment, one per test. */
  schema: string;
  logger?: Logger;
  /** How often an idle worker looks for jobs (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
}

/** Completed jobs stay in the job table this long, so a deterministic id still dedupes after the job ran. */
const RETENTION_MINUTES = 7 * 24 * 60;

/** What is stored: the payload plus the caller's job id (pg-boss only keeps the derived uuid). */
interface Envelope<P> {
  payload: P;
  jobId?: string;
}

function envelope<P>(payload: P, options: EnqueueOptions = {}): Envelope<P> {
  return options.jobId === undefined ? { payload } : { payload, jobId: options.jobId };
}

function sendOptions(job: string, options: EnqueueOptions = {}): PgBoss.SendOptions & { id?: string } {
  const attempts = Math.max(1, options.attempts ?? 1);
  // pg-boss counts retries in whole seconds; below one second it retries at once.
  const retryDelay = Math.round((options.backoffMs ?? 1000) / 1000);
  return {
    ...(options.jobId !== undefined ? { id: toPgBossJobId(job, options.jobId) } : {}),
    ...(options.delayMs ? { startAfter: new Date(Date.now() + options.delayMs) } : {}),
    retryLimit: attempts - 1,
    retryDelay,
    retryBackoff: attempts > 1 && retryDelay >= 1,
    retentionMinutes: RETENTION_MINUTES,
  };
}

function stateOf(job: PgBoss.JobWithMetadata<unknown>): JobState {
  switch (job.state) {
    case 'created':
    case 'retry':
      return job.startAfter.getTime() > Date.now() ? 'delayed' : 'waiting';
    case 'active':
      return 'active';
    case 'completed':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'failed';
  }
}

/** Jobs in Postgres: the driver for a single instance with no Redis (embedded Postgres). */
export class PgBossQueue<C extends object> implements TypedQueue<C> {
  readonly driver = 'pgboss' as const;
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly processing = new Set<string>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: PgBossOptions) {
    this.boss = new PgBoss({ connectionString: options.url, schema: options.schema, max: 4, schedule: false, migrate: true });
    this.boss.on('error', (error) => options.logger?.error({ err: error }, 'pg-boss error'));
  }

  private start(): Promise<void> {
    this.started ??= this.boss.start().then(() => undefined);
    return this.started;
  }

  private async ready(name: string): Promise<void> {
    await this.start();
    let created = this.queues.get(name);
    if (!created) {
      created = this.boss.createQueue(name);
      this.queues.set(name, created);
    }
    await created;
  }

  async enqueue<N extends keyof C & string>(job: N, payload: C[N], options?: EnqueueOptions): Promise<string> {
    await this.ready(job);
    const sent = await this.boss.send(job, envelope(payload, options), sendOptions(job, options));
    // null = a job with this deterministic id exists already (dedupe), which is success.
    return options?.jobId ?? sent ?? '';
  }

  async enqueueBulk<N extends keyof C & string>(job: N, items: { payload: C[N]; options?: EnqueueOptions }[]): Promise<string[]> {
    if (!items.length) return [];
    await this.ready(job);
    const jobs = items.map((item) => {
      const options = sendOptions(job, item.options);
      return {
        ...(options.id ? { id: options.id } : {}),
        name: job,
        data: envelope(item.payload, item.options),
        ...(options.startAfter ? { startAfter: options.startAfter as Date } : {}),
        retryLimit: options.retryLimit,
        retryDelay: options.retryDelay,
        retryBackoff: options.retryBackoff,
      };
    });
    const ids = (await this.boss.insert(jobs)) ?? [];
    return items.map((item, index) => item.options?.jobId ?? ids[index] ?? '');
  }

  private async find(job: string, jobId: string): Promise<PgBoss.JobWithMetadata<unknown> | null> {
    await this.ready(job);
    const byDeterministicId = await this.boss.getJobById(job, toPgBossJobId(job, jobId));
    if (byDeterministicId) return byDeterministicId;
    // Ids the driver generated (no jobId given) are pg-boss uuids already.
    return /^[0-9a-f-]{36}$/.test(jobId) ? this.boss.getJobById(job, jobId) : null;
  }

  async cancel(job: keyof C & string, jobId: string): Promise<boolean> {
    const found = await this.find(job, jobId);
    if (!found || (found.state !== 'created' && found.state !== 'retry')) return false;
    // Delete rather than mark cancelled, so the same id can be scheduled again (as with BullMQ's remove).
    await this.boss.deleteJob(job, found.id);
    return true;
  }

  async state(job: keyof C & string, jobId: string): Promise<JobState | null> {
    const found = await this.find(job, jobId);
    return found ? stateOf(found) : null;
  }

  async process<N extends keyof C & string>(job: N, handler: JobHandler<C[N]>, options: ProcessOptions = {}): Promise<void> {
    await this.ready(job);
    const concurrency = Math.max(1, options.concurrency ?? 1);
    this.processing.add(job);
    // One poller fetching up to `concurrency` jobs; each job completes or fails on its own.
    await this.boss.work<Envelope<C[N]>>(
      job,
      { batchSize: concurrency, includeMetadata: true, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5 },
      async (jobs) => {
        await Promise.all(
          jobs.map((entry) =>
            this.track(async () => {
              try {
                await handler(entry.data.payload, { job, jobId: entry.data.jobId ?? entry.id, attempt: entry.retryCount + 1 });
                await this.boss.complete(job, entry.id);
              } catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                await this.boss.fail(job, entry.id, { message });
              }
            }),
          ),
        );
      },
    );
  }

  private track(run: () => Promise<void>): Promise<void> {
    const promise = run().finally(() => this.running.delete(promise));
    this.running.add(promise);
    return promise;
  }

  async stopProcessing(): Promise<void> {
    // offWork stops fetching but does not wait; the running set does.
    await Promise.all([...this.processing].map((job) => this.boss.offWork(job)));
    this.processing.clear();
    await Promise.allSettled([...this.running]);
  }

  async ping(): Promise<void> {
    await this.start();
    await this.boss.getDb().executeSql('SELECT 1', []);
  }

  async close(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.stopProcessing();
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
