import { Inject, Injectable } from '@nestjs/common';
import { parseFlow, type Effect, type Flow, type JsonValue, type NluResult, type Reply, type TestTurn, type TraceEntry } from '@zhishou/flow-schema';
import { NotFoundError, ValidationFailedError } from '../../infra/http-server/errors';
import { ConversationRepository, type TurnResponseBody } from '../conversations/conversation.repository';
import { PENDING_TIMER, TurnService, type TurnRequest } from '../conversations/turn.service';
import { BotDirectory } from '../versioning/bot-directory';
import { VersioningService } from '../versioning/versioning.service';

/** The versioning kind of flows (FlowsModule registers it). */
const FLOW_KIND = 'flow';

export interface PreviewRequest {
  messageId: string;
  text?: string;
  image?: string;
  flow: string;
  version: number | 'draft';
  /** Fire the pending wait-node timer instead of sending a message (previews schedule no real timers). */
  timer?: boolean;
}

export interface PreviewResponse {
  replies: Reply[];
  state: TurnResponseBody['state'];
  /** The flow variables after the turn (what http nodes saved, counters): the test chat shows them. */
  vars?: Record<string, JsonValue>;
  nlu: NluResult | null;
  trace: TraceEntry[];
  effects: Effect[];
  flow: string;
  version: number | 'draft';
  duplicate: boolean;
}

/** A preview turn as the test-case recorder reads it. */
export interface PreviewTurn {
  text?: string;
  image?: string;
  timer?: boolean;
  replies: string[];
  intent: string | null;
  node: string | null;
  flow: string;
  status: TestTurn['expect']['status'];
}

/**
 * A preview session's conversation: `~preview~<session>`. Live conversation ids cannot contain "~" (the
 * chat route allows letters, digits, "_", "-", ".", ":"), so the two never collide.
 */
export function previewConversationId(session: string): string {
  return `~preview~${session}`;
}

const toVersion = (v: number): number | 'draft' => (v === 0 ? 'draft' : v);

/**
 * The designer's test chat: a draft or any version run through the same TurnService as live chat
 * (dedupe, lease, NLU, step, commit), in a conversation of kind 'preview' — never in the inbox, the
 * agents' queue, analytics or exports; no handoff rows and no real timers (`timer: true` fires the
 * pending one). Always traced.
 */
@Injectable()
export class PreviewService {
  constructor(
    @Inject(TurnService) private readonly turns: TurnService,
    @Inject(ConversationRepository) private readonly conversations: ConversationRepository,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
  ) {}

  async message(bot: string, session: string, req: PreviewRequest): Promise<PreviewResponse> {
    await this.bots.require(bot);
    const flows = await this.loadFlows(bot, req.flow, req.version);
    const request: TurnRequest = req.timer
      ? { type: 'timer', timerId: PENDING_TIMER }
      : { type: 'message', messageId: req.messageId, text: req.text ?? '', ...(req.image ? { image: req.image } : {}) };
    const result = await this.turns.run(bot, previewConversationId(session), request, { flows, flowKey: req.flow, version: req.version === 'draft' ? 0 : req.version });
    const body = result.body;
    return {
      // Stored by the turn from the engine's own values (Reply, NluResult, Effect).
      replies: body.replies as unknown as Reply[],
      state: body.state,
      ...(body.preview?.vars ? { vars: body.preview.vars } : {}),
      nlu: body.nlu as unknown as NluResult | null,
      trace: result.trace ?? [],
      effects: result.effects ?? ((body.preview?.effects ?? []) as unknown as Effect[]),
      flow: body.preview?.flow ?? req.flow,
      version: body.preview ? toVersion(body.preview.version) : req.version,
      duplicate: result.duplicate,
    };
  }

  async reset(bot: string, session: string): Promise<void> {
    await this.bots.require(bot);
    await this.conversations.deletePreview(bot, previewConversationId(session));
  }

  /** The session's current run (the trailing turns on one flow and version), null for an unknown session. */
  async recordedRun(bot: string, session: string): Promise<{ flow: string; turns: PreviewTurn[] } | null> {
    const id = await this.conversations.idOf(bot, previewConversationId(session), 'preview');
    if (!id) return null;
    const stored = (await this.conversations.turnResponses(id)).flatMap((t) => (t.response.preview ? [{ ...t.response, preview: t.response.preview }] : []));
    const last = stored[stored.length - 1];
    if (!last) return null;
    let from = stored.length - 1;
    while (from > 0 && stored[from - 1]!.preview.flow === last.preview.flow && stored[from - 1]!.preview.version === last.preview.version) from--;
    const turns = stored.slice(from).map((r): PreviewTurn => {
      const nlu = r.nlu as unknown as NluResult | null;
      return {
        ...r.preview.input,
        replies: (r.replies as unknown as Reply[]).map((reply) => reply.text),
        intent: nlu?.intent.intent ?? null,
        node: r.state.node,
        flow: r.state.flow,
        status: r.state.status as PreviewTurn['status'],
      };
    });
    return { flow: last.preview.flow, turns };
  }

  /** The flow under test (draft or version) plus the bot's other flows for subflows (drafts, or live versions). */
  private async loadFlows(bot: string, flowKey: string, version: number | 'draft'): Promise<Map<string, Flow>> {
    const drafts = await this.versioning.list(bot, FLOW_KIND);
    if (!drafts.some((d) => d.key === flowKey)) throw new NotFoundError('flow', flowKey);
    const flows = new Map<string, Flow>();
    for (const d of drafts) {
      let doc: unknown = d.document;
      if (d.key === flowKey && version !== 'draft') doc = (await this.versioning.getVersion({ bot, kind: FLOW_KIND, key: flowKey }, version)).content;
      else if (d.key !== flowKey && version !== 'draft' && d.liveVersion !== null) {
        doc = (await this.versioning.getVersion({ bot, kind: FLOW_KIND, key: d.key }, d.liveVersion)).content;
      }
      const parsed = parseFlow(doc);
      if (parsed.ok) flows.set(d.key, parsed.flow);
      else if (d.key === flowKey) throw new ValidationFailedError(parsed.errors.map((e) => ({ path: `document.${e.path}`, message: e.message })));
    }
    return flows;
  }
}
