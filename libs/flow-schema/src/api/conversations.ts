import { z } from 'zod';
import { jsonValueSchema } from '../common';
import { conversationStatusSchema, replySchema, traceEntrySchema } from '../conversation';
import { nluResultSchema } from '../nlu';
import { isoDateTime } from './common';

/** /v1/bots/:bot/conversations/:cid… — the public chat API (v1: additive changes only). */
export const conversationIdParam = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", "-", ".", ":"');

export const chatMessageRequestSchema = z
  .object({
    messageId: z.string().min(1).max(128).describe("the marketplace's message id: a retry with the same id returns the stored response"),
    text: z.string().max(4000).optional().describe("the buyer's text"),
    image: z.string().max(4_000_000).optional().describe('an image (URL or data URL)'),
    trace: z.boolean().default(false).describe('include the engine trace in the response'),
  })
  .refine((b) => (b.text !== undefined && b.text.trim() !== '') || b.image !== undefined, { message: 'send text or an image', path: ['text'] });
export type ChatMessageRequest = z.input<typeof chatMessageRequestSchema>;

export const publicStateSchema = z.strictObject({
  status: conversationStatusSchema.describe('conversation status'),
  node: z.string().nullable().describe('node the conversation waits at'),
  flow: z.string().describe('flow running now (a subflow while one is on the stack)'),
  slots: z.record(z.string(), jsonValueSchema).describe('filled slots'),
});
export type PublicState = z.infer<typeof publicStateSchema>;

export const chatTurnResponseSchema = z.strictObject({
  replies: z.array(replySchema).describe("the bot's replies, in order"),
  state: publicStateSchema,
  nlu: nluResultSchema.nullable().describe('what the NLU read from the message'),
  turn: z.number().int().describe('turn number in the conversation'),
  conversationId: z.string().describe("the marketplace's conversation id"),
  duplicate: z.boolean().describe('the messageId was seen before: this is the stored response, nothing ran again'),
  trace: z.array(traceEntrySchema).optional().describe('only when the request asked for `trace: true`'),
});
export type ChatTurnResponse = z.infer<typeof chatTurnResponseSchema>;

export const conversationViewSchema = z.strictObject({
  id: z.string().describe("the marketplace's conversation id (`:cid`)"),
  conversationId: z.string().describe('internal id (uuid)'),
  bot: z.string().describe('bot key'),
  status: z.union([conversationStatusSchema, z.literal('new')]).describe('conversation status; `new` before its first turn'),
  node: z.string().nullable().describe('node it waits at'),
  slots: z.record(z.string(), jsonValueSchema).describe('filled slots'),
  flowKey: z.string().nullable().describe('main flow'),
  flowVersion: z.number().int().nullable().describe('pinned version of the main flow'),
  turn: z.number().int().describe('turns so far'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

export const transcriptQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0).describe('only messages with a larger seq'),
  limit: z.coerce.number().int().min(1).max(1000).default(500).describe('at most this many'),
});

export const MESSAGE_ROLES = ['user', 'bot', 'agent'] as const;
export const transcriptMessageSchema = z.strictObject({
  seq: z.number().int().describe('position in the transcript, from 1'),
  turn: z.number().int().nullable().describe('turn that wrote it (null for agent messages)'),
  role: z.enum(MESSAGE_ROLES).describe('who wrote it'),
  text: z.string().describe('message text'),
  payload: z.record(z.string(), jsonValueSchema).describe('extras: messageId, image, nodeId, quickReplies, …'),
  createdAt: isoDateTime,
});
export type TranscriptMessage = z.infer<typeof transcriptMessageSchema>;
export const transcriptMessagesSchema = z.strictObject({ messages: z.array(transcriptMessageSchema) });
