import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A bot's editable document (flow, rule set, NLU data): the draft plus its release pointer. */
@Entity({ name: 'documents' })
@Index('uq_documents_ref', ['botKey', 'kind', 'key'], { unique: true })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'jsonb' }) draft!: unknown;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'live_version', type: 'integer', nullable: true }) liveVersion!: number | null;
  @Column({ name: 'canary_version', type: 'integer', nullable: true }) canaryVersion!: number | null;
  @Column({ name: 'canary_percent', type: 'integer', default: 0 }) canaryPercent!: number;
}

/** An immutable published version of a document. */
@Entity({ name: 'document_versions' })
@Index('uq_document_versions_number', ['documentId', 'number'], { unique: true })
export class DocumentVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId!: string;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'jsonb' }) content!: unknown;
  @Column({ name: 'content_hash', type: 'text' }) contentHash!: string;
  @Column({ type: 'text' }) author!: string;
  @Column({ type: 'text', default: '' }) note!: string;
  /** The bot's active NLU model when this version was published (null: baseline only). */
  @Column({ name: 'nlu_model_version', type: 'text', nullable: true }) nluModelVersion!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** Who moved a live pointer from which version to which, when and why. */
@Entity({ name: 'release_audit' })
@Index('ix_release_audit_document', ['documentId', 'createdAt'])
export class ReleaseAuditEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId!: string;
  @Column({ name: 'from_version', type: 'integer', nullable: true }) fromVersion!: number | null;
  @Column({ name: 'to_version', type: 'integer', nullable: true }) toVersion!: number | null;
  @Column({ name: 'canary_version', type: 'integer', nullable: true }) canaryVersion!: number | null;
  @Column({ name: 'canary_percent', type: 'integer', default: 0 }) canaryPercent!: number;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'text', default: '' }) reason!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [DocumentEntity, DocumentVersionEntity, ReleaseAuditEntity];
