import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { NluData, NluResult } from '@zhishou/flow-schema';
import { createBaselineNlu, hintsFromSlots, mergeWithBaseline } from '@zhishou/nlu';
import type { OnnxNluModels } from '../../infra/inference/onnx-nlu-models';
import { BaselineInference } from './baseline-inference';
import type { AnalyzeOptions, InferencePort } from './inference.port';
import { MODEL_SOURCE, type ModelSource } from './model-source';
import { ModelCache } from './model-cache';
import { NluVersionResolver } from './nlu-versions';

/**
 * The InferencePort: the NLU data version's baseline (exact examples override, rule entities stay)
 * merged with the model version's ONNX outputs (intent + slots + emotion). A chat turn passes the
 * versions pinned into its conversation; other callers get the live ones. No model: the baseline alone.
 */
@Injectable()
export class OnnxInference implements InferencePort, OnModuleDestroy {
  private readonly log = new Logger('OnnxInference');
  private readonly models: ModelCache;

  constructor(
    @Inject(BaselineInference) private readonly baseline: BaselineInference,
    @Inject(MODEL_SOURCE) source: ModelSource,
    @Inject(NluVersionResolver) private readonly versions: NluVersionResolver,
  ) {
    this.models = new ModelCache(source, (bot, version, error) => this.log.error(`model ${version} for bot ${bot} failed to load, keeping the previous one: ${error.message}`));
    source.onChange?.((bot) => this.models.invalidate(bot));
  }

  async analyze(botKey: string, text: string, opts?: AnalyzeOptions): Promise<NluResult> {
    const pinned = opts?.versions;
    if (opts?.draft && !pinned) {
      // One read of the draft per call (the test chat's pace); compiled once per revision.
      const draft = await this.versions.draft(botKey);
      if (draft) {
        const models = await this.models.forBot(botKey);
        return this.merge(this.baseline.draftAnalyzer(botKey, draft.revision, draft.data).analyze(text), text, draft.data, models);
      }
    }
    const nluVersion = pinned ? pinned.nlu : (await this.versions.liveVersions(botKey)).nlu;
    const [data, analyzer, models] = await Promise.all([
      this.versions.nluData(botKey, nluVersion),
      this.baseline.analyzer(botKey, nluVersion),
      // Live: the cache keeps serving the previous version if a newly released one cannot load.
      pinned ? this.pinnedModels(botKey, pinned.model) : this.models.forBot(botKey),
    ]);
    return this.merge(analyzer.analyze(text), text, data, models);
  }

  private async pinnedModels(bot: string, version: number | null): Promise<OnnxNluModels | null> {
    const modelId = await this.versions.modelId(bot, version);
    return modelId ? this.models.pinned(bot, modelId) : null;
  }

  private async merge(base: NluResult, text: string, data: NluData, models: OnnxNluModels | null): Promise<NluResult> {
    if (!models) return base;
    const outputs = await models.analyze(text, hintsFromSlots(text, base.slots));
    return mergeWithBaseline(base, outputs, { model: models.version, outOfScopeThreshold: data.outOfScopeThreshold });
  }

  /**
   * NLU over explicit documents, for publish gates: `data` (a draft or a version) with the model `modelId`
   * (null: baseline only). The matcher is compiled once per evaluator, not cached.
   */
  async evaluator(bot: string, data: NluData, modelId: string | null): Promise<(text: string) => Promise<NluResult>> {
    const analyzer = createBaselineNlu(data);
    const models = modelId ? await this.models.version(bot, modelId) : null;
    return (text) => this.merge(analyzer.analyze(text), text, data, models);
  }

  /** Drops cached version lookups so a release or rollback takes effect on the next turn. */
  invalidate(bot?: string): void {
    this.models.invalidate(bot);
  }

  async onModuleDestroy(): Promise<void> {
    await this.models.close();
  }
}
