import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A conversation waiting for (or held by) a human agent. */
@Entity({ name: 'handoffs' })
@Index('ix_handoffs_queue', ['status', 'priorityRank', 'createdAt'])
@Index('ix_handoffs_conversation', ['conversationId'])
export class HandoffEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ type: 'text' }) queue!: string;
  @Column({ type: 'text' }) priority!: string;
  /** Higher is more urgent (urgent 3 … low 0), for ordering. */
  @Column({ name: 'priority_rank', type: 'integer' }) priorityRank!: number;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  /** open | claimed | released */
  @Column({ type: 'text', default: 'open' }) status!: string;
  @Column({ name: 'claimed_by', type: 'text', nullable: true }) claimedBy!: string | null;
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt!: Date | null;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [HandoffEntity];
