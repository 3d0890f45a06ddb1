import { z } from 'zod';
import { SCENARIO_EXPECTED_KINDS } from '../rule';
import { isoDateTime, versionPairQuerySchema } from './common';
import { versionDiffSchema } from './versioning';

/**
 * Wire shapes of the routes that put NLU data, trained models and rule-set scenarios into the one
 * versioning (drafts, gates, versions, live pointer, canary). Shared by the api and the designer;
 * responses are strict (README.md).
 */
const positive = z.number().int().positive();

export const versionSummaryWireSchema = z.strictObject({
  number: positive.describe('version number, 1, 2, …'),
  contentHash: z.string().describe('sha256 of the canonical JSON content'),
  author: z.string().describe('who published it'),
  note: z.string().describe('release note'),
  createdAt: isoDateTime,
});

/** Intent quality on a held-out split (percent, one decimal). */
export const qualityReportSchema = z.strictObject({
  size: z.number().int().nonnegative().describe('held-out examples'),
  accuracy: z.number().describe('intent accuracy, percent'),
  macroF1: z.number().describe('macro-averaged F1, percent'),
  perIntent: z
    .array(
      z.strictObject({
        label: z.string().describe('intent'),
        precision: z.number().describe('percent'),
        recall: z.number().describe('percent'),
        f1: z.number().describe('percent'),
        support: z.number().int().describe('held-out examples of this intent'),
      }),
    )
    .describe('one row per intent'),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

/** The gate of NLU data and models: the candidate must not score lower than live on the bot's fixed held-out split. */
export const nluGateResultSchema = z.strictObject({
  passed: z.boolean().describe('the candidate does not score lower than live'),
  message: z.string().describe('English summary'),
  details: z.strictObject({
    heldOut: z.strictObject({
      source: z.enum(['shipped', 'split']).describe('shipped: models/<bot>/corpus/intent_test.tsv; split: a fixed hash split of the examples'),
      size: z.number().int().describe('held-out examples'),
    }),
    live: qualityReportSchema.nullable().describe('null before the first release'),
    candidate: qualityReportSchema.describe('the draft or model being gated'),
  }),
});
export type NluGateResult = z.infer<typeof nluGateResultSchema>;

/** NLU data draft vs another version: what changed. */
export const nluDiffSchema = z.strictObject({
  intentsAdded: z.array(z.string()).describe('intent names'),
  intentsRemoved: z.array(z.string()).describe('intent names'),
  intentsChanged: z.array(z.string()).describe('intents whose name, examples or keywords changed'),
  examplesAdded: z.number().int().describe('examples added over all intents'),
  examplesRemoved: z.number().int().describe('examples removed over all intents'),
  slotTypesChanged: z.array(z.string()).describe('slot types added, removed or changed'),
  settingsChanged: z.boolean().describe('locale or out-of-scope threshold'),
  count: z.number().int().describe('number of changes (the badge in the designer)'),
});
export type NluDiff = z.infer<typeof nluDiffSchema>;

export const nluStatusSchema = z.strictObject({
  revision: z.number().int().nonnegative().describe('draft revision (0: no NLU data yet)'),
  liveVersion: positive.nullable().describe('the version new conversations get; null: nothing published, no NLU'),
  identical: z.boolean().describe('the draft equals the live version'),
  changes: nluDiffSchema.nullable().describe('draft vs live; null when nothing is live'),
});
export type NluStatus = z.infer<typeof nluStatusSchema>;

export const nluPublishBodySchema = z.object({
  note: z.string().max(2000).default('').describe('release note'),
  revision: positive.optional().describe('refuse (409) when the draft has moved past this revision'),
});
export const nluPublishResultSchema = z.strictObject({
  version: versionSummaryWireSchema.describe('the version just published'),
  liveVersion: positive.describe('now live for new conversations'),
  gate: nluGateResultSchema.describe('the gate that let it through'),
});
export type NluPublishResult = z.infer<typeof nluPublishResultSchema>;

/** PUT /v1/bots/:bot/nlu/live: move the live pointer (an earlier version = rollback). */
export const nluLiveRequestSchema = z.object({
  version: positive.describe('the version to make live'),
  reason: z.string().max(2000).optional().describe('why (audited)'),
});
/** `?from&to` of the NLU diff: whole numbers inside int4 (query strings, coerced). */
export const nluDiffQuerySchema = versionPairQuerySchema;
/** Two NLU data versions: the shared diff with the NLU-specific changes. */
export const nluVersionDiffSchema = versionDiffSchema.extend({ changes: nluDiffSchema.describe('what changed from `from` to `to`') });
export type NluVersionDiff = z.infer<typeof nluVersionDiffSchema>;

/** A model version released as a canary: `percent` of new conversations start on it (sticky per conversation). */
export const modelCanaryBodySchema = z.object({ percent: z.number().int().min(1).max(99).describe('share of new conversations, 1–99') });

/** What a model release stores (the versioned content of kind "model"): the artefact plus what explains it. Read from storage, not a response. */
export const modelReleaseContentSchema = z.object({
  artefact: positive.describe('the model registry version whose ONNX files serve'),
  dataHash: z.string().nullable(),
  settings: z.object({ origin: z.string(), note: z.string() }),
  perIntent: z.array(z.object({ label: z.string(), f1: z.number(), support: z.number() })),
  accuracy: z.number().nullable(),
  macroF1: z.number().nullable(),
});
export type ModelReleaseContent = z.infer<typeof modelReleaseContentSchema>;

const nullableMetric = z.number().nullable();
/** Two model versions side by side: data, settings and per-class metrics. */
export const modelDiffSchema = z.strictObject({
  from: z.strictObject({ number: positive.describe('model version') }),
  to: z.strictObject({ number: positive.describe('model version') }),
  data: z.strictObject({
    from: z.string().nullable().describe('training data hash of `from`'),
    to: z.string().nullable().describe('training data hash of `to`'),
    same: z.boolean().describe('both trained on the same data'),
  }),
  settings: z.array(z.strictObject({ field: z.string().describe('setting'), from: z.string().describe('value in `from`'), to: z.string().describe('value in `to`') })).describe('settings that differ'),
  metrics: z.strictObject({
    accuracy: z.tuple([nullableMetric, nullableMetric]).describe('[from, to], percent'),
    macroF1: z.tuple([nullableMetric, nullableMetric]).describe('[from, to], percent'),
  }),
  perIntent: z
    .array(
      z.strictObject({
        label: z.string().describe('intent'),
        from: nullableMetric.describe('F1 in `from`'),
        to: nullableMetric.describe('F1 in `to`'),
        delta: nullableMetric.describe('to − from'),
      }),
    )
    .describe('per-intent F1'),
});
export type ModelDiff = z.infer<typeof modelDiffSchema>;
/** `?from&to` of the model diff: model version numbers inside int4 (query strings, coerced). */
export const modelDiffQuerySchema = versionPairQuerySchema;

/** The model release pointer as the models page reads it. */
export const modelReleaseSchema = z.strictObject({
  live: z.strictObject({ version: positive.describe('release version'), artefact: positive.describe('model registry version') }).nullable().describe('null before the first release'),
  canary: z
    .strictObject({ version: positive.describe('release version'), artefact: positive.describe('model registry version'), percent: z.number().int().describe('share of new conversations') })
    .nullable()
    .describe('null without a canary'),
});
export type ModelRelease = z.infer<typeof modelReleaseSchema>;

/** A rule set's scenarios replayed: what each expected, what the simulator did. */
export const scenarioResultSchema = z.strictObject({
  id: z.string().describe('scenario id'),
  name: z.string().describe('scenario name'),
  passed: z.boolean().describe('every expectation held'),
  expectations: z
    .array(
      z.strictObject({
        ruleId: z.string().describe('rule'),
        kind: z.enum(SCENARIO_EXPECTED_KINDS).describe('what was counted'),
        expected: z.number().int().describe('expected count'),
        actual: z.number().int().describe('simulated count'),
        passed: z.boolean().describe('expected = actual'),
      }),
    )
    .describe('one per expectation'),
  error: z.string().nullable().describe('the timeline could not run (bad event, unknown rule)'),
});
export const scenarioGateResultSchema = z.strictObject({
  passed: z.boolean().describe('every scenario passed'),
  message: z.string().describe('English summary'),
  details: z.strictObject({ total: z.number().int().describe('scenarios'), failed: z.number().int().describe('failed scenarios'), scenarios: z.array(scenarioResultSchema) }),
});
export type ScenarioGateResult = z.infer<typeof scenarioGateResultSchema>;
