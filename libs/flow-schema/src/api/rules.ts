import { z } from 'zod';
import { durationSchema } from '../common';
import { MESSAGE_RECIPIENTS, RULE_ACTION_TYPES, triggerRuleSchema } from '../rule';
import { count, isoDateTime, positiveInt } from './common';

/** /v1/bots/:bot/rules… — rule overview, simulation, fire log, deliveries, dead letters. */

/** An action as a fire rendered it (templates filled in); `RenderedAction` of @zhishou/rules. */
export const renderedActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('send_message'),
    to: z.enum(MESSAGE_RECIPIENTS).describe('who gets it'),
    recipientId: z.string().optional().describe('buyer or seller id from the event'),
    conversationId: z.string().optional().describe('conversation to post into'),
    text: z.string().describe('the rendered message'),
  }),
  z.strictObject({ type: z.literal('start_flow'), flow: z.string().describe('flow key'), conversationId: z.string().optional().describe('conversation it starts in') }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.string().describe('receiver URL'),
    headers: z.record(z.string(), z.string()).describe('rendered headers'),
    body: z.string().describe('rendered JSON body'),
  }),
]);
export type RenderedActionWire = z.infer<typeof renderedActionSchema>;

export const RULE_STATUSES = ['draft_only', 'live', 'disabled'] as const;
export const FIRE_OUTCOMES = ['fired', 'skipped', 'cancelled', 'failed'] as const;
export type FireOutcome = (typeof FIRE_OUTCOMES)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ruleOverviewSchema = z.strictObject({
  ruleSets: z.array(
    z.strictObject({
      key: z.string().describe('rule set key'),
      name: z.string().describe('rule set name'),
      liveVersion: positiveInt.nullable().describe('live version, null before the first release'),
      revision: positiveInt.describe('draft revision'),
      rules: z.array(
        z.strictObject({
          id: z.string().describe('rule id'),
          name: z.string().describe('rule name'),
          on: triggerRuleSchema.shape.on.optional().describe('event type that schedules it'),
          after: durationSchema.nullable().describe('delay before it fires'),
          status: z.enum(RULE_STATUSES).describe('draft only, live, or disabled in the live version'),
          inDraft: z.boolean().describe('the rule exists in the draft'),
          pending: count.describe('triggers waiting to fire'),
          outcomes: z.record(z.string(), count).describe('fires by outcome'),
          lastFireAt: isoDateTime.nullable(),
        }),
      ),
    }),
  ),
});
export type RuleOverview = z.infer<typeof ruleOverviewSchema>;

export const simulateRequestSchema = z
  .object({
    document: z.unknown().optional().describe('an unsaved rule set document'),
    ruleSet: z.string().min(1).optional().describe('or a stored rule set by key'),
    version: z.union([positiveInt, z.literal('draft')]).default('draft').describe('which version of the stored rule set'),
    events: z.array(z.unknown()).max(1_000).describe('the timeline: business events'),
    until: z.iso.datetime({ offset: true }).optional().describe('simulate up to this time'),
    slots: z.record(z.string(), z.record(z.string(), z.unknown())).optional().describe('conversation slots by conversation id'),
    http: z
      .record(z.string(), z.union([z.object({ status: z.number().int(), body: z.json() }), z.object({ error: z.string() })]))
      .optional()
      .describe('canned answers of HTTP fact providers, by key'),
  })
  .refine((b) => b.document !== undefined || b.ruleSet !== undefined, { message: 'give a document or a ruleSet key', path: ['document'] });

export const SIMULATION_KINDS = ['scheduled', 'duplicate', 'ignored', 'cancelled', 'fired', 'skipped', 'failed', 'pending'] as const;
export const simulationSchema = z.strictObject({
  entries: z.array(
    z.strictObject({
      at: isoDateTime.describe('simulated time'),
      kind: z.enum(SIMULATION_KINDS).describe('what happened'),
      ruleId: z.string().describe('rule'),
      eventId: z.string().describe('event that scheduled it'),
      jobId: z.string().optional().describe('deterministic job id'),
      key: z.string().optional().describe('subject key of the job'),
      dueAt: isoDateTime.optional().describe('when it is due'),
      reason: z.string().optional().describe('why skipped / failed'),
      byEventId: z.string().optional().describe('event that cancelled it'),
      actions: z.array(renderedActionSchema).optional().describe('what it would send'),
    }),
  ),
});
export type Simulation = z.infer<typeof simulationSchema>;

export const firesQuerySchema = z.object({
  rule: z.string().min(1).optional().describe('only this rule id'),
  outcome: z.enum(FIRE_OUTCOMES).optional().describe('only this outcome'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('at most this many'),
});

export const fireSchema = z.strictObject({
  id: z.string().describe('fire id'),
  jobId: z.string().describe('deterministic job id'),
  ruleSetKey: z.string().describe('rule set'),
  ruleId: z.string().describe('rule'),
  scheduledVersion: z.number().int().nullable().describe('rule set version live when it was scheduled'),
  firedVersion: z.number().int().nullable().describe('rule set version it fired in'),
  outcome: z.enum(FIRE_OUTCOMES).describe('what happened'),
  reason: z.string().nullable().describe('why skipped or cancelled'),
  error: z.string().nullable().describe('why failed'),
  eventId: z.string().describe('event that scheduled it'),
  actions: z.array(renderedActionSchema).nullable().describe('what it sent'),
  dueAt: isoDateTime,
  at: isoDateTime.describe('when it settled'),
  latenessMs: z.number().int().nullable().describe('how late after dueAt'),
});
export type Fire = z.infer<typeof fireSchema>;
export const fireLogSchema = z.strictObject({ fires: fireSchema.array() });

export const deliveriesQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().describe('only this status'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('at most this many'),
});

export const deliverySchema = z.strictObject({
  id: z.uuid().describe('delivery id'),
  jobId: z.string().describe('job id of the fire'),
  bot: z.string().describe('bot key'),
  ruleId: z.string().describe('rule'),
  kind: z.enum(RULE_ACTION_TYPES).describe('action type'),
  action: renderedActionSchema,
  status: z.enum(DELIVERY_STATUSES).describe('pending (retrying), delivered or dead'),
  attempts: count.describe('attempts so far'),
  lastError: z.string().nullable().describe('last failure'),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Delivery = z.infer<typeof deliverySchema>;
export const deliveryListSchema = z.strictObject({ deliveries: deliverySchema.array() });
export const deadLettersSchema = z.strictObject({ triggers: fireSchema.array(), deliveries: deliverySchema.array() });
export const retryDeliverySchema = z.strictObject({ id: z.uuid().describe('delivery id'), status: z.literal('pending') });
