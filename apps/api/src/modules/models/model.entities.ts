import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One trained NLU model version of a bot: three ONNX artefacts, the data hash and the evaluation. */
@Entity({ name: 'nlu_model_versions' })
@Index('uq_nlu_model_versions_bot_number', ['botKey', 'number'], { unique: true })
export class NluModelVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ type: 'integer' }) number!: number;
  /** queued → training → ready | failed */
  @Column({ type: 'text' }) status!: string;
  /** "trained" (queue job) or "shipped" (models/<bot>/ committed files). */
  @Column({ type: 'text' }) origin!: string;
  @Column({ name: 'data_hash', type: 'text', nullable: true }) dataHash!: string | null;
  @Column({ type: 'jsonb', nullable: true }) metrics!: unknown;
  @Column({ type: 'jsonb', default: () => "'{}'" }) progress!: unknown;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'text', default: '' }) note!: string;
  @Column({ name: 'intent_onnx', type: 'bytea', nullable: true }) intentOnnx!: Buffer | null;
  @Column({ name: 'slots_onnx', type: 'bytea', nullable: true }) slotsOnnx!: Buffer | null;
  @Column({ name: 'emotion_onnx', type: 'bytea', nullable: true }) emotionOnnx!: Buffer | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}

/** Audited activations: the latest row of a bot names its active version (rollback = activate an older one). */
@Entity({ name: 'nlu_model_activations' })
@Index('ix_nlu_model_activations_bot', ['botKey', 'id'])
export class NluModelActivationEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId!: string;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'text' }) actor!: string;
  @Column({ name: 'activated_at', type: 'timestamptz', default: () => 'now()' }) activatedAt!: Date;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [NluModelVersionEntity, NluModelActivationEntity];
