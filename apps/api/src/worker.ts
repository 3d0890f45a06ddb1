import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './infra/config/config';
import { createLogger, NestPinoLogger } from './infra/logging/logger';
import { JobRegistry } from './infra/queue/job-registry';

/** The worker: the same modules as the api, no HTTP server; runs every registered job processor. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'worker');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, logger), { logger: new NestPinoLogger(logger), abortOnError: false });
  await app.init();
  const registry = app.get(JobRegistry);
  await registry.startProcessing();
  logger.info({ jobs: registry.registeredJobs(), driver: config.queue.driver }, 'worker started');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping (letting running jobs finish)');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
