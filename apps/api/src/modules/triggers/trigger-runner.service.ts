import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConditionEvaluator, HttpPort, JsonValue } from '@zhishou/flow-schema';
import { evaluateAtFire, gatherFireContext, uuidFromName, type FireDecision, type RenderedAction } from '@zhishou/rules';
import { type AppConfig, CONFIG } from '../../infra/config/config';
import { DomainError } from '../../infra/http-server/errors';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import { JobRegistry } from '../../infra/queue/job-registry';
import type { JobContext } from '../../infra/queue/queue.port';
import { QUEUE, type QueuePort } from '../../infra/queue/queue.port';
import { TurnService } from '../conversations/turn.service';
import { EventsService } from '../events/events.service';
import { createFactPorts } from './fire-facts';
import { deliver, PermanentDeliveryError, type OutboundOptions } from './outbound/outbound.sender';
import { RuleSetsService } from './rulesets.service';
import { FIRE_ATTEMPTS } from './scheduler.service';
import { TriggerMetrics } from './trigger-metrics';
import { TriggerRepository, type DeliveryRow, type FireRecord, type TriggerRow, type TriggerStore } from './trigger.repository';

export const TRIGGER_CONDITIONS = Symbol('TRIGGER_CONDITIONS');
export const TRIGGER_HTTP = Symbol('TRIGGER_HTTP');
export const OUTBOUND_HTTP = Symbol('OUTBOUND_HTTP');

const FIRE_CONCURRENCY = 32;
const DELIVERY_CONCURRENCY = 16;
const DELIVERY_TIMEOUT_MS = 5_000;
/** First delivery tries running in this process at once; more go through the queue. */
const MAX_INLINE_DELIVERIES = 256;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The worker side of triggers. `trigger.fire`: load the trigger row; if still pending, look the rule up in
 * the rule set's LIVE version (rollback semantics: see docs/RULES.md), evaluate it on fresh facts, and settle the
 * row + fire log + outbox in one transaction (the conditional settle makes it exactly-once). Evaluation
 * errors retry with backoff; after the last try the trigger is `failed` (the dead-letter list).
 * `trigger.deliver`: send one outbox action as a signed webhook, retried, then `dead`.
 */
@Injectable()
export class TriggerRunner implements OnModuleInit {
  private inlineDeliveries = 0;

  constructor(
    @Inject(JobRegistry) private readonly jobs: JobRegistry,
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(TriggerRepository) private readonly repo: TriggerStore,
    @Inject(EventsService) private readonly events: Pick<EventsService, 'about'>,
    @Inject(RuleSetsService) private readonly ruleSets: Pick<RuleSetsService, 'liveOne'>,
    @Inject(TriggerMetrics) private readonly metrics: TriggerMetrics,
    @Inject(TRIGGER_CONDITIONS) private readonly conditions: ConditionEvaluator,
    @Inject(TRIGGER_HTTP) private readonly factHttp: HttpPort,
    @Inject(OUTBOUND_HTTP) private readonly outboundHttp: HttpPort,
    @Inject(CONFIG) private readonly config: Pick<AppConfig, 'outbound'>,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(TurnService) private readonly turns: Pick<TurnService, 'run' | 'slotsOf'>,
  ) {}

  onModuleInit(): void {
    this.jobs.register(JobName.TriggerFire, (payload, ctx) => this.fire(payload.bot, payload.jobId, ctx), { concurrency: FIRE_CONCURRENCY });
    this.jobs.register(JobName.TriggerDeliver, (payload, ctx) => this.deliver(payload.deliveryId, ctx), { concurrency: DELIVERY_CONCURRENCY });
  }

  private async decide(row: TriggerRow, now: number): Promise<{ decision: FireDecision | { outcome: 'skipped'; reason: 'rule_not_live' }; firedVersion: number | null }> {
    const live = await this.ruleSets.liveOne(row.bot, row.ruleSetKey);
    const compiled = live?.rules.get(row.ruleId);
    if (!live || !compiled) return { decision: { outcome: 'skipped', reason: 'rule_not_live' }, firedVersion: live?.version ?? null };
    const ctx = await gatherFireContext(compiled, row.trigger, createFactPorts(row.bot, { events: this.events, conversations: this.turns }, this.factHttp), now);
    return { decision: await evaluateAtFire(compiled, ctx, this.conditions), firedVersion: live.version };
  }

  async fire(bot: string, jobId: string, ctx: JobContext): Promise<void> {
    const row = await this.repo.find(jobId);
    if (!row || row.status !== 'pending') return; // settled already: cancelled, or a second run of the same job
    const now = Date.now();
    const base: Omit<FireRecord, 'outcome' | 'reason' | 'error' | 'actions' | 'firedVersion'> = {
      jobId,
      bot,
      ruleSetKey: row.ruleSetKey,
      ruleId: row.ruleId,
      scheduledVersion: row.ruleSetVersion,
      eventId: row.eventId,
      dueAt: row.dueAt,
      latenessMs: Math.max(0, now - row.dueAt.getTime()),
    };
    let decided: Awaited<ReturnType<TriggerRunner['decide']>>;
    try {
      decided = await this.decide(row, now);
    } catch (error) {
      await this.failedAttempt(row, base, error, ctx);
      return;
    }
    const { decision, firedVersion } = decided;
    const deliveries = decision.outcome === 'fire' ? decision.actions.map((action, i) => ({ id: uuidFromName(`${jobId}#${i}`), jobId, bot, ruleId: row.ruleId, action })) : [];
    const outcome = decision.outcome === 'fire' ? 'fired' : decision.outcome;
    const reason = decision.outcome === 'fire' ? null : decision.outcome === 'cancelled' ? `${decision.reason}:${decision.byEventId}` : decision.reason;
    const settled = await this.repo.settleWithRecord(
      { ...base, outcome, reason, error: null, actions: decision.outcome === 'fire' ? decision.actions : null, firedVersion },
      deliveries,
    );
    if (!settled) return;
    this.metrics.outcomes.inc({ bot, outcome, reason: reason?.split(':')[0] ?? '' });
    this.metrics.lateness.observe({ bot }, (base.latenessMs ?? 0) / 1000);
    this.deliverSoon(bot, deliveries);
  }

  private async failedAttempt(row: TriggerRow, base: Omit<FireRecord, 'outcome' | 'reason' | 'error' | 'actions' | 'firedVersion'>, error: unknown, ctx: JobContext): Promise<void> {
    const message = errorText(error);
    const last = ctx.attempt >= FIRE_ATTEMPTS;
    this.logger.warn({ err: error, jobId: row.jobId, attempt: ctx.attempt, last }, 'trigger evaluation failed');
    await this.repo.recordFailure({ ...base, outcome: 'failed', reason: last ? 'dead_letter' : `attempt_${ctx.attempt}`, error: message, actions: null, firedVersion: null }, last);
    if (last) {
      this.metrics.outcomes.inc({ bot: row.bot, outcome: 'failed', reason: 'evaluation_error' });
      return;
    }
    await this.repo.recordAttemptError(row.jobId, message);
    throw error; // the queue retries with backoff
  }

  async enqueueDeliveries(items: readonly { bot: string; id: string; retryOf?: number }[], delayMs = 0): Promise<void> {
    if (items.length === 0) return;
    await this.queue.enqueueBulk(
      JobName.TriggerDeliver,
      items.map((d) => ({
        payload: { bot: d.bot, deliveryId: d.id },
        // An ops retry of a dead delivery needs a fresh job id: the old one is kept by the queue to dedupe.
        options: { jobId: d.retryOf ? `${d.id}.retry${d.retryOf}` : d.id, delayMs, attempts: this.config.outbound.attempts, backoffMs: this.config.outbound.backoffMs },
      })),
    );
  }

  private outbound(): OutboundOptions {
    return { chatWebhookUrl: this.config.outbound.webhookUrl, secret: this.config.outbound.secret, timeoutMs: DELIVERY_TIMEOUT_MS, http: this.outboundHttp, now: Date.now };
  }

  /**
   * start_flow: runs the flow's first turn in the event's conversation through the conversation service
   * (an `event` turn), once — the replies are stored on the delivery, so a retried delivery re-sends them.
   * A crash between the turn's commit and storing its replies can run the flow twice (at-least-once).
   */
  private async startFlow(bot: string, jobId: string, deliveryId: string, action: Extract<RenderedAction, { type: 'start_flow' }> & { replies?: unknown[] }): Promise<unknown[]> {
    if (action.replies) return action.replies;
    if (!action.conversationId) throw new PermanentDeliveryError('start_flow needs the event subject to name a conversationId');
    const trigger = await this.repo.find(jobId);
    // JSON round trip: drops undefined subject keys, so the event is a plain JsonValue record for the engine.
    const event = (trigger ? JSON.parse(JSON.stringify({ ruleId: trigger.ruleId, type: trigger.trigger.type, eventId: trigger.eventId, subject: trigger.trigger.subject, data: trigger.trigger.data })) : {}) as Record<string, JsonValue>;
    const result = await this.turns.run(bot, action.conversationId, { type: 'event', event, flow: action.flow }).catch((error: unknown) => {
      // A flow that is not live (or a conversation that cannot take it) will not fix itself by retrying.
      throw error instanceof DomainError && error.status < 500 ? new PermanentDeliveryError(`start_flow: ${error.message}`) : error;
    });
    const replies = result.body.replies as unknown[];
    await this.repo.storeFlowReplies(deliveryId, replies);
    return replies;
  }

  /** The `trigger.deliver` job: one more try of a pending delivery; a retryable failure throws so the queue backs off. */
  async deliver(deliveryId: string, _ctx: JobContext): Promise<void> {
    const delivery = await this.repo.findDelivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const outcome = await this.attemptDelivery(delivery);
    if (outcome.result === 'retry') throw outcome.error;
  }

  /**
   * One try of a delivery. Tries are counted in the row (not by the queue), so the first try made inline
   * by the fire job and the queue's retries share one budget of TRIGGER_DELIVERY_ATTEMPTS.
   */
  private async attemptDelivery(delivery: DeliveryRow): Promise<{ result: 'delivered' | 'dead' } | { result: 'retry'; error: unknown }> {
    const { id } = delivery;
    try {
      const replies = delivery.action.type === 'start_flow' ? await this.startFlow(delivery.bot, delivery.jobId, id, delivery.action) : undefined;
      await deliver(this.outbound(), { deliveryId: id, bot: delivery.bot, ruleId: delivery.ruleId, jobId: delivery.jobId, action: delivery.action, replies });
      await this.repo.markDelivered(id);
      this.metrics.deliveries.inc({ bot: delivery.bot, kind: delivery.kind, outcome: 'delivered' });
      return { result: 'delivered' };
    } catch (error) {
      const dead = error instanceof PermanentDeliveryError || delivery.attempts + 1 >= this.config.outbound.attempts;
      await this.repo.markDeliveryFailure(id, errorText(error), dead);
      this.metrics.deliveries.inc({ bot: delivery.bot, kind: delivery.kind, outcome: dead ? 'dead' : 'retry' });
      if (!dead) return { result: 'retry', error };
      this.logger.warn({ err: error, deliveryId: id, attempts: delivery.attempts + 1 }, 'trigger delivery dead-lettered');
      return { result: 'dead' };
    }
  }

  /**
   * Right after a fire commits, its deliveries get their first try in this process, without holding the
   * fire job's slot (a slow receiver must not make other triggers late) and without a queue round trip;
   * only a failed try goes to the queue, delayed by the backoff. Beyond MAX_INLINE_DELIVERIES in flight,
   * or if the process dies first, deliveries go through the queue (the reconciler enqueues orphans).
   */
  private deliverSoon(bot: string, rows: readonly { id: string; jobId: string; ruleId: string; action: RenderedAction }[]): void {
    if (rows.length === 0) return;
    if (this.inlineDeliveries + rows.length > MAX_INLINE_DELIVERIES) {
      void this.enqueueDeliveries(rows.map((r) => ({ bot, id: r.id }))).catch((error: unknown) => this.logger.warn({ err: error }, 'could not enqueue deliveries; the reconciler will'));
      return;
    }
    this.inlineDeliveries += rows.length;
    const now = new Date();
    for (const row of rows) {
      const delivery: DeliveryRow = { ...row, bot, kind: row.action.type, status: 'pending', attempts: 0, lastError: null, createdAt: now, updatedAt: now };
      void this.attemptDelivery(delivery)
        .then((outcome) => (outcome.result === 'retry' ? this.enqueueDeliveries([{ bot, id: row.id }], this.config.outbound.backoffMs) : undefined))
        .catch((error: unknown) => this.logger.warn({ err: error, deliveryId: row.id }, 'inline delivery failed; the reconciler will retry it'))
        .finally(() => this.inlineDeliveries--);
    }
  }


}
