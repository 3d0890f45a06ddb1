import type { ModelSource } from './model-source';
import { OnnxNluModels } from '../../infra/inference/onnx-nlu-models';

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
  /** In-flight active-version checks per bot. */
  private readonly checking = new Map<string, Promise<OnnxNluModels | null>>();
  /** Bumped by invalidate(): checks started before it do not cache their answer. */
  private generation = 0;

  constructor(
    private readonly source: ModelSource,
    private readonly onLoadError: (bot: string, version: string, error: Error) => void = () => undefined,
  ) {}

  async forBot(bot: string, now = Date.now()): Promise<OnnxNluModels | null> {
    const hit = this.serving.get(bot);
    if (hit && now - hit.checkedAt < REVALIDATE_MS) return hit.models;
    // Single flight: when the check expires under load, concurrent requests share one registry lookup.
    const pending = this.checking.get(bot);
    if (pending) return pending;
    const check = this.revalidate(bot, hit?.models ?? null, now, this.generation);
    this.checking.set(bot, check);
    const clear = () => {
      if (this.checking.get(bot) === check) this.checking.delete(bot);
    };
    check.then(clear, clear);
    return check;
  }

  private async revalidate(bot: string, current: OnnxNluModels | null, now: number, generation: number): Promise<OnnxNluModels | null> {
    const wanted = await this.source.activeVersion(bot);
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
    // A lookup that raced an invalidation may have read the old pointer: it must not be trusted for 2 s.
    if (generation === this.generation) this.serving.set(bot, { models, checkedAt: now, wanted });
    return models;
  }

  /**
   * A pinned version (a conversation started on it): null, so the turn runs on the baseline, while it
   * cannot load (retried after a minute, not on every turn).
   */
  async pinned(bot: string, version: string, now = Date.now()): Promise<OnnxNluModels | null> {
    if (now - (this.failed.get(version) ?? -Infinity) < RETRY_FAILED_MS) return null;
    try {
      return await this.version(bot, version);
    } catch (e) {
      this.failed.set(version, now);
      this.onLoadError(bot, version, e as Error);
      return null;
    }
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
    this.generation++;
    if (bot) {
      this.serving.delete(bot);
      this.checking.delete(bot);
    } else {
      this.serving.clear();
      this.checking.clear();
    }
    this.failed.clear();
  }

  async close(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    await Promise.all(all.map((p) => p.then((m) => m.release()).catch(() => undefined)));
  }
}
