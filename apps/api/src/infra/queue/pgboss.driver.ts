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

/**
 * Crash recovery. pg-boss v10 has no heartbeat: a job held by a dead worker stays active until its
 * expiry (15 min by default), then maintenance fails it into a retry. So every job gets a short expiry
 * that the worker running it keeps pushing forward (HEARTBEAT_MS), maintenance runs every few seconds,
 * and one extra retry is reserved for the crash: a dead worker's job runs again within
 * EXPIRE_SECONDS of its last heartbeat, plus up to two maintenance intervals (an instance skips its
 * turn when another maintained the schema less than an interval ago), polling and the job's own retry
 * backoff: ≈ 15 s with the default 1 s backoff. The worst case for a job whose worker is alive but
 * blocked: it is re-run after EXPIRE_SECONDS without a heartbeat (three missed beats).
 */
export const EXPIRE_SECONDS = 10;
export const HEARTBEAT_MS = 3_000;
export const MAINTENANCE_SECONDS = 2;
const CRASH_RETRIES = 1;

/** What is stored: the payload plus the caller's job id (pg-boss only keeps the derived uuid) and tries asked for. */
interface Envelope<P> {
  payload: P;
  jobId?: string;
  attempts?: number;
}

function attemptsOf(options: EnqueueOptions = {}): number {
  return Math.max(1, options.attempts ?? 1);
}

function envelope<P>(payload: P, options: EnqueueOptions = {}): Envelope<P> {
  return { payload, attempts: attemptsOf(options), ...(options.jobId === undefined ? {} : { jobId: options.jobId }) };
}

function sendOptions(job: string, options: EnqueueOptions = {}): PgBoss.SendOptions & { id?: string } {
  const attempts = attemptsOf(options);
  // pg-boss counts retries in whole seconds; below one second it retries at once.
  const retryDelay = Math.round((options.backoffMs ?? 1000) / 1000);
  return {
    ...(options.jobId !== undefined ? { id: toPgBossJobId(job, options.jobId) } : {}),
    ...(options.delayMs ? { startAfter: new Date(Date.now() + options.delayMs) } : {}),
    retryLimit: attempts - 1 + CRASH_RETRIES,
    retryDelay,
    retryBackoff: attempts > 1 && retryDelay >= 1,
    retentionMinutes: RETENTION_MINUTES,
    expireInSeconds: EXPIRE_SECONDS,
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

interface PollLoop {
  stopped: boolean;
  /** Ends the current wait early (a slot freed up, or stop). */
  wake: () => void;
}

/** Jobs in Postgres: the driver for a single instance with no Redis (embedded Postgres). */
export class PgBossQueue<C extends object> implements TypedQueue<C> {
  readonly driver = 'pgboss' as const;
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly loops = new Map<string, { loop: PollLoop; done: Promise<void> }>();
  private readonly running = new Set<Promise<void>>();
  /** Jobs this process is running, by queue name: their expiry is pushed forward every HEARTBEAT_MS. */
  private readonly active = new Map<string, Set<string>>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: PgBossOptions) {
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: options.schema,
      max: 4,
      schedule: false,
      migrate: true,
      maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    });
    this.boss.on('error', (error) => options.logger?.error({ err: error }, 'pg-boss error'));
  }

  /** Keeps the running jobs from expiring: their expiry becomes "EXPIRE_SECONDS from now". */
  private async beat(): Promise<void> {
    for (const [name, ids] of this.active) {
      if (!ids.size) continue;
      await this.boss
        .getDb()
        .executeSql(
          `UPDATE "${this.options.schema}".job SET expire_in = (now() - started_on) + make_interval(secs => $3) WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'`,
          [name, [...ids], EXPIRE_SECONDS],
        )
        .catch((error: unknown) => this.options.logger?.warn({ err: error, job: name }, 'pg-boss heartbeat failed'));
    }
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
        expireInSeconds: EXPIRE_SECONDS,
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
    const intervalMs = Math.max(500, (this.options.pollingIntervalSeconds ?? 0.5) * 1000);
    this.heartbeat ??= setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    const active = this.active.get(job) ?? new Set<string>();
    this.active.set(job, active);
    // Our own fetch loop rather than boss.work(): work() fails a job whose handler outlives the expiry
    // it was fetched with, which the heartbeat is meant to extend; and it waits for a whole batch
    // before fetching again, where this loop refills each free slot.
    const loop: PollLoop = { stopped: false, wake: () => undefined };
    const poll = async () => {
      while (!loop.stopped) {
        const free = concurrency - active.size;
        let fetched = 0;
        if (free > 0) {
          const jobs = await this.boss.fetch<Envelope<C[N]>>(job, { batchSize: free, includeMetadata: true }).catch((error: unknown) => {
            this.options.logger?.error({ err: error, job }, 'pg-boss fetch failed');
            return [];
          });
          fetched = jobs.length;
          for (const entry of jobs) {
            active.add(entry.id);
            void this.track(() => this.runOne(job, entry, handler)).finally(() => {
              active.delete(entry.id);
              loop.wake();
            });
          }
        }
        // Look again at once while jobs keep coming and slots are free; else wait for a slot or the interval.
        if (loop.stopped || (fetched > 0 && active.size < concurrency)) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          loop.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        loop.wake = () => undefined;
      }
    };
    this.loops.set(job, { loop, done: poll() });
  }

  private async runOne<N extends keyof C & string>(job: N, entry: PgBoss.JobWithMetadata<Envelope<C[N]>>, handler: JobHandler<C[N]>): Promise<void> {
    try {
      await handler(entry.data.payload, { job, jobId: entry.data.jobId ?? entry.id, attempt: entry.retryCount + 1 });
      await this.boss.complete(job, entry.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The tries asked for are used up: drop the reserved crash retry, so the failure is final.
      const attempts = entry.data.attempts ?? entry.retryLimit + 1;
      if (entry.retryCount + 1 >= attempts && entry.retryLimit > entry.retryCount) {
        await this.boss.getDb().executeSql(`UPDATE "${this.options.schema}".job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [job, entry.id]);
      }
      await this.boss.fail(job, entry.id, { message });
    }
  }

  private track(run: () => Promise<void>): Promise<void> {
    const promise = run()
      .catch((error: unknown) => this.options.logger?.error({ err: error }, 'pg-boss job settle failed'))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
    return promise;
  }

  async stopProcessing(): Promise<void> {
    // Stop fetching, then wait for the jobs that are running (the heartbeat keeps them alive meanwhile).
    const loops = [...this.loops.values()];
    this.loops.clear();
    for (const { loop } of loops) {
      loop.stopped = true;
      loop.wake();
    }
    await Promise.allSettled(loops.map((l) => l.done));
    await Promise.allSettled([...this.running]);
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
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
