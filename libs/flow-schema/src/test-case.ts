import { z } from 'zod';
import { jsonValueSchema } from './common';
import { conversationStatusSchema } from './conversation';
import { endOutcomeSchema, handoffPrioritySchema } from './flow';

/**
 * A flow's test case: a scripted conversation replayed against a flow version before it may be
 * published (`flows/<bot>/tests/*.json` use the same format). Every `expect` key is optional; only
 * what is written is checked.
 */
export const EFFECT_TYPES = ['handoff', 'schedule_timer', 'cancel_timer', 'end'] as const;

export const turnExpectationSchema = z
  .object({
    /** NLU top intent of the user's message. */
    intent: z.string().optional(),
    /** One substring per reply, in order; the number of replies must match. */
    replies: z.array(z.string()).optional(),
    /** Substrings that must appear somewhere in the turn's replies. */
    contains: z.array(z.string()).optional(),
    node: z.string().nullable().optional(),
    flow: z.string().optional(),
    status: conversationStatusSchema.optional(),
    outcome: endOutcomeSchema.nullable().optional(),
    /** Subset of slots; a null value means the slot must not be set. */
    slots: z.record(z.string(), jsonValueSchema).optional(),
    /** Subset of variables (equal values). */
    vars: z.record(z.string(), jsonValueSchema).optional(),
    /** Effect types of the turn, in order. */
    effects: z.array(z.enum(EFFECT_TYPES)).optional(),
    /** Subset of the turn's handoff effect. */
    handoff: z
      .object({ queue: z.string().optional(), priority: handoffPrioritySchema.optional(), reason: z.string().optional(), nodeId: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict();
export type TurnExpectation = z.infer<typeof turnExpectationSchema>;

export const testTurnSchema = z.union([
  z.object({ user: z.string().min(1).max(4000), image: z.string().max(4000).optional(), expect: turnExpectationSchema.default({}) }).strict(),
  /** `pending` fires the conversation's pending wait-node timer, `stale` an unknown one (must be ignored). */
  z.object({ timer: z.enum(['pending', 'stale']), expect: turnExpectationSchema.default({}) }).strict(),
  /** A human agent hands the conversation back. */
  z.object({ release: z.literal(true), expect: turnExpectationSchema.default({}) }).strict(),
]);
export type TestTurn = z.infer<typeof testTurnSchema>;

/** A recorded HTTP answer, keyed by "METHOD url" (exact). */
export const testHttpAnswerSchema = z.object({ status: z.number().int().min(100).max(599), body: jsonValueSchema.default(null) }).strict();
export type TestHttpAnswer = z.infer<typeof testHttpAnswerSchema>;

export const testCaseSchema = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** HTTP answers for http nodes, so a replay does not depend on a live service. */
    http: z.record(z.string().regex(/^[A-Z]+ \S+$/, 'keys look like "GET /sandbox/orders/1"'), testHttpAnswerSchema).optional(),
    turns: z.array(testTurnSchema).min(1).max(200),
  })
  .strict();
export type TestCase = z.infer<typeof testCaseSchema>;
export type TestCaseInput = z.input<typeof testCaseSchema>;
