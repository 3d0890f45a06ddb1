import { Inject, Injectable } from '@nestjs/common';
import { nluDataSchema, type NluData } from '@zhishou/flow-schema';
import { VersioningService } from '../versioning/versioning.service';
import type { NluVersions } from './inference.port';
import { MODEL_KEY, MODEL_KIND, ModelArtefacts, modelIdOf } from './model-source';

/** NLU data in the one versioning: kind "nlu", one document per bot (key "main"). */
export const NLU_KIND = 'nlu';
export const NLU_KEY = 'main';

/** How long a live-pointer lookup is trusted (another instance may have released a version). */
const REVALIDATE_MS = 2_000;
const EMPTY: NluData = nluDataSchema.parse({});

const id = (bot: string, version: number): string => `${bot}\u0000${version}`;

/**
 * Which NLU data and model versions serve a bot, and what they contain. Published versions are
 * immutable, so their content is read once per process; the live pointers are re-read every 2 s and at
 * once after a release in this process.
 */
@Injectable()
export class NluVersionResolver {
  private readonly live = new Map<string, { versions: NluVersions; at: number }>();
  private readonly data = new Map<string, NluData>();
  private readonly artefacts = new Map<string, number>();
  private readonly listeners: ((bot: string) => void)[] = [];

  constructor(
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(ModelArtefacts) private readonly store: ModelArtefacts,
  ) {
    versioning.onRelease((ref) => {
      if (ref.kind !== NLU_KIND && ref.kind !== MODEL_KIND) return;
      this.live.delete(ref.bot);
      for (const l of this.listeners) l(ref.bot);
    });
  }

  /** Told after a release of NLU data or a model in this process. */
  onChange(listener: (bot: string) => void): void {
    this.listeners.push(listener);
  }

  /** The live versions (no canary: callers without a conversation, such as publish gates, get live). */
  async liveVersions(bot: string, now = Date.now()): Promise<NluVersions> {
    const hit = this.live.get(bot);
    if (hit && now - hit.at < REVALIDATE_MS) return hit.versions;
    const nlu = await this.versioning.release({ bot, kind: NLU_KIND, key: NLU_KEY });
    let model = await this.versioning.release({ bot, kind: MODEL_KIND, key: MODEL_KEY });
    if (!model) {
      // A bot with shipped models (the demo) gets them released on first use.
      await this.store.get()?.ensureReleased(bot);
      model = await this.versioning.release({ bot, kind: MODEL_KIND, key: MODEL_KEY });
    }
    const versions = { nlu: nlu?.live ?? null, model: model?.live ?? null };
    this.live.set(bot, { versions, at: now });
    return versions;
  }

  /** The NLU data of a published version (empty data for null: nothing published yet). */
  async nluData(bot: string, version: number | null): Promise<NluData> {
    if (version === null) return EMPTY;
    const hit = this.data.get(id(bot, version));
    if (hit) return hit;
    const v = await this.versioning.getVersion({ bot, kind: NLU_KIND, key: NLU_KEY }, version);
    const data = nluDataSchema.parse(v.content);
    this.data.set(id(bot, version), data);
    return data;
  }

  /** The bot's saved NLU draft (only the designer's test chat runs on it), null when it has none. */
  async draft(bot: string): Promise<{ revision: number; data: NluData } | null> {
    const doc = (await this.versioning.list(bot, NLU_KIND)).find((d) => d.key === NLU_KEY);
    return doc ? { revision: doc.revision, data: nluDataSchema.parse(doc.document) } : null;
  }

  /** The model cache id of a published model version, null for none. */
  async modelId(bot: string, version: number | null): Promise<string | null> {
    if (version === null) return null;
    let artefact = this.artefacts.get(id(bot, version));
    if (artefact === undefined) {
      const v = await this.versioning.getVersion({ bot, kind: MODEL_KIND, key: MODEL_KEY }, version);
      const content = v.content as { artefact?: unknown };
      if (typeof content.artefact !== 'number') throw new Error(`model version ${version} of bot ${bot} names no artefact`);
      artefact = content.artefact;
      this.artefacts.set(id(bot, version), artefact);
    }
    return modelIdOf(bot, artefact);
  }
}
