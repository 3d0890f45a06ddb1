import { z } from 'zod';
import { durationSchema, idSchema, jsonValueSchema, keySchema, localeSchema } from './common';
import { topLevelConditionSchema } from './condition';
import { emotionSchema } from './nlu';

export const CURRENT_FLOW_SCHEMA_VERSION = 1;

export const positionSchema = z.object({ x: z.number(), y: z.number() });

/** Text with `{{slots.x}}`, `{{vars.y}}`, `{{nlu.intent}}` placeholders; rendered as data, never as code. */
export const templateSchema = z.string();
/** One or more variants; the engine picks one deterministically per conversation turn. */
export const variantsSchema = z.array(templateSchema.min(1)).min(1);

export const HANDOFF_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const handoffPrioritySchema = z.enum(HANDOFF_PRIORITIES);
export type HandoffPriority = z.infer<typeof handoffPrioritySchema>;

export const END_OUTCOMES = ['resolved', 'handed_off', 'abandoned'] as const;
export const endOutcomeSchema = z.enum(END_OUTCOMES);
export type EndOutcome = z.infer<typeof endOutcomeSchema>;

// ---- node configs (one per kind) -------------------------------------------------------------

export const startConfigSchema = z.object({}).default({});
export const messageConfigSchema = z.object({
  variants: variantsSchema,
  quickReplies: z.array(z.string().min(1)).default([]),
  imageUrl: z.string().optional(),
});
export const askConfigSchema = z.object({
  slot: keySchema,
  prompt: variantsSchema,
  /** Said when the answer does not validate; defaults to the prompt. */
  reprompt: z.array(templateSchema.min(1)).default([]),
  quickReplies: z.array(z.string().min(1)).default([]),
  validation: z
    .object({
      regex: z.string().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .default({}),
  /** Re-asks before the `fail` handle is taken. */
  maxAttempts: z.number().int().min(1).max(10).default(2),
  /** Skip the question when the slot is already filled (e.g. said earlier in the conversation). */
  skipIfFilled: z.boolean().default(true),
});
export const listenConfigSchema = z.object({
  /** Optional prompt said when the node is entered. */
  prompt: z.array(templateSchema.min(1)).default([]),
  quickReplies: z.array(z.string().min(1)).default([]),
  /** Said when no out-edge guard matches; the node keeps waiting. */
  noMatch: z.array(templateSchema.min(1)).default([]),
});
export const conditionConfigSchema = z.object({ condition: topLevelConditionSchema });
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const httpConfigSchema = z.object({
  method: z.enum(HTTP_METHODS).default('GET'),
  url: templateSchema.min(1),
  headers: z.record(z.string(), templateSchema).default({}),
  /** JSON body template; placeholders are JSON-escaped when rendered. */
  body: templateSchema.optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(3_000),
  retries: z.number().int().min(0).max(5).default(0),
  /** Variable that receives `{ status, body }`. */
  saveAs: keySchema,
});
export const faqConfigSchema = z.object({
  threshold: z.number().min(0).max(1).default(0.6),
  saveAs: keySchema.optional(),
});
export const imageConfigSchema = z.object({ saveAs: keySchema });
export const setConfigSchema = z.object({
  assignments: z
    .array(
      z.object({
        scope: z.enum(['vars', 'slots']).default('vars'),
        key: keySchema,
        /**
         * set: assign `value` (strings are templates; a string that is exactly one placeholder keeps
         * the value's type); increment: add the number `value` (bargaining rounds); clear: remove.
         */
        op: z.enum(['set', 'increment', 'clear']).default('set'),
        /** Strings are templates; other JSON values are assigned as they are. */
        value: jsonValueSchema.default(null),
      }),
    )
    .min(1),
});
export const waitConfigSchema = z.object({ delay: durationSchema });
export const handoffConfigSchema = z.object({
  queue: z.string().min(1).default('default'),
  priority: handoffPrioritySchema.default('normal'),
  /** Said to the user when the conversation is handed over. */
  message: z.array(templateSchema.min(1)).default([]),
  reason: templateSchema.optional(),
});
export const subflowConfigSchema = z.object({ flow: keySchema });
export const endConfigSchema = z.object({
  outcome: endOutcomeSchema.default('resolved'),
  message: z.array(templateSchema.min(1)).default([]),
});

const nodeBase = {
  id: idSchema,
  name: z.string().max(120).optional(),
  position: positionSchema.optional(),
  description: z.string().optional(),
};

export const nodeSchema = z.discriminatedUnion('kind', [
  z.object({ ...nodeBase, kind: z.literal('start'), config: startConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('message'), config: messageConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('ask'), config: askConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('listen'), config: listenConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('condition'), config: conditionConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('http'), config: httpConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('faq'), config: faqConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('image'), config: imageConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('set'), config: setConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('wait'), config: waitConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('handoff'), config: handoffConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('subflow'), config: subflowConfigSchema }),
  z.object({ ...nodeBase, kind: z.literal('end'), config: endConfigSchema }),
]);
export type FlowNode = z.infer<typeof nodeSchema>;
export type NodeKind = FlowNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
export type NodeConfig<K extends NodeKind> = NodeOfKind<K>['config'];

export const NODE_KINDS = [
  'start', 'message', 'ask', 'listen', 'condition', 'http', 'faq', 'image', 'set', 'wait', 'handoff', 'subflow', 'end',
] as const satisfies readonly NodeKind[];

/**
 * Named output handles per node kind (React Flow `sourceHandle`). Guards choose among the edges that
 * leave the same handle.
 */
export const NODE_HANDLES = {
  start: ['out'],
  message: ['out'],
  ask: ['out', 'fail'],
  listen: ['out'],
  condition: ['true', 'false'],
  http: ['out', 'error'],
  faq: ['out', 'no_answer'],
  image: ['out', 'error'],
  set: ['out'],
  wait: ['out', 'timeout'],
  handoff: ['out'],
  subflow: ['out'],
  end: [],
} as const satisfies Record<NodeKind, readonly string[]>;
export type NodeHandle<K extends NodeKind = NodeKind> = (typeof NODE_HANDLES)[K][number];

/** Kinds that stop the turn and wait for something outside (a message, a timer, an agent). */
export const WAITING_KINDS = ['ask', 'listen', 'wait', 'handoff'] as const satisfies readonly NodeKind[];

// ---- edges and guards -------------------------------------------------------------------------

export const guardSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('default') }),
  z.object({
    type: z.literal('intent'),
    intents: z.array(keySchema).min(1),
    /** Falls back to flow settings.minConfidence. */
    minConfidence: z.number().min(0).max(1).optional(),
  }),
  z.object({
    type: z.literal('emotion'),
    emotions: z.array(emotionSchema).min(1),
    minScore: z.number().min(0).max(1).optional(),
  }),
  z.object({ type: z.literal('condition'), condition: topLevelConditionSchema }),
  z.object({ type: z.literal('slot_filled'), slot: keySchema }),
]);
export type Guard = z.infer<typeof guardSchema>;
export type GuardType = Guard['type'];
export const GUARD_TYPES = ['default', 'intent', 'emotion', 'condition', 'slot_filled'] as const satisfies readonly GuardType[];

export const edgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  /** Output handle on the source node; see NODE_HANDLES. */
  sourceHandle: z.string().default('out'),
  guard: guardSchema.default({ type: 'default' }),
  /** Higher is tried first among edges of the same handle; `default` guards always go last. */
  priority: z.number().int().default(0),
  label: z.string().optional(),
});
export type FlowEdge = z.infer<typeof edgeSchema>;

/** Transitions that apply at any waiting node: 转人工, angry → priority handoff, new topic → its flow. */
export const globalTransitionSchema = z.object({
  id: idSchema,
  name: z.string().optional(),
  guard: guardSchema.refine((g) => g.type !== 'default', 'a global transition needs a guard other than default'),
  target: z.union([z.object({ node: idSchema }), z.object({ flow: keySchema })]),
  priority: z.number().int().default(0),
});
export type GlobalTransition = z.infer<typeof globalTransitionSchema>;

export const slotDeclarationSchema = z.object({
  key: keySchema,
  /** A slot-type key from the bot's NLU data, or a built-in entity kind (number, money, phone, …). */
  type: z.string().min(1),
  name: z.string().optional(),
});
export type SlotDeclaration = z.infer<typeof slotDeclarationSchema>;

export const variableDeclarationSchema = z.object({
  key: keySchema,
  default: jsonValueSchema.optional(),
  name: z.string().optional(),
});
export type VariableDeclaration = z.infer<typeof variableDeclarationSchema>;

export const flowSettingsSchema = z.object({
  globalTransitions: z.array(globalTransitionSchema).default([]),
  /** Default confidence an intent guard needs. */
  minConfidence: z.number().min(0).max(1).default(0.5),
  /** Loop guard: the most nodes one turn may run. */
  maxStepsPerTurn: z.number().int().min(1).max(1000).default(50),
  /** Said when nothing else matched and the flow has no better answer. */
  fallback: z.array(templateSchema.min(1)).default([]),
});
export type FlowSettings = z.infer<typeof flowSettingsSchema>;

export const flowSchema = z.object({
  schemaVersion: z.literal(CURRENT_FLOW_SCHEMA_VERSION),
  key: keySchema,
  name: z.string().min(1),
  description: z.string().optional(),
  locale: localeSchema.default('zh-CN'),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema).default([]),
  slots: z.array(slotDeclarationSchema).default([]),
  variables: z.array(variableDeclarationSchema).default([]),
  settings: flowSettingsSchema.default({
    globalTransitions: [],
    minConfidence: 0.5,
    maxStepsPerTurn: 50,
    fallback: [],
  }),
});
/** A flow as stored and as the engine runs it (defaults applied). */
export type Flow = z.infer<typeof flowSchema>;
/** A flow as written by hand or by an older designer (defaults not applied). */
export type FlowInput = z.input<typeof flowSchema>;
