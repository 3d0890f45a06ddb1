import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { BusinessEvent } from '@zhishou/flow-schema';
import { cancellationsFor, matchEvent, shouldCancel, type CompiledRule, type CompiledRuleSet, type FailedMatch, type ScheduleDecision } from '@zhishou/rules';
import type { SqlExecutor } from '../../infra/database/sql';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { EventsService, type IngestionListener, type IngestionSession } from '../events/events.service';
import { RuleSetsService } from './rulesets.service';
import { TriggerMetrics } from './trigger-metrics';
import { TriggerRepository, type FireRecord, type TriggerStore } from './trigger.repository';

/** Tries of a fire job (evaluation errors, e.g. the database away) before the trigger is dead-lettered. */
export const FIRE_ATTEMPTS = 4;
export const FIRE_BACKOFF_MS = 1_000;

/** What an ingestion transaction decided; applied to the queue after it commits. */
export interface SchedulePlan {
  bot: string;
  enqueue: ScheduleDecision[];
  cancelJobIds: string[];
}

interface PendingInBatch {
  decision: ScheduleDecision;
  trigger: BusinessEvent;
  rule: CompiledRule;
  cancelledBy?: string;
}

/**
 * Turns newly accepted events into trigger rows (in the ingestion's transaction) and queue jobs (after
 * commit). The row is the durable truth; the delayed job only wakes it up, so a lost enqueue is
 * repaired by the reconciler and a job that runs twice finds the row settled. It is the events module's
 * IngestionListener (registered at init), so events never imports triggers.
 */
@Injectable()
export class TriggerScheduler implements IngestionListener, OnModuleInit {
  constructor(
    @Inject(RuleSetsService) private readonly ruleSets: Pick<RuleSetsService, 'live'>,
    @Inject(TriggerRepository) private readonly repo: TriggerStore,
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(TriggerMetrics) private readonly metrics: TriggerMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EventsService) private readonly events: Pick<EventsService, 'addListener'>,
  ) {}

  onModuleInit(): void {
    this.events.addListener(this);
  }

  /** One ingestion: live rule sets loaded before the transaction, triggers planned inside it, jobs enqueued after commit. */
  async begin(bot: string, now: number): Promise<IngestionSession> {
    const sets = await this.liveRuleSets(bot);
    let planned: (SchedulePlan & { scheduled: number; cancelled: number }) | null = null;
    return {
      inTransaction: async (tx, fresh) => {
        planned = await this.plan(tx, bot, sets, fresh, now);
        return { scheduled: planned.scheduled, cancelled: planned.cancelled };
      },
      afterCommit: async () => {
        if (planned) await this.apply(planned, now);
      },
    };
  }

  /**
   * The bot's live rule sets, compiled. Call it BEFORE opening the ingestion transaction: loading them
   * takes a pool connection of its own, and a transaction waiting for a second connection while holding
   * one deadlocks the pool under load.
   */
  liveRuleSets(bot: string): Promise<CompiledRuleSet[]> {
    return this.ruleSets.live(bot);
  }

  /** Events in occurredAt order: a batch carrying both a payment and its shipment schedules, then cancels. */
  async plan(tx: SqlExecutor, bot: string, sets: readonly CompiledRuleSet[], events: readonly BusinessEvent[], now: number): Promise<SchedulePlan & { scheduled: number; cancelled: number }> {
    const plan: SchedulePlan = { bot, enqueue: [], cancelJobIds: [] };
    if (sets.length === 0 || events.length === 0) return { ...plan, scheduled: 0, cancelled: 0 };
    const ordered = [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    const batch = new Map<string, PendingInBatch>();
    const cancelCandidates = new Map<string, { event: BusinessEvent; rule: CompiledRule }[]>();
    const failedRules: FireRecord[] = [];

    for (const event of ordered) {
      for (const set of sets) {
        for (const ref of cancellationsFor(set, event, { bot })) {
          const rule = set.rules.get(ref.ruleId) as CompiledRule;
          const inBatch = batch.get(ref.jobId);
          if (inBatch && !inBatch.cancelledBy && shouldCancel(event, { rule: rule.rule, trigger: inBatch.trigger })) inBatch.cancelledBy = event.eventId;
          const list = cancelCandidates.get(ref.jobId) ?? [];
          list.push({ event, rule });
          cancelCandidates.set(ref.jobId, list);
        }
        const matched = matchEvent(set, event, { bot, now });
        for (const decision of matched.schedule) {
          if (!batch.has(decision.jobId)) batch.set(decision.jobId, { decision, trigger: event, rule: set.rules.get(decision.ruleId) as CompiledRule });
        }
        // A rule that cannot schedule is recorded in the fire log; the event is stored and the other rules run.
        for (const failure of matched.failed) failedRules.push(this.failureRecord(bot, set.key, set.version, failure));
      }
    }

    // A trigger cancelled within its own batch is stored as cancelled: its key is used up like any other.
    const items = [...batch.values()];
    const inserted = await this.repo.insertTriggers(
      tx,
      bot,
      items.map((p) => ({ decision: p.decision, trigger: p.trigger, status: p.cancelledBy ? ('cancelled' as const) : ('pending' as const), reason: p.cancelledBy ? `cancel_event:${p.cancelledBy}` : undefined })),
    );
    const fires: FireRecord[] = [];
    for (const p of items) {
      if (!inserted.has(p.decision.jobId)) continue;
      if (p.cancelledBy) fires.push(this.cancelRecord(bot, p.decision, p.cancelledBy, p.decision.ruleSetVersion));
      else plan.enqueue.push(p.decision);
    }

    // Cancels of triggers scheduled earlier: lock the pending rows, re-check each against its stored trigger event.
    const locked = await this.repo.lockPending(tx, [...cancelCandidates.keys()]);
    for (const row of locked) {
      const canceller = cancelCandidates.get(row.jobId)?.find((c) => shouldCancel(c.event, { rule: c.rule.rule, trigger: row.trigger }));
      if (!canceller) continue;
      if (await this.repo.settle(tx, row.jobId, 'cancelled', `cancel_event:${canceller.event.eventId}`)) {
        plan.cancelJobIds.push(row.jobId);
        fires.push({
          jobId: row.jobId,
          bot,
          ruleSetKey: row.ruleSetKey,
          ruleId: row.ruleId,
          scheduledVersion: row.ruleSetVersion,
          firedVersion: null,
          outcome: 'cancelled',
          reason: `cancel_event:${canceller.event.eventId}`,
          error: null,
          eventId: row.eventId,
          actions: null,
          dueAt: row.dueAt,
          latenessMs: null,
        });
      }
    }
    await this.repo.insertFires(tx, [...fires, ...failedRules]);
    if (failedRules.length > 0) {
      this.metrics.outcomes.inc({ bot, outcome: 'failed', reason: 'schedule_error' }, failedRules.length);
      this.logger.warn({ bot, failures: failedRules.map((f) => ({ ruleId: f.ruleId, eventId: f.eventId, error: f.error })) }, 'rules could not schedule; events stored');
    }
    return { ...plan, scheduled: plan.enqueue.length, cancelled: fires.length };
  }

  private failureRecord(bot: string, ruleSetKey: string, version: number | null, failure: FailedMatch): FireRecord {
    return {
      jobId: failure.jobId,
      bot,
      ruleSetKey,
      ruleId: failure.ruleId,
      scheduledVersion: version,
      firedVersion: null,
      outcome: 'failed',
      reason: 'schedule_error',
      error: failure.error.slice(0, 1_000),
      eventId: failure.eventId,
      actions: null,
      dueAt: new Date(failure.at),
      latenessMs: null,
    };
  }

  private cancelRecord(bot: string, decision: ScheduleDecision, byEventId: string, version: number | null): FireRecord {
    return {
      jobId: decision.jobId,
      bot,
      ruleSetKey: decision.ruleSetKey,
      ruleId: decision.ruleId,
      scheduledVersion: version,
      firedVersion: null,
      outcome: 'cancelled',
      reason: `cancel_event:${byEventId}`,
      error: null,
      eventId: decision.eventId,
      actions: null,
      dueAt: new Date(decision.dueAt),
      latenessMs: null,
    };
  }

  /** After commit: delayed jobs for new triggers (deterministic ids), removal of cancelled ones. */
  async apply(plan: SchedulePlan & { cancelled: number }, now: number): Promise<void> {
    if (plan.enqueue.length > 0) {
      // The rows are committed: if the queue is down now, the reconciler wakes them once due (≤ ~25 s late).
      await this.enqueueFires(plan, now).catch((error: unknown) => this.logger.error({ err: error, count: plan.enqueue.length }, 'could not enqueue scheduled triggers; the reconciler will'));
      this.metrics.scheduled.inc({ bot: plan.bot }, plan.enqueue.length);
    }
    if (plan.cancelled > 0) this.metrics.outcomes.inc({ bot: plan.bot, outcome: 'cancelled', reason: 'cancel_event' }, plan.cancelled);
    // A job we fail to remove still finds its row settled when it runs; removal only saves the wake-up.
    await Promise.all(
      plan.cancelJobIds.map((jobId) =>
        this.queue.cancel(JobName.TriggerFire, jobId).catch((error: unknown) => this.logger.warn({ err: error, jobId }, 'could not remove a cancelled trigger job')),
      ),
    );
  }

  private async enqueueFires(plan: SchedulePlan, now: number): Promise<void> {
    await this.queue.enqueueBulk(
      JobName.TriggerFire,
      plan.enqueue.map((d) => ({
        payload: { bot: plan.bot, jobId: d.jobId },
        options: { jobId: d.jobId, delayMs: Math.max(0, d.dueAt - now), attempts: FIRE_ATTEMPTS, backoffMs: FIRE_BACKOFF_MS },
      })),
    );
  }
}
