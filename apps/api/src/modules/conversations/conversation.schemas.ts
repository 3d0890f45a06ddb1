import { conversationStatusSchema, nluResultSchema, replySchema, traceEntrySchema } from '@zhishou/flow-schema';
import { z } from 'zod';

/** Wire shapes of the chat API for the OpenAPI document (they mirror TurnResponseBody and the transcript views). */
export const publicStateSchema = z.object({
  status: conversationStatusSchema,
  node: z.string().nullable().describe('node the conversation waits at'),
  flow: z.string().describe('flow running now (a subflow while one is on the stack)'),
  slots: z.record(z.string(), z.unknown()),
});

export const chatTurnResponseSchema = z.object({
  replies: z.array(replySchema),
  state: publicStateSchema,
  nlu: nluResultSchema.nullable(),
  turn: z.number().int(),
  conversationId: z.string(),
  duplicate: z.boolean().describe('the messageId was seen before: this is the stored response, nothing ran again'),
  trace: z.array(traceEntrySchema).optional().describe('only when the request asked for `trace: true`'),
});

export const conversationViewSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  bot: z.string(),
  status: z.string(),
  node: z.string().nullable(),
  slots: z.record(z.string(), z.unknown()),
  flowKey: z.string().nullable(),
  flowVersion: z.number().int().nullable(),
  turn: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});

export const transcriptMessagesSchema = z.object({
  messages: z.array(
    z.object({
      seq: z.number().int(),
      turn: z.number().int().nullable(),
      role: z.enum(['user', 'bot', 'agent']),
      text: z.string(),
      payload: z.record(z.string(), z.unknown()),
      createdAt: z.iso.datetime(),
    }),
  ),
});
