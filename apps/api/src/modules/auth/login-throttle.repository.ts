import { Inject, Injectable } from '@nestjs/common';
import { Sql } from '../../infra/database/sql';
import type { ThrottleRecord } from './login-throttle';

interface Row {
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

/** All SQL of the login throttle: the `login_throttle` table (its store when there is no Redis). */
@Injectable()
export class LoginThrottleRepository {
  constructor(@Inject(Sql) private readonly sql: Sql) {}

  /** The latest lock end (epoch ms) over these keys; 0 when none is locked. */
  async lockedUntil(keys: string[]): Promise<number> {
    const { rows } = await this.sql.query<{ locked_until: Date | null }>(`SELECT locked_until FROM login_throttle WHERE key = ANY($1)`, [keys]);
    return rows.reduce((until, row) => Math.max(until, row.locked_until ? new Date(row.locked_until).getTime() : 0), 0);
  }

  /** Read-modify-write of one key under its row lock (the row is created on first use). */
  async update(key: string, change: (record: ThrottleRecord) => ThrottleRecord): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 0, to_timestamp(0)) ON CONFLICT (key) DO NOTHING`, [key]);
      const { rows } = await tx.query<Row>(`SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE key = $1 FOR UPDATE`, [key]);
      const row = rows[0];
      const next = change({
        failures: row?.failures ?? 0,
        lastFailureAt: row ? new Date(row.last_failure_at).getTime() : 0,
        lockedUntil: row?.locked_until ? new Date(row.locked_until).getTime() : 0,
      });
      await tx.query(`UPDATE login_throttle SET failures = $2, last_failure_at = $3, locked_until = $4 WHERE key = $1`, [
        key,
        next.failures,
        new Date(next.lastFailureAt),
        next.lockedUntil ? new Date(next.lockedUntil) : null,
      ]);
    });
  }

  async delete(key: string): Promise<void> {
    await this.sql.query(`DELETE FROM login_throttle WHERE key = $1`, [key]);
  }
}
