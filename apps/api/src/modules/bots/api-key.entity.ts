import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BotEntity } from './bot.entity';

/** A per-bot machine credential; only the sha256 of the key is stored, plus a short prefix to recognise it. */
@Entity({ name: 'api_keys' })
@Index('api_keys_hash_key', ['hash'], { unique: true })
@Index('api_keys_bot_key_idx', ['botKey'])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', name: 'bot_key' })
  botKey!: string;

  @ManyToOne(() => BotEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_key', referencedColumnName: 'key', foreignKeyConstraintName: 'api_keys_bot_key_fkey' })
  bot?: BotEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [BotEntity, ApiKeyEntity];
