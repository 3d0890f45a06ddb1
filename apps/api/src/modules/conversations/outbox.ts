import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { JsonValue } from '@zhishou/flow-schema';
import type { CommittedOutboxRow } from './conversation.repository';
import { OutboxRepository } from './outbox.repository';

/** Handles one outbox topic; throwing leaves the row for a retry with backoff. */
export type OutboxHandler = (payload: Record<string, JsonValue>) => Promise<void>;

const SWEEP_EVERY_MS = 2_000;
const SWEEP_LIMIT = 200;
const FLUSH_EVERY_MS = 20;

/**
 * Carries out the side effects turns recorded in their commit: at once in this process (`kick`, not
 * awaited by the reply), and by a sweeper for rows left behind (a crash between commit and dispatch, a
 * failed dispatch: retried with exponential backoff and jitter). At least once: handlers must be
 * idempotent (timer jobs have deterministic ids; a stale timer is ignored when it fires).
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly log = new Logger('OutboxDispatcher');
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping = false;
  private doneIds: string[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(@Inject(OutboxRepository) private readonly repo: OutboxRepository) {}

  /** Register in onModuleInit: one handler per topic. */
  handle(topic: string, handler: OutboxHandler): void {
    if (this.handlers.has(topic)) throw new Error(`outbox topic "${topic}" has a handler already`);
    this.handlers.set(topic, handler);
  }

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.inFlight]);
    await this.flush();
  }

  /** Dispatches rows a turn just committed (in order); the reply does not wait for it. */
  kick(rows: readonly CommittedOutboxRow[]): void {
    if (rows.length === 0) return;
    const run = this.dispatch(rows).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** Waits for dispatches started by kick (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.flush();
  }

  /** One sweeper pass; returns the number of rows carried out. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const rows = await this.repo.claimDue(SWEEP_LIMIT);
      await this.dispatch(rows);
      await this.flush();
      return rows.length;
    } catch (error) {
      this.log.warn(`outbox sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private async dispatch(rows: readonly CommittedOutboxRow[]): Promise<void> {
    for (const row of rows) {
      const handler = this.handlers.get(row.topic);
      try {
        if (!handler) throw new Error(`no handler for outbox topic "${row.topic}"`);
        await handler(row.payload);
        this.markDone(row.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.log.warn(`outbox row ${row.id} (${row.topic}) failed, retried later: ${message}`);
        await this.repo.failed(row.id, message).catch(() => undefined);
      }
    }
  }

  // Done rows are deleted in batches (one statement per FLUSH_EVERY_MS, not one per turn).
  private markDone(id: string): void {
    this.doneIds.push(id);
    this.flushTimer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  private async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const ids = this.doneIds;
    this.doneIds = [];
    // A failed delete leaves rows for the sweeper: carried out twice, which handlers tolerate.
    await this.repo.done(ids).catch((error: unknown) => this.log.warn(`outbox cleanup failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
