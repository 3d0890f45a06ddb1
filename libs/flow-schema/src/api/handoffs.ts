import { z } from 'zod';
import { replySchema } from '../conversation';
import { handoffPrioritySchema } from '../flow';
import { isoDateTime } from './common';
import { publicStateSchema } from './conversations';

/** /v1/handoffs… — the agent inbox. */
export const HANDOFF_STATUSES = ['open', 'claimed', 'released'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const handoffListQuerySchema = z.object({
  bot: z.string().optional().describe('only this bot'),
  status: z.enum([...HANDOFF_STATUSES, 'active']).optional().describe('only this status (`active` = open or claimed)'),
});

export const handoffSchema = z.strictObject({
  id: z.uuid().describe('handoff id'),
  botKey: z.string().describe('bot key'),
  externalId: z.string().describe("the conversation's id at the marketplace"),
  queue: z.string().describe('agent queue'),
  priority: handoffPrioritySchema.describe('take urgent first'),
  reason: z.string().nullable().describe('why the bot handed over'),
  status: z.enum(HANDOFF_STATUSES).describe('open, claimed by an agent, or released back to the bot'),
  claimedBy: z.string().nullable().describe('agent e-mail'),
  claimedAt: isoDateTime.nullable(),
  releasedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Handoff = z.infer<typeof handoffSchema>;
export const handoffListSchema = z.strictObject({ handoffs: handoffSchema.array() });

export const handoffReplyRequestSchema = z.object({ text: z.string().trim().min(1).max(4000).describe("the agent's message") });
export const handoffReplySchema = z.strictObject({ seq: z.number().int().describe('transcript position of the message') });
export const handoffReleaseSchema = z.strictObject({
  handoff: handoffSchema,
  replies: z.array(replySchema).describe('what the flow said when it resumed'),
  state: publicStateSchema,
});
export type HandoffRelease = z.infer<typeof handoffReleaseSchema>;
