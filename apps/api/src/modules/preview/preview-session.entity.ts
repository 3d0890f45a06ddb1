import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The designer's test chat: its own table, so previews never touch live conversations. */
@Entity({ name: 'preview_sessions' })
export class PreviewSessionEntity {
  @PrimaryColumn({ name: 'bot_key', type: 'text' }) botKey!: string;
  @PrimaryColumn({ type: 'text' }) session!: string;
  @Column({ name: 'flow_key', type: 'text' }) flowKey!: string;
  /** null = the draft. */
  @Column({ type: 'integer', nullable: true }) version!: number | null;
  @Column({ type: 'jsonb', nullable: true }) state!: unknown;
  @Column({ name: 'last_message_id', type: 'text', nullable: true }) lastMessageId!: string | null;
  @Column({ name: 'last_response', type: 'jsonb', nullable: true }) lastResponse!: unknown;
  /** The run's turns (input, replies, where it ended up), for recording it as a test case (test-cases module). */
  @Column({ type: 'jsonb', default: () => "'[]'" }) turns!: unknown;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [PreviewSessionEntity];
