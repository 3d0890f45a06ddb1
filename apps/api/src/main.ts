import 'reflect-metadata';
import { ConfigError, loadConfig } from './infra/config/config';
import { createHttpApp } from './infra/http-server/create-app';
import { createLogger } from './infra/logging/logger';
import { seedDemoBot } from './modules/demo/first-start-seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'api');
  const app = await createHttpApp(config, logger);
  if (config.seedDemo) await seedDemoBot(app, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info({ url: config.publicUrl, port: config.port }, 'api listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'api stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('api failed to start:', error);
  }
  process.exit(1);
});
