import { Module } from '@nestjs/common';
import { BotDirectory } from './bot-directory';
import { VersioningRepository } from './versioning.repository';
import { VersioningService } from './versioning.service';
import { DOCUMENT_STORE } from './versioning.types';

/**
 * The one versioning mechanism. Feature modules import it and call `registerKind` for their document
 * kind (flows: FlowsModule; rule sets: the rules module).
 */
@Module({
  providers: [VersioningRepository, { provide: DOCUMENT_STORE, useExisting: VersioningRepository }, VersioningService, BotDirectory],
  exports: [VersioningService, BotDirectory],
})
export class VersioningModule {}
