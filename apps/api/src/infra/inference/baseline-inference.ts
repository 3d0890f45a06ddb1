import { Inject, Injectable } from '@nestjs/common';
import { nluDataSchema, type NluData, type NluResult } from '@zhishou/flow-schema';
import { createBaselineNlu } from '@zhishou/nlu';
import { NluDataService } from '../../modules/nlu-data/nlu-data.service';
import type { InferencePort } from './inference.port';

type Analyzer = ReturnType<typeof createBaselineNlu>;

/** How long a cached analyzer is trusted before its bot's NLU revision is checked again (other instances may have saved). */
const REVALIDATE_MS = 2_000;

/**
 * The model-free NLU: normalised example / keyword matching and rule-based entities from the bot's NLU
 * data. One compiled matcher per bot and NLU data revision; saves in this process take effect at once.
 */
@Injectable()
export class BaselineInference implements InferencePort {
  private readonly cache = new Map<string, { revision: number; analyzer: Analyzer; checkedAt: number }>();
  /** One load per bot at a time: compiling takes ~200 ms, and concurrent first turns must not each compile it. */
  private readonly loading = new Map<string, Promise<Analyzer>>();

  constructor(@Inject(NluDataService) private readonly nluData: NluDataService) {
    nluData.onSaved((bot) => this.cache.delete(bot));
  }

  async analyze(botKey: string, text: string): Promise<NluResult> {
    return (await this.analyzer(botKey)).analyze(text);
  }

  private async analyzer(bot: string): Promise<Analyzer> {
    const hit = this.cache.get(bot);
    if (hit && Date.now() - hit.checkedAt < REVALIDATE_MS) return hit.analyzer;
    const inFlight = this.loading.get(bot);
    if (inFlight) return inFlight;
    const load = this.refresh(bot).finally(() => this.loading.delete(bot));
    this.loading.set(bot, load);
    return load;
  }

  private async refresh(bot: string): Promise<Analyzer> {
    const hit = this.cache.get(bot);
    const now = Date.now();
    if (hit && (await this.nluData.revision(bot)) === hit.revision) {
      hit.checkedAt = now;
      return hit.analyzer;
    }
    const rec = await this.nluData.find(bot);
    const data: NluData = rec ? (rec.draft as NluData) : nluDataSchema.parse({});
    const entry = { revision: rec?.revision ?? 0, analyzer: createBaselineNlu(data), checkedAt: now };
    this.cache.set(bot, entry);
    return entry.analyzer;
  }
}
