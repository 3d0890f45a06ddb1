import { z } from 'zod';
import { jsonValueSchema } from '../common';
import { effectSchema, replySchema, traceEntrySchema } from '../conversation';
import { nluResultSchema } from '../nlu';
import { positiveInt } from './common';
import { conversationIdParam, publicStateSchema } from './conversations';

/** /v1/bots/:bot/preview/:session… — the designer's test chat (never a live conversation). */
export const previewSessionParam = conversationIdParam;
export const previewVersionSchema = z.union([positiveInt, z.literal('draft')]).describe('a version number, or the saved draft');
export type PreviewVersion = z.infer<typeof previewVersionSchema>;

export const previewRequestSchema = z
  .object({
    messageId: z.string().min(1).max(128).describe('client message id (a retry returns the stored turn)'),
    text: z.string().max(4000).optional().describe('the tester\'s text'),
    image: z.string().max(4_000_000).optional().describe('an image (URL or data URL)'),
    flow: z.string().min(1).max(64).describe('flow to test'),
    version: previewVersionSchema.default('draft'),
    timer: z.boolean().optional().describe('fire the pending wait-node timer instead of sending a message'),
  })
  .refine((b) => b.timer === true || (b.text !== undefined && b.text.trim() !== '') || b.image !== undefined, { message: 'send text, an image or timer: true', path: ['text'] });
export type PreviewRequest = z.input<typeof previewRequestSchema>;

export const previewTurnSchema = z.strictObject({
  replies: z.array(replySchema).describe("the bot's replies"),
  state: publicStateSchema,
  vars: z.record(z.string(), jsonValueSchema).optional().describe('the flow variables after the turn'),
  nlu: nluResultSchema.nullable().describe('null for a timer turn'),
  trace: z.array(traceEntrySchema).describe('nodes entered, edges taken, where it waited'),
  effects: z.array(effectSchema).describe('side effects the turn asked for (handoff, timers, end)'),
  flow: z.string().describe('flow tested'),
  version: previewVersionSchema,
  duplicate: z.boolean().describe('the messageId was seen before: the stored response, nothing ran again'),
});
export type PreviewTurn = z.infer<typeof previewTurnSchema>;
