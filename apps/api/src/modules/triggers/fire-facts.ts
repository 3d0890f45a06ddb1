import type { HttpPort } from '@zhishou/flow-schema';
import type { FactPorts } from '@zhishou/rules';
import type { TurnService } from '../conversations/turn.service';
import type { EventsService } from '../events/events.service';

/** The other modules fire-time facts come from: the event log (events) and conversation slots (conversations). */
export interface FactSources {
  events: Pick<EventsService, 'about'>;
  conversations: Pick<TurnService, 'slotsOf'>;
}

/** Fire-time facts of one bot: later events from the event log, slots from the conversation, HTTP through the api's port. */
export function createFactPorts(bot: string, sources: FactSources, http: HttpPort): FactPorts {
  return {
    laterEvents: ({ subject, subjectKeys, trigger, until }) => sources.events.about(bot, subject, subjectKeys, trigger.occurredAt, until, trigger.eventId),
    slots: (conversationId) => sources.conversations.slotsOf(bot, conversationId),
    http,
  };
}
