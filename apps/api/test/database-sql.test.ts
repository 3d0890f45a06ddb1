import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionLostError, isConnectionError, Sql } from '../src/infra/database/sql';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('Sql (the unit-of-work helper)', () => {
  let db: TestDatabase;
  let sql: Sql;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    sql = Sql.of(db.dataSource);
    await sql.query(`CREATE TABLE sql_probe (id int PRIMARY KEY, note text NOT NULL)`);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('commits the work of a transaction together, and rolls all of it back when it throws', async () => {
    await sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO sql_probe VALUES (1, 'a')`);
      await tx.query(`INSERT INTO sql_probe VALUES (2, 'b')`);
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO sql_probe VALUES (3, 'c')`);
        await tx.query(`INSERT INTO sql_probe VALUES (1, 'duplicate')`);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    const { rows } = await sql.query<{ id: number }>(`SELECT id FROM sql_probe ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it('turns a terminated backend mid-transaction into a ConnectionLostError, discards the client, keeps working', async () => {
    const killer = new pg.Client({ connectionString: db.url });
    await killer.connect();
    try {
      const error = await sql
        .transaction(async (tx) => {
          const { rows } = await tx.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
          await killer.query(`SELECT pg_terminate_backend($1)`, [rows[0]!.pid]);
          await new Promise((r) => setTimeout(r, 50)); // the 'error' event arrives while idle in transaction
          await tx.query(`INSERT INTO sql_probe VALUES (9, 'never')`);
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionLostError);
      expect(isConnectionError((error as ConnectionLostError).causeError)).toBe(true);
      // Idle pooled clients killed behind the pool's back are dropped by the pool (never an unhandled error); the next statement connects afresh.
      await killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      await new Promise((r) => setTimeout(r, 50));
      const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM sql_probe WHERE id = 9`);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await killer.end();
    }
  });

  it('tells connection failures from statement failures', () => {
    expect(isConnectionError({ code: '57P01' })).toBe(true);
    expect(isConnectionError({ code: '08006' })).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError({ code: '23505' })).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});
