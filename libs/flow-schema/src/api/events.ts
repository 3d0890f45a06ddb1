import { z } from 'zod';
import { businessEventSchema, subjectKeySchema } from '../rule';
import { count } from './common';

/** /v1/events, /v1/bots/:bot/events… — business events in, the event log out. */
export const ingestResultSchema = z.strictObject({
  accepted: count.describe('events stored now'),
  duplicates: count.describe('eventIds seen before (or twice in the batch): not stored again, nothing scheduled'),
  scheduled: count.describe('triggers newly scheduled'),
  cancelled: count.describe('pending triggers cancelled'),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const eventLogQuerySchema = z.object({
  subjectKey: subjectKeySchema.optional().describe('narrow to one subject: which key (`orderId`, …)'),
  subject: z.string().min(1).optional().describe('… and its value'),
  type: z.string().min(1).optional().describe('only this event type'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('at most this many, newest first'),
});

export const eventLogSchema = z.strictObject({
  events: businessEventSchema.array().describe('events, newest first'),
  subjectKeys: z.array(z.string()).describe('subject keys that occur in the log'),
});
export type EventLog = z.infer<typeof eventLogSchema>;
