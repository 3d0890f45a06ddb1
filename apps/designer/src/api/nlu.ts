import {
  nluDataSchema,
  nluDataViewSchema,
  nluGateResultSchema,
  nluPublishResultSchema,
  nluStatusSchema,
  nluVersionDiffSchema,
  releaseAuditListSchema,
  releaseAuditSchema,
  versionRecordSchemaOf,
  versionSummaryListSchema,
  type NluData,
  type NluGateResult,
} from '@zhishou/flow-schema';
import { ApiError, type ApiClient } from './client';

const enc = encodeURIComponent;
const nluVersionSchema = versionRecordSchemaOf(nluDataSchema);

/** The bot's NLU data and its draft revision (optimistic concurrency; 0 before the first save). */
export interface NluDocument {
  data: NluData;
  revision: number;
}

/** NLU data is a versioned kind: a draft, gated publishing, versions and a live pointer (`/v1/bots/:bot/nlu…`). */
export function nluApi(api: ApiClient) {
  const base = (bot: string) => `/v1/bots/${enc(bot)}/nlu`;
  return {
    get: async (bot: string): Promise<NluDocument> => {
      const view = await api.get(base(bot), nluDataViewSchema);
      return { data: view.document, revision: view.revision };
    },
    save: async (bot: string, doc: NluDocument): Promise<NluDocument> => {
      const view = await api.put(base(bot), { document: doc.data, revision: doc.revision }, nluDataViewSchema);
      return { data: view.document, revision: view.revision };
    },
    /** Draft vs live: the live version and what the draft changes. */
    status: (bot: string) => api.get(`${base(bot)}/status`, nluStatusSchema),
    /** The publish gate on the saved draft, without publishing. */
    gate: (bot: string) => api.post(`${base(bot)}/gate`, {}, nluGateResultSchema),
    /** Publishes the saved draft behind the held-out gate and makes it live for new conversations. */
    publish: (bot: string, revision: number, note: string) => api.post(`${base(bot)}/publish`, { note, revision }, nluPublishResultSchema),
    versions: (bot: string) => api.get(`${base(bot)}/versions`, versionSummaryListSchema),
    version: (bot: string, number: number) => api.get(`${base(bot)}/versions/${number}`, nluVersionSchema),
    diff: (bot: string, from: number, to: number) => api.get(`${base(bot)}/diff?from=${from}&to=${to}`, nluVersionDiffSchema),
    /** Moves the live pointer (an earlier version = rollback). */
    setLive: (bot: string, version: number, reason?: string) => api.put(`${base(bot)}/live`, { version, reason }, releaseAuditSchema),
    releases: (bot: string) => api.get(`${base(bot)}/releases`, releaseAuditListSchema),
  };
}

/** The gate's comparison carried by a `400 tests_failed` refusal of an NLU publish, if that is what `error` is. */
export function refusedGate(error: unknown): NluGateResult | null {
  if (!(error instanceof ApiError) || error.code !== 'tests_failed' || typeof error.body !== 'object' || error.body === null) return null;
  const body = error.body as { message?: unknown; gate?: unknown };
  const parsed = nluGateResultSchema.safeParse({ passed: false, message: body.message, details: body.gate });
  return parsed.success ? parsed.data : null;
}
