import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { VersioningModule } from '../versioning/versioning.module';
import { EventKeyGuard } from './event-key.guard';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/**
 * Business events in: validated, idempotent by eventId, stored in the event log (the module owns `events`).
 * It knows nothing of triggers: the triggers module registers an IngestionListener on EventsService.
 */
@Module({
  imports: [BotsModule, VersioningModule],
  controllers: [EventsController],
  providers: [EventsRepository, EventsService, EventKeyGuard],
  exports: [EventsService],
})
export class EventsModule {}
