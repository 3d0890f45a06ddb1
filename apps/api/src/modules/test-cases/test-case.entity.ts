import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A flow's test case (a scripted conversation, `TestCase` of @zhishou/flow-schema), replayed before publishing. */
@Entity({ name: 'flow_test_cases' })
@Index('uq_flow_test_cases_name', ['botKey', 'flowKey', 'name'], { unique: true })
export class FlowTestCaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'bot_key', type: 'text' }) botKey!: string;
  @Column({ name: 'flow_key', type: 'text' }) flowKey!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) document!: unknown;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [FlowTestCaseEntity];
