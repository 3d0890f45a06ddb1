import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig } from './infra/config/config';
import { ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { GlobalExceptionFilter } from './infra/http-server/exception.filter';
import type { Logger } from './infra/logging/logger';
import { LoggingModule } from './infra/logging/logging.module';
import { MetricsModule } from './infra/metrics/metrics.module';
import { QueueModule } from './infra/queue/queue.module';
import { AuthModule } from './modules/auth/auth.module';
import { BotsModule } from './modules/bots/bots.module';
import { ConversationsModule } from './modules/conversations/conversations.module';
import { DemoModule } from './modules/demo/demo.module';
import { FlowsModule } from './modules/flows/flows.module';
import { HandoffsModule } from './modules/handoffs/handoffs.module';
import { ModelsModule } from './modules/models/models.module';
import { NluDataModule } from './modules/nlu-data/nlu-data.module';
import { PreviewModule } from './modules/preview/preview.module';
import { SandboxModule } from './modules/sandbox/sandbox.module';
import { TestCasesModule } from './modules/test-cases/test-cases.module';
import { HealthModule } from './modules/health/health.module';
import { EventsModule } from './modules/events/events.module';
import { ENTITIES } from './modules/entities';
import { TriggersModule } from './modules/triggers/triggers.module';
import { UsersModule } from './modules/users/users.module';

/**
 * Feature modules. Add yours here (one line, keep the list sorted by area); the api and the worker
 * both load every module, so job processors and controllers live side by side.
 */
const FEATURE_MODULES: Type[] = [UsersModule, BotsModule, HealthModule, FlowsModule, NluDataModule, ConversationsModule, SandboxModule, HandoffsModule, PreviewModule, TestCasesModule, DemoModule, TriggersModule, EventsModule, ModelsModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        MetricsModule,
        DatabaseModule.forRoot(ENTITIES),
        QueueModule,
        // Auth's ports (API keys, user credentials) are provided by the modules that own those identities.
        AuthModule.forRoot([UsersModule, BotsModule]),
        ...FEATURE_MODULES,
      ],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    };
  }
}
