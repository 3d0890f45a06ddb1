import type { BotRole } from '@zhishou/flow-schema';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** A non-admin user's role on one bot; without a row the user cannot reach the bot at all. `bot_key` names a bot of the bots module (no cross-module foreign key; the service checks it). */
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

  @Column({ type: 'text' })
  role!: BotRole;

  @Column({ type: 'uuid', name: 'granted_by', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
