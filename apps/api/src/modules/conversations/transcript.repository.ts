import { Inject, Injectable } from '@nestjs/common';
import type { ConversationStatus, ConversationView, JsonValue, TranscriptMessage } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';

export type { ConversationView, TranscriptMessage as TranscriptMessageView };

interface ConvRow {
  id: string;
  bot_key: string;
  external_id: string;
  status: ConversationStatus;
  state: { nodeId?: string | null; slots?: Record<string, JsonValue> } | null;
  flow_key: string | null;
  flow_version: number | null;
  turn: number;
  created_at: Date;
  updated_at: Date;
  ended_at: Date | null;
}

/** Read side of conversations: the conversation and its transcript (live conversations only: previews are the designer's). */
@Injectable()
export class TranscriptRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  async find(bot: string, externalId: string): Promise<ConversationView | null> {
    const { rows } = await this.sql.query<ConvRow>(
      `SELECT id, bot_key, external_id, status, state, flow_key, flow_version, turn, created_at, updated_at, ended_at
       FROM conversations WHERE bot_key = $1 AND external_id = $2 AND kind = 'live'`,
      [bot, externalId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.external_id,
      conversationId: r.id,
      bot: r.bot_key,
      status: r.state ? r.status : 'new',
      node: r.state?.nodeId ?? null,
      slots: r.state?.slots ?? {},
      flowKey: r.flow_key,
      flowVersion: r.flow_version,
      turn: r.turn,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      endedAt: r.ended_at?.toISOString() ?? null,
    };
  }

  async messages(conversationId: string, afterSeq = 0, limit = 500): Promise<TranscriptMessage[]> {
    const { rows } = await this.sql.query<{ seq: number; turn: number | null; role: TranscriptMessage['role']; text: string; payload: Record<string, JsonValue>; created_at: Date }>(
      `SELECT seq, turn, role, text, payload, created_at FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [conversationId, afterSeq, limit],
    );
    return rows.map((r) => ({ seq: r.seq, turn: r.turn, role: r.role, text: r.text, payload: r.payload, createdAt: r.created_at.toISOString() }));
  }
}
