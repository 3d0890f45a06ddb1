import { businessEventSchema } from '@zhishou/flow-schema';
import { z } from 'zod';

/** Wire shapes of the events endpoints for the OpenAPI document (they mirror IngestResult and the repository's view). */
const count = z.number().int().nonnegative();

export const ingestResultSchema = z.object({
  accepted: count.describe('events stored now'),
  duplicates: count.describe('eventIds seen before (or twice in the batch): not stored again, nothing scheduled'),
  scheduled: count.describe('triggers newly scheduled'),
  cancelled: count.describe('pending triggers cancelled'),
});

export const eventLogSchema = z.object({ events: businessEventSchema.array(), subjectKeys: z.array(z.string()) });
