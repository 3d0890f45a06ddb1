import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import type { AuthUser } from '../auth/principal';
import { ConversationRepository } from '../conversations/conversation.repository';
import { TurnService, type TurnResult } from '../conversations/turn.service';

export interface HandoffView {
  id: string;
  botKey: string;
  externalId: string;
  queue: string;
  priority: string;
  reason: string | null;
  status: 'open' | 'claimed' | 'released';
  claimedBy: string | null;
  claimedAt: string | null;
  releasedAt: string | null;
  createdAt: string;
}

interface HandoffRow {
  id: string;
  conversation_id: string;
  bot_key: string;
  external_id: string;
  queue: string;
  priority: string;
  reason: string | null;
  status: HandoffView['status'];
  claimed_by: string | null;
  claimed_at: Date | null;
  released_at: Date | null;
  created_at: Date;
}

const COLUMNS = `h.id, h.conversation_id, h.bot_key, c.external_id, h.queue, h.priority, h.reason, h.status, h.claimed_by, h.claimed_at, h.released_at, h.created_at`;

const toView = (r: HandoffRow): HandoffView => ({
  id: r.id,
  botKey: r.bot_key,
  externalId: r.external_id,
  queue: r.queue,
  priority: r.priority,
  reason: r.reason,
  status: r.status,
  claimedBy: r.claimed_by,
  claimedAt: r.claimed_at?.toISOString() ?? null,
  releasedAt: r.released_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

/** The human agents' queue: conversations the bot handed over, most urgent and longest waiting first. */
@Injectable()
export class HandoffsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(TurnService) private readonly turns: TurnService,
    @Inject(ConversationRepository) private readonly conversations: ConversationRepository,
  ) {}

  async list(filter: { bot?: string; status?: 'open' | 'claimed' | 'released' | 'active' }): Promise<HandoffView[]> {
    const statuses = !filter.status || filter.status === 'active' ? ['open', 'claimed'] : [filter.status];
    const rows: HandoffRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM handoffs h JOIN conversations c ON c.id = h.conversation_id
       WHERE h.status = ANY($1) AND ($2::text IS NULL OR h.bot_key = $2) AND c.kind = 'live'
       ORDER BY h.priority_rank DESC, h.created_at ASC LIMIT 500`,
      [statuses, filter.bot ?? null],
    );
    return rows.map(toView);
  }

  async get(id: string): Promise<HandoffView> {
    return toView(await this.getRow(id));
  }

  private async getRow(id: string): Promise<HandoffRow> {
    const rows: HandoffRow[] = await this.db.query(`SELECT ${COLUMNS} FROM handoffs h JOIN conversations c ON c.id = h.conversation_id WHERE h.id::text = $1`, [id]);
    const row = rows[0];
    if (!row) throw new NotFoundError('handoff', id);
    return row;
  }

  /** Takes an open handoff (first come first served: a second agent gets 409). */
  async claim(id: string, user: AuthUser): Promise<HandoffView> {
    const current = await this.get(id);
    const result: [unknown[], number] = await this.db.query(
      `UPDATE handoffs SET status = 'claimed', claimed_by = $2, claimed_at = now() WHERE id = $1 AND (status = 'open' OR (status = 'claimed' AND claimed_by = $2))`,
      [current.id, user.email],
    );
    if (result[1] === 0) throw new ConflictError('already_claimed', `handoff is ${current.status}${current.claimedBy ? ` by ${current.claimedBy}` : ''}`);
    return this.get(id);
  }

  /** An agent's message: appended to the transcript by the conversations module (the marketplace front end reads it from there). */
  async reply(id: string, text: string, user: AuthUser): Promise<{ seq: number }> {
    const h = await this.getRow(id);
    this.assertHolder(toView(h), user);
    // One statement there: the next seq of the conversation and the message, so agent messages and bot
    // turns (whose commit numbers its rows from last_seq at commit) interleave with contiguous seq numbers.
    return this.conversations.appendMessage(h.conversation_id, 'agent', text, { handoffId: h.id, agent: user.email });
  }

  /** Hands the conversation back: the bot resumes with a `release` input through the normal turn path. */
  async release(id: string, user: AuthUser): Promise<{ handoff: HandoffView; turn: TurnResult }> {
    const h = await this.get(id);
    this.assertHolder(h, user);
    await this.db.query(`UPDATE handoffs SET status = 'released', released_at = now() WHERE id = $1`, [h.id]);
    const turn = await this.turns.run(h.botKey, h.externalId, { type: 'release' });
    return { handoff: await this.get(id), turn };
  }

  private assertHolder(h: HandoffView, user: AuthUser): void {
    if (h.status === 'released') throw new ConflictError('released', 'this handoff was already handed back');
    if (user.role !== 'admin' && h.claimedBy !== user.email) throw new ConflictError('not_claimed', 'claim the handoff before replying or releasing it');
  }
}
