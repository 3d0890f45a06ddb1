import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { ConversationState, JsonValue, NluResult, StepResult, TraceEntry, TurnInput } from '@zhishou/flow-schema';
import { step } from '@zhishou/engine';
import type pg from 'pg';
import { Counter, Histogram, type Registry } from 'prom-client';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import { INFERENCE, type InferencePort, type NluVersions } from '../inference/inference.port';
import { setLogContext } from '../../infra/logging/log-context';
import { METRICS_REGISTRY } from '../../infra/metrics/metrics.module';
import { BotDirectory } from '../versioning/bot-directory';
import { pickPins } from '../versioning/canary';
import { VersioningService } from '../versioning/versioning.service';
import type { VersionPins } from '../versioning/versioning.types';
import { ConversationRepository, type LockedConversation, type StoredTurn, type TurnResponseBody } from './conversation.repository';
import { FlowVersionCache } from './flow-cache';
import { ENGINE_SHARED_PORTS, type SharedPorts } from './ports/shared-ports';
import { enginePorts } from './ports/engine-ports';
import { TIMER_SCHEDULER, type TimerScheduler } from './timer-scheduler';
import { handoffRows, publicState, responseBody, toJson, transcriptRows } from './turn-response';

export type TurnRequest =
  | { type: 'message'; messageId: string; text: string; image?: string }
  | { type: 'timer'; timerId: string }
  | { type: 'release' }
  /** A trigger rule's proactive start: runs `flow` (a live flow of the bot; default its main flow) from its start node. */
  | { type: 'event'; event: Record<string, JsonValue>; flow?: string };

export interface TurnResult {
  body: TurnResponseBody;
  trace: TraceEntry[] | null;
  /** The messageId was seen before: `body` is the stored reply, nothing ran. */
  duplicate: boolean;
  /** Nothing ran because the input no longer applies (stale timer, release of a conversation not handed off). */
  ignored: string | null;
}

type Outcome = 'ok' | 'duplicate' | 'ignored' | 'held' | 'error';

const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * One chat turn, correct under retries and concurrency: dedupe by messageId, one turn at a time per
 * conversation (row lock, across processes), pinned flow versions, and state + transcript + NLU +
 * handoffs written in one transaction. Timer and release turns go through the same path.
 */
@Injectable()
export class TurnService {
  private readonly latency: Histogram<'input'>;
  private readonly turns: Counter<'outcome'>;
  private readonly log = new Logger('TurnService');

  constructor(
    @Inject(ConversationRepository) private readonly repo: ConversationRepository,
    @Inject(FlowVersionCache) private readonly flows: FlowVersionCache,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
    @Inject(INFERENCE) private readonly inference: InferencePort,
    @Inject(ENGINE_SHARED_PORTS) private readonly ports: SharedPorts,
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Optional() @Inject(TIMER_SCHEDULER) private readonly timers?: TimerScheduler | null,
  ) {
    this.latency = new Histogram({
      name: 'zs_chat_turn_duration_seconds',
      help: 'Chat turn latency (lock, NLU, engine, persist) by input type',
      labelNames: ['input'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.turns = new Counter({ name: 'zs_chat_turns_total', help: 'Chat turns by outcome', labelNames: ['outcome'] as const, registers: [registry] });
  }

  async run(bot: string, externalId: string, request: TurnRequest): Promise<TurnResult> {
    setLogContext({ botKey: bot, conversationId: externalId });
    const stop = this.latency.startTimer({ input: request.type });
    let outcome: Outcome = 'error';
    try {
      const info = await this.bots.require(bot);
      // NLU is pure CPU on the text: done before taking the conversation lock, so the lock is held briefly,
      // on the NLU data and model versions the conversation is pinned to (or would be, if it starts now).
      const nluVersions = request.type === 'message' ? await this.expectedNluVersions(bot, externalId) : undefined;
      const nlu = request.type === 'message' ? await this.analyze(bot, request, nluVersions) : null;
      const result = await this.runLocked(bot, info.mainFlow, externalId, request, nlu, nluVersions);
      outcome = result.duplicate ? 'duplicate' : result.ignored ? (result.ignored === 'handed_off' ? 'held' : 'ignored') : 'ok';
      return result;
    } finally {
      this.turns.inc({ outcome });
      stop();
    }
  }

  private analyze(bot: string, request: { text: string; image?: string }, versions: NluVersions | undefined): Promise<NluResult> {
    return this.inference.analyze(bot, request.text, { ...(request.image ? { image: request.image } : {}), ...(versions ? { versions } : {}) });
  }

  /** The pins a fresh start takes now: every pinned kind, live or (sticky) canary, present even when empty. */
  private freshPins(bot: string, externalId: string, release: Parameters<typeof pickPins>[0]): VersionPins {
    const kinds = this.versioning.pinnedKinds();
    return { ...Object.fromEntries(kinds.map((k) => [k, {}])), ...pickPins(release, `${bot}:${externalId}`) };
  }

  /** Read without the lock; the locked turn re-checks and re-runs NLU in the rare case a release raced it. */
  private async expectedNluVersions(bot: string, externalId: string): Promise<NluVersions | undefined> {
    const peek = await this.repo.peekPins(bot, externalId);
    if (peek && peek.status !== 'ended' && peek.pins) return nluVersionsOf(peek.pins);
    // Pinned before NLU and models were versioned: they follow the live versions until the conversation ends.
    if (peek && peek.status !== 'ended' && peek.flowPinned) return undefined;
    return nluVersionsOf(this.freshPins(bot, externalId, await this.repo.releasePins(this.repo.pool, bot, this.versioning.pinnedKinds())));
  }

  private async runLocked(
    bot: string,
    mainFlow: string,
    externalId: string,
    request: TurnRequest,
    nlu: NluResult | null,
    nluVersions: NluVersions | undefined,
  ): Promise<TurnResult> {
    const client = await this.repo.pool.connect();
    let open = false;
    let broken = false;
    try {
      await client.query('BEGIN');
      open = true;
      const conv = await this.repo.lock(client, bot, externalId);
      if (request.type === 'message' && !conv.inserted) {
        const prior = await this.repo.findTurn(client, conv.id, request.messageId);
        if (prior) {
          await client.query('ROLLBACK');
          open = false;
          return duplicateResult(prior);
        }
      }
      const outcome = await this.execute(client, bot, mainFlow, externalId, conv, request, nlu, nluVersions);
      await client.query('COMMIT');
      open = false;
      this.cancelTimers(conv.id, outcome.cancelTimers);
      return outcome.result;
    } catch (error) {
      // A connection that cannot even roll back is discarded instead of returned to the pool.
      if (open) await client.query('ROLLBACK').catch(() => (broken = true));
      open = false;
      // Belt and braces: the lock makes this unreachable, but should two turns with one messageId ever
      // both get past the check, the unique index refuses the second and it returns the first's reply.
      // (On this same connection: taking a second one while holding this could exhaust the pool.)
      if (request.type === 'message' && isUniqueViolation(error) && !broken) {
        const prior = await this.repo.findTurnByExternalId(client, bot, externalId, request.messageId);
        if (prior) return duplicateResult(prior);
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private async execute(
    client: pg.PoolClient,
    bot: string,
    mainFlow: string,
    externalId: string,
    conv: LockedConversation,
    request: TurnRequest,
    expectedNlu: NluResult | null,
    nluVersions: NluVersions | undefined,
  ): Promise<{ result: TurnResult; cancelTimers: string[] }> {
    let nlu = expectedNlu;
    let state = conv.state;
    const ignored = (reason: string) => ({ result: ignoredResult(conv, reason), cancelTimers: [] });

    if (request.type === 'timer' && (!state || state.status === 'ended' || state.timer?.id !== request.timerId)) return ignored('stale_timer');
    if (request.type === 'release' && state?.status !== 'handed_off') return ignored('not_handed_off');

    // A fresh start (first turn, or a message after the conversation ended) pins the current release of
    // every pinned kind (flows, NLU data, model). Conversations pinned before NLU was versioned have flows only.
    let allPins: VersionPins | null = conv.pins ?? (conv.flowVersions ? { flow: conv.flowVersions } : null);
    let flowKey = conv.flowKey ?? mainFlow;
    if (!state || !allPins || state.status === 'ended') {
      allPins = this.freshPins(bot, externalId, await this.repo.releasePins(client, bot, this.versioning.pinnedKinds()));
      flowKey = mainFlow;
      if (allPins.flow?.[mainFlow] === undefined) throw new ConflictError('no_live_flow', `bot "${bot}" has no live version of its main flow "${mainFlow}"`);
      state = null;
    }
    const pins = allPins.flow ?? {};
    if (request.type === 'message') {
      const wanted = nluVersionsOf(allPins);
      // NLU ran before the lock on the versions expected then; a release in between means running it again.
      if (wanted?.nlu !== nluVersions?.nlu || wanted?.model !== nluVersions?.model) nlu = await this.analyze(bot, request, wanted);
    }
    if (request.type === 'event' && request.flow !== undefined) {
      if (pins[request.flow] === undefined) throw new NotFoundError('live flow', request.flow);
      // The started flow runs as this conversation's main flow until it ends (then the bot's main flow again).
      flowKey = request.flow;
    }
    const flowVersion = pins[flowKey]!;
    const flows = await this.flows.getMany(bot, pins, client);
    const main = flows.get(flowKey);
    if (!main) throw new Error(`pinned flow ${flowKey} v${flowVersion} is missing`);

    const input: TurnInput =
      request.type === 'message'
        ? { type: 'message', text: request.text, nlu: nlu!, ...(request.image ? { image: request.image } : {}) }
        : request.type === 'event'
          ? { type: 'event', event: request.event }
          : request;
    const turn = conv.turn + 1;

    // While an agent holds the conversation the bot stays silent: the message is only recorded.
    if (request.type === 'message' && state?.status === 'handed_off') {
      const held: StepResult = { state, replies: [], effects: [], trace: [] };
      await this.persist(client, bot, conv, turn, request.messageId, input, held, nlu, flowKey, flowVersion, allPins);
      return { result: { body: responseBody(conv.id, turn, held, nlu), trace: [], duplicate: false, ignored: 'handed_off' }, cancelTimers: [] };
    }

    const result = await step(main, state, input, enginePorts(this.ports, flows), { now: Date.now() });
    const schedules = result.effects.flatMap((e) => (e.type === 'schedule_timer' ? [e] : []));
    const cancelTimers = result.effects.flatMap((e) => (e.type === 'cancel_timer' ? [e.timerId] : []));
    // Timers are scheduled inside the transaction, alongside the write (two servers, one wait): if the
    // commit then fails, the timer finds a state without it when it fires and is ignored.
    await Promise.all([
      this.persist(client, bot, conv, turn, request.type === 'message' ? request.messageId : null, input, result, nlu, flowKey, flowVersion, allPins),
      ...schedules.map((e) => this.timers?.schedule({ bot, externalId, conversationId: conv.id, timerId: e.timerId }, e.delayMs)),
    ]);
    return { result: { body: responseBody(conv.id, turn, result, nlu), trace: result.trace, duplicate: false, ignored: null }, cancelTimers };
  }

  private async persist(
    client: pg.PoolClient,
    bot: string,
    conv: LockedConversation,
    turn: number,
    messageId: string | null,
    input: TurnInput,
    result: StepResult,
    nlu: NluResult | null,
    flowKey: string,
    flowVersion: number,
    pins: VersionPins,
  ): Promise<void> {
    const messages = transcriptRows(conv.lastSeq, input, result.replies, messageId);
    await this.repo.writeTurn(client, {
      conversationId: conv.id,
      turn,
      messageId,
      inputType: input.type,
      nlu: nlu ? toJson(nlu) : null,
      response: responseBody(conv.id, turn, result, nlu),
      trace: toJson(result.trace),
      outcome: result.state.status,
      flowKey,
      flowVersion,
      flowVersions: pins.flow ?? {},
      pins,
      messages,
      handoffs: handoffRows(result.effects),
      botKey: bot,
      state: result.state,
      lastSeq: conv.lastSeq + messages.length,
    });
  }

  private cancelTimers(conversationId: string, timerIds: string[]): void {
    // Best effort after commit, not awaited (the reply need not wait for it): a timer that still fires is
    // stale (its id no longer matches the state) and is ignored. Cancelling still matters for cost: a
    // stale fire is a locked database transaction, and the demo flow supersedes a timer on every turn.
    for (const timerId of timerIds) {
      void this.timers?.cancel({ conversationId, timerId }).catch((error: unknown) => {
        this.log.warn(`could not cancel superseded timer ${timerId} of conversation ${conversationId} (it will fire and be ignored): ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }

  /** A conversation's current slots, for other modules (trigger conditions read them at fire time); undefined when it has none. */
  slotsOf(bot: string, externalId: string): Promise<Record<string, JsonValue> | undefined> {
    return this.repo.slots(bot, externalId);
  }
}

/** The NLU data and model versions of a pin set; undefined when it predates their pinning (live serves). */
function nluVersionsOf(pins: VersionPins): NluVersions | undefined {
  if (!pins.nlu && !pins.model) return undefined;
  return { nlu: pins.nlu?.main ?? null, model: pins.model?.nlu ?? null };
}

function duplicateResult(prior: StoredTurn): TurnResult {
  return { body: prior.response, trace: (prior.trace as TraceEntry[] | null) ?? null, duplicate: true, ignored: null };
}

function ignoredResult(conv: LockedConversation, reason: string): TurnResult {
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
    duplicate: false,
    ignored: reason,
  };
}
