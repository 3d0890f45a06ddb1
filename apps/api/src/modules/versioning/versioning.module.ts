import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { BotDirectory } from './bot-directory';
import { VersioningRepository } from './versioning.repository';
import { VersioningService } from './versioning.service';
import { ACTIVE_MODEL_VERSION, DOCUMENT_STORE, type ActiveModelVersionProvider, type DocumentStore } from './versioning.types';

/** Trained models are the kind "model", key "nlu" (registered by the models module); its content names the artefact. */
const MODEL_REF = { kind: 'model', key: 'nlu' } as const;

/** The bot's live model (`<bot>@v<artefact>`), recorded on every publish; null while the bot has none. */
function activeModelVersion(store: DocumentStore): ActiveModelVersionProvider {
  return {
    async activeVersion(bot) {
      const ref = { bot, ...MODEL_REF };
      const doc = await store.findDraft(ref);
      if (doc?.liveVersion == null) return null;
      const content = (await store.getVersion(ref, doc.liveVersion))?.content as { artefact?: unknown } | undefined;
      return typeof content?.artefact === 'number' ? `${bot}@v${content.artefact}` : null;
    },
  };
}

/**
 * The one versioning mechanism. Feature modules import it and call `registerKind` for their kind of
 * document (flows: FlowsModule; rule sets: TriggersModule; NLU data: NluDataModule; models: ModelsModule).
 */
@Module({
  imports: [BotsModule],
  providers: [
    VersioningRepository,
    { provide: DOCUMENT_STORE, useExisting: VersioningRepository },
    { provide: ACTIVE_MODEL_VERSION, inject: [DOCUMENT_STORE], useFactory: activeModelVersion },
    VersioningService,
    BotDirectory,
  ],
  exports: [VersioningService, BotDirectory],
})
export class VersioningModule {}
