import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Login failures per account or per client address (the Postgres store of the login throttle). */
@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'login_throttle_pkey' })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ type: 'timestamptz', name: 'last_failure_at', default: () => 'now()' })
  lastFailureAt!: Date;

  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;
}

/** The tables this module owns (registered with the DataSource by modules/entities.ts). */
export const ENTITIES = [LoginThrottleEntity];
