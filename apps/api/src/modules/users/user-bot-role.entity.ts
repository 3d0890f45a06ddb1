import type { BotRole } from '@zhishou/flow-schema';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BotEntity } from '../bots/bot.entity';
import { UserEntity } from './user.entity';

/** A non-admin user's role on one bot; without a row the user cannot reach the bot at all. */
@Entity({ name: 'user_bot_roles' })
@Index('user_bot_roles_bot_key_idx', ['botKey'])
export class UserBotRoleEntity {
  @PrimaryColumn({ type: 'uuid', name: 'user_id', primaryKeyConstraintName: 'user_bot_roles_pkey' })
  userId!: string;

  @PrimaryColumn({ type: 'text', name: 'bot_key', primaryKeyConstraintName: 'user_bot_roles_pkey' })
  botKey!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'user_bot_roles_user_id_fkey' })
  user?: UserEntity;

  @ManyToOne(() => BotEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_key', referencedColumnName: 'key', foreignKeyConstraintName: 'user_bot_roles_bot_key_fkey' })
  bot?: BotEntity;

  @Column({ type: 'text' })
  role!: BotRole;

  @Column({ type: 'uuid', name: 'granted_by', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
