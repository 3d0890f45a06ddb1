import type { BusinessEvent } from '@zhishou/flow-schema';
import { compileRuleSet, type CompiledRuleSet } from '@zhishou/rules';
import { Registry } from 'prom-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { InlineQueue } from '../../../test/support/inline-queue';
import { InMemoryTriggerStore } from '../../../test/triggers/in-memory-trigger-store';
import type { SqlExecutor } from '../../infra/database/sql';
import { createLogger } from '../../infra/logging/logger';
import { JobName } from '../../infra/queue/job-catalogue';
import type { IngestionListener } from '../events/events.service';
import { FIRE_ATTEMPTS, TriggerScheduler } from './scheduler.service';
import { TriggerMetrics } from './trigger-metrics';

/**
 * Service tier (no app, no database): the scheduler's decisions against an in-memory trigger store and
 * the inline queue. The same paths against Postgres and Redis are in apps/api/test/triggers.
 */
const BOT = 'shop';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

const ruleSet: CompiledRuleSet = compileRuleSet(
  {
    key: 'care',
    name: 'care',
    rules: [
      {
        id: 'remind',
        name: 'remind the seller',
        on: 'order.paid',
        after: '48h',
        cancelOn: ['order.shipped', 'order.cancelled'],
        actions: [{ type: 'send_message', to: 'seller', template: 'ship {{event.subject.orderId}}' }],
      },
    ],
  },
  { version: 3 },
);

const event = (eventId: string, type: string, orderId: string, at: number): BusinessEvent => ({ eventId, type, occurredAt: new Date(at).toISOString(), subject: { orderId, sellerId: 's-1' }, data: {} });

/** The ingestion's unit of work as the scheduler sees it: it must hand it to the store, never run SQL on it itself. */
const tx: SqlExecutor = { query: () => Promise.reject(new Error('the scheduler runs no SQL of its own')) };

describe('TriggerScheduler (service tier)', () => {
  let now: number;
  let store: InMemoryTriggerStore;
  let queue: InlineQueue;
  let listeners: IngestionListener[];
  let scheduler: TriggerScheduler;
  let liveSets: CompiledRuleSet[];

  beforeEach(() => {
    now = T0;
    store = new InMemoryTriggerStore();
    queue = new InlineQueue(() => now);
    listeners = [];
    liveSets = [ruleSet];
    scheduler = new TriggerScheduler({ live: async () => liveSets }, store, queue, new TriggerMetrics(new Registry()), createLogger('silent', 'test'), { addListener: (l) => listeners.push(l) });
    scheduler.onModuleInit();
  });

  /** What EventsService does with its listeners for one batch of newly stored events. */
  async function ingest(events: BusinessEvent[]) {
    const session = await (listeners[0] as IngestionListener).begin(BOT, now);
    const outcome = await session.inTransaction(tx, events);
    await session.afterCommit();
    return outcome;
  }

  it('registers itself as the events module’s ingestion listener', () => {
    expect(listeners).toEqual([scheduler]);
  });

  it('schedules a trigger in the ingestion’s unit of work and enqueues its delayed job only after commit', async () => {
    const session = await scheduler.begin(BOT, now);
    expect(await session.inTransaction(tx, [event('p-1', 'order.paid', 'o-1', T0)])).toEqual({ scheduled: 1, cancelled: 0 });
    const [row] = [...store.triggers.values()];
    expect(row).toMatchObject({ bot: BOT, ruleSetKey: 'care', ruleId: 'remind', ruleSetVersion: 3, eventId: 'p-1', status: 'pending', dueAt: new Date(T0 + 48 * HOUR) });
    expect(store.writes.every((w) => w.tx === tx)).toBe(true);
    expect(queue.list()).toEqual([]); // nothing on the queue before commit

    await session.afterCommit();
    expect(queue.list(JobName.TriggerFire)).toEqual([
      { job: JobName.TriggerFire, id: row?.jobId, payload: { bot: BOT, jobId: row?.jobId }, runAt: T0 + 48 * HOUR, state: 'delayed', tries: 0 },
    ]);
  });

  it('dedupes: the same subject again (a retried or second event) schedules nothing more', async () => {
    expect(await ingest([event('p-1', 'order.paid', 'o-1', T0)])).toEqual({ scheduled: 1, cancelled: 0 });
    expect(await ingest([event('p-2', 'order.paid', 'o-1', T0 + 1_000)])).toEqual({ scheduled: 0, cancelled: 0 });
    expect(await ingest([event('p-3', 'order.paid', 'o-2', T0)])).toEqual({ scheduled: 1, cancelled: 0 });
    expect(store.triggers.size).toBe(2);
    expect(queue.list(JobName.TriggerFire)).toHaveLength(2);
  });

  it('cancels a pending trigger on a cancel event for the same subject: row settled, fire log written, job removed', async () => {
    await ingest([event('p-1', 'order.paid', 'o-1', T0)]);
    const [row] = [...store.triggers.values()];
    now = T0 + HOUR;
    expect(await ingest([event('x-9', 'order.shipped', 'o-2', now)])).toEqual({ scheduled: 0, cancelled: 0 }); // another order
    expect(await ingest([event('s-1', 'order.shipped', 'o-1', now)])).toEqual({ scheduled: 0, cancelled: 1 });
    expect(store.triggers.get(row?.jobId ?? '')).toMatchObject({ status: 'cancelled', reason: 'cancel_event:s-1' });
    expect(store.fires).toMatchObject([{ jobId: row?.jobId, outcome: 'cancelled', reason: 'cancel_event:s-1', scheduledVersion: 3, firedVersion: null }]);
    expect(await queue.state(JobName.TriggerFire, row?.jobId ?? '')).toBeNull();
    // A second cancel event finds nothing pending.
    expect(await ingest([event('c-1', 'order.cancelled', 'o-1', now)])).toEqual({ scheduled: 0, cancelled: 0 });
  });

  it('stores a trigger cancelled within its own batch as cancelled and never enqueues it; order is occurredAt, not arrival', async () => {
    const outcome = await ingest([event('s-1', 'order.shipped', 'o-1', T0 + 60_000), event('p-1', 'order.paid', 'o-1', T0)]);
    expect(outcome).toEqual({ scheduled: 0, cancelled: 1 });
    expect([...store.triggers.values()]).toMatchObject([{ status: 'cancelled', reason: 'cancel_event:s-1' }]);
    expect(queue.list()).toEqual([]);

    // Shipped BEFORE paid (an older shipment of another attempt) does not cancel the new payment's trigger.
    const later = await ingest([event('p-2', 'order.paid', 'o-2', T0 + 60_000), event('s-2', 'order.shipped', 'o-2', T0)]);
    expect(later).toEqual({ scheduled: 1, cancelled: 0 });
  });

  it('schedules nothing without live rule sets, and a lost enqueue after commit leaves the row for the reconciler', async () => {
    liveSets = [];
    expect(await ingest([event('p-1', 'order.paid', 'o-1', T0)])).toEqual({ scheduled: 0, cancelled: 0 });
    expect(store.triggers.size).toBe(0);

    liveSets = [ruleSet];
    const down = new InlineQueue(() => now);
    down.enqueueBulk = () => Promise.reject(new Error('redis away'));
    const alone = new TriggerScheduler({ live: async () => liveSets }, store, down, new TriggerMetrics(new Registry()), createLogger('silent', 'test'), { addListener: () => undefined });
    const session = await alone.begin(BOT, now);
    expect(await session.inTransaction(tx, [event('p-2', 'order.paid', 'o-2', T0)])).toEqual({ scheduled: 1, cancelled: 0 });
    await expect(session.afterCommit()).resolves.toBeUndefined();
    expect([...store.triggers.values()].map((t) => t.status)).toEqual(['pending']);
  });

  it('enqueues with the fire job’s retry budget and no delay for an event that is already past due', async () => {
    now = T0 + 50 * HOUR;
    await ingest([event('p-1', 'order.paid', 'o-1', T0)]);
    const [job] = queue.list(JobName.TriggerFire);
    expect(job?.runAt).toBe(now);
    let attempts = 0;
    await queue.process(JobName.TriggerFire, async () => {
      attempts++;
      throw new Error('evaluation failed');
    });
    for (let i = 0; i < 10; i++) await queue.runDue(now + i * HOUR);
    expect(attempts).toBe(FIRE_ATTEMPTS);
    expect(queue.list(JobName.TriggerFire)[0]?.state).toBe('failed');
  });
});
