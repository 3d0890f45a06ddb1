import { Module } from '@nestjs/common';
import { InferenceModule } from '../inference/inference.module';
import { NluDataModule } from '../nlu-data/nlu-data.module';
import { VersioningModule } from '../versioning/versioning.module';
import { ModelsController } from './models.controller';
import { ModelsRepository } from './models.repository';
import { ModelsService } from './models.service';

/** The NLU model registry; registers its artefact store with inference and the kind "model" with versioning. */
@Module({
  imports: [NluDataModule, VersioningModule, InferenceModule],
  controllers: [ModelsController],
  providers: [ModelsRepository, ModelsService],
  exports: [ModelsService],
})
export class ModelsModule {}
