import { durationSchema, triggerRuleSchema } from '@zhishou/flow-schema';
import { z } from 'zod';

/** Wire shapes of the rules endpoints for the OpenAPI document (they mirror the repository and service views). */
const count = z.number().int().nonnegative();

// Mirrors RenderedAction (@zhishou/rules).
export const renderedActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('send_message'), to: z.enum(['buyer', 'seller']), recipientId: z.string().optional(), conversationId: z.string().optional(), text: z.string() }),
  z.object({ type: z.literal('start_flow'), flow: z.string(), conversationId: z.string().optional() }),
  z.object({ type: z.literal('webhook'), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string() }),
]);

export const ruleOverviewSchema = z.object({
  ruleSets: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      liveVersion: z.number().int().positive().nullable(),
      revision: z.number().int().positive(),
      rules: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          on: triggerRuleSchema.shape.on.optional(),
          after: durationSchema.nullable(),
          status: z.enum(['draft_only', 'live', 'disabled']),
          inDraft: z.boolean(),
          pending: count,
          outcomes: z.record(z.string(), count),
          lastFireAt: z.iso.datetime().nullable(),
        }),
      ),
    }),
  ),
});

export const simulationSchema = z.object({
  entries: z.array(
    z.object({
      at: z.iso.datetime(),
      kind: z.enum(['scheduled', 'duplicate', 'ignored', 'cancelled', 'fired', 'skipped', 'failed', 'pending']),
      ruleId: z.string(),
      eventId: z.string(),
      jobId: z.string().optional(),
      key: z.string().optional(),
      dueAt: z.iso.datetime().optional(),
      reason: z.string().optional(),
      byEventId: z.string().optional(),
      actions: z.array(renderedActionSchema).optional(),
    }),
  ),
});

const fireSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  ruleSetKey: z.string(),
  ruleId: z.string(),
  scheduledVersion: z.number().int().nullable(),
  firedVersion: z.number().int().nullable(),
  outcome: z.enum(['fired', 'skipped', 'cancelled', 'failed']),
  reason: z.string().nullable(),
  error: z.string().nullable(),
  eventId: z.string(),
  actions: z.array(renderedActionSchema).nullable(),
  dueAt: z.iso.datetime(),
  at: z.iso.datetime(),
  latenessMs: z.number().int().nullable(),
});
export const fireLogSchema = z.object({ fires: fireSchema.array() });

const deliverySchema = z.object({
  id: z.uuid(),
  jobId: z.string(),
  bot: z.string(),
  ruleId: z.string(),
  kind: z.enum(['send_message', 'start_flow', 'webhook']),
  action: renderedActionSchema,
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: count,
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export const deliveryListSchema = z.object({ deliveries: deliverySchema.array() });
export const deadLettersSchema = z.object({ triggers: fireSchema.array(), deliveries: deliverySchema.array() });
