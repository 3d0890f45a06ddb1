import { z } from 'zod';
import { flowSchema } from '../flow';
import { draftRequestSchemasOf, draftViewSchemaOf, versionRecordSchemaOf } from './versioning';

/** /v1/bots/:bot/flows… — the versioning routes with the Flow document. */
export const flowDraftSchema = draftViewSchemaOf(flowSchema);
export type FlowDraft = z.infer<typeof flowDraftSchema>;
export const flowDraftListSchema = z.array(flowDraftSchema);
export const flowVersionSchema = versionRecordSchemaOf(flowSchema);
export type FlowVersion = z.infer<typeof flowVersionSchema>;

/** Documented request bodies (the Flow shape); the api's pipes use `flowRequestPipes` so older schema versions still migrate on save. */
export const flowRequestSchemas = draftRequestSchemasOf(flowSchema);
export const flowRequestPipes = draftRequestSchemasOf(z.unknown());
