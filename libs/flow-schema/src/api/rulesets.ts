import { z } from 'zod';
import { ruleSetSchema } from '../rule';
import { draftRequestSchemasOf, draftViewSchemaOf, setLiveRequestSchema, versionRecordSchemaOf } from './versioning';

/** /v1/bots/:bot/rulesets… — the versioning routes with the RuleSet document (no canary yet). */
export const ruleSetDraftSchema = draftViewSchemaOf(ruleSetSchema);
export type RuleSetDraft = z.infer<typeof ruleSetDraftSchema>;
export const ruleSetDraftListSchema = z.array(ruleSetDraftSchema);
export const ruleSetVersionSchema = versionRecordSchemaOf(ruleSetSchema);
export type RuleSetVersion = z.infer<typeof ruleSetVersionSchema>;

export const ruleSetRequestSchemas = draftRequestSchemasOf(ruleSetSchema);
export const ruleSetRequestPipes = draftRequestSchemasOf(z.unknown());
export const ruleSetLiveRequestSchema = setLiveRequestSchema.omit({ canary: true });
