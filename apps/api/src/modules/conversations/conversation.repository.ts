import { Inject, Injectable } from '@nestjs/common';
import type { ConversationState, JsonValue } from '@zhishou/flow-schema';
import type pg from 'pg';
import { Sql } from '../../infra/database/sql';

export interface LockedConversation {
  id: string;
  flowKey: string | null;
  flowVersion: number | null;
  flowVersions: Record<string, number> | null;
  /** Versions of every pinned kind (`{ flow: {…}, nlu: {…}, model: {…} }`); null before the first turn, and for conversations pinned before NLU and models were. */
  pins: Record<string, Record<string, number>> | null;
  state: ConversationState | null;
  turn: number;
  lastSeq: number;
  /** Created by this statement (a brand-new conversation: nothing to dedupe against). */
  inserted: boolean;
}

export interface StoredTurn {
  response: TurnResponseBody;
  trace: JsonValue | null;
}

export interface TurnResponseBody {
  replies: JsonValue[];
  state: { status: string; node: string | null; flow: string; slots: Record<string, JsonValue> };
  nlu: JsonValue | null;
  turn: number;
  conversationId: string;
}

export interface NewMessage {
  seq: number;
  role: 'user' | 'bot' | 'agent';
  text: string;
  payload: Record<string, JsonValue>;
}

export interface NewHandoff {
  queue: string;
  priority: string;
  priority_rank: number;
  reason: string | null;
}

export interface TurnWrite {
  conversationId: string;
  turn: number;
  messageId: string | null;
  inputType: string;
  nlu: JsonValue | null;
  response: TurnResponseBody;
  trace: JsonValue | null;
  outcome: string;
  flowKey: string;
  flowVersion: number;
  flowVersions: Record<string, number>;
  pins: Record<string, Record<string, number>>;
  messages: NewMessage[];
  handoffs: NewHandoff[];
  botKey: string;
  state: ConversationState;
  lastSeq: number;
}

export interface ReleasePin {
  kind: string;
  key: string;
  live: number | null;
  canary: number | null;
  canaryPercent: number;
}

const UPSERT_LOCK = {
  name: 'zs_conv_upsert_lock',
  // ON CONFLICT DO UPDATE takes the row lock exactly like SELECT … FOR UPDATE (and creates the row on
  // the first turn) in one round trip; concurrent turns of the conversation queue here.
  text: `INSERT INTO conversations (bot_key, external_id) VALUES ($1, $2)
         ON CONFLICT (bot_key, external_id) DO UPDATE SET updated_at = conversations.updated_at
         RETURNING id, flow_key, flow_version, flow_versions, pins, state, turn, last_seq, (xmax = 0) AS inserted`,
};
const FIND_TURN = {
  name: 'zs_turn_by_message',
  text: `SELECT response, trace FROM conversation_turns WHERE conversation_id = $1 AND message_id = $2`,
};
const WRITE_TURN = {
  name: 'zs_turn_write',
  // Turn record, transcript rows, handoff rows and the new state in one statement (one round trip).
  text: `WITH t AS (
           INSERT INTO conversation_turns (conversation_id, turn, message_id, input_type, nlu, response, trace, outcome, flow_key, flow_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ), m AS (
           INSERT INTO messages (conversation_id, seq, turn, role, text, payload)
           SELECT $1, x.seq, $2, x.role, x.text, x.payload FROM jsonb_to_recordset($11::jsonb) AS x(seq int, role text, text text, payload jsonb)
         ), h AS (
           INSERT INTO handoffs (conversation_id, bot_key, queue, priority, priority_rank, reason)
           SELECT $1, $12, x.queue, x.priority, x.priority_rank, x.reason FROM jsonb_to_recordset($13::jsonb) AS x(queue text, priority text, priority_rank int, reason text)
         )
         UPDATE conversations SET state = $14, status = $15, turn = $2, last_seq = $16, flow_key = $9, flow_version = $10,
           flow_versions = $17, pins = $18, updated_at = now(), ended_at = CASE WHEN $15 = 'ended' THEN now() ELSE NULL END
         WHERE id = $1`,
};
const RELEASE = {
  name: 'zs_release_pins',
  text: `SELECT kind, key, live_version, canary_version, canary_percent FROM documents WHERE bot_key = $1 AND kind = ANY($2::text[]) AND live_version IS NOT NULL`,
};
const PEEK = {
  name: 'zs_conv_peek_pins',
  text: `SELECT pins, status, flow_versions IS NOT NULL AS flow_pinned FROM conversations WHERE bot_key = $1 AND external_id = $2`,
};

interface LockedRow {
  id: string;
  flow_key: string | null;
  flow_version: number | null;
  flow_versions: Record<string, number> | null;
  pins: Record<string, Record<string, number>> | null;
  state: ConversationState | null;
  turn: number;
  last_seq: number;
  inserted: boolean;
}

/** SQL of a chat turn. All methods run on the caller's transaction client. */
@Injectable()
export class ConversationRepository {
  readonly pool: pg.Pool;
  constructor(@Inject(Sql) sql: Sql) {
    this.pool = sql.pool;
  }

  async lock(client: pg.PoolClient, bot: string, externalId: string): Promise<LockedConversation> {
    const { rows } = await client.query<LockedRow>({ ...UPSERT_LOCK, values: [bot, externalId] });
    const r = rows[0];
    if (!r) throw new Error('upsert returned no row');
    return { id: r.id, flowKey: r.flow_key, flowVersion: r.flow_version, flowVersions: r.flow_versions, pins: r.pins, state: r.state, turn: r.turn, lastSeq: r.last_seq, inserted: r.inserted };
  }

  async findTurn(client: pg.PoolClient, conversationId: string, messageId: string): Promise<StoredTurn | null> {
    const { rows } = await client.query<StoredTurn>({ ...FIND_TURN, values: [conversationId, messageId] });
    return rows[0] ?? null;
  }

  async findTurnByExternalId(client: pg.PoolClient, bot: string, externalId: string, messageId: string): Promise<StoredTurn | null> {
    const { rows } = await client.query<StoredTurn>(
      `SELECT t.response, t.trace FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id
       WHERE c.bot_key = $1 AND c.external_id = $2 AND t.message_id = $3`,
      [bot, externalId, messageId],
    );
    return rows[0] ?? null;
  }

  /** Live pointers of the bot's documents of `kinds` (on the turn's client, or the pool before the lock). */
  async releasePins(client: pg.PoolClient | pg.Pool, bot: string, kinds: readonly string[]): Promise<ReleasePin[]> {
    const { rows } = await client.query<{ kind: string; key: string; live_version: number | null; canary_version: number | null; canary_percent: number }>({
      ...RELEASE,
      values: [bot, kinds],
    });
    return rows.map((r) => ({ kind: r.kind, key: r.key, live: r.live_version, canary: r.canary_version, canaryPercent: r.canary_percent }));
  }

  /** The conversation's pins without locking it (null: no such conversation), so NLU can run before the lock. */
  async peekPins(bot: string, externalId: string): Promise<{ pins: Record<string, Record<string, number>> | null; status: string; flowPinned: boolean } | null> {
    const { rows } = await this.pool.query<{ pins: Record<string, Record<string, number>> | null; status: string; flow_pinned: boolean }>({ ...PEEK, values: [bot, externalId] });
    const r = rows[0];
    return r ? { pins: r.pins, status: r.status, flowPinned: r.flow_pinned } : null;
  }

  async writeTurn(client: pg.PoolClient, w: TurnWrite): Promise<void> {
    await client.query({
      ...WRITE_TURN,
      values: [
        w.conversationId,
        w.turn,
        w.messageId,
        w.inputType,
        w.nlu === null ? null : JSON.stringify(w.nlu),
        JSON.stringify(w.response),
        w.trace === null ? null : JSON.stringify(w.trace),
        w.outcome,
        w.flowKey,
        w.flowVersion,
        JSON.stringify(w.messages),
        w.botKey,
        JSON.stringify(w.handoffs),
        JSON.stringify(w.state),
        w.state.status,
        w.lastSeq,
        JSON.stringify(w.flowVersions),
        JSON.stringify(w.pins),
      ],
    });
  }

  /** The conversation's slots (undefined when there is no such conversation or it has no state yet). */
  async slots(bot: string, externalId: string): Promise<Record<string, JsonValue> | undefined> {
    const { rows } = await this.pool.query<{ slots: Record<string, JsonValue> | null }>(`SELECT state->'slots' AS slots FROM conversations WHERE bot_key = $1 AND external_id = $2`, [bot, externalId]);
    return rows[0]?.slots ?? undefined;
  }
}
