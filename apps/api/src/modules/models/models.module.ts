import { Module } from '@nestjs/common';
import { MODEL_SOURCE } from '../../infra/inference/onnx/model-source';
import { NluDataModule } from '../nlu-data/nlu-data.module';
import { VersioningModule } from '../versioning/versioning.module';
import { ModelsController } from './models.controller';
import { ModelsRepository } from './models.repository';
import { ModelsService } from './models.service';
import { RegistryModelSource } from './registry-model-source';

/** The NLU model registry; provides MODEL_SOURCE (the active version per bot) to the inference adapter. */
@Module({
  imports: [NluDataModule, VersioningModule],
  controllers: [ModelsController],
  providers: [
    ModelsRepository,
    ModelsService,
    {
      provide: MODEL_SOURCE,
      inject: [ModelsRepository, ModelsService],
      useFactory: (repo: ModelsRepository, service: ModelsService) => {
        const source = new RegistryModelSource(repo, (bot) => service.ensureShipped(bot));
        service.onActivated((bot) => source.notify(bot));
        return source;
      },
    },
  ],
  exports: [MODEL_SOURCE, ModelsService],
})
export class ModelsModule {}
