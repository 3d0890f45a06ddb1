import { type BeforeApplicationShutdown, Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type AppConfig, CONFIG } from '../config/config';
import { LOGGER, type Logger } from '../logging/logger';
import { createQueue } from './create-queue';
import { JobRegistry } from './job-registry';
import { QUEUE, type QueuePort } from './queue.port';

/**
 * The api starts processing only when asked to (RUN_WORKER_IN_PROCESS); worker.ts calls startProcessing itself.
 * Shutdown: running jobs finish before the HTTP server and the database close; enqueueing keeps working
 * while in-flight requests drain, then the connections close.
 */
@Injectable()
class QueueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(QUEUE) private readonly queue: QueuePort,
    @Inject(JobRegistry) private readonly registry: JobRegistry,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runWorkerInProcess) await this.registry.startProcessing();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.stopProcessing();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

@Global()
@Module({
  providers: [
    { provide: QUEUE, inject: [CONFIG, LOGGER], useFactory: (config: AppConfig, logger: Logger) => createQueue(config, logger) },
    JobRegistry,
    QueueLifecycle,
  ],
  exports: [QUEUE, JobRegistry],
})
export class QueueModule {}
