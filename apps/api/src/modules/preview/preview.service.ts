import { Inject, Injectable } from '@nestjs/common';
import { step } from '@zhishou/engine';
import { parseFlow, type ConversationState, type Effect, type Flow, type JsonValue, type NluResult, type Reply, type TraceEntry, type TurnInput } from '@zhishou/flow-schema';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationFailedError } from '../../infra/http-server/errors';
import { INFERENCE, type InferencePort } from '../inference/inference.port';
import { enginePorts } from '../conversations/ports/engine-ports';
import { ENGINE_SHARED_PORTS, type SharedPorts } from '../conversations/ports/shared-ports';
import { publicState } from '../conversations/turn-response';
import { FLOW_KIND } from '../flows/flows.service';
import { BotDirectory } from '../versioning/bot-directory';
import { VersioningService } from '../versioning/versioning.service';

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
  state: ReturnType<typeof publicState>;
  /** The flow variables after the turn (what http nodes saved, counters): the test chat shows them. */
  vars?: Record<string, JsonValue>;
  nlu: NluResult | null;
  trace: TraceEntry[];
  effects: Effect[];
  flow: string;
  version: number | 'draft';
  duplicate: boolean;
}

interface SessionRow {
  flow_key: string;
  version: number | null;
  state: ConversationState | null;
  last_message_id: string | null;
  last_response: PreviewResponse | null;
}

/**
 * The designer's test chat: runs a draft or any version in a preview session stored apart from live
 * conversations (its own table; no transcript, handoff rows or timers are written). Always traced.
 */
@Injectable()
export class PreviewService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
    @Inject(INFERENCE) private readonly inference: InferencePort,
    @Inject(ENGINE_SHARED_PORTS) private readonly ports: SharedPorts,
  ) {}

  async message(bot: string, session: string, req: PreviewRequest): Promise<PreviewResponse> {
    await this.bots.require(bot);
    const flows = await this.loadFlows(bot, req.flow, req.version);
    const main = flows.get(req.flow)!;
    const nlu = req.timer ? null : await this.inference.analyze(bot, req.text ?? '', req.image ? { image: req.image } : undefined);
    const version = req.version === 'draft' ? null : req.version;

    return this.db.transaction(async (em) => {
      const rows: SessionRow[] = await em.query(
        `INSERT INTO preview_sessions (bot_key, session, flow_key, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (bot_key, session) DO UPDATE SET updated_at = now()
         RETURNING flow_key, version, state, last_message_id, last_response`,
        [bot, session, req.flow, version],
      );
      const row = rows[0]!;
      if (row.last_message_id === req.messageId && row.last_response) return { ...row.last_response, duplicate: true };
      // Switching flow or version starts the preview over.
      const sameRun = row.flow_key === req.flow && row.version === version;
      const state = sameRun ? row.state : null;
      let input: TurnInput;
      if (req.timer) {
        if (!state?.timer) throw new ValidationFailedError([{ path: 'timer', message: 'no wait-node timer is pending in this preview' }]);
        input = { type: 'timer', timerId: state.timer.id };
      } else input = { type: 'message', text: req.text ?? '', nlu: nlu!, ...(req.image ? { image: req.image } : {}) };

      const result = await step(main, state, input, enginePorts(this.ports, flows), { now: Date.now() });
      const response: PreviewResponse = {
        replies: result.replies,
        state: publicState(result.state),
        vars: result.state.vars,
        nlu,
        trace: result.trace,
        effects: result.effects,
        flow: req.flow,
        version: req.version,
        duplicate: false,
      };
      const turn = { ...(req.timer ? { timer: true } : { text: req.text ?? '', ...(req.image ? { image: req.image } : {}) }), replies: result.replies.map((r) => r.text), intent: nlu?.intent.intent ?? null, ...response.state };
      await em.query(
        `UPDATE preview_sessions SET flow_key = $3, version = $4, state = $5, last_message_id = $6, last_response = $7, updated_at = now(),
           turns = (CASE WHEN $8::boolean THEN turns ELSE '[]'::jsonb END) || $9::jsonb
         WHERE bot_key = $1 AND session = $2`,
        [bot, session, req.flow, version, JSON.stringify(result.state), req.messageId, JSON.stringify(response), sameRun && state !== null, JSON.stringify([turn])],
      );
      return response;
    });
  }

  async reset(bot: string, session: string): Promise<void> {
    await this.bots.require(bot);
    await this.db.query(`DELETE FROM preview_sessions WHERE bot_key = $1 AND session = $2`, [bot, session]);
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
