import { Inject, Injectable } from '@nestjs/common';
import type { NluData, NluResult } from '@zhishou/flow-schema';
import { createBaselineNlu } from '@zhishou/nlu';
import { NluVersionResolver } from './nlu-versions';

export type Analyzer = ReturnType<typeof createBaselineNlu>;

/** Compiled matchers kept per process; versions are immutable, so only the count needs a bound. */
const MAX_ANALYZERS = 64;

/**
 * The model-free NLU: normalised example / keyword matching and rule-based entities from one published
 * version of the bot's NLU data. One compiled matcher per bot and version (drafts serve only the
 * designer's test chat: one matcher per bot, for its latest revision).
 */
@Injectable()
export class BaselineInference {
  private readonly cache = new Map<string, Promise<Analyzer>>();
  /** The latest compiled NLU draft per bot (test chat only), recompiled when its revision moves. */
  private readonly drafts = new Map<string, { revision: number; analyzer: Analyzer }>();

  constructor(@Inject(NluVersionResolver) private readonly versions: NluVersionResolver) {}

  async analyze(botKey: string, text: string, nluVersion?: number | null): Promise<NluResult> {
    const version = nluVersion === undefined ? (await this.versions.liveVersions(botKey)).nlu : nluVersion;
    return (await this.analyzer(botKey, version)).analyze(text);
  }

  /** The matcher of the bot's NLU draft at `revision`. */
  draftAnalyzer(bot: string, revision: number, data: NluData): Analyzer {
    const hit = this.drafts.get(bot);
    if (hit?.revision === revision) return hit.analyzer;
    const analyzer = createBaselineNlu(data);
    if (!hit && this.drafts.size >= MAX_ANALYZERS) this.drafts.delete(this.drafts.keys().next().value!);
    this.drafts.set(bot, { revision, analyzer });
    return analyzer;
  }

  /** One compile per version even under concurrent first turns (compiling the demo data takes ~200 ms). */
  analyzer(bot: string, version: number | null): Promise<Analyzer> {
    const key = `${bot}\u0000${version ?? 'none'}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.versions.nluData(bot, version).then((data) => createBaselineNlu(data));
      p.catch(() => this.cache.delete(key));
      if (this.cache.size >= MAX_ANALYZERS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, p);
    }
    return p;
  }
}
