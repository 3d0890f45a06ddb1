import { Inject, Injectable } from '@nestjs/common';
import type { ConversationState, JsonValue } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';

/** 'live': the marketplace's buyers; 'preview': the designer's test chat (never listed, exported or counted). */
export type ConversationKind = 'live' | 'preview';

export interface ClaimedConversation {
  id: string;
  kind: ConversationKind;
  flowKey: string | null;
  flowVersion: number | null;
  flowVersions: Record<string, number> | null;
  /** Versions of every pinned kind (`{ flow: {…}, nlu: {…}, model: {…} }`); null before the first turn, and for conversations pinned before NLU and models were. */
  pins: Record<string, Record<string, number>> | null;
  state: ConversationState | null;
  turn: number;
  /** Created by this claim (a brand-new conversation: nothing to dedupe against). */
  inserted: boolean;
  /** The stored turn of the claim's messageId, when it ran before. */
  prior: StoredTurn | null;
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
  /** Preview conversations only: what the designer's test chat needs besides the public body. */
  preview?: { effects: JsonValue[]; input: { text?: string; image?: string; timer?: boolean }; flow: string; version: number; vars?: Record<string, JsonValue> };
}

export interface NewMessage {
  /** 1-based position within the turn; the stored seq is the conversation's last_seq at commit + this. */
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

export interface NewOutboxRow {
  topic: string;
  payload: Record<string, JsonValue>;
}

export interface CommittedOutboxRow extends NewOutboxRow {
  id: string;
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
  outbox: NewOutboxRow[];
  botKey: string;
  state: ConversationState;
  /** The pending wait-node timer as columns (null: none, or a preview). */
  timer: { id: string; dueAt: Date } | null;
}

/** A conversation's pins as read before the claim (`flowPinned`: it has flow pins, possibly from before every kind was pinned). */
export interface PeekedPins {
  pins: Record<string, Record<string, number>> | null;
  status: string;
  flowPinned: boolean;
}

export interface PendingTimer {
  conversationId: string;
  bot: string;
  externalId: string;
  timerId: string;
  dueAt: Date;
}

/** Outbox rows written by a turn are left to the in-process dispatch for this long before the sweeper takes them. */
export const OUTBOX_KICK_GRACE_MS = 10_000;

const CLAIM = {
  name: 'zs_conv_claim',
  // One round trip: creates the row on the first turn, takes the lease when it is free or expired
  // (no row comes back while another turn holds it), reads the state and looks the messageId up.
  text: `WITH c AS (
           INSERT INTO conversations (bot_key, external_id, kind, lease_owner, lease_until) VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
           ON CONFLICT (bot_key, external_id) DO UPDATE SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
             WHERE conversations.lease_owner IS NULL OR conversations.lease_until < now()
           RETURNING id, kind, flow_key, flow_version, flow_versions, pins, state, turn, last_message_id, (xmax = 0) AS inserted
         )
         SELECT c.*, t.response AS prior_response, t.trace AS prior_trace FROM c
         LEFT JOIN conversation_turns t ON $6::text IS NOT NULL AND t.conversation_id = c.id AND t.message_id = $6`,
};
const FIND_TURN = {
  name: 'zs_turn_by_message',
  text: `SELECT response, trace FROM conversation_turns WHERE conversation_id = $1 AND message_id = $2`,
};
const PEEK = {
  name: 'zs_conv_peek_pins',
  text: `SELECT pins, status, flow_versions IS NOT NULL AS flow_pinned FROM conversations WHERE bot_key = $1 AND external_id = $2`,
};
const RENEW = {
  name: 'zs_conv_lease_renew',
  // Every lease this process holds, in one statement.
  text: `UPDATE conversations c SET lease_until = now() + $3 * interval '1 millisecond'
         FROM unnest($1::uuid[], $2::uuid[]) AS x(id, owner) WHERE c.id = x.id AND c.lease_owner = x.owner`,
};
const RELEASE = {
  name: 'zs_conv_lease_release',
  text: `UPDATE conversations SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`,
};
const COMMIT = {
  name: 'zs_turn_commit',
  // The turn's unit of work in one statement, conditioned on the lease: new state (lease released),
  // turn record, transcript rows (numbered from last_seq at commit, so agent messages written meanwhile
  // keep the sequence contiguous), handoff rows and outbox rows; `pins` holds the versions of every pinned
  // kind (flows, NLU data, model) the conversation runs on. A turn whose lease was taken over
  // (expired) writes nothing and gets no row back.
  text: `WITH u AS (
           UPDATE conversations SET state = $14, status = $15, turn = $2, last_seq = last_seq + $16, flow_key = $9, flow_version = $10,
             flow_versions = $17, pins = $23, updated_at = now(), ended_at = CASE WHEN $15 = 'ended' THEN now() ELSE NULL END,
             lease_owner = NULL, lease_until = NULL, last_message_id = COALESCE($3, last_message_id), timer_id = $18, timer_due_at = $19
           WHERE id = $1 AND lease_owner = $20
           RETURNING last_seq - $16 AS base_seq
         ), t AS (
           INSERT INTO conversation_turns (conversation_id, turn, message_id, input_type, nlu, response, trace, outcome, flow_key, flow_version)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM u
         ), m AS (
           INSERT INTO messages (conversation_id, seq, turn, role, text, payload)
           SELECT $1, u.base_seq + x.seq, $2, x.role, x.text, x.payload FROM u, jsonb_to_recordset($11::jsonb) AS x(seq int, role text, text text, payload jsonb)
         ), h AS (
           INSERT INTO handoffs (conversation_id, bot_key, queue, priority, priority_rank, reason)
           SELECT $1, $12, x.queue, x.priority, x.priority_rank, x.reason FROM u, jsonb_to_recordset($13::jsonb) AS x(queue text, priority text, priority_rank int, reason text)
         ), o AS (
           INSERT INTO outbox (topic, conversation_id, payload, available_at)
           SELECT x.topic, $1, x.payload, now() + $22 * interval '1 millisecond' FROM u, ROWS FROM (jsonb_to_recordset($21::jsonb) AS (topic text, payload jsonb)) WITH ORDINALITY AS x(topic, payload, n)
           ORDER BY x.n
           RETURNING id
         )
         SELECT COALESCE((SELECT array_agg(id ORDER BY id)::text[] FROM o), '{}') AS outbox FROM u`,
};
const APPEND = {
  name: 'zs_conv_append_message',
  text: `WITH c AS (UPDATE conversations SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq)
         INSERT INTO messages (conversation_id, seq, turn, role, text, payload) SELECT $1, c.last_seq, NULL, $2, $3, $4 FROM c RETURNING seq`,
};

interface ClaimRow {
  id: string;
  kind: ConversationKind;
  flow_key: string | null;
  flow_version: number | null;
  flow_versions: Record<string, number> | null;
  pins: Record<string, Record<string, number>> | null;
  state: ConversationState | null;
  turn: number;
  last_message_id: string | null;
  inserted: boolean;
  prior_response: TurnResponseBody | null;
  prior_trace: JsonValue | null;
}

/**
 * The conversations module's tables (conversations, conversation_turns, messages, the handoff rows a turn
 * creates, outbox rows): the turn's claim, renew, release and commit, and the writes other modules need
 * (an agent's message) so they never touch these tables themselves.
 */
@Injectable()
export class ConversationRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  /** Takes the conversation's lease for `owner`; 'busy' while another turn holds it. */
  async claim(c: { bot: string; externalId: string; kind: ConversationKind; owner: string; leaseMs: number; messageId: string | null }): Promise<ClaimedConversation | 'busy'> {
    const { rows } = await this.sql.query<ClaimRow>({ ...CLAIM, values: [c.bot, c.externalId, c.kind, c.owner, c.leaseMs, c.messageId] });
    const r = rows[0];
    if (!r) return 'busy';
    let prior: StoredTurn | null = r.prior_response ? { response: r.prior_response, trace: r.prior_trace } : null;
    // The claim may have waited on the previous holder's commit; its snapshot of the turns table is from
    // before that commit, so the row's (latest) last_message_id catches a duplicate of exactly that turn.
    if (!prior && c.messageId !== null && r.last_message_id === c.messageId) prior = await this.findTurn(r.id, c.messageId);
    return { id: r.id, kind: r.kind, flowKey: r.flow_key, flowVersion: r.flow_version, flowVersions: r.flow_versions, pins: r.pins, state: r.state, turn: r.turn, inserted: r.inserted, prior };
  }

  async findTurn(conversationId: string, messageId: string): Promise<StoredTurn | null> {
    const { rows } = await this.sql.query<StoredTurn>({ ...FIND_TURN, values: [conversationId, messageId] });
    return rows[0] ?? null;
  }

  /** Extends held leases (long turns); returns how many were still held. */
  async renew(leases: readonly { conversationId: string; owner: string }[], leaseMs: number): Promise<number> {
    if (leases.length === 0) return 0;
    const result = await this.sql.query({ ...RENEW, values: [leases.map((l) => l.conversationId), leases.map((l) => l.owner), leaseMs] });
    return result.rowCount ?? 0;
  }

  async release(conversationId: string, owner: string): Promise<void> {
    await this.sql.query({ ...RELEASE, values: [conversationId, owner] });
  }

  /**
   * The conversation's pins, read without the lease (null: no such conversation), so NLU can run before
   * the claim on the versions the turn will most likely use; the claim returns the authoritative pins.
   */
  async peekPins(bot: string, externalId: string): Promise<PeekedPins | null> {
    const { rows } = await this.sql.query<{ pins: Record<string, Record<string, number>> | null; status: string; flow_pinned: boolean }>({ ...PEEK, values: [bot, externalId] });
    const r = rows[0];
    return r ? { pins: r.pins, status: r.status, flowPinned: r.flow_pinned } : null;
  }

  /** Commits the turn if `owner` still holds the lease; null when it was lost (nothing written). */
  async commit(w: TurnWrite, owner: string): Promise<CommittedOutboxRow[] | null> {
    const { rows } = await this.sql.query<{ outbox: string[] }>({
      ...COMMIT,
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
        w.messages.length,
        JSON.stringify(w.flowVersions),
        w.timer?.id ?? null,
        w.timer?.dueAt ?? null,
        owner,
        JSON.stringify(w.outbox),
        OUTBOX_KICK_GRACE_MS,
        JSON.stringify(w.pins),
      ],
    });
    const row = rows[0];
    if (!row) return null;
    return row.outbox.map((id, i) => ({ id, ...w.outbox[i]! }));
  }

  /** Appends a message outside a turn (an agent's reply) with the next sequence number; one statement. */
  async appendMessage(conversationId: string, role: NewMessage['role'], text: string, payload: Record<string, JsonValue>): Promise<{ seq: number }> {
    const { rows } = await this.sql.query<{ seq: number }>({ ...APPEND, values: [conversationId, role, text, JSON.stringify(payload)] });
    const row = rows[0];
    if (!row) throw new Error(`conversation ${conversationId} does not exist`);
    return { seq: row.seq };
  }

  /** External id and kind of conversations by id (for modules that keep a conversation id, e.g. handoffs). */
  async describe(ids: readonly string[]): Promise<Map<string, { externalId: string; kind: ConversationKind; bot: string }>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.sql.query<{ id: string; external_id: string; kind: ConversationKind; bot_key: string }>(
      `SELECT id, external_id, kind, bot_key FROM conversations WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, { externalId: r.external_id, kind: r.kind, bot: r.bot_key }]));
  }

  /** The conversation's id (null when it has none yet). */
  async idOf(bot: string, externalId: string, kind: ConversationKind): Promise<string | null> {
    const { rows } = await this.sql.query<{ id: string }>(`SELECT id FROM conversations WHERE bot_key = $1 AND external_id = $2 AND kind = $3`, [bot, externalId, kind]);
    return rows[0]?.id ?? null;
  }

  /** A preview conversation's stored turns, oldest first (the designer records them as a test case). */
  async turnResponses(conversationId: string): Promise<{ inputType: string; response: TurnResponseBody }[]> {
    const { rows } = await this.sql.query<{ input_type: string; response: TurnResponseBody }>(`SELECT input_type, response FROM conversation_turns WHERE conversation_id = $1 ORDER BY turn`, [conversationId]);
    return rows.map((r) => ({ inputType: r.input_type, response: r.response }));
  }

  /** Deletes a preview conversation with its turns, transcript, handoffs and outbox rows (one statement). */
  async deletePreview(bot: string, externalId: string): Promise<void> {
    await this.sql.query(
      `WITH c AS (DELETE FROM conversations WHERE bot_key = $1 AND external_id = $2 AND kind = 'preview' RETURNING id),
            t AS (DELETE FROM conversation_turns WHERE conversation_id IN (SELECT id FROM c)),
            m AS (DELETE FROM messages WHERE conversation_id IN (SELECT id FROM c)),
            h AS (DELETE FROM handoffs WHERE conversation_id IN (SELECT id FROM c))
       DELETE FROM outbox WHERE conversation_id IN (SELECT id FROM c)`,
      [bot, externalId],
    );
  }

  /** Live conversations with a pending wait-node timer, by id (keyset pages), for the timer reconciler. */
  async pendingTimers(afterId: string | null, limit: number): Promise<PendingTimer[]> {
    const { rows } = await this.sql.query<{ id: string; bot_key: string; external_id: string; timer_id: string; timer_due_at: Date }>(
      `SELECT id, bot_key, external_id, timer_id, timer_due_at FROM conversations
       WHERE timer_due_at IS NOT NULL AND kind = 'live' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => ({ conversationId: r.id, bot: r.bot_key, externalId: r.external_id, timerId: r.timer_id, dueAt: r.timer_due_at }));
  }

  /** The conversation's slots (undefined when there is no such conversation or it has no state yet). */
  async slots(bot: string, externalId: string): Promise<Record<string, JsonValue> | undefined> {
    const { rows } = await this.sql.query<{ slots: Record<string, JsonValue> | null }>(`SELECT state->'slots' AS slots FROM conversations WHERE bot_key = $1 AND external_id = $2 AND kind = 'live'`, [bot, externalId]);
    return rows[0]?.slots ?? undefined;
  }
}
