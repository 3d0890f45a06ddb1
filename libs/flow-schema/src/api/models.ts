import { z } from 'zod';
import { isoDateTime } from './common';
import { modelReleaseSchema } from './versioning-kinds';

/** /v1/bots/:bot/models… — the bot's NLU model registry. */
export const MODEL_VERSION_STATUSES = ['queued', 'training', 'ready', 'failed'] as const;

export const trainModelBodySchema = z.object({ note: z.string().max(500).default('').describe('what changed') }).default({ note: '' });
export type TrainModelBody = z.infer<typeof trainModelBodySchema>;

const score = z.number().describe('0–100');
const perClassSchema = z.strictObject({ label: z.string().describe('intent'), precision: score, recall: score, f1: score, support: z.number().describe('held-out samples') });
const confusionSchema = z.strictObject({ labels: z.array(z.string()).describe('row/column labels'), matrix: z.array(z.array(z.number())).describe('gold rows × predicted columns') });
const size = z.number().describe('samples');
// `temperature`, `seconds`, `served_accuracy`, `bot`, `seed`, `sizes` come with the committed models/<bot>/metrics.json.
const seconds = z.number().optional().describe('training time of this model, s');
const temperature = z.number().optional().describe('calibration temperature');

/** Evaluation of a version on its held-out data; all scores 0–100. */
export const modelMetricsSchema = z.strictObject({
  train_seconds: z.number().describe('whole training, s'),
  bot: z.string().optional().describe('bot the committed model was trained for'),
  seed: z.number().optional().describe('random seed'),
  sizes: z.record(z.string(), z.number()).optional().describe('ONNX file sizes, bytes'),
  intent: z.strictObject({
    accuracy: score,
    macro_f1: score,
    train_size: size,
    test_size: size,
    per_class: z.array(perClassSchema),
    confusion: confusionSchema.optional(),
    worst: z.array(z.strictObject({ text: z.string(), gold: z.string(), predicted: z.string(), confidence: z.number() })).describe('most confident mistakes'),
    temperature,
    seconds,
  }),
  slots: z.strictObject({
    f1: score,
    precision: score,
    recall: score,
    train_size: size,
    test_size: size,
    per_type: z.array(z.strictObject({ type: z.string().describe('slot type'), precision: score, recall: score, f1: score, support: z.number() })),
    seconds,
  }),
  emotion: z.strictObject({
    accuracy: score,
    macro_f1: score,
    train_size: size,
    test_size: size,
    recall: z.record(z.string(), z.number()).describe('recall per emotion'),
    confusion: confusionSchema.optional(),
    served_accuracy: z.number().optional().describe('accuracy of the served merge (model + lexicon)'),
    temperature,
    seconds,
  }),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

export const modelVersionSchema = z.strictObject({
  number: z.number().int().positive().describe('version number'),
  status: z.enum(MODEL_VERSION_STATUSES).describe('training life cycle'),
  origin: z.enum(['trained', 'shipped']).describe('"trained" by the queue job, or "shipped" (the committed models/<bot>/ files)'),
  dataHash: z.string().nullable().describe('hash of the NLU data it was trained on'),
  metrics: modelMetricsSchema.nullable(),
  progress: z
    .strictObject({ stage: z.string(), percent: z.number(), epoch: z.number(), epochs: z.number() })
    .partial()
    .describe('training progress: stage (queued, loading, intent, slots, emotion, evaluate, storing, done, failed) and percent'),
  error: z.string().nullable().describe('why training failed'),
  note: z.string().describe('what changed'),
  createdBy: z.string().describe('who started it'),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  active: z.boolean().describe('serves the bot now'),
  canaryPercent: z.number().int().nullable().describe('share of new conversations this version serves as a canary (null: not a canary)'),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const modelListSchema = z.strictObject({
  active: z.number().int().nullable().describe('number of the active version, or null (the bot is served by the baseline matcher)'),
  versions: z.array(modelVersionSchema),
  history: z
    .array(z.strictObject({ number: z.number().int().describe('version activated'), actor: z.string().describe('who'), activatedAt: isoDateTime }))
    .describe('activations, newest first (a rollback is an activation of an older version)'),
  release: modelReleaseSchema.describe('the release pointer in the one versioning (kind "model"): live and canary with their artefacts'),
});
export type ModelList = z.infer<typeof modelListSchema>;
