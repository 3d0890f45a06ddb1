import type { ModelSource } from './model-source';
import { OnnxNluModels } from './onnx-nlu-models';

/** How long an active-version lookup is trusted (another instance may have activated a version). */
const REVALIDATE_MS = 2_000;
/** A version that failed to load is not retried before this. */
const RETRY_FAILED_MS = 60_000;

/**
 * Loaded model versions, one OnnxNluModels (three sessions) per version, shared by all bots and
 * requests. If the active version cannot load, the bot keeps the version it was serving before.
 */
export class ModelCache {
  private readonly loaded = new Map<string, Promise<OnnxNluModels>>();
  private readonly serving = new Map<string, { models: OnnxNluModels | null; checkedAt: number; wanted: string | null }>();
  private readonly failed = new Map<string, number>();

  constructor(
    private readonly source: ModelSource,
    private readonly onLoadError: (bot: string, version: string, error: Error) => void = () => undefined,
  ) {}

  async forBot(bot: string, now = Date.now()): Promise<OnnxNluModels | null> {
    const hit = this.serving.get(bot);
    if (hit && now - hit.checkedAt < REVALIDATE_MS) return hit.models;
    const wanted = await this.source.activeVersion(bot);
    const current = hit?.models ?? null;
    let models: OnnxNluModels | null = current;
    if (wanted === null) models = null;
    else if (current?.version !== wanted && now - (this.failed.get(wanted) ?? -Infinity) >= RETRY_FAILED_MS) {
      try {
        models = await this.version(bot, wanted);
        this.failed.delete(wanted);
      } catch (e) {
        this.failed.set(wanted, now);
        this.onLoadError(bot, wanted, e as Error);
      }
    }
    this.serving.set(bot, { models, checkedAt: now, wanted });
    return models;
  }

  /** Loads a version (once, even under concurrent requests). */
  version(bot: string, version: string): Promise<OnnxNluModels> {
    let p = this.loaded.get(version);
    if (!p) {
      p = this.source.load(bot, version).then((bundle) => OnnxNluModels.load(version, bundle));
      this.loaded.set(version, p);
      p.catch(() => this.loaded.delete(version));
    }
    return p;
  }

  invalidate(bot?: string): void {
    if (bot) this.serving.delete(bot);
    else this.serving.clear();
    this.failed.clear();
  }

  async close(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    await Promise.all(all.map((p) => p.then((m) => m.release()).catch(() => undefined)));
  }
}
