import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One scheduled trigger per job id (rule + rendered dedupe key): the durable truth the queue's delayed
 * job only wakes up. `status` leaves `pending` exactly once (a conditional update), which is what
 * makes a trigger fire at most once even when the queue runs its job twice.
 */
@Entity({ name: 'trigger_jobs' })
@Index('ix_trigger_jobs_rule', ['botKey', 'ruleId', 'updatedAt'])
@Index('ix_trigger_jobs_status_due', ['status', 'dueAt'])
export class TriggerJobEntity {
  @PrimaryColumn({ name: 'job_id', type: 'uuid' }) jobId!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ name: 'ruleset_key', type: 'text' }) ruleSetKey!: string;
  @Column({ name: 'rule_id', type: 'text' }) ruleId!: string;
  /** The rule-set version that scheduled it (null: scheduled from a draft, never in production). */
  @Column({ name: 'ruleset_version', type: 'integer', nullable: true }) ruleSetVersion!: number | null;
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey!: string;
  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ name: 'trigger_event', type: 'jsonb' }) triggerEvent!: unknown;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  /** pending → fired | skipped | cancelled | failed (failed = dead-lettered after the retries). */
  @Column({ type: 'text', default: 'pending' }) status!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** The fire log: one row per outcome (fired, skipped, cancelled) and per failed attempt. */
@Entity({ name: 'trigger_fires' })
@Index('ix_trigger_fires_bot_at', ['botKey', 'at'])
@Index('ix_trigger_fires_rule_at', ['botKey', 'ruleId', 'at'])
@Index('ix_trigger_fires_job', ['jobId'])
export class TriggerFireEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'job_id', type: 'uuid' }) jobId!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ name: 'ruleset_key', type: 'text' }) ruleSetKey!: string;
  @Column({ name: 'rule_id', type: 'text' }) ruleId!: string;
  @Column({ name: 'scheduled_version', type: 'integer', nullable: true }) scheduledVersion!: number | null;
  /** The live version whose rule decided (null when none was live). */
  @Column({ name: 'fired_version', type: 'integer', nullable: true }) firedVersion!: number | null;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ type: 'jsonb', nullable: true }) actions!: unknown;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ name: 'lateness_ms', type: 'integer', nullable: true }) latenessMs!: number | null;
}

/**
 * The outbox of a fired trigger's actions: written in the fire transaction, delivered by its own job
 * (signed webhook with retries); `dead` after the last retry (the dead-letter list ops see).
 */
@Entity({ name: 'trigger_deliveries' })
@Index('ix_trigger_deliveries_bot_status', ['botKey', 'status', 'updatedAt'])
@Index('ix_trigger_deliveries_job', ['jobId'])
export class TriggerDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'job_id', type: 'uuid' }) jobId!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ name: 'rule_id', type: 'text' }) ruleId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'jsonb' }) action!: unknown;
  /** pending → delivered | dead */
  @Column({ type: 'text', default: 'pending' }) status!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [TriggerJobEntity, TriggerFireEntity, TriggerDeliveryEntity];
