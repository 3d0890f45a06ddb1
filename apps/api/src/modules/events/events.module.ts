import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { TriggersModule } from '../triggers/triggers.module';
import { VersioningModule } from '../versioning/versioning.module';
import { EventKeyGuard } from './event-key.guard';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Business events in: validated, idempotent by eventId, stored in the event log, scheduling triggers. */
@Module({
  imports: [TriggersModule, BotsModule, VersioningModule],
  controllers: [EventsController],
  providers: [EventsService, EventKeyGuard],
})
export class EventsModule {}
