import type { Handoff } from '@zhishou/flow-schema';
import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../infra/http-server/errors';
import type { AuthUser } from '../auth/principal';
import { ConversationRepository } from '../conversations/conversation.repository';
import { TurnService, type TurnResult } from '../conversations/turn.service';
import { HandoffsRepository, type HandoffRow } from './handoffs.repository';

/** A handoff as the api sends it (`handoffSchema` in @zhishou/flow-schema). */
export type HandoffView = Handoff;

const toView = (r: HandoffRow, externalId: string): HandoffView => ({
  id: r.id,
  botKey: r.bot_key,
  externalId,
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
    @Inject(HandoffsRepository) private readonly handoffs: HandoffsRepository,
    @Inject(TurnService) private readonly turns: TurnService,
    @Inject(ConversationRepository) private readonly conversations: ConversationRepository,
  ) {}

  /** `bots` narrows to these bots (the caller's reach); undefined = every bot. */
  async list(filter: { bot?: string; bots?: readonly string[]; status?: 'open' | 'claimed' | 'released' | 'active' }): Promise<HandoffView[]> {
    const statuses = !filter.status || filter.status === 'active' ? ['open', 'claimed'] : [filter.status];
    const rows = await this.handoffs.list(statuses, filter.bot ?? null, 500, filter.bots ?? null);
    // Conversation ids come from the conversations module; previews (which hand over to nobody) never show.
    const conversations = await this.conversations.describe(rows.map((r) => r.conversation_id));
    return rows.flatMap((r) => {
      const c = conversations.get(r.conversation_id);
      return c && c.kind === 'live' ? [toView(r, c.externalId)] : [];
    });
  }

  async get(id: string): Promise<HandoffView> {
    return (await this.getRow(id)).view;
  }

  private async getRow(id: string): Promise<{ row: HandoffRow; view: HandoffView }> {
    const row = await this.handoffs.find(id);
    const conversation = row ? (await this.conversations.describe([row.conversation_id])).get(row.conversation_id) : undefined;
    if (!row || !conversation || conversation.kind !== 'live') throw new NotFoundError('handoff', id);
    return { row, view: toView(row, conversation.externalId) };
  }

  /** Takes an open handoff (first come first served: a second agent gets 409). */
  async claim(id: string, user: AuthUser): Promise<HandoffView> {
    const current = await this.get(id);
    if (!(await this.handoffs.claim(current.id, user.email))) throw new ConflictError('already_claimed', `handoff is ${current.status}${current.claimedBy ? ` by ${current.claimedBy}` : ''}`, {}, { status: current.status, claimedBy: current.claimedBy ?? '' });
    return this.get(id);
  }

  /** An agent's message: appended to the transcript by the conversations module (the marketplace front end reads it from there). */
  async reply(id: string, text: string, user: AuthUser): Promise<{ seq: number }> {
    const { row: h, view } = await this.getRow(id);
    this.assertHolder(view, user);
    // One statement there: the next seq of the conversation and the message, so agent messages and bot
    // turns (whose commit numbers its rows from last_seq at commit) interleave with contiguous seq numbers.
    return this.conversations.appendMessage(h.conversation_id, 'agent', text, { handoffId: h.id, agent: user.email });
  }

  /** Hands the conversation back: the bot resumes with a `release` input through the normal turn path. */
  async release(id: string, user: AuthUser): Promise<{ handoff: HandoffView; turn: TurnResult }> {
    const h = await this.get(id);
    this.assertHolder(h, user);
    await this.handoffs.release(h.id);
    const turn = await this.turns.run(h.botKey, h.externalId, { type: 'release' });
    return { handoff: await this.get(id), turn };
  }

  private assertHolder(h: HandoffView, user: AuthUser): void {
    if (h.status === 'released') throw new ConflictError('released', 'this handoff was already handed back');
    if (user.role !== 'admin' && h.claimedBy !== user.email) throw new ConflictError('not_claimed', 'claim the handoff before replying or releasing it');
  }
}
