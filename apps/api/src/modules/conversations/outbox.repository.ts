import { Inject, Injectable } from '@nestjs/common';
import type { JsonValue } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';
import type { CommittedOutboxRow } from './conversation.repository';

/** A row a sweeper took is hidden from other sweepers this long while it is carried out. */
const CLAIM_MS = 30_000;
const MAX_BACKOFF_MS = 60_000;

/** The outbox table's statements (owned by the conversations module, which writes the rows in a turn's commit). */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  /** Due rows (left over after a crash, or failed earlier), hidden from other sweepers while carried out. */
  async claimDue(limit: number): Promise<CommittedOutboxRow[]> {
    const { rows } = await this.sql.query<{ id: string; topic: string; payload: Record<string, JsonValue> }>({
      name: 'zs_outbox_claim',
      text: `UPDATE outbox SET available_at = now() + $2 * interval '1 millisecond', attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox WHERE available_at <= now() ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
             RETURNING id::text, topic, payload`,
      values: [limit, CLAIM_MS],
    });
    return rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  async done(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.sql.query({ name: 'zs_outbox_done', text: `DELETE FROM outbox WHERE id = ANY($1::bigint[])`, values: [ids] });
  }

  async failed(id: string, error: string): Promise<void> {
    await this.sql.query({
      name: 'zs_outbox_failed',
      text: `UPDATE outbox SET last_error = $2, available_at = now() + LEAST($3::int, 500 * power(2, LEAST(attempts, 10))::int) * (0.5 + random() / 2) * interval '1 millisecond' WHERE id = $1`,
      values: [id, error.slice(0, 1000), MAX_BACKOFF_MS],
    });
  }

  async pending(): Promise<number> {
    const { rows } = await this.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox`);
    return rows[0]?.n ?? 0;
  }
}

