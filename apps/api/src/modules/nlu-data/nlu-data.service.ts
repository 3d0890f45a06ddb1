import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { nluDataSchema, type NluData, type NluDataView } from '@zhishou/flow-schema';
import { NotFoundError, zodIssues } from '../../infra/http-server/errors';
import { BotDirectory } from '../versioning/bot-directory';
import { VersioningService, toDraftView } from '../versioning/versioning.service';
import type { DraftRecord } from '../versioning/versioning.types';

export const NLU_KIND = 'nlu';
export const NLU_KEY = 'main';

export type { NluDataView };

const EMPTY: NluData = nluDataSchema.parse({});

/** The bot's intents, examples and slot types: one revisioned draft per bot (kind "nlu" in versioning). */
@Injectable()
export class NluDataService implements OnModuleInit {
  private readonly savedListeners: ((bot: string) => void)[] = [];

  constructor(
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
  ) {}

  onModuleInit(): void {
    this.versioning.registerKind<NluData>(NLU_KIND, {
      parse: (doc) => {
        const r = nluDataSchema.safeParse(doc);
        return r.success ? { ok: true, value: r.data } : { ok: false, issues: zodIssues(r.error) };
      },
      validate: () => [],
    });
  }

  /** Called after a save in this process (caches of compiled NLU listen). */
  onSaved(listener: (bot: string) => void): void {
    this.savedListeners.push(listener);
  }

  /** Current revision (0 = none): a cheap check whether a cached matcher is stale. */
  async revision(bot: string): Promise<number> {
    return (await this.find(bot))?.revision ?? 0;
  }

  private ref(bot: string) {
    return { bot, kind: NLU_KIND, key: NLU_KEY };
  }

  async get(bot: string): Promise<NluDataView> {
    await this.bots.require(bot);
    const rec = await this.find(bot);
    if (!rec) return { document: EMPTY, revision: 0, updatedBy: null, updatedAt: null };
    const view = toDraftView(rec);
    return { document: rec.draft as NluData, revision: view.revision, updatedBy: view.updatedBy, updatedAt: view.updatedAt };
  }

  async find(bot: string): Promise<DraftRecord | null> {
    try {
      return await this.versioning.getDraft(this.ref(bot));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Saves with optimistic concurrency; revision 0 creates the bot's NLU data. */
  async save(bot: string, document: unknown, revision: number, actor: string): Promise<NluDataView> {
    await this.bots.require(bot);
    const rec =
      revision === 0 && !(await this.find(bot))
        ? await this.versioning.create(this.ref(bot), document, actor)
        : await this.versioning.saveDraft(this.ref(bot), document, revision, actor);
    for (const l of this.savedListeners) l(bot);
    return { document: rec.draft as NluData, revision: rec.revision, updatedBy: rec.updatedBy, updatedAt: rec.updatedAt.toISOString() };
  }
}
