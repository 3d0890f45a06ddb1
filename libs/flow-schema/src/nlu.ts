import { z } from 'zod';
import { keySchema } from './common';
import { compileLinearRegex } from './safe-regex';

/** The five emotion labels, in order of escalation. */
export const EMOTIONS = ['positive', 'neutral', 'anxious', 'negative', 'angry'] as const;
export const emotionSchema = z.enum(EMOTIONS);
export type Emotion = z.infer<typeof emotionSchema>;

/** Built-in entity kinds the rule-based extractors understand; `regex` and `list` are ops-defined. */
export const ENTITY_KINDS = ['number', 'money', 'phone', 'order_id', 'tracking_no', 'city', 'regex', 'list', 'text'] as const;
export const entityKindSchema = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof entityKindSchema>;

export const listEntryschema = z.object({
  value: z.string().min(1),
  synonyms: z.array(z.string().min(1)).default([]),
});

export const slotTypeSchema = z.object({
  key: keySchema,
  kind: entityKindSchema,
  /** For kind "regex": a JavaScript regular expression source (no flags). */
  pattern: z.string().optional(),
  /** For kind "list": canonical values with synonyms. */
  values: z.array(listEntryschema).optional(),
  description: z.string().optional(),
}).superRefine((slotType, ctx) => {
  // Refused at save (400 with the path) rather than silently dropped by the extractor at run time.
  if (slotType.kind !== 'regex' || slotType.pattern === undefined) return;
  const compiled = compileLinearRegex(slotType.pattern);
  if (!compiled.ok) ctx.addIssue({ code: 'custom', path: ['pattern'], message: compiled.reason });
});
export type SlotType = z.infer<typeof slotTypeSchema>;

export const intentSchema = z.object({
  key: keySchema,
  name: z.string().min(1),
  description: z.string().optional(),
  /** Example utterances; an exact (normalised) match always wins over the model. */
  examples: z.array(z.string().min(1)).default([]),
  /** Keywords that strongly suggest the intent (baseline matcher). */
  keywords: z.array(z.string().min(1)).default([]),
});
export type Intent = z.infer<typeof intentSchema>;

/** A bot's NLU data as ops edit it: the source the models are trained from. */
export const nluDataSchema = z.object({
  locale: z.string().default('zh-CN'),
  intents: z.array(intentSchema).default([]),
  slotTypes: z.array(slotTypeSchema).default([]),
  /** Below this confidence the top intent is reported as out_of_scope. */
  outOfScopeThreshold: z.number().min(0).max(1).default(0.45),
});
export type NluData = z.infer<typeof nluDataSchema>;

export const OUT_OF_SCOPE_INTENT = 'out_of_scope';

/** How an intent was decided: an ops example matched exactly, similarity/model scoring, or the out-of-scope threshold. */
export const INTENT_SOURCES = ['example', 'similarity', 'model', 'threshold'] as const;
export const intentScoreSchema = z.object({
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  source: z.enum(INTENT_SOURCES).optional(),
});
export type IntentScore = z.infer<typeof intentScoreSchema>;

export const extractedSlotSchema = z.object({
  /** Slot-type key (or model slot label such as "price"). */
  type: z.string(),
  /** Normalised value: a number for number/money, canonical list value, digits for phone, … */
  value: z.union([z.string(), z.number()]),
  /** The text as the user wrote it, and where. */
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  source: z.enum(['rule', 'model', 'example']),
});
export type ExtractedSlot = z.infer<typeof extractedSlotSchema>;

/** What the inference port returns for one utterance (and optionally one image). */
export const nluResultSchema = z.object({
  text: z.string(),
  /** Top intent after the out-of-scope threshold. */
  intent: intentScoreSchema,
  /** Top-k intents, best first. */
  intents: z.array(intentScoreSchema),
  slots: z.array(extractedSlotSchema),
  emotion: z.object({ label: emotionSchema, score: z.number().min(0).max(1) }),
  /** Image attributes (category, color, condition, …) when an image came with the message. */
  image: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Which implementation answered: "baseline" (example matching) or a model version id. */
  model: z.string(),
});
export type NluResult = z.infer<typeof nluResultSchema>;
