import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { CONFIG } from '../config/config.module';
import { type EntityList, openDatabase } from './data-source';
import { Sql } from './sql';

/** Closes the pool after every other module has shut down (they may still write while stopping). */
@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Provides the TypeORM `DataSource` (entities, migrations), migrated at start, and `Sql`, the one way
 * repositories run hand-written SQL and units of work (inject it with `@Inject(Sql)`). The entities come
 * from the composition root (`DatabaseModule.forRoot(ENTITIES)` in app.module.ts): each module registers
 * its own, so infra imports no module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [CONFIG],
          useFactory: (config: AppConfig) => openDatabase({ url: config.databaseUrl, entities, poolSize: config.dbPoolSize }),
        },
        { provide: Sql, inject: [DataSource], useFactory: (dataSource: DataSource) => Sql.of(dataSource) },
        DatabaseShutdown,
      ],
      exports: [DataSource, Sql],
    };
  }
}
