import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool behind TypeORM's DataSource. The chat hot path talks to it directly: named (prepared)
 * statements and one round trip per step, without the ORM's per-query overhead.
 */
export function pgPoolOf(dataSource: DataSource): pg.Pool {
  const master: unknown = (dataSource.driver as unknown as { master?: unknown }).master;
  if (!master || typeof (master as pg.Pool).connect !== 'function') throw new Error('the DataSource has no pg pool (is it a postgres DataSource, initialised?)');
  return master as pg.Pool;
}

/** Runs `fn` in a transaction on one pooled client; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
