import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ConversationState, Effect, Flow, JsonValue, NluResult, StepResult, TraceEntry, TurnInput } from '@zhishou/flow-schema';
import { step } from '@zhishou/engine';
import { Counter, Histogram, type Registry } from 'prom-client';
import { ConnectionLostError, isConnectionError } from '../../infra/database/sql';
import { ConflictError, NotFoundError, RetriableError, ValidationFailedError } from '../../infra/http-server/errors';
import { INFERENCE, type InferencePort, type NluVersions } from '../inference/inference.port';
import { setLogContext } from '../../infra/logging/log-context';
import { METRICS_REGISTRY } from '../../infra/metrics/metrics.module';
import { BotDirectory, type BotInfo } from '../versioning/bot-directory';
import { VersioningService } from '../versioning/versioning.service';
import type { VersionPins } from '../versioning/versioning.types';
import {
  ConversationRepository,
  type ClaimedConversation,
  type CommittedOutboxRow,
  type ConversationKind,
  type NewOutboxRow,
  type StoredTurn,
  type TurnResponseBody,
  type TurnWrite,
} from './conversation.repository';
import { FlowVersionCache } from './flow-cache';
import { OutboxDispatcher } from './outbox';
import { ENGINE_SHARED_PORTS, type SharedPorts } from './ports/shared-ports';
import { enginePorts } from './ports/engine-ports';
import { TIMER_CANCEL_TOPIC, TIMER_SCHEDULE_TOPIC } from './timer-scheduler';
import { handoffRows, publicState, responseBody, toJson, transcriptRows } from './turn-response';

/** A timer request for "the conversation's pending timer, whatever its id" (the designer's test chat). */
export const PENDING_TIMER = '*pending*';

export type TurnRequest =
  | { type: 'message'; messageId: string; text: string; image?: string }
  | { type: 'timer'; timerId: string }
  | { type: 'release' }
  /** A trigger rule's proactive start: runs `flow` (a live flow of the bot; default its main flow) from its start node. */
  | { type: 'event'; event: Record<string, JsonValue>; flow?: string };

/** The designer's test chat: a preview conversation runs these flows (a draft or a chosen version) instead of the live release. */
export interface PreviewRun {
  flows: ReadonlyMap<string, Flow>;
  flowKey: string;
  /** The version under test; 0 = the draft. Switching flow or version starts the conversation over. */
  version: number;
}

export interface TurnResult {
  body: TurnResponseBody;
  trace: TraceEntry[] | null;
  /** The engine's effects (null or absent for a duplicate or ignored input). */
  effects?: Effect[] | null;
  /** The messageId was seen before: `body` is the stored reply, nothing ran. */
  duplicate: boolean;
  /** Nothing ran because the input no longer applies (stale timer, release of a conversation not handed off). */
  ignored: string | null;
}

export interface TurnTimings {
  /** Lease length; a crashed instance's lease expires after this. */
  leaseMs: number;
  /** A turn renews its lease this often while it runs (long http nodes). */
  renewEveryMs: number;
  /** How long a turn queues behind another turn of the same conversation before a retriable 503. */
  waitMs: number;
}

export const TURN_TIMINGS = Symbol('TURN_TIMINGS');
const DEFAULT_TIMINGS: TurnTimings = { leaseMs: 15_000, renewEveryMs: 5_000, waitMs: 30_000 };

/** What the turn needs of its module's repository (the real one, or a fake in service tests). */
export type TurnStore = Pick<ConversationRepository, 'claim' | 'peekPins' | 'findTurn' | 'renew' | 'release' | 'commit' | 'slots'>;
export type FlowSource = Pick<FlowVersionCache, 'getMany'>;
/** Release pointers come from the versioning service only (never SQL on its tables from here). */
export type ReleaseSource = Pick<VersioningService, 'startPins'>;
export type BotSource = Pick<BotDirectory, 'require'>;
export type OutboxKick = Pick<OutboxDispatcher, 'kick'>;

type Outcome = 'ok' | 'duplicate' | 'ignored' | 'held' | 'error';

/** NLU of a message turn, and the NLU data / model versions it ran on (undefined: the live ones). */
interface Analysis {
  nlu: NluResult;
  versions: NluVersions | undefined;
}

/**
 * Pins read before the claim: `fresh` when the conversation would start now (the claim reuses them if it
 * finds a fresh start too, saving a read of the release pointers).
 */
interface ExpectedPins {
  versions: NluVersions | undefined;
  fresh: VersionPins | null;
}

interface Plan {
  result: TurnResult;
  /** null: nothing to write (ignored input). */
  write: Omit<TurnWrite, 'conversationId'> | null;
}

const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One chat turn — messages, timers, releases, trigger starts and the designer's test chat — correct
 * under retries, concurrency and crashes, and holding no database connection while it thinks:
 * 1. claim: one statement takes a lease on the conversation row (owner token + expiry), reads the state
 *    and finds a stored reply for the messageId; a second turn of the conversation queues on the lease;
 * 2. NLU and the engine step (http nodes included) run outside any transaction; long turns renew the lease.
 *    NLU runs before the claim, on the NLU data and model versions the conversation is pinned to (or would
 *    pin, starting now); should the claim find other pins (a release raced the turn), NLU runs again;
 * 3. commit: one statement, conditioned on still holding the lease, writes state, turn record,
 *    transcript, handoffs and outbox rows (timer schedules/cancels) and releases the lease;
 * 4. the outbox rows are carried out after the commit (kick in this process; a sweeper for leftovers).
 */
@Injectable()
export class TurnService {
  private readonly latency: Histogram<'input'>;
  private readonly turns: Counter<'outcome'>;
  private readonly timings: TurnTimings;
  /** Leases this process holds (turn owner token → conversation), renewed together by one statement. */
  private readonly leases = new Map<string, string>();
  private renewer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ConversationRepository) private readonly repo: TurnStore,
    @Inject(FlowVersionCache) private readonly flows: FlowSource,
    @Inject(VersioningService) private readonly versioning: ReleaseSource,
    @Inject(BotDirectory) private readonly bots: BotSource,
    @Inject(INFERENCE) private readonly inference: Pick<InferencePort, 'analyze'>,
    @Inject(ENGINE_SHARED_PORTS) private readonly ports: SharedPorts,
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(OutboxDispatcher) private readonly outbox: OutboxKick,
    @Optional() @Inject(TURN_TIMINGS) timings?: Partial<TurnTimings> | null,
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...(timings ?? {}) };
    this.latency = new Histogram({
      name: 'zs_chat_turn_duration_seconds',
      help: 'Chat turn latency (claim, NLU, engine, commit) by input type',
      labelNames: ['input'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.turns = new Counter({ name: 'zs_chat_turns_total', help: 'Chat turns by outcome', labelNames: ['outcome'] as const, registers: [registry] });
  }

  async run(bot: string, externalId: string, request: TurnRequest, preview?: PreviewRun): Promise<TurnResult> {
    setLogContext({ botKey: bot, conversationId: externalId });
    const stop = this.latency.startTimer({ input: request.type });
    let outcome: Outcome = 'error';
    try {
      const info = await this.bots.require(bot);
      // NLU needs no state, only the versions: done before the claim, so the lease is held briefly.
      let expected: ExpectedPins | null = null;
      let analysis: Analysis | null = null;
      if (request.type === 'message') {
        if (preview) {
          // A draft under test hears through the NLU draft (the live model); a published version through live NLU.
          analysis = { nlu: await this.inference.analyze(bot, request.text, { ...imageOf(request), ...(preview.version === 0 ? { draft: true } : {}) }), versions: undefined };
        } else {
          expected = await this.expectedPins(bot, externalId);
          analysis = await this.analyze(bot, request, expected.versions);
        }
      }
      const result = await this.leased(bot, info, externalId, request, analysis, expected, preview ?? null);
      outcome = result.duplicate ? 'duplicate' : result.ignored ? (result.ignored === 'handed_off' ? 'held' : 'ignored') : 'ok';
      return result;
    } catch (error) {
      if (error instanceof ConnectionLostError || isConnectionError(error)) {
        throw new RetriableError('database_unavailable', `the database connection was lost during the turn (nothing was stored); retry`);
      }
      throw error;
    } finally {
      this.turns.inc({ outcome });
      stop();
    }
  }

  private async analyze(bot: string, request: { text: string; image?: string }, versions: NluVersions | undefined): Promise<Analysis> {
    return { nlu: await this.inference.analyze(bot, request.text, { ...imageOf(request), ...(versions ? { versions } : {}) }), versions };
  }

  /** One read without the lease; the claim returns the pins that count. */
  private async expectedPins(bot: string, externalId: string): Promise<ExpectedPins> {
    const peek = await this.repo.peekPins(bot, externalId);
    if (peek && peek.status !== 'ended' && peek.pins) return { versions: nluVersionsOf(peek.pins), fresh: null };
    // Pinned before NLU and models were versioned: they follow the live versions until the conversation ends.
    if (peek && peek.status !== 'ended' && peek.flowPinned) return { versions: undefined, fresh: null };
    const fresh = await this.versioning.startPins(bot, stickyKey(bot, externalId));
    return { versions: nluVersionsOf(fresh), fresh };
  }

  private async claim(bot: string, externalId: string, kind: ConversationKind, owner: string, messageId: string | null): Promise<ClaimedConversation> {
    const deadline = Date.now() + this.timings.waitMs;
    let backoff = 2;
    for (;;) {
      const claimed = await this.repo.claim({ bot, externalId, kind, owner, leaseMs: this.timings.leaseMs, messageId });
      if (claimed !== 'busy') return claimed;
      if (Date.now() >= deadline) throw new RetriableError('conversation_busy', `another turn of conversation "${externalId}" is still running; retry`);
      // Short polling with exponential backoff and jitter: a queued turn usually waits a few milliseconds.
      await sleep(backoff * (0.5 + Math.random() / 2));
      backoff = Math.min(backoff * 2, 100);
    }
  }

  private async leased(
    bot: string,
    info: BotInfo,
    externalId: string,
    request: TurnRequest,
    analysis: Analysis | null,
    expected: ExpectedPins | null,
    preview: PreviewRun | null,
  ): Promise<TurnResult> {
    const owner = randomUUID();
    const messageId = request.type === 'message' ? request.messageId : null;
    const conv = await this.claim(bot, externalId, preview ? 'preview' : 'live', owner, messageId);
    let held = true;
    const release = async () => {
      if (!held) return;
      held = false;
      // When this fails (connection lost) the lease simply expires.
      await this.repo.release(conv.id, owner).catch(() => undefined);
    };
    this.hold(owner, conv.id);
    try {
      if (conv.prior) {
        await release();
        return duplicateResult(conv.prior);
      }
      const plan = await this.plan(bot, info, externalId, conv, request, analysis, expected, preview);
      if (!plan.write) {
        await release();
        return plan.result;
      }
      this.leases.delete(owner);
      let committed: CommittedOutboxRow[] | null;
      try {
        committed = await this.repo.commit({ conversationId: conv.id, ...plan.write }, owner);
      } catch (error) {
        // Belt and braces: the lease makes this unreachable, but should two turns with one messageId ever
        // both get past the check, the unique index refuses the second and it returns the first's reply.
        if (messageId !== null && isUniqueViolation(error)) {
          await release();
          const prior = await this.repo.findTurn(conv.id, messageId);
          if (prior) return duplicateResult(prior);
        }
        throw error;
      }
      held = false;
      if (committed === null) throw new RetriableError('turn_superseded', 'the turn took longer than its lease and another turn of the conversation ran; nothing was stored, retry');
      if (committed.length > 0) this.outbox.kick(committed);
      return plan.result;
    } catch (error) {
      await release();
      throw error;
    } finally {
      this.leases.delete(owner);
    }
  }

  // One timer per process renews every held lease in one statement (20 turns stuck on a slow API cost
  // one query per interval, not 20); it stops when nothing is held.
  private hold(owner: string, conversationId: string): void {
    this.leases.set(owner, conversationId);
    this.renewer ??= setInterval(() => {
      if (this.leases.size === 0) {
        clearInterval(this.renewer);
        this.renewer = undefined;
        return;
      }
      const held = [...this.leases].map(([o, c]) => ({ conversationId: c, owner: o }));
      void this.repo.renew(held, this.timings.leaseMs).catch(() => undefined);
    }, this.timings.renewEveryMs);
    this.renewer.unref();
  }

  private async plan(
    bot: string,
    info: BotInfo,
    externalId: string,
    conv: ClaimedConversation,
    request: TurnRequest,
    analysis: Analysis | null,
    expected: ExpectedPins | null,
    preview: PreviewRun | null,
  ): Promise<Plan> {
    let state = conv.state;
    let nlu = analysis?.nlu ?? null;
    const ignored = (reason: string): Plan => ({ result: ignoredResult(conv, reason), write: null });

    // A preview switched to another flow or version starts over.
    if (preview && (conv.flowKey !== preview.flowKey || conv.flowVersion !== preview.version)) state = null;
    let timerRequest = request;
    if (request.type === 'timer' && request.timerId === PENDING_TIMER) {
      if (!state?.timer || state.status === 'ended') throw new ValidationFailedError([{ path: 'timer', message: 'no wait-node timer is pending in this conversation' }]);
      timerRequest = { type: 'timer', timerId: state.timer.id };
    }
    if (timerRequest.type === 'timer' && (!state || state.status === 'ended' || state.timer?.id !== timerRequest.timerId)) return ignored('stale_timer');
    if (request.type === 'release' && state?.status !== 'handed_off') return ignored('not_handed_off');

    // A fresh start (first turn, or a message after the conversation ended) pins the current release of
    // every pinned kind (flows, NLU data, model). Conversations pinned before NLU was versioned have flows only.
    let allPins: VersionPins | null = conv.pins ?? (conv.flowVersions ? { flow: conv.flowVersions } : null);
    let pins: Record<string, number>;
    let flowKey = conv.flowKey ?? info.mainFlow;
    let flows: ReadonlyMap<string, Flow>;
    if (preview) {
      pins = { [preview.flowKey]: preview.version };
      allPins = { flow: pins };
      flowKey = preview.flowKey;
      flows = preview.flows;
      if (state?.status === 'ended') state = null;
    } else {
      if (!state || !allPins?.flow || state.status === 'ended') {
        allPins = expected?.fresh ?? (await this.versioning.startPins(bot, stickyKey(bot, externalId)));
        flowKey = info.mainFlow;
        if (allPins.flow?.[info.mainFlow] === undefined) throw new ConflictError('no_live_flow', `bot "${bot}" has no live version of its main flow "${info.mainFlow}"`, {}, { bot, flow: info.mainFlow });
        state = null;
      }
      pins = allPins.flow ?? {};
      if (request.type === 'message' && analysis) {
        const wanted = nluVersionsOf(allPins);
        // NLU ran before the claim on the versions expected then; a release in between means running it again.
        if (!sameVersions(wanted, analysis.versions)) nlu = (await this.analyze(bot, request, wanted)).nlu;
      }
      if (request.type === 'event' && request.flow !== undefined) {
        if (pins[request.flow] === undefined) throw new NotFoundError('live flow', request.flow);
        // The started flow runs as this conversation's main flow until it ends (then the bot's main flow again).
        flowKey = request.flow;
      }
      flows = await this.flows.getMany(bot, pins);
    }
    const flowVersion = pins[flowKey]!;
    const main = flows.get(flowKey);
    if (!main) throw new Error(`pinned flow ${flowKey} v${flowVersion} is missing`);

    const input: TurnInput =
      request.type === 'message'
        ? { type: 'message', text: request.text, nlu: nlu!, ...(request.image ? { image: request.image } : {}) }
        : request.type === 'event'
          ? { type: 'event', event: request.event }
          : timerRequest.type === 'timer'
            ? timerRequest
            : { type: 'release' };
    const turn = conv.turn + 1;
    const messageId = request.type === 'message' ? request.messageId : null;

    // While an agent holds the conversation the bot stays silent: the message is only recorded.
    if (request.type === 'message' && state?.status === 'handed_off') {
      const silent: StepResult = { state, replies: [], effects: [], trace: [] };
      const body = this.body(conv, turn, silent, nlu, preview, input);
      return {
        result: { body, trace: [], effects: [], duplicate: false, ignored: 'handed_off' },
        write: this.write(bot, externalId, conv, turn, messageId, input, silent, nlu, flowKey, flowVersion, allPins, body, preview),
      };
    }

    // The step runs outside any transaction and holds no connection: an http node may wait on a slow API.
    const result = await step(main, state, input, enginePorts(this.ports, flows), { now: Date.now() });
    const body = this.body(conv, turn, result, nlu, preview, input);
    return {
      result: { body, trace: result.trace, effects: result.effects, duplicate: false, ignored: null },
      write: this.write(bot, externalId, conv, turn, messageId, input, result, nlu, flowKey, flowVersion, allPins, body, preview),
    };
  }

  private body(conv: ClaimedConversation, turn: number, result: StepResult, nlu: NluResult | null, preview: PreviewRun | null, input: TurnInput): TurnResponseBody {
    const body = responseBody(conv.id, turn, result, nlu);
    if (!preview) return body;
    const previewInput = input.type === 'message' ? { text: input.text, ...(input.image ? { image: input.image } : {}) } : { timer: true };
    return { ...body, preview: { effects: toJson(result.effects) as JsonValue[], input: previewInput, flow: preview.flowKey, version: preview.version, vars: result.state.vars } };
  }

  private write(
    bot: string,
    externalId: string,
    conv: ClaimedConversation,
    turn: number,
    messageId: string | null,
    input: TurnInput,
    result: StepResult,
    nlu: NluResult | null,
    flowKey: string,
    flowVersion: number,
    pins: VersionPins,
    response: TurnResponseBody,
    preview: PreviewRun | null,
  ): Omit<TurnWrite, 'conversationId'> {
    const timer = result.state.status === 'ended' ? null : result.state.timer;
    // Previews never reach the agents' queue and schedule no real timers (the designer fires them).
    const outbox: NewOutboxRow[] = preview ? [] : result.effects.flatMap((e): NewOutboxRow[] => {
      if (e.type === 'schedule_timer') return [{ topic: TIMER_SCHEDULE_TOPIC, payload: { bot, externalId, conversationId: conv.id, timerId: e.timerId, dueAt: Date.now() + e.delayMs } }];
      if (e.type === 'cancel_timer') return [{ topic: TIMER_CANCEL_TOPIC, payload: { conversationId: conv.id, timerId: e.timerId } }];
      return [];
    });
    return {
      turn,
      messageId,
      inputType: input.type,
      nlu: nlu ? toJson(nlu) : null,
      response,
      trace: toJson(result.trace),
      outcome: result.state.status,
      flowKey,
      flowVersion,
      flowVersions: pins.flow ?? {},
      pins,
      messages: transcriptRows(0, input, result.replies, messageId),
      handoffs: preview ? [] : handoffRows(result.effects),
      outbox,
      botKey: bot,
      state: result.state,
      timer: timer && !preview ? { id: timer.id, dueAt: new Date(timer.fireAt) } : null,
    };
  }

  /** A conversation's current slots, for other modules (trigger conditions read them at fire time); undefined when it has none. */
  slotsOf(bot: string, externalId: string): Promise<Record<string, JsonValue> | undefined> {
    return this.repo.slots(bot, externalId);
  }
}

/** The canary bucket key of a conversation (flows have always drawn theirs from it). */
const stickyKey = (bot: string, externalId: string): string => `${bot}:${externalId}`;

const imageOf = (request: { image?: string }): { image?: string } => (request.image ? { image: request.image } : {});

/** The NLU data and model versions of a pin set; undefined when it predates their pinning (live serves). */
export function nluVersionsOf(pins: VersionPins): NluVersions | undefined {
  if (!pins['nlu'] && !pins['model']) return undefined;
  return { nlu: pins['nlu']?.['main'] ?? null, model: pins['model']?.['nlu'] ?? null };
}

function sameVersions(a: NluVersions | undefined, b: NluVersions | undefined): boolean {
  return a?.nlu === b?.nlu && a?.model === b?.model;
}

function duplicateResult(prior: StoredTurn): TurnResult {
  return { body: prior.response, trace: (prior.trace as TraceEntry[] | null) ?? null, effects: null, duplicate: true, ignored: null };
}

function ignoredResult(conv: ClaimedConversation, reason: string): TurnResult {
  const state: ConversationState | null = conv.state;
  return {
    body: {
      conversationId: conv.id,
      turn: conv.turn,
      replies: [],
      state: state ? publicState(state) : { status: 'active', node: null, flow: '', slots: {} },
      nlu: null,
    },
    trace: null,
    effects: null,
    duplicate: false,
    ignored: reason,
  };
}
