import { Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BotsModule } from '../bots/bots.module';
import { MODEL_SOURCE, type ModelSource } from '../../infra/inference/onnx/model-source';
import { BotDirectory } from './bot-directory';
import { VersioningRepository } from './versioning.repository';
import { VersioningService } from './versioning.service';
import { ACTIVE_MODEL_VERSION, DOCUMENT_STORE, type ActiveModelVersionProvider } from './versioning.types';

/** The bot's active NLU model version, read lazily from the model registry (the inference module), null without one. */
function activeModelVersion(moduleRef: ModuleRef): ActiveModelVersionProvider {
  return {
    async activeVersion(bot) {
      let source: ModelSource;
      try {
        source = moduleRef.get<ModelSource>(MODEL_SOURCE, { strict: false });
      } catch {
        return null;
      }
      return source.activeVersion(bot);
    },
  };
}

/**
 * The one versioning mechanism. Feature modules import it and call `registerKind` for their document
 * kind (flows: FlowsModule; rule sets: the triggers module).
 */
@Module({
  imports: [BotsModule],
  providers: [
    VersioningRepository,
    { provide: DOCUMENT_STORE, useExisting: VersioningRepository },
    { provide: ACTIVE_MODEL_VERSION, inject: [ModuleRef], useFactory: activeModelVersion },
    VersioningService,
    BotDirectory,
  ],
  exports: [VersioningService, BotDirectory],
})
export class VersioningModule {}
