import { DataSource, type DataSourceOptions as OrmOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { absorbClientErrors, type Sql } from './sql';

/** Entity classes (or schemas) a DataSource maps; each module registers its own (see modules/entities.ts). */
export type EntityList = NonNullable<OrmOptions['entities']>;

export interface DataSourceOptions {
  url: string;
  /** The entities of every module, passed in by the composition root (infra imports no module). */
  entities: EntityList;
  poolSize?: number;
  /** Run pending migrations on open (default true). */
  migrate?: boolean;
}

/** Any constant works; it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK_KEY = 7_416_000_001;

export function createDataSource({ url, entities, poolSize = 16 }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false, // run by migrate() below, under a lock, so api and worker can start together
    extra: { max: Math.max(2, poolSize), onConnect: absorbClientErrors }, // migrate() holds one connection for the lock while TypeORM migrates on another
    logging: false,
  });
}

/** Runs pending migrations while holding a Postgres advisory lock, so concurrent starts migrate once. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (options.migrate === false) return dataSource;
  try {
    await migrate(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** Runs `fn` while holding a session advisory lock, so one process at a time does it (e.g. first-start seeding). */
export async function withAdvisoryLock<T>(sql: Sql, key: number, fn: () => Promise<T>): Promise<T> {
  // A session lock belongs to one connection: hold one pooled client for the whole of `fn`.
  const client = await sql.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}

/** Resolves when the database answers (for /health). */
export async function pingDatabase(sql: Sql): Promise<void> {
  await sql.query('SELECT 1');
}
