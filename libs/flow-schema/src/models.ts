import { z } from 'zod';
import { modelReleaseSchema } from './api/versioning-kinds';

/** API payloads of the NLU model registry (`/v1/bots/:bot/models…`), shared with the designer. */
export const MODEL_VERSION_STATUSES = ['queued', 'training', 'ready', 'failed'] as const;

export const trainModelBodySchema = z.object({ note: z.string().max(500).default('') }).default({ note: '' });
export type TrainModelBody = z.infer<typeof trainModelBodySchema>;

const perClassSchema = z.object({ label: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() });
const confusionSchema = z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) });

/** Evaluation of a version on its held-out data; all scores 0–100. */
export const modelMetricsSchema = z
  .object({
    train_seconds: z.number(),
    intent: z.object({
      accuracy: z.number(),
      macro_f1: z.number(),
      train_size: z.number(),
      test_size: z.number(),
      per_class: z.array(perClassSchema),
      confusion: confusionSchema.optional(),
      worst: z.array(z.object({ text: z.string(), gold: z.string(), predicted: z.string(), confidence: z.number() })),
    }),
    slots: z.object({
      f1: z.number(),
      precision: z.number(),
      recall: z.number(),
      train_size: z.number(),
      test_size: z.number(),
      per_type: z.array(z.object({ type: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number() })),
    }),
    emotion: z.object({
      accuracy: z.number(),
      macro_f1: z.number(),
      train_size: z.number(),
      test_size: z.number(),
      recall: z.record(z.string(), z.number()),
      confusion: confusionSchema.optional(),
    }),
  })
  .passthrough();
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

export const modelVersionSchema = z.object({
  number: z.number().int().positive(),
  status: z.enum(MODEL_VERSION_STATUSES),
  /** "trained" by the queue job, or "shipped" (the committed models/<bot>/ files). */
  origin: z.enum(['trained', 'shipped']),
  dataHash: z.string().nullable(),
  metrics: modelMetricsSchema.nullable(),
  /** Training progress: stage (queued, loading, intent, slots, emotion, evaluate, storing, done, failed) and percent. */
  progress: z.object({ stage: z.string(), percent: z.number(), epoch: z.number(), epochs: z.number() }).partial(),
  error: z.string().nullable(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  active: z.boolean(),
  /** Share of new conversations this version serves as a canary (null: not a canary). */
  canaryPercent: z.number().int().nullable(),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const modelListSchema = z.object({
  /** Number of the active version, or null (the bot is served by the baseline matcher). */
  active: z.number().int().nullable(),
  versions: z.array(modelVersionSchema),
  /** Activations, newest first (a rollback is an activation of an older version). */
  history: z.array(z.object({ number: z.number().int(), actor: z.string(), activatedAt: z.string() })),
  /** The release pointer in the one versioning (kind "model"): live and canary with their artefacts. */
  release: modelReleaseSchema,
});
export type ModelList = z.infer<typeof modelListSchema>;
