import type { HttpPort } from '@zhishou/flow-schema';
import type { FactPorts } from '@zhishou/rules';
import type { DataSource } from 'typeorm';
import type { EventsRepository } from '../events/events.repository';

/** Fire-time facts of one bot: later events from the event log, slots from the conversation, HTTP through the api's port. */
export function createFactPorts(bot: string, events: EventsRepository, db: DataSource, http: HttpPort): FactPorts {
  return {
    laterEvents: ({ subject, subjectKeys, trigger, until }) => events.about(bot, subject, subjectKeys, trigger.occurredAt, until, trigger.eventId),
    slots: async (conversationId) => {
      const rows: { slots: Record<string, unknown> | null }[] = await db.query(`SELECT state->'slots' AS slots FROM conversations WHERE bot_key = $1 AND external_id = $2`, [bot, conversationId]);
      return rows[0]?.slots ?? undefined;
    },
    http,
  };
}
