import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { NluResult } from '@zhishou/flow-schema';
import { hintsFromSlots, mergeWithBaseline } from '@zhishou/nlu';
import { NluDataService } from '../../../modules/nlu-data/nlu-data.service';
import { BaselineInference } from '../baseline-inference';
import type { InferencePort } from '../inference.port';
import { MODEL_SOURCE, type ModelSource } from './model-source';
import { ModelCache } from './model-cache';

const DEFAULT_THRESHOLD = 0.45;

/**
 * The InferencePort with models: the bot's active ONNX version (intent + slots + emotion) merged with the
 * baseline (exact examples override, rule entities stay). Bots without an active model get the baseline.
 */
@Injectable()
export class OnnxInference implements InferencePort, OnModuleDestroy {
  private readonly log = new Logger('OnnxInference');
  private readonly models: ModelCache;
  private readonly thresholds = new Map<string, number>();

  constructor(
    @Inject(BaselineInference) private readonly baseline: BaselineInference,
    @Inject(MODEL_SOURCE) source: ModelSource,
    @Inject(NluDataService) private readonly nluData: NluDataService,
  ) {
    this.models = new ModelCache(source, (bot, version, error) => this.log.error(`model ${version} for bot ${bot} failed to load, keeping the previous one: ${error.message}`));
    nluData.onSaved((bot) => this.thresholds.delete(bot));
    source.onChange?.((bot) => this.models.invalidate(bot));
  }

  async analyze(botKey: string, text: string): Promise<NluResult> {
    const [base, models] = await Promise.all([this.baseline.analyze(botKey, text), this.models.forBot(botKey)]);
    if (!models) return base;
    const outputs = await models.analyze(text, hintsFromSlots(text, base.slots));
    return mergeWithBaseline(base, outputs, { model: models.version, outOfScopeThreshold: await this.threshold(botKey) });
  }

  private async threshold(bot: string): Promise<number> {
    const hit = this.thresholds.get(bot);
    if (hit !== undefined) return hit;
    const rec = await this.nluData.find(bot);
    const value = (rec?.draft as { outOfScopeThreshold?: number } | undefined)?.outOfScopeThreshold ?? DEFAULT_THRESHOLD;
    this.thresholds.set(bot, value);
    return value;
  }

  /** Drops cached version lookups so an activation or rollback takes effect on the next turn. */
  invalidate(bot?: string): void {
    this.models.invalidate(bot);
  }

  async onModuleDestroy(): Promise<void> {
    await this.models.close();
  }
}
