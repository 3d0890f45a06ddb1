import type { BusinessEvent, JsonValue } from '@zhishou/flow-schema';
import { compileRuleSet, createConditionEvaluator, type CompiledRuleSet } from '@zhishou/rules';
import { fakeHttp, type FakeHttp, type FakeRoute } from '@zhishou/testing';
import { Registry } from 'prom-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InlineQueue } from '../../../test/support/inline-queue';
import { InMemoryTriggerStore } from '../../../test/triggers/in-memory-trigger-store';
import type { AppConfig } from '../../infra/config/config';
import type { SqlExecutor } from '../../infra/database/sql';
import { NotFoundError } from '../../infra/http-server/errors';
import { createLogger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import { JobRegistry } from '../../infra/queue/job-registry';
import type { TurnResult, TurnService } from '../conversations/turn.service';
import type { EventsService } from '../events/events.service';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './outbound/signature';
import { FIRE_ATTEMPTS, FIRE_BACKOFF_MS, TriggerScheduler } from './scheduler.service';
import { TriggerMetrics } from './trigger-metrics';
import { TriggerRunner } from './trigger-runner.service';

/**
 * Service tier (no app, no database): the runner's fire / skip / cancel / deliver decisions with an
 * in-memory trigger store, the inline queue, fake fact sources and a fake outbound receiver. Triggers
 * are scheduled by the real TriggerScheduler. Postgres/Redis versions: apps/api/test/triggers.
 */
const BOT = 'shop';
const CHAT = 'https://chat.example.test/hook';
const SECRET = 'service-tier-secret-0123456789';
const DAY = 86_400_000;
const T0 = Date.now() - 10 * DAY; // events in the past, so triggers are due when the test runs them

const ruleSet = (version: number): CompiledRuleSet =>
  compileRuleSet(
    {
      key: 'care',
      name: 'care',
      rules: [
        {
          id: 'confirm',
          name: 'ask the buyer to confirm',
          on: 'order.delivered',
          after: '7d',
          if: { all: [{ fact: 'laterEventTypes', operator: 'doesNotContain', value: 'order.confirmed' }] },
          cancelOn: ['order.refunded'],
          actions: [{ type: 'send_message', to: 'buyer', template: 'please confirm {{event.subject.orderId}}' }],
        },
        {
          id: 'follow-up',
          name: 'start the follow-up flow',
          on: 'order.complained',
          actions: [{ type: 'start_flow', flow: 'follow_up' }],
        },
      ],
    },
    { version },
  );

const event = (eventId: string, type: string, orderId: string, at: number, conversationId?: string): BusinessEvent => ({
  eventId,
  type,
  occurredAt: new Date(at).toISOString(),
  subject: { orderId, buyerId: 'b-1', ...(conversationId ? { conversationId } : {}) },
  data: {},
});

const tx: SqlExecutor = { query: () => Promise.reject(new Error('no SQL in the service tier')) };

describe('TriggerRunner (service tier)', () => {
  let store: InMemoryTriggerStore;
  let queue: InlineQueue;
  let live: CompiledRuleSet | null;
  let laterEvents: BusinessEvent[] | Error;
  let receiver: FakeHttp;
  let routes: Record<string, FakeRoute | FakeRoute[]>;
  let run: ReturnType<typeof vi.fn<TurnService['run']>>;
  let scheduler: TriggerScheduler;
  let runner: TriggerRunner;

  beforeEach(async () => {
    store = new InMemoryTriggerStore();
    queue = new InlineQueue();
    live = ruleSet(2);
    laterEvents = [];
    routes = { [`POST ${CHAT}`]: { status: 200, body: {} } };
    receiver = fakeHttp(routes); // reads `routes` on every request, so a test can change the receiver's answers
    const logger = createLogger('silent', 'test');
    const registry = new Registry();
    const metrics = new TriggerMetrics(registry);
    const events: Pick<EventsService, 'about'> = {
      about: async () => {
        if (laterEvents instanceof Error) throw laterEvents;
        return laterEvents;
      },
    };
    run = vi.fn<TurnService['run']>(async (_bot, conversationId): Promise<TurnResult> => ({
      body: { replies: [{ type: 'text', text: 'how can we help?' }], state: { status: 'active', node: 'ask', flow: 'follow_up', slots: {} }, nlu: null, turn: 1, conversationId },
      trace: null,
      duplicate: false,
      ignored: null,
    }));
    const turns: Pick<TurnService, 'run' | 'slotsOf'> = { run, slotsOf: async () => undefined };
    const config: Pick<AppConfig, 'outbound'> = { outbound: { webhookUrl: CHAT, secret: SECRET, allowedHosts: [], attempts: 3, backoffMs: 1_000 } };
    const jobs = new JobRegistry(queue, logger, registry);
    scheduler = new TriggerScheduler({ live: async () => (live ? [live] : []) }, store, queue, metrics, logger, { addListener: () => undefined });
    runner = new TriggerRunner(
      jobs,
      queue,
      store,
      events,
      { liveOne: async () => live },
      metrics,
      createConditionEvaluator(),
      fakeHttp(),
      receiver,
      config,
      logger,
      turns,
    );
    runner.onModuleInit();
    await jobs.startProcessing();
  });

  async function schedule(...events: BusinessEvent[]): Promise<string[]> {
    const session = await scheduler.begin(BOT, Date.now());
    await session.inTransaction(tx, events);
    await session.afterCommit();
    return [...store.triggers.values()].map((t) => t.jobId);
  }

  const settledDeliveries = () => vi.waitFor(() => expect([...store.deliveries.values()].every((d) => d.status !== 'pending' || d.attempts > 0)).toBe(true));

  it('fires a due trigger whose condition holds: settles it, logs the fire, and delivers a signed message once', async () => {
    const [jobId] = await schedule(event('d-1', 'order.delivered', 'o-1', T0));
    await queue.runDue(Date.now());
    expect(store.triggers.get(jobId ?? '')).toMatchObject({ status: 'fired' });
    expect(store.fires).toMatchObject([{ jobId, outcome: 'fired', reason: null, scheduledVersion: 2, firedVersion: 2, actions: [{ type: 'send_message', to: 'buyer', text: 'please confirm o-1' }] }]);
    await vi.waitFor(() => expect([...store.deliveries.values()].map((d) => d.status)).toEqual(['delivered']));

    const [request] = receiver.requests;
    const body = JSON.parse(request?.body ?? '{}') as Record<string, JsonValue>;
    expect(body).toMatchObject({ type: 'send_message', text: 'please confirm o-1', bot: BOT, ruleId: 'confirm', triggerId: jobId });
    const headers = request?.headers ?? {};
    expect(headers[DELIVERY_HEADER]).toBe([...store.deliveries.keys()][0]);
    expect(verifySignature(SECRET, { timestamp: headers[TIMESTAMP_HEADER], signature: headers[SIGNATURE_HEADER] }, request?.body ?? '', Math.floor(Date.now() / 1000))).toBe(true);

    // The same job again (a redelivered queue job): the row is settled, nothing is recorded or sent twice.
    await runner.fire(BOT, jobId ?? '', { job: JobName.TriggerFire, jobId: jobId ?? '', attempt: 1 });
    expect(store.fires).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
  });

  it('skips when the condition is false at fire time, and when the rule is no longer live (rollback semantics)', async () => {
    const [first] = await schedule(event('d-1', 'order.delivered', 'o-1', T0));
    laterEvents = [event('c-1', 'order.confirmed', 'o-1', T0 + DAY)];
    await queue.runDue(Date.now());
    expect(store.fires).toMatchObject([{ jobId: first, outcome: 'skipped', reason: 'condition_false', firedVersion: 2 }]);
    expect(store.deliveries.size).toBe(0);

    laterEvents = [];
    await schedule(event('d-2', 'order.delivered', 'o-2', T0));
    live = null; // the rule set was rolled back to nothing live
    await queue.runDue(Date.now());
    expect(store.fires[1]).toMatchObject({ outcome: 'skipped', reason: 'rule_not_live', firedVersion: null });
    expect(receiver.requests).toEqual([]);
  });

  it('cancels at fire time when a cancelling event for the subject is in the log', async () => {
    const [jobId] = await schedule(event('d-1', 'order.delivered', 'o-1', T0));
    laterEvents = [event('r-1', 'order.refunded', 'o-1', T0 + DAY)];
    await queue.runDue(Date.now());
    expect(store.triggers.get(jobId ?? '')).toMatchObject({ status: 'cancelled', reason: 'cancel_event:r-1' });
    expect(store.fires).toMatchObject([{ outcome: 'cancelled', reason: 'cancel_event:r-1' }]);
    expect(store.deliveries.size).toBe(0);
  });

  it('retries an evaluation error with backoff, then dead-letters the trigger as failed', async () => {
    const [jobId] = await schedule(event('d-1', 'order.delivered', 'o-1', T0));
    laterEvents = new Error('event log unavailable');
    let at = Date.now();
    await queue.runDue(at);
    expect(store.triggers.get(jobId ?? '')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'event log unavailable' });
    expect(store.fires).toMatchObject([{ outcome: 'failed', reason: 'attempt_1' }]);
    for (let i = 1; i < FIRE_ATTEMPTS; i++) {
      at += FIRE_BACKOFF_MS * 2 ** i;
      await queue.runDue(at);
    }
    expect(store.triggers.get(jobId ?? '')).toMatchObject({ status: 'failed', reason: 'evaluation_error' });
    expect(store.fires.map((f) => f.reason)).toEqual(['attempt_1', 'attempt_2', 'attempt_3', 'dead_letter']);
    expect(queue.list(JobName.TriggerFire)[0]?.state).toBe('completed'); // the last try settles instead of throwing
  });

  it('retries a failed delivery through the queue with the shared budget, then dead-letters it', async () => {
    routes[`POST ${CHAT}`] = [{ status: 503, body: {} }, { status: 200, body: {} }];
    await schedule(event('d-1', 'order.delivered', 'o-1', T0));
    await queue.runDue(Date.now());
    await settledDeliveries();
    const [delivery] = [...store.deliveries.values()];
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastError: `${CHAT} answered 503` });
    await vi.waitFor(() => expect(queue.list(JobName.TriggerDeliver)).toHaveLength(1)); // the retry goes through the queue, after the backoff
    await queue.runDue(Date.now() + 1_000);
    expect(store.deliveries.get(delivery?.id ?? '')).toMatchObject({ status: 'delivered', attempts: 2 });

    routes[`POST ${CHAT}`] = { status: 500, body: {} };
    await schedule(event('d-2', 'order.delivered', 'o-2', T0));
    await queue.runDue(Date.now());
    await settledDeliveries();
    for (let i = 1; i <= 4; i++) await queue.runDue(Date.now() + i * 10_000);
    const dead = [...store.deliveries.values()].find((d) => d.id !== delivery?.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(receiver.requests.filter((r) => r.body?.includes(dead?.id ?? '-'))).toHaveLength(3);
  });

  it('start_flow runs the flow once through the conversations service and sends its replies; a retry re-sends them without running it again', async () => {
    routes[`POST ${CHAT}`] = [{ status: 502, body: {} }, { status: 200, body: {} }];
    await schedule(event('k-1', 'order.complained', 'o-1', T0, 'conv-1'));
    await queue.runDue(Date.now());
    await settledDeliveries();
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.slice(0, 2)).toEqual([BOT, 'conv-1']);
    expect(run.mock.calls[0]?.[2]).toMatchObject({ type: 'event', flow: 'follow_up', event: { type: 'order.complained', eventId: 'k-1' } });
    await vi.waitFor(() => expect(queue.list(JobName.TriggerDeliver)).toHaveLength(1));
    await queue.runDue(Date.now() + 1_000);
    expect(run).toHaveBeenCalledTimes(1);
    const bodies = receiver.requests.map((r) => JSON.parse(r.body ?? '{}') as { replies?: unknown });
    expect(bodies.map((b) => b.replies)).toEqual([[{ type: 'text', text: 'how can we help?' }], [{ type: 'text', text: 'how can we help?' }]]);
    expect([...store.deliveries.values()][0]).toMatchObject({ status: 'delivered' });
  });

  it('dead-letters a start_flow at once when the flow cannot run (a 4xx from the conversation), without retrying', async () => {
    run.mockRejectedValueOnce(new NotFoundError('flow', 'follow_up'));
    await schedule(event('k-1', 'order.complained', 'o-1', T0, 'conv-1'));
    await queue.runDue(Date.now());
    await vi.waitFor(() => expect([...store.deliveries.values()][0]).toMatchObject({ status: 'dead', attempts: 1 }));
    expect(receiver.requests).toEqual([]);
    expect(queue.list(JobName.TriggerDeliver)).toEqual([]);
  });
});
