import { randomUUID } from 'node:crypto';
import type { ConversationState, Flow, HttpRequest, HttpResponse, JsonValue } from '@zhishou/flow-schema';
import { createConditionEvaluator } from '@zhishou/rules';
import { flowBuilder, guards, nluResult } from '@zhishou/testing';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DomainError, RetriableError } from '../../infra/http-server/errors';
import type { AnalyzeOptions } from '../inference/inference.port';
import { InMemoryDocumentStore } from '../versioning/in-memory-document-store';
import { VersioningService } from '../versioning/versioning.service';
import type { KindDescriptor, VersionPins } from '../versioning/versioning.types';
import type { ClaimedConversation, CommittedOutboxRow, ConversationKind, PeekedPins, StoredTurn, TurnWrite } from './conversation.repository';
import { TIMER_CANCEL_TOPIC, TIMER_SCHEDULE_TOPIC } from './timer-scheduler';
import { PENDING_TIMER, TurnService, type TurnStore } from './turn.service';

/**
 * Service tier: TurnService with fakes (an in-memory store with the repository's lease semantics, fake
 * inference, fake http, a recording outbox) — no app boot, no database. The real-Postgres behaviour is
 * covered by apps/api/test/chat.
 */

interface Row {
  id: string;
  kind: ConversationKind;
  flowKey: string | null;
  flowVersion: number | null;
  flowVersions: Record<string, number> | null;
  pins: VersionPins | null;
  state: ConversationState | null;
  turn: number;
  lastSeq: number;
  lastMessageId: string | null;
  leaseOwner: string | null;
  leaseUntil: number;
}

class FakeStore implements TurnStore {
  readonly rows = new Map<string, Row>();
  readonly turns = new Map<string, StoredTurn & { conversationId: string; messageId: string | null }>();
  readonly writes: TurnWrite[] = [];
  calls = 0;
  failNext: Error | null = null;
  /** What the next peek returns instead of the row (null: no row yet), as if it ran before a racing turn. */
  stalePeek: PeekedPins | null | undefined = undefined;
  private outboxId = 0;

  private check(): void {
    this.calls++;
    const error = this.failNext;
    this.failNext = null;
    if (error) throw error;
  }

  async claim(c: { bot: string; externalId: string; kind: ConversationKind; owner: string; leaseMs: number; messageId: string | null }): Promise<ClaimedConversation | 'busy'> {
    this.check();
    const key = `${c.bot}/${c.externalId}`;
    let row = this.rows.get(key);
    const inserted = !row;
    if (!row) {
      row = { id: randomUUID(), kind: c.kind, flowKey: null, flowVersion: null, flowVersions: null, pins: null, state: null, turn: 0, lastSeq: 0, lastMessageId: null, leaseOwner: null, leaseUntil: 0 };
      this.rows.set(key, row);
    } else if (row.leaseOwner !== null && row.leaseUntil >= Date.now()) return 'busy';
    row.leaseOwner = c.owner;
    row.leaseUntil = Date.now() + c.leaseMs;
    const prior = c.messageId === null ? null : (this.turns.get(`${row.id}/${c.messageId}`) ?? null);
    return { id: row.id, kind: row.kind, flowKey: row.flowKey, flowVersion: row.flowVersion, flowVersions: row.flowVersions, pins: structuredClone(row.pins), state: structuredClone(row.state), turn: row.turn, inserted, prior };
  }

  async peekPins(bot: string, externalId: string): Promise<PeekedPins | null> {
    const stale = this.stalePeek;
    this.stalePeek = undefined;
    if (stale !== undefined) return stale;
    const row = this.rows.get(`${bot}/${externalId}`);
    return row ? { pins: structuredClone(row.pins), status: row.state?.status ?? 'active', flowPinned: row.flowVersions !== null } : null;
  }

  async findTurn(conversationId: string, messageId: string): Promise<StoredTurn | null> {
    this.check();
    return this.turns.get(`${conversationId}/${messageId}`) ?? null;
  }

  renewals = 0;

  async renew(leases: readonly { conversationId: string; owner: string }[], leaseMs: number): Promise<number> {
    this.renewals++;
    let held = 0;
    for (const { conversationId, owner } of leases) {
      const row = this.byId(conversationId);
      if (row?.leaseOwner !== owner) continue;
      row.leaseUntil = Date.now() + leaseMs;
      held++;
    }
    return held;
  }

  async release(conversationId: string, owner: string): Promise<void> {
    const row = this.byId(conversationId);
    if (row?.leaseOwner === owner) row.leaseOwner = null;
  }

  async commit(w: TurnWrite, owner: string): Promise<CommittedOutboxRow[] | null> {
    this.check();
    const row = this.byId(w.conversationId);
    if (!row || row.leaseOwner !== owner) return null;
    if (w.messageId !== null && this.turns.has(`${row.id}/${w.messageId}`)) throw Object.assign(new Error('duplicate key'), { code: '23505' });
    Object.assign(row, { state: w.state, turn: w.turn, flowKey: w.flowKey, flowVersion: w.flowVersion, flowVersions: w.flowVersions, pins: w.pins, lastSeq: row.lastSeq + w.messages.length, leaseOwner: null });
    if (w.messageId !== null) {
      row.lastMessageId = w.messageId;
      this.turns.set(`${row.id}/${w.messageId}`, { conversationId: row.id, messageId: w.messageId, response: w.response, trace: w.trace });
    }
    this.writes.push(w);
    return w.outbox.map((o) => ({ id: String(++this.outboxId), ...o }));
  }

  async slots(bot: string, externalId: string): Promise<Record<string, JsonValue> | undefined> {
    return this.rows.get(`${bot}/${externalId}`)?.state?.slots;
  }

  byId(id: string): Row | undefined {
    return [...this.rows.values()].find((r) => r.id === id);
  }
}

/** An http port whose answers the test releases by hand (a marketplace API that takes its time). */
function gatedHttp() {
  const waiting: { request: HttpRequest; answer: (r: HttpResponse) => void }[] = [];
  return {
    waiting,
    port: { request: (request: HttpRequest) => new Promise<HttpResponse>((resolve) => waiting.push({ request, answer: resolve })) },
  };
}

const orderFlow: Flow = flowBuilder('main', '查单')
  .start()
  .listen('menu', { prompt: ['您好'], noMatch: ['没听懂'] })
  .http('lookup', { url: 'https://shop.example/orders/1', saveAs: 'order' })
  .message('found', '订单已发货')
  .wait('idle', '1s')
  .message('nudge', '还在吗')
  .handoff('human', { priority: 'high', message: ['正在转人工'] })
  .edge('start', 'menu')
  .edge('menu', 'lookup', { guard: guards.intent('order') })
  .edge('lookup', 'found')
  .edge('lookup', 'found', { handle: 'error' })
  .edge('found', 'idle')
  .edge('idle', 'menu')
  .edge('idle', 'nudge', { handle: 'timeout' })
  .edge('nudge', 'menu')
  .global('to-human', guards.intent('request_human'), { node: 'human' }, 10)
  .build();

/** Any content: the fake flow source serves orderFlow, and the fake NLU reads only the version numbers. */
const anyContent: KindDescriptor = { parse: (d) => ({ ok: true, value: d }), validate: () => [], pinned: true };

/** The real versioning service on its in-memory store, with the pinned kinds of the app (flows, NLU data, model). */
async function versioningWithRelease(): Promise<VersioningService> {
  const versioning = new VersioningService(new InMemoryDocumentStore(), null);
  for (const kind of ['flow', 'nlu', 'model']) versioning.registerKind(kind, anyContent);
  await publishLive(versioning, { bot: 'shop', kind: 'flow', key: 'main' });
  return versioning;
}

async function publishLive(versioning: VersioningService, ref: { bot: string; kind: string; key: string }): Promise<number> {
  if (!(await versioning.release(ref))) await versioning.create(ref, { n: 0 }, 'test');
  const draft = await versioning.getDraft(ref);
  await versioning.saveDraft(ref, { n: draft.revision }, draft.revision, 'test');
  const version = await versioning.publish(ref, { note: 'test' }, 'test');
  await versioning.setLive(ref, { version: version.number }, 'test');
  return version.number;
}

async function setup(options: { leaseMs?: number; renewEveryMs?: number; http?: { request(r: HttpRequest): Promise<HttpResponse> } } = {}) {
  const store = new FakeStore();
  const kicked: CommittedOutboxRow[][] = [];
  const versioning = await versioningWithRelease();
  const intents: Record<string, string> = { 查订单: 'order', 转人工: 'request_human', 你好: 'greeting' };
  const analyzed: AnalyzeOptions[] = [];
  const http = options.http ?? { request: async (): Promise<HttpResponse> => ({ status: 200, body: { shipped: true } }) };
  const service = new TurnService(
    store,
    { getMany: async (_bot, pins) => new Map(Object.keys(pins).map((k) => [k, orderFlow])) },
    versioning,
    { require: async (key) => ({ key, mainFlow: 'main' }) },
    {
      // The NLU says which data version it ran on (nlu_v<n>, draft, live) as its last, zero-confidence candidate.
      analyze: async (_bot, text, opts) => {
        analyzed.push(opts ?? {});
        const on = opts?.versions ? `nlu_v${opts.versions.nlu ?? 'none'}` : opts?.draft ? 'draft' : 'live';
        const result = nluResult(text, intents[text] ?? 'unknown');
        return { ...result, intents: [...result.intents, { intent: on, confidence: 0 }] };
      },
    },
    { conditions: createConditionEvaluator(), http },
    new Registry(),
    { kick: (rows) => void kicked.push([...rows]) },
    { leaseMs: options.leaseMs ?? 15_000, renewEveryMs: options.renewEveryMs ?? 5_000, waitMs: 2_000 },
  );
  return { store, kicked, service, versioning, analyzed };
}

/** The NLU data version the fake NLU ran on (its last candidate). */
const ranOn = (nlu: JsonValue | null): string | undefined => (nlu as { intents: { intent: string }[] } | null)?.intents.at(-1)?.intent;

const say = (service: TurnService, cid: string, messageId: string, text: string) => service.run('shop', cid, { type: 'message', messageId, text });

describe('TurnService (service tier, fakes)', () => {
  it('runs a turn: pins the live release, commits state + transcript + outbox rows, releases the lease, kicks the outbox', async () => {
    const { store, kicked, service } = await setup();
    const first = await say(service, 'c1', 'm1', '你好');
    expect(first.body.state.status).toBe('waiting_input');
    const second = await say(service, 'c1', 'm2', '查订单');
    expect(second.body.replies.map((r) => (r as { text: string }).text)).toEqual(['订单已发货']);
    expect(second.body.state.status).toBe('waiting_timer');
    const write = store.writes[1]!;
    expect(write.messages.map((m) => [m.seq, m.role])).toEqual([
      [1, 'user'],
      [2, 'bot'],
    ]);
    expect(write.timer?.id).toBe(write.state.timer?.id);
    expect(write.outbox.map((o) => o.topic)).toEqual([TIMER_SCHEDULE_TOPIC]);
    expect(kicked.at(-1)!.map((o) => o.topic)).toEqual([TIMER_SCHEDULE_TOPIC]);
    expect([...store.rows.values()][0]!.leaseOwner).toBeNull();

    // The next message supersedes the timer: a cancel row in the same commit.
    await say(service, 'c1', 'm3', '你好');
    expect(store.writes[2]!.outbox.map((o) => o.topic)).toContain(TIMER_CANCEL_TOPIC);
  });

  it('returns the stored reply for a repeated messageId without running the step again', async () => {
    let calls = 0;
    const { service } = await setup({ http: { request: async () => (calls++, { status: 200, body: {} }) } });
    await say(service, 'c1', 'm1', '你好');
    const a = await say(service, 'c1', 'm2', '查订单');
    const b = await say(service, 'c1', 'm2', '查订单');
    expect(b.duplicate).toBe(true);
    expect(b.body).toEqual(a.body);
    expect(calls).toBe(1);
  });

  it('queues a second turn of the conversation on the lease while the first waits on an outbound call', async () => {
    const gate = gatedHttp();
    const { store, service } = await setup({ http: gate.port });
    await say(service, 'c1', 'm1', '你好');
    const slow = say(service, 'c1', 'm2', '查订单');
    await expect.poll(() => gate.waiting.length).toBe(1);
    const queued = say(service, 'c1', 'm3', '你好');
    // Another conversation is not held up by it.
    expect((await say(service, 'c2', 'm1', '你好')).body.turn).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(store.writes.filter((w) => w.conversationId === store.rows.get('shop/c1')!.id)).toHaveLength(1);
    gate.waiting[0]!.answer({ status: 200, body: {} });
    const [s, q] = await Promise.all([slow, queued]);
    expect([s.body.turn, q.body.turn]).toEqual([2, 3]);
  });

  it('fails a turn that outlived its lease with a retriable error and stores nothing', async () => {
    const gate = gatedHttp();
    const { store, service } = await setup({ http: gate.port, leaseMs: 20 });
    await say(service, 'c1', 'm1', '你好');
    const slow = say(service, 'c1', 'm2', '查订单');
    await expect.poll(() => gate.waiting.length).toBe(1);
    await new Promise((r) => setTimeout(r, 40));
    // The lease expired (as after a crash): another turn takes the conversation over.
    expect((await say(service, 'c1', 'm3', '你好')).body.turn).toBe(2);
    gate.waiting[0]!.answer({ status: 200, body: {} });
    const error = await slow.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriableError);
    expect((error as DomainError).status).toBe(503);
    expect((error as DomainError).code).toBe('turn_superseded');
    expect(store.writes.map((w) => w.messageId)).toEqual(['m1', 'm3']);
  });

  it('renews every lease a long turn holds, all in one call per interval, so a slow API does not lose them', async () => {
    const gate = gatedHttp();
    const { store, service } = await setup({ http: gate.port, leaseMs: 60, renewEveryMs: 20 });
    await say(service, 'c1', 'm1', '你好');
    await say(service, 'c2', 'm1', '你好');
    const slow = [say(service, 'c1', 'm2', '查订单'), say(service, 'c2', 'm2', '查订单')];
    await expect.poll(() => gate.waiting.length).toBe(2);
    const before = store.renewals;
    await new Promise((r) => setTimeout(r, 200));
    // ~10 intervals passed: about as many calls, each renewing both leases (not one call per turn).
    expect(store.renewals - before).toBeGreaterThanOrEqual(3);
    expect(store.renewals - before).toBeLessThanOrEqual(12);
    for (const g of gate.waiting) g.answer({ status: 200, body: {} });
    expect((await Promise.all(slow)).map((r) => r.body.turn)).toEqual([2, 2]);
  });

  it('turns a lost database connection into a retriable 503 and frees the lease', async () => {
    const { store, service } = await setup();
    await say(service, 'c1', 'm1', '你好');
    store.failNext = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const error = await say(service, 'c1', 'm2', '你好').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriableError);
    expect((error as DomainError).code).toBe('database_unavailable');
    expect((await say(service, 'c1', 'm2', '你好')).body.turn).toBe(2);
  });

  it('ignores stale timers and releases of conversations nobody holds; fires the pending timer once', async () => {
    const { store, service } = await setup();
    await say(service, 'c1', 'm1', '你好');
    await say(service, 'c1', 'm2', '查订单');
    expect((await service.run('shop', 'c1', { type: 'timer', timerId: 'nope' })).ignored).toBe('stale_timer');
    expect((await service.run('shop', 'c1', { type: 'release' })).ignored).toBe('not_handed_off');
    const timerId = store.writes[1]!.state.timer!.id;
    const fired = await service.run('shop', 'c1', { type: 'timer', timerId });
    expect(fired.body.replies.map((r) => (r as { text: string }).text)).toEqual(['还在吗', '您好']);
    expect((await service.run('shop', 'c1', { type: 'timer', timerId })).ignored).toBe('stale_timer');
    expect(store.writes).toHaveLength(3);
  });

  it('runs a preview conversation: no handoff rows, no outbox, its own flows, over again when the version changes', async () => {
    const { store, kicked, service } = await setup();
    const preview = { flows: new Map([['main', orderFlow]]), flowKey: 'main', version: 0 };
    await service.run('shop', '~preview~s1', { type: 'message', messageId: 'a', text: '你好' }, preview);
    const ordered = await service.run('shop', '~preview~s1', { type: 'message', messageId: 'b', text: '查订单' }, preview);
    expect(ordered.body.preview?.effects.length).toBeGreaterThan(0);
    const fired = await service.run('shop', '~preview~s1', { type: 'timer', timerId: PENDING_TIMER }, preview);
    expect(fired.body.replies.map((r) => (r as { text: string }).text)).toEqual(['还在吗', '您好']);
    await service.run('shop', '~preview~s1', { type: 'message', messageId: 'c', text: '转人工' }, preview);
    expect(store.writes.every((w) => w.outbox.length === 0 && w.handoffs.length === 0 && w.timer === null)).toBe(true);
    expect(kicked).toEqual([]);
    const other = await service.run('shop', '~preview~s1', { type: 'message', messageId: 'd', text: '你好' }, { ...preview, version: 1 });
    expect(other.body.state.status).toBe('waiting_input');
    expect(store.rows.get('shop/~preview~s1')!.kind).toBe('preview');
  });

  it('pins every pinned kind at the start, runs NLU on the pinned NLU data and model; a release reaches new conversations only', async () => {
    const { store, service, versioning, analyzed } = await setup();
    await publishLive(versioning, { bot: 'shop', kind: 'nlu', key: 'main' });
    await publishLive(versioning, { bot: 'shop', kind: 'model', key: 'nlu' });
    await say(service, 'c1', 'm1', '你好');
    expect(store.writes[0]!.pins).toEqual({ flow: { main: 1 }, nlu: { main: 1 }, model: { nlu: 1 } });
    expect(store.writes[0]!.flowVersions).toEqual({ main: 1 });
    expect(analyzed.at(-1)!.versions).toEqual({ nlu: 1, model: 1 });

    expect(await publishLive(versioning, { bot: 'shop', kind: 'nlu', key: 'main' })).toBe(2);
    const kept = await say(service, 'c1', 'm2', '查订单');
    expect(ranOn(kept.body.nlu)).toBe('nlu_v1');
    await say(service, 'c2', 'm1', '你好');
    expect(store.writes.at(-1)!.pins).toEqual({ flow: { main: 1 }, nlu: { main: 2 }, model: { nlu: 1 } });
    expect(analyzed.map((o) => o.versions?.nlu)).toEqual([1, 1, 2]);
  });

  it('runs NLU again on the pins the claim finds when a turn pinned the conversation after the pre-claim read', async () => {
    const { store, service, versioning, analyzed } = await setup();
    await publishLive(versioning, { bot: 'shop', kind: 'nlu', key: 'main' });
    await say(service, 'c1', 'm1', '你好');
    await publishLive(versioning, { bot: 'shop', kind: 'nlu', key: 'main' });
    // This turn's read saw no conversation yet (a first message racing another): it expected a fresh start on v2.
    store.stalePeek = null;
    const second = await say(service, 'c1', 'm2', '查订单');
    expect(analyzed.slice(1).map((o) => o.versions?.nlu)).toEqual([2, 1]);
    expect(ranOn(second.body.nlu)).toBe('nlu_v1');
    expect(ranOn(store.writes[1]!.nlu)).toBe('nlu_v1');
    expect(store.writes[1]!.pins['nlu']).toEqual({ main: 1 });
  });

  it('keeps a conversation pinned before NLU was versioned on the live NLU until it ends', async () => {
    const { store, service, versioning, analyzed } = await setup();
    await publishLive(versioning, { bot: 'shop', kind: 'nlu', key: 'main' });
    await say(service, 'c1', 'm1', '你好');
    store.rows.get('shop/c1')!.pins = null;
    await say(service, 'c1', 'm2', '你好');
    expect(analyzed.at(-1)!.versions).toBeUndefined();
    expect(store.writes.at(-1)!.pins).toEqual({ flow: { main: 1 } });
  });

  it('hears a previewed flow draft through the NLU draft and a previewed version through live NLU', async () => {
    const { store, service, analyzed } = await setup();
    const preview = { flows: new Map([['main', orderFlow]]), flowKey: 'main', version: 0 };
    const draft = await service.run('shop', '~preview~s2', { type: 'message', messageId: 'a', text: '你好' }, preview);
    expect(analyzed.at(-1)).toEqual({ draft: true });
    expect(ranOn(draft.body.nlu)).toBe('draft');
    expect(store.writes.at(-1)!.pins).toEqual({ flow: { main: 0 } });
    await service.run('shop', '~preview~s2', { type: 'message', messageId: 'b', text: '你好' }, { ...preview, version: 1 });
    expect(analyzed.at(-1)).toEqual({});
  });
});
