import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { nluDataSchema, type NluData, type NluDataView, type NluGateResult, type NluPublishResult, type NluStatus } from '@zhishou/flow-schema';
import { NotFoundError, zodIssues } from '../../infra/http-server/errors';
import { NluQualityGate } from '../inference/nlu-quality';
import { NLU_KEY, NLU_KIND, NluVersionResolver } from '../inference/nlu-versions';
import { BotDirectory } from '../versioning/bot-directory';
import { VersioningService, toDraftView } from '../versioning/versioning.service';
import type { DocumentRef, DraftRecord } from '../versioning/versioning.types';
import { diffNlu } from './nlu-diff';

export { NLU_KEY, NLU_KIND } from '../inference/nlu-versions';

export type { NluDataView };

const EMPTY: NluData = nluDataSchema.parse({});

/**
 * The bot's intents, examples and slot types: kind "nlu" in the one versioning. Saving changes the
 * draft only; buyers get a version once it is published (gated on the held-out split) and live, and a
 * conversation keeps the version it started with.
 */
@Injectable()
export class NluDataService implements OnModuleInit {
  private readonly savedListeners: ((bot: string) => void)[] = [];

  constructor(
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
    @Inject(NluQualityGate) private readonly quality: NluQualityGate,
    @Inject(NluVersionResolver) private readonly versions: NluVersionResolver,
  ) {}

  onModuleInit(): void {
    this.versioning.registerKind<NluData>(NLU_KIND, {
      parse: (doc) => {
        const r = nluDataSchema.safeParse(doc);
        return r.success ? { ok: true, value: r.data } : { ok: false, issues: zodIssues(r.error) };
      },
      validate: () => [],
      diff: diffNlu,
      pinned: true,
      // Candidate data with the live model against live data with the live model.
      gate: async (ref, candidate, live) => {
        const modelId = await this.versions.modelId(ref.bot, (await this.versions.liveVersions(ref.bot)).model);
        return this.quality.compare(ref.bot, live ? { data: live, modelId } : null, { data: candidate, modelId });
      },
    });
  }

  /** Called after a save in this process. */
  onSaved(listener: (bot: string) => void): void {
    this.savedListeners.push(listener);
  }

  ref(bot: string): DocumentRef {
    return { bot, kind: NLU_KIND, key: NLU_KEY };
  }

  async get(bot: string): Promise<NluDataView> {
    await this.bots.require(bot);
    const rec = await this.find(bot);
    if (!rec) return { document: EMPTY, revision: 0, updatedBy: null, updatedAt: null, liveVersion: null };
    return view(rec);
  }

  /** The draft record (what the designer edits and training reads), null before the first save. */
  async find(bot: string): Promise<DraftRecord | null> {
    try {
      return await this.versioning.getDraft(this.ref(bot));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** The live version's data (what new conversations get), empty data when nothing is published. */
  async live(bot: string): Promise<NluData> {
    // Only the NLU pointer: the model gate asks this while the shipped model is being released.
    return this.versions.nluData(bot, (await this.versioning.release(this.ref(bot)))?.live ?? null);
  }

  /** Saves the draft with optimistic concurrency; revision 0 creates the bot's NLU data. Nothing changes for buyers. */
  async save(bot: string, document: unknown, revision: number, actor: string): Promise<NluDataView> {
    await this.bots.require(bot);
    const rec =
      revision === 0 && !(await this.find(bot))
        ? await this.versioning.create(this.ref(bot), document, actor)
        : await this.versioning.saveDraft(this.ref(bot), document, revision, actor);
    for (const l of this.savedListeners) l(bot);
    return view(rec);
  }

  async status(bot: string): Promise<NluStatus> {
    await this.bots.require(bot);
    if (!(await this.find(bot))) return { revision: 0, liveVersion: null, identical: true, changes: null };
    const s = await this.versioning.draftStatus(this.ref(bot));
    return { revision: s.revision, liveVersion: s.liveVersion, identical: s.identical, changes: s.changes as NluStatus['changes'] };
  }

  /** The gate on the saved draft, without publishing. */
  async gate(bot: string): Promise<NluGateResult> {
    await this.bots.require(bot);
    return (await this.versioning.gate(this.ref(bot))) as NluGateResult;
  }

  /** Publishes the draft behind the gate and makes it live (audited); a rollback is `setLive` with an older version. */
  async publish(bot: string, input: { note: string; revision?: number }, actor: string): Promise<NluPublishResult> {
    await this.bots.require(bot);
    const ref = this.ref(bot);
    const { version, gate } = await this.versioning.publishGated(ref, input, actor);
    await this.versioning.setLive(ref, { version: version.number, reason: input.note || 'published from the NLU page' }, actor);
    return {
      version: { number: version.number, contentHash: version.contentHash, author: version.author, note: version.note, createdAt: version.createdAt.toISOString() },
      liveVersion: version.number,
      gate: gate as NluGateResult,
    };
  }
}

function view(rec: DraftRecord): NluDataView {
  const v = toDraftView(rec);
  return { document: rec.draft as NluData, revision: v.revision, updatedBy: v.updatedBy, updatedAt: v.updatedAt, liveVersion: v.liveVersion };
}
