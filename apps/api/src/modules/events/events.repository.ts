import { Inject, Injectable } from '@nestjs/common';
import type { BusinessEvent, EventSubject, SubjectKey } from '@zhishou/flow-schema';
import { Sql, type SqlExecutor } from '../../infra/database/sql';

/** Subject key → column of the events table. */
const SUBJECT_COLUMNS: Record<SubjectKey, string> = {
  orderId: 'order_id',
  buyerId: 'buyer_id',
  sellerId: 'seller_id',
  itemId: 'item_id',
  conversationId: 'conversation_id',
};

interface EventRow {
  event_id: string;
  type: string;
  occurred_at: Date;
  order_id: string | null;
  buyer_id: string | null;
  seller_id: string | null;
  item_id: string | null;
  conversation_id: string | null;
  data: BusinessEvent['data'];
}

export function rowToEvent(row: EventRow): BusinessEvent {
  const subject: EventSubject = {};
  for (const [key, column] of Object.entries(SUBJECT_COLUMNS) as [SubjectKey, keyof EventRow][]) {
    const value = row[column];
    if (typeof value === 'string') subject[key] = value;
  }
  return { eventId: row.event_id, type: row.type, occurredAt: new Date(row.occurred_at).toISOString(), subject, data: row.data };
}

const SELECT_COLUMNS = 'event_id, type, occurred_at, order_id, buyer_id, seller_id, item_id, conversation_id, data';

/** The event log; the only SQL of the events module. */
@Injectable()
export class EventsRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  /** Inserts the events that are new (by bot + eventId) in one statement, on the caller's unit of work; returns the eventIds actually inserted. */
  async insertNew(tx: SqlExecutor, bot: string, events: readonly BusinessEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows = events.map((e) => ({
      bot_key: bot,
      event_id: e.eventId,
      type: e.type,
      occurred_at: e.occurredAt,
      order_id: e.subject.orderId ?? null,
      buyer_id: e.subject.buyerId ?? null,
      seller_id: e.subject.sellerId ?? null,
      item_id: e.subject.itemId ?? null,
      conversation_id: e.subject.conversationId ?? null,
      data: e.data,
    }));
    const { rows: inserted } = await tx.query<{ event_id: string }>(
      `INSERT INTO events (bot_key, event_id, type, occurred_at, order_id, buyer_id, seller_id, item_id, conversation_id, data)
       SELECT bot_key, event_id, type, occurred_at, order_id, buyer_id, seller_id, item_id, conversation_id, data
       FROM jsonb_to_recordset($1::jsonb) AS x(bot_key text, event_id text, type text, occurred_at timestamptz, order_id text,
            buyer_id text, seller_id text, item_id text, conversation_id text, data jsonb)
       ON CONFLICT (bot_key, event_id) DO NOTHING
       RETURNING event_id`,
      [JSON.stringify(rows)],
    );
    return new Set(inserted.map((r) => r.event_id));
  }

  /**
   * Events about the same subject (equal on every key) that occurred at or after `after` and at or
   * before `until`, oldest first, excluding `excludeEventId`. Served by the (bot, subject, type, time) indexes.
   */
  async about(bot: string, subject: EventSubject, keys: readonly SubjectKey[], after: string, until: number, excludeEventId: string): Promise<BusinessEvent[]> {
    const params: unknown[] = [bot, after, new Date(until).toISOString(), excludeEventId];
    const conditions = keys.map((key) => {
      params.push(subject[key]);
      return `${SUBJECT_COLUMNS[key]} = $${params.length}`;
    });
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM events
       WHERE bot_key = $1 AND ${conditions.join(' AND ')} AND occurred_at >= $2 AND occurred_at <= $3 AND event_id <> $4
       ORDER BY occurred_at, id LIMIT 500`,
      params,
    );
    return rows.map(rowToEvent);
  }

  /** Recent events of a bot, optionally about one subject value (for ops and the designer). */
  async list(bot: string, filter: { subjectKey?: SubjectKey; subjectValue?: string; type?: string; limit: number }): Promise<BusinessEvent[]> {
    const params: unknown[] = [bot];
    const where = ['bot_key = $1'];
    if (filter.subjectKey && filter.subjectValue !== undefined) {
      params.push(filter.subjectValue);
      where.push(`${SUBJECT_COLUMNS[filter.subjectKey]} = $${params.length}`);
    }
    if (filter.type) {
      params.push(filter.type);
      where.push(`type = $${params.length}`);
    }
    params.push(filter.limit);
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(rowToEvent);
  }
}
