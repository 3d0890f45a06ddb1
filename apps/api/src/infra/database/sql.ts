import type pg from 'pg';
import type { DataSource } from 'typeorm';

/** What a repository needs to run hand-written SQL: the pool itself or a transaction's client. */
export interface SqlExecutor {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Thrown when the connection of a unit of work broke (server restart, pg_terminate_backend): safe to retry. */
export class ConnectionLostError extends Error {
  readonly code = 'connection_lost';
  constructor(readonly causeError: unknown) {
    super(`database connection lost: ${causeError instanceof Error ? causeError.message : String(causeError)}`);
  }
}

/**
 * The one way to run hand-written SQL (repositories only): `sql.query()` for single statements and
 * `sql.transaction()` — the unit of work — for several statements that commit together. It uses the pg
 * pool behind TypeORM's DataSource (TypeORM keeps entities, migrations and the drift check), so the hot
 * paths get named prepared statements and one round trip per statement without the ORM's overhead.
 */
export class Sql implements SqlExecutor {
  constructor(readonly pool: pg.Pool) {}

  static of(dataSource: DataSource): Sql {
    const master: unknown = (dataSource.driver as unknown as { master?: unknown }).master;
    if (!master || typeof (master as pg.Pool).connect !== 'function') throw new Error('the DataSource has no pg pool (is it a postgres DataSource, initialised?)');
    return new Sql(master as pg.Pool);
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text as string, values);
  }

  /**
   * Runs `work` in one transaction on one pooled client; commits when it resolves, rolls back when it
   * throws. A client whose connection died is discarded (never returned to the pool) and the failure is
   * a ConnectionLostError; an 'error' event on the idle-in-transaction client is caught here, so a
   * terminated backend never becomes an unhandled error that kills the process.
   */
  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let lost: unknown = null;
    const onError = (error: unknown) => {
      lost = error;
    };
    client.on('error', onError);
    let open = false;
    let broken = false;
    try {
      await client.query('BEGIN');
      open = true;
      const result = await work(client);
      await client.query('COMMIT');
      open = false;
      return result;
    } catch (error) {
      if (open) await client.query('ROLLBACK').catch((rollbackError: unknown) => (lost ??= rollbackError));
      if (lost !== null || isConnectionError(error)) {
        broken = true;
        throw new ConnectionLostError(lost ?? error);
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken || lost !== null);
    }
  }
}

/**
 * pg-pool `onConnect` hook (set for every pool in data-source.ts): a permanent 'error' listener on each
 * client. pg-pool and TypeORM leave a checked-out client without one for a moment (between the pool
 * handing it over and the query runner attaching its own), and an 'error' event without a listener kills
 * the process — what pg_terminate_backend under load did. The statement that was running fails with the
 * error anyway, and the pool discards the broken client.
 */
export function absorbClientErrors(client: pg.PoolClient): void {
  client.on('error', () => undefined);
}

/** Errors that mean the connection (not the statement) failed: admin shutdown, crash, network. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && /Connection terminated|connection timeout|ECONNRESET|ECONNREFUSED|Client has encountered a connection error/i.test(message);
}
