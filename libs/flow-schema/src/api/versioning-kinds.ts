import { z } from 'zod';
import { SCENARIO_EXPECTED_KINDS } from '../rule';

/**
 * Wire shapes of the routes that put NLU data, trained models and rule-set scenarios into the one
 * versioning (drafts, gates, versions, live pointer, canary). Shared by the api and the designer.
 */
const positive = z.number().int().positive();

export const versionSummaryWireSchema = z.object({
  number: positive,
  contentHash: z.string().describe('sha256 of the canonical JSON content'),
  author: z.string(),
  note: z.string(),
  createdAt: z.iso.datetime(),
});

/** Intent quality on a held-out split (percent, one decimal). */
export const qualityReportSchema = z.object({
  size: z.number().int().nonnegative().describe('held-out examples'),
  accuracy: z.number(),
  macroF1: z.number(),
  perIntent: z.array(z.object({ label: z.string(), precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int() })),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

/** The gate of NLU data and models: the candidate must not score lower than live on the bot's fixed held-out split. */
export const nluGateResultSchema = z.object({
  passed: z.boolean(),
  message: z.string(),
  details: z.object({
    heldOut: z.object({ source: z.enum(['shipped', 'split']).describe('shipped: models/<bot>/corpus/intent_test.tsv; split: a fixed hash split of the examples'), size: z.number().int() }),
    live: qualityReportSchema.nullable().describe('null before the first release'),
    candidate: qualityReportSchema,
  }),
});
export type NluGateResult = z.infer<typeof nluGateResultSchema>;

/** NLU data draft vs another version: what changed. */
export const nluDiffSchema = z.object({
  intentsAdded: z.array(z.string()),
  intentsRemoved: z.array(z.string()),
  intentsChanged: z.array(z.string()).describe('intents whose name, examples or keywords changed'),
  examplesAdded: z.number().int(),
  examplesRemoved: z.number().int(),
  slotTypesChanged: z.array(z.string()).describe('slot types added, removed or changed'),
  settingsChanged: z.boolean().describe('locale or out-of-scope threshold'),
  count: z.number().int().describe('number of changes (the badge in the designer)'),
});
export type NluDiff = z.infer<typeof nluDiffSchema>;

export const nluStatusSchema = z.object({
  revision: z.number().int().nonnegative().describe('draft revision (0: no NLU data yet)'),
  liveVersion: positive.nullable().describe('the version new conversations get; null: nothing published, no NLU'),
  identical: z.boolean().describe('the draft equals the live version'),
  changes: nluDiffSchema.nullable().describe('draft vs live; null when nothing is live'),
});
export type NluStatus = z.infer<typeof nluStatusSchema>;

export const nluPublishBodySchema = z.object({
  note: z.string().max(2000).default(''),
  revision: positive.optional().describe('refuse (409) when the draft has moved past this revision'),
});
export const nluPublishResultSchema = z.object({ version: versionSummaryWireSchema, liveVersion: positive, gate: nluGateResultSchema });
export type NluPublishResult = z.infer<typeof nluPublishResultSchema>;

/** A model version released as a canary: `percent` of new conversations start on it (sticky per conversation). */
export const modelCanaryBodySchema = z.object({ percent: z.number().int().min(1).max(99) });

/** What a model release stores (the versioned content of kind "model"): the artefact plus what explains it. */
export const modelReleaseContentSchema = z.object({
  artefact: positive.describe('the model registry version whose ONNX files serve'),
  dataHash: z.string().nullable(),
  settings: z.object({ origin: z.string(), note: z.string() }),
  perIntent: z.array(z.object({ label: z.string(), f1: z.number(), support: z.number() })),
  accuracy: z.number().nullable(),
  macroF1: z.number().nullable(),
});
export type ModelReleaseContent = z.infer<typeof modelReleaseContentSchema>;

/** Two model versions side by side: data, settings and per-class metrics. */
export const modelDiffSchema = z.object({
  from: z.object({ number: positive }),
  to: z.object({ number: positive }),
  data: z.object({ from: z.string().nullable(), to: z.string().nullable(), same: z.boolean() }),
  settings: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
  metrics: z.object({ accuracy: z.tuple([z.number().nullable(), z.number().nullable()]), macroF1: z.tuple([z.number().nullable(), z.number().nullable()]) }),
  perIntent: z.array(z.object({ label: z.string(), from: z.number().nullable(), to: z.number().nullable(), delta: z.number().nullable() })),
});
export type ModelDiff = z.infer<typeof modelDiffSchema>;

/** The model release pointer as the models page reads it. */
export const modelReleaseSchema = z.object({
  live: z.object({ version: positive, artefact: positive }).nullable(),
  canary: z.object({ version: positive, artefact: positive, percent: z.number().int() }).nullable(),
});
export type ModelRelease = z.infer<typeof modelReleaseSchema>;

/** A rule set's scenarios replayed: what each expected, what the simulator did. */
export const scenarioResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  passed: z.boolean(),
  expectations: z.array(z.object({ ruleId: z.string(), kind: z.enum(SCENARIO_EXPECTED_KINDS), expected: z.number().int(), actual: z.number().int(), passed: z.boolean() })),
  error: z.string().nullable().describe('the timeline could not run (bad event, unknown rule)'),
});
export const scenarioGateResultSchema = z.object({
  passed: z.boolean(),
  message: z.string(),
  details: z.object({ total: z.number().int(), failed: z.number().int(), scenarios: z.array(scenarioResultSchema) }),
});
export type ScenarioGateResult = z.infer<typeof scenarioGateResultSchema>;
