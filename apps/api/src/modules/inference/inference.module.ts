import { Module } from '@nestjs/common';
import { VersioningModule } from '../versioning/versioning.module';
import { BaselineInference } from './baseline-inference';
import { INFERENCE } from './inference.port';
import { artefactOf, MODEL_SOURCE, ModelArtefacts, type ModelSource } from './model-source';
import { NluQualityGate } from './nlu-quality';
import { NluVersionResolver } from './nlu-versions';
import { OnnxInference } from './onnx-inference';

/** The model source of the cache: live pointers from versioning, artefacts from the registered store. */
function modelSource(versions: NluVersionResolver, artefacts: ModelArtefacts): ModelSource {
  return {
    activeVersion: async (bot) => versions.modelId(bot, (await versions.liveVersions(bot)).model),
    load: async (bot, id) => {
      const store = artefacts.get();
      if (!store) throw new Error(`no model registry to load ${id} from`);
      return store.load(bot, artefactOf(id));
    },
    onChange: (listener) => versions.onChange(listener),
  };
}

/**
 * Provides INFERENCE (baseline of the NLU data version merged with the model version; see
 * onnx-inference.ts), the NLU quality gate, and `ModelArtefacts`, where the model registry registers
 * its store. It imports versioning only: the registry (modules/models) depends on it, not the reverse.
 */
@Module({
  imports: [VersioningModule],
  providers: [
    ModelArtefacts,
    NluVersionResolver,
    BaselineInference,
    { provide: MODEL_SOURCE, inject: [NluVersionResolver, ModelArtefacts], useFactory: modelSource },
    OnnxInference,
    NluQualityGate,
    { provide: INFERENCE, useExisting: OnnxInference },
  ],
  exports: [INFERENCE, OnnxInference, NluVersionResolver, NluQualityGate, ModelArtefacts],
})
export class InferenceModule {}
