import { z } from 'zod';
import { jsonValueSchema } from './common';
import { endOutcomeSchema, handoffPrioritySchema } from './flow';
import { nluResultSchema } from './nlu';

/**
 * A conversation's execution state: plain JSON, so any api instance can resume it and a test can
 * snapshot it. The engine never mutates it; `step` returns the next one.
 */
export const CONVERSATION_STATUSES = ['active', 'waiting_input', 'waiting_timer', 'handed_off', 'ended'] as const;
export const conversationStatusSchema = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

export const stackFrameSchema = z.object({
  /** Flow that called the subflow, and the subflow node to continue from (its `out` handle). */
  flowKey: z.string(),
  nodeId: z.string(),
});

export const conversationStateSchema = z.object({
  /** Flow currently running (the main flow, or a subflow while one is on the stack). */
  flowKey: z.string(),
  status: conversationStatusSchema,
  /** Node the conversation is at (the waiting node), or null before start / after the end. */
  nodeId: z.string().nullable(),
  slots: z.record(z.string(), jsonValueSchema),
  vars: z.record(z.string(), jsonValueSchema),
  stack: z.array(stackFrameSchema),
  /** Re-ask counters of ask nodes, by node id. */
  attempts: z.record(z.string(), z.number().int()),
  /** Pending durable timer (wait node), identified deterministically. */
  timer: z.object({ id: z.string(), nodeId: z.string(), fireAt: z.number() }).nullable(),
  /** Turns processed so far (used for deterministic variant choice and timer ids). */
  turn: z.number().int().nonnegative(),
  outcome: endOutcomeSchema.nullable(),
  /** The last NLU result, kept for conditions and templates (`{{nlu.intent}}`). */
  lastNlu: nluResultSchema.nullable(),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** What wakes the engine. */
export const turnInputSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    text: z.string(),
    /** Opaque image reference (URL or stored id) when the user sent an image. */
    image: z.string().optional(),
    nlu: nluResultSchema,
  }),
  z.object({ type: z.literal('timer'), timerId: z.string() }),
  /** A human agent handed the conversation back to the bot. */
  z.object({ type: z.literal('release') }),
  /** A trigger rule started this flow in the conversation (proactive message). */
  z.object({ type: z.literal('event'), event: z.record(z.string(), jsonValueSchema) }),
]);
export type TurnInput = z.infer<typeof turnInputSchema>;

export const replySchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  quickReplies: z.array(z.string()).default([]),
  imageUrl: z.string().optional(),
  /** Node that produced the reply (for the designer's path highlight). */
  nodeId: z.string(),
});
export type Reply = z.infer<typeof replySchema>;

/** Side effects the engine asks for; the api performs them in the same turn. */
export const effectSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('handoff'),
    queue: z.string(),
    priority: handoffPrioritySchema,
    reason: z.string().optional(),
    nodeId: z.string(),
  }),
  z.object({ type: z.literal('schedule_timer'), timerId: z.string(), delayMs: z.number().int().nonnegative(), nodeId: z.string() }),
  z.object({ type: z.literal('cancel_timer'), timerId: z.string() }),
  z.object({ type: z.literal('end'), outcome: endOutcomeSchema }),
]);
export type Effect = z.infer<typeof effectSchema>;

export const traceEntrySchema = z.object({
  flowKey: z.string(),
  nodeId: z.string(),
  kind: z.string(),
  /** enter: node ran; edge: an edge was taken; global: a global transition fired; wait: the turn stopped here. */
  event: z.enum(['enter', 'edge', 'global', 'wait', 'error', 'loop_guard']),
  edgeId: z.string().optional(),
  detail: z.string().optional(),
  /** What an http node sent and received (`{ request: { method, url }, response: { status, body } | null }`), for the test chat. */
  http: z.object({ request: z.object({ method: z.string(), url: z.string() }), response: z.object({ status: z.number(), body: jsonValueSchema }).nullable() }).optional(),
});
export type TraceEntry = z.infer<typeof traceEntrySchema>;

export const stepResultSchema = z.object({
  state: conversationStateSchema,
  replies: z.array(replySchema),
  effects: z.array(effectSchema),
  trace: z.array(traceEntrySchema),
});
export type StepResult = z.infer<typeof stepResultSchema>;
