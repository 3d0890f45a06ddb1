import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NluDataModule } from '../../modules/nlu-data/nlu-data.module';
import { REPO_ROOT } from '../config/config';
import { BaselineInference } from './baseline-inference';
import { INFERENCE } from './inference.port';
import { MODEL_SOURCE, ShippedModelSource } from './onnx/model-source';
import { OnnxInference } from './onnx/onnx-inference';

/**
 * Provides INFERENCE: the ONNX adapter (nlu-models), which answers with the bot's active model version
 * merged with the baseline, and is the plain baseline for bots without an active model.
 */
@Module({
  imports: [NluDataModule],
  providers: [
    BaselineInference,
    { provide: MODEL_SOURCE, useFactory: () => new ShippedModelSource(join(REPO_ROOT, 'models')) },
    OnnxInference,
    { provide: INFERENCE, useExisting: OnnxInference },
  ],
  exports: [INFERENCE, OnnxInference, MODEL_SOURCE],
})
export class InferenceModule {}
