import { Inject, Injectable } from '@nestjs/common';
import type { BusinessEvent } from '@zhishou/flow-schema';
import { DataSource } from 'typeorm';
import { TriggerScheduler } from '../triggers/scheduler.service';
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

/**
 * Event ingestion: store new events and schedule/cancel their triggers in ONE transaction (so a retried
 * POST of a stored event can never be "stored but unscheduled"), then enqueue the delayed jobs.
 */
@Injectable()
export class EventsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EventsRepository) private readonly events: EventsRepository,
    @Inject(TriggerScheduler) private readonly scheduler: TriggerScheduler,
  ) {}

  async ingest(bot: string, events: readonly BusinessEvent[]): Promise<IngestResult> {
    // An eventId's first occurrence in the batch is the one that counts; later copies are duplicates.
    const firstById = new Map<string, BusinessEvent>();
    for (const e of events) if (!firstById.has(e.eventId)) firstById.set(e.eventId, e);
    const batch = [...firstById.values()];
    const now = Date.now();
    const sets = await this.scheduler.liveRuleSets(bot);
    const plan = await this.db.transaction(async (manager) => {
      const inserted = await this.events.insertNew(manager, bot, batch);
      const fresh = batch.filter((e) => inserted.has(e.eventId));
      return { accepted: fresh.length, ...(await this.scheduler.plan(manager, bot, sets, fresh, now)) };
    });
    await this.scheduler.apply(plan, now);
    return { accepted: plan.accepted, duplicates: events.length - plan.accepted, scheduled: plan.scheduled, cancelled: plan.cancelled };
  }
}
