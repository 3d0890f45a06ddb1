import { Module } from '@nestjs/common';
import { ModelsModule } from '../../modules/models/models.module';
import { NluDataModule } from '../../modules/nlu-data/nlu-data.module';
import { BaselineInference } from './baseline-inference';
import { INFERENCE } from './inference.port';
import { OnnxInference } from './onnx/onnx-inference';

/**
 * Provides INFERENCE: the ONNX adapter (nlu-models), which answers with the bot's active model version
 * (MODEL_SOURCE = the model registry) merged with the baseline, and is the plain baseline for bots
 * without an active model.
 */
@Module({
  imports: [NluDataModule, ModelsModule],
  providers: [BaselineInference, OnnxInference, { provide: INFERENCE, useExisting: OnnxInference }],
  exports: [INFERENCE, OnnxInference],
})
export class InferenceModule {}
