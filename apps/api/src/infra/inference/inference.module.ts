import { Module } from '@nestjs/common';
import { NluDataModule } from '../../modules/nlu-data/nlu-data.module';
import { BaselineInference } from './baseline-inference';
import { INFERENCE } from './inference.port';

/** Provides INFERENCE. The ONNX adapter (nlu-models) replaces `useExisting` when a model is active. */
@Module({
  imports: [NluDataModule],
  providers: [BaselineInference, { provide: INFERENCE, useExisting: BaselineInference }],
  exports: [INFERENCE],
})
export class InferenceModule {}
