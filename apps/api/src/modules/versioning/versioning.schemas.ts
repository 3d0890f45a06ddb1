import { z } from 'zod';

/**
 * Wire shapes of the versioning endpoints (flows here; rule sets reuse them), for the OpenAPI document
 * at /docs. They mirror `DraftView` and the records in versioning.types.ts as sent (dates as ISO strings).
 */
const positive = z.number().int().positive();

export const draftViewSchema = z.object({
  key: z.string(),
  kind: z.string(),
  document: z.unknown().describe('the draft document (for flows: a Flow)'),
  revision: positive,
  updatedBy: z.string(),
  updatedAt: z.iso.datetime(),
  liveVersion: positive.nullable(),
  canary: z.object({ version: positive, percent: z.number().int() }).nullable(),
});

export const versionSummarySchema = z.object({
  bot: z.string(),
  kind: z.string(),
  key: z.string(),
  number: positive,
  contentHash: z.string().describe('sha256 of the canonical JSON content'),
  author: z.string(),
  note: z.string(),
  nluModelVersion: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const versionRecordSchema = versionSummarySchema.extend({ content: z.unknown().describe('the immutable published document') });

export const releaseAuditSchema = z.object({
  bot: z.string(),
  kind: z.string(),
  key: z.string(),
  fromVersion: positive.nullable(),
  toVersion: positive.nullable(),
  canaryVersion: positive.nullable(),
  canaryPercent: z.number().int(),
  actor: z.string(),
  reason: z.string(),
  createdAt: z.iso.datetime(),
});

export const validationIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().optional(),
  messageKey: z.string().optional().describe('i18n key the designer renders with `params`'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  path: z.string().optional(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});

export const validationReportSchema = z.object({
  valid: z.boolean().describe('false when any issue has severity "error" (publishing is then refused)'),
  issues: z.array(validationIssueSchema),
});

const versionRefSchema = z.object({ number: positive, contentHash: z.string() });
export const versionDiffSchema = z.object({
  from: versionRefSchema,
  to: versionRefSchema,
  identical: z.boolean(),
  changes: z.unknown().describe('kind-specific structural diff (flows: nodes and edges added, removed, changed); null when the kind has none'),
});
