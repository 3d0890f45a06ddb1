import { Inject, Injectable } from '@nestjs/common';
import type { Handoff } from '@zhishou/flow-schema';
import { Sql } from '../../infra/database/sql';

export interface HandoffRow {
  id: string;
  conversation_id: string;
  bot_key: string;
  queue: string;
  priority: Handoff['priority'];
  reason: string | null;
  status: 'open' | 'claimed' | 'released';
  claimed_by: string | null;
  claimed_at: Date | null;
  released_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id, conversation_id, bot_key, queue, priority, reason, status, claimed_by, claimed_at, released_at, created_at`;

/**
 * The handoffs table's reads and status changes. (A handoff row is created by the turn that handed the
 * conversation over, inside that turn's commit — the conversations module's unit of work.)
 */
@Injectable()
export class HandoffsRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  /** `bots`: only these bots (the caller's reach); null = every bot. */
  async list(statuses: readonly string[], bot: string | null, limit: number, bots: readonly string[] | null = null): Promise<HandoffRow[]> {
    const { rows } = await this.sql.query<HandoffRow>(
      `SELECT ${COLUMNS} FROM handoffs WHERE status = ANY($1) AND ($2::text IS NULL OR bot_key = $2) AND ($4::text[] IS NULL OR bot_key = ANY($4)) ORDER BY priority_rank DESC, created_at ASC LIMIT $3`,
      [statuses, bot, limit, bots],
    );
    return rows;
  }

  async find(id: string): Promise<HandoffRow | null> {
    const { rows } = await this.sql.query<HandoffRow>(`SELECT ${COLUMNS} FROM handoffs WHERE id::text = $1`, [id]);
    return rows[0] ?? null;
  }

  /** First come first served: false when another agent holds it (or it was released). */
  async claim(id: string, agent: string): Promise<boolean> {
    const result = await this.sql.query(
      `UPDATE handoffs SET status = 'claimed', claimed_by = $2, claimed_at = now() WHERE id = $1 AND (status = 'open' OR (status = 'claimed' AND claimed_by = $2))`,
      [id, agent],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async release(id: string): Promise<void> {
    await this.sql.query(`UPDATE handoffs SET status = 'released', released_at = now() WHERE id = $1`, [id]);
  }
}
