import type { JobPayloads } from './job-catalogue';

export interface EnqueueOptions {
  /** Deterministic id: a second enqueue with the same id (while the first is pending or recently done) is a no-op. */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Total tries including the first (default 1: no retry). */
  attempts?: number;
  /** Base delay of the exponential backoff between tries (pg-boss rounds to whole seconds). */
  backoffMs?: number;
}

export interface JobContext {
  job: string;
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
}

export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>;

export interface ProcessOptions {
  /** Jobs of this name processed at once by this process (default 1). */
  concurrency?: number;
}

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'cancelled';

/**
 * The queue as the app sees it, typed by a job catalogue (`C`: job name → payload type).
 * Drivers: BullMQ (Redis) and pg-boss (Postgres); both pass the same contract tests.
 */
export interface TypedQueue<C extends object> {
  /** Returns the job id (the given `jobId`, or one the driver made). */
  enqueue<N extends keyof C & string>(job: N, payload: C[N], options?: EnqueueOptions): Promise<string>;
  enqueueBulk<N extends keyof C & string>(job: N, items: { payload: C[N]; options?: EnqueueOptions }[]): Promise<string[]>;
  /** Removes a job that has not started yet; false when there was none (unknown, running or done). */
  cancel(job: keyof C & string, jobId: string): Promise<boolean>;
  /** The job's state, or null when the queue does not know it (never enqueued, cancelled and removed, or expired). */
  state(job: keyof C & string, jobId: string): Promise<JobState | null>;
  /** Starts processing jobs of this name in this process; a thrown error fails the try (retried while attempts remain). */
  process<N extends keyof C & string>(job: N, handler: JobHandler<C[N]>, options?: ProcessOptions): Promise<void>;
  /** Throws when the backing store is unreachable (for /health). */
  ping(): Promise<void>;
  /** Stops taking new jobs and waits for running ones; enqueueing still works (the api drains HTTP after this). */
  stopProcessing(): Promise<void>;
  /** Stops processing (as above) and closes connections. */
  close(): Promise<void>;
  /** 'inline': the in-process driver of the service tests (apps/api/test/support/inline-queue.ts). */
  readonly driver: 'bullmq' | 'pgboss' | 'inline';
}

/** The app's queue: typed by the job catalogue. Inject with `@Inject(QUEUE) queue: QueuePort`. */
export type QueuePort = TypedQueue<JobPayloads>;

export const QUEUE = Symbol('QUEUE');
