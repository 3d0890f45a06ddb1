import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/infra/database/data-source';
import { Sql } from '../../src/infra/database/sql';
import { ENTITIES } from '../../src/modules/entities';

/** The server tests create their databases on (its own database name is only used to connect). */
export const BASE_DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  name: string;
  url: string;
  /** Migrated DataSource on the new database (pool of 4). */
  dataSource: DataSource;
  /** The same pool as `Sql`, for repositories under test. */
  sql: Sql;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database with a unique name; `drop()` removes it (even with open connections). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `zs_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = withDatabase(BASE_DATABASE_URL, name);
  const dataSource = await openDatabase({ url, entities: ENTITIES, poolSize: 4, migrate: options.migrate ?? true });
  return {
    name,
    url,
    dataSource,
    sql: Sql.of(dataSource),
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
