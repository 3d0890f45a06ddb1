import { z } from 'zod';
import { jsonValueSchema } from '../common';
import { isoDateTime, positiveInt } from './common';

/**
 * The versioning routes every kind of document shares (flows, rule sets; later NLU data, models…):
 * draft with a revision, immutable versions, a live pointer with canary and an audit trail.
 * Each kind instantiates the factories with its document schema (api/flows.ts, api/rulesets.ts).
 */
export const canarySchema = z.strictObject({
  version: positiveInt.describe('version new conversations get for `percent` % of starts'),
  percent: z.number().int().describe('share of new conversations, 1–99'),
});

export function draftViewSchemaOf<D extends z.ZodType>(document: D) {
  return z.strictObject({
    key: z.string().describe("the document's key"),
    kind: z.string().describe('document kind (`flow`, `ruleset`, …)'),
    document: document.describe('the draft document'),
    revision: positiveInt.describe('draft revision: send it back on save (compare-and-set)'),
    updatedBy: z.string().describe('who saved last'),
    updatedAt: isoDateTime,
    liveVersion: positiveInt.nullable().describe('version new conversations get; null before the first release'),
    canary: canarySchema.nullable(),
  });
}

export const versionSummarySchema = z.strictObject({
  bot: z.string().describe('bot key'),
  kind: z.string().describe('document kind'),
  key: z.string().describe('document key'),
  number: positiveInt.describe('version number, 1, 2, …'),
  contentHash: z.string().describe('sha256 of the canonical JSON content'),
  author: z.string().describe('who published it'),
  note: z.string().describe('release note'),
  nluModelVersion: z.string().nullable().describe('active NLU model when it was published'),
  createdAt: isoDateTime,
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;
export const versionSummaryListSchema = z.array(versionSummarySchema);

export function versionRecordSchemaOf<D extends z.ZodType>(content: D) {
  return z.strictObject({ ...versionSummarySchema.shape, content: content.describe('the immutable published document') });
}

export const releaseAuditSchema = z.strictObject({
  bot: z.string().describe('bot key'),
  kind: z.string().describe('document kind'),
  key: z.string().describe('document key'),
  fromVersion: positiveInt.nullable().describe('live version before'),
  toVersion: positiveInt.nullable().describe('live version after'),
  canaryVersion: positiveInt.nullable().describe('canary version after, if any'),
  canaryPercent: z.number().int().describe('canary share after (0 without canary)'),
  actor: z.string().describe('who moved the pointer'),
  reason: z.string().describe('why'),
  createdAt: isoDateTime,
});
export type ReleaseAudit = z.infer<typeof releaseAuditSchema>;
export const releaseAuditListSchema = z.array(releaseAuditSchema);

export const validationIssueSchema = z.strictObject({
  code: z.string().describe('stable issue code'),
  severity: z.enum(['error', 'warning', 'info']).describe('errors block publishing'),
  message: z.string().optional().describe('English text'),
  messageKey: z.string().optional().describe('i18n key the designer renders with `params`'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('values for `messageKey`'),
  path: z.string().optional().describe('path inside the document'),
  nodeId: z.string().optional().describe('node the issue is about'),
  edgeId: z.string().optional().describe('edge the issue is about'),
});
export type ValidationIssueWire = z.infer<typeof validationIssueSchema>;

export const validationReportSchema = z.strictObject({
  valid: z.boolean().describe('false when any issue has severity "error" (publishing is then refused)'),
  issues: z.array(validationIssueSchema),
});
export type ValidationReport = z.infer<typeof validationReportSchema>;

const versionRefSchema = z.strictObject({ number: positiveInt.describe('version number'), contentHash: z.string().describe('sha256 of the content') });
export const versionDiffSchema = z.strictObject({
  from: versionRefSchema,
  to: versionRefSchema,
  identical: z.boolean().describe('same content hash'),
  changes: jsonValueSchema.describe('kind-specific structural diff (flows: nodes and edges added, removed, changed); null when the kind has none'),
});
export type VersionDiff = z.infer<typeof versionDiffSchema>;

/** Request bodies of the versioning routes; `document` is the kind's schema (the api accepts older schema versions and migrates them). */
export function draftRequestSchemasOf<D extends z.ZodType>(document: D) {
  return {
    create: z.object({ document: document.describe("the new document (its key is `document.key`)") }),
    save: z.object({ document: document.describe('the whole draft'), revision: positiveInt.describe('the revision the edit started from') }),
    validate: z.object({ document: document.optional().describe('an unsaved document; the saved draft when absent') }),
  };
}

export const publishRequestSchema = z.object({
  note: z.string().max(2000).default('').describe('release note'),
  revision: positiveInt.optional().describe('refuse (409) when the draft has moved past this revision'),
});
export type PublishRequest = z.input<typeof publishRequestSchema>;

export const setLiveRequestSchema = z.object({
  version: positiveInt.describe('the version to make live (an earlier one = rollback)'),
  reason: z.string().max(2000).optional().describe('why (audited)'),
  canary: z
    .object({ version: positiveInt.describe('canary version'), percent: z.number().int().min(1).max(99).describe('share of new conversations') })
    .nullable()
    .optional()
    .describe('split new conversations; null removes the canary'),
});
export type SetLiveRequest = z.input<typeof setLiveRequestSchema>;
