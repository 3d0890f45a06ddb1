import { Inject, Injectable } from '@nestjs/common';
import type { BusinessEvent, EventSubject, SubjectKey } from '@zhishou/flow-schema';
import { Sql, type SqlExecutor } from '../../infra/database/sql';
import { EventsRepository } from './events.repository';

export interface IngestResult {
  /** Events stored now. */
  accepted: number;
  /** Events whose eventId was seen before (or twice in this batch): not stored again, nothing scheduled. */
  duplicates: number;
  /** Triggers newly scheduled by the accepted events. */
  scheduled: number;
  /** Pending triggers the accepted events cancelled. */
  cancelled: number;
}

/** What a listener did with one ingested batch (summed into the IngestResult). */
export interface IngestionOutcome {
  scheduled: number;
  cancelled: number;
}

/** One ingestion as a listener sees it: opened before the transaction, called inside it, then after commit. */
export interface IngestionSession {
  /**
   * Inside the ingestion's unit of work, with the events stored now (the new ones only). The listener
   * writes its own tables through `tx` (its own repository), so events and their consequences commit together.
   */
  inTransaction(tx: SqlExecutor, fresh: readonly BusinessEvent[]): Promise<IngestionOutcome>;
  /** After commit (e.g. enqueue the delayed jobs); errors here do not undo the ingestion. */
  afterCommit(): Promise<void>;
}

/**
 * The port through which other modules react to ingested events (the triggers module schedules and
 * cancels triggers). Events depends on no listener; listeners register with `EventsService.addListener`.
 */
export interface IngestionListener {
  /**
   * Called BEFORE the transaction opens, so it may read with its own pool connection: a transaction
   * waiting for a second connection while holding one deadlocks the pool under load.
   */
  begin(bot: string, now: number): Promise<IngestionSession>;
}

/**
 * Event ingestion: store new events and let the listeners schedule/cancel their work in ONE transaction
 * (so a retried POST of a stored event can never be "stored but unscheduled"), then run their after-commit
 * step. Also the read side of the event log for other modules (fire-time facts).
 */
@Injectable()
export class EventsService {
  private readonly listeners: IngestionListener[] = [];

  constructor(
    @Inject(Sql) private readonly sql: Sql,
    @Inject(EventsRepository) private readonly events: EventsRepository,
  ) {}

  /** Register in your provider's onModuleInit. */
  addListener(listener: IngestionListener): void {
    this.listeners.push(listener);
  }

  async ingest(bot: string, events: readonly BusinessEvent[]): Promise<IngestResult> {
    // An eventId's first occurrence in the batch is the one that counts; later copies are duplicates.
    const firstById = new Map<string, BusinessEvent>();
    for (const e of events) if (!firstById.has(e.eventId)) firstById.set(e.eventId, e);
    const batch = [...firstById.values()];
    const now = Date.now();
    const sessions = await Promise.all(this.listeners.map((l) => l.begin(bot, now)));
    const result = await this.sql.transaction(async (tx) => {
      const inserted = await this.events.insertNew(tx, bot, batch);
      const fresh = batch.filter((e) => inserted.has(e.eventId));
      const totals: IngestionOutcome = { scheduled: 0, cancelled: 0 };
      for (const session of sessions) {
        const outcome = await session.inTransaction(tx, fresh);
        totals.scheduled += outcome.scheduled;
        totals.cancelled += outcome.cancelled;
      }
      return { accepted: fresh.length, ...totals };
    });
    for (const session of sessions) await session.afterCommit();
    return { accepted: result.accepted, duplicates: events.length - result.accepted, scheduled: result.scheduled, cancelled: result.cancelled };
  }

  /** Events about the same subject within a time window (fire-time facts); see EventsRepository.about. */
  about(bot: string, subject: EventSubject, keys: readonly SubjectKey[], after: string, until: number, excludeEventId: string): Promise<BusinessEvent[]> {
    return this.events.about(bot, subject, keys, after, until, excludeEventId);
  }

  /** Recent events of a bot, optionally about one subject value. */
  list(bot: string, filter: { subjectKey?: SubjectKey; subjectValue?: string; type?: string; limit: number }): Promise<BusinessEvent[]> {
    return this.events.list(bot, filter);
  }
}
