import { z } from 'zod';
import { nluDataSchema } from '../nlu';
import { isoDateTime } from './common';

/** /v1/bots/:bot/nlu — the bot's intents, examples and slot types. */
export const nluDataViewSchema = z.strictObject({
  document: nluDataSchema.describe('intents, examples, slot types'),
  revision: z.number().int().nonnegative().describe('0 while the bot has no NLU data (the first save passes 0)'),
  updatedBy: z.string().nullable().describe('who saved last'),
  updatedAt: isoDateTime.nullable(),
  liveVersion: z.number().int().positive().nullable().describe('the published version new conversations start on; null: none yet'),
});
export type NluDataView = z.infer<typeof nluDataViewSchema>;

export const saveNluRequestSchema = z.object({
  document: nluDataSchema.describe('the whole NLU data'),
  revision: z.number().int().nonnegative().describe('the revision the edit started from'),
});
/** The pipe accepts any document and lets the service parse it (so its issues carry `document.` paths). */
export const saveNluRequestPipe = z.object({ document: z.unknown(), revision: z.number().int().nonnegative() });
