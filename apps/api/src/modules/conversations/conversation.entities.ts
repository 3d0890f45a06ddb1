import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One chat between a user and a bot; `externalId` is the `:cid` the marketplace chose. */
@Entity({ name: 'conversations' })
@Index('uq_conversations_external', ['botKey', 'externalId'], { unique: true })
@Index('ix_conversations_timer_due', ['timerDueAt'], { where: 'timer_due_at IS NOT NULL' })
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ name: 'external_id', type: 'text' }) externalId!: string;
  /** 'live' (the marketplace's buyers) or 'preview' (the designer's test chat: never listed, exported or counted). */
  @Column({ type: 'text', default: 'live' }) kind!: string;
  /** The turn in progress (owner token + expiry): one turn at a time per conversation without a held row lock. */
  @Column({ name: 'lease_owner', type: 'uuid', nullable: true }) leaseOwner!: string | null;
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true }) leaseUntil!: Date | null;
  /** The messageId of the last message turn committed (dedupe of a turn that committed while another claimed). */
  @Column({ name: 'last_message_id', type: 'text', nullable: true }) lastMessageId!: string | null;
  /** The state's pending wait-node timer, kept as columns so the reconciler finds it without reading states. */
  @Column({ name: 'timer_id', type: 'text', nullable: true }) timerId!: string | null;
  @Column({ name: 'timer_due_at', type: 'timestamptz', nullable: true }) timerDueAt!: Date | null;
  /** Main flow and the flow versions this conversation is pinned to (`{ flowKey: version }`), null before the first turn. */
  @Column({ name: 'flow_key', type: 'text', nullable: true }) flowKey!: string | null;
  @Column({ name: 'flow_version', type: 'integer', nullable: true }) flowVersion!: number | null;
  @Column({ name: 'flow_versions', type: 'jsonb', nullable: true }) flowVersions!: Record<string, number> | null;
  /** Versions of every pinned kind of document (`{ flow: {…}, nlu: { main: 2 }, model: { nlu: 1 } }`), fixed when the conversation starts. */
  @Column({ type: 'jsonb', nullable: true }) pins!: Record<string, Record<string, number>> | null;
  @Column({ type: 'jsonb', nullable: true }) state!: unknown;
  @Column({ type: 'text', default: 'active' }) status!: string;
  /** Turns processed; turn numbers are contiguous per conversation. */
  @Column({ type: 'integer', default: 0 }) turn!: number;
  /** Last transcript sequence number. */
  @Column({ name: 'last_seq', type: 'integer', default: 0 }) lastSeq!: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}

/** One processed turn: the dedupe record (messageId) and the stored response a retry gets back. */
@Entity({ name: 'conversation_turns' })
@Index('uq_conversation_turns_turn', ['conversationId', 'turn'], { unique: true })
@Index('uq_conversation_turns_message', ['conversationId', 'messageId'], { unique: true })
export class ConversationTurnEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ type: 'integer' }) turn!: number;
  /** Client message id for message turns; null for timer / release turns. */
  @Column({ name: 'message_id', type: 'text', nullable: true }) messageId!: string | null;
  @Column({ name: 'input_type', type: 'text' }) inputType!: string;
  @Column({ type: 'jsonb', nullable: true }) nlu!: unknown;
  @Column({ type: 'jsonb' }) response!: unknown;
  @Column({ type: 'jsonb', nullable: true }) trace!: unknown;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ name: 'flow_key', type: 'text' }) flowKey!: string;
  @Column({ name: 'flow_version', type: 'integer' }) flowVersion!: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** The transcript: user, bot and agent messages in one contiguous sequence per conversation. */
@Entity({ name: 'messages' })
@Index('uq_messages_seq', ['conversationId', 'seq'], { unique: true })
export class MessageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'integer', nullable: true }) turn!: number | null;
  /** user | bot | agent */
  @Column({ type: 'text' }) role!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/**
 * Side effects of a turn (timer schedules and cancels; later outbound deliveries), written in the turn's
 * own commit and carried out after it by the outbox dispatcher (a kick after commit, a sweeper for leftovers).
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_available', ['availableAt'])
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) topic!: string;
  @Column({ name: 'conversation_id', type: 'uuid', nullable: true }) conversationId!: string | null;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' }) availableAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [ConversationEntity, ConversationTurnEntity, MessageEntity, OutboxEntity];
