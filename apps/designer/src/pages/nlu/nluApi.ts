import { nluDataSchema, nluGateResultSchema, nluPublishResultSchema, nluStatusSchema, type NluData, type NluGateResult } from '@zhishou/flow-schema';
import { ApiError } from '../../api/client';
import type { ApiClient } from '../../api/client';

const enc = encodeURIComponent;

export interface NluDocument {
  data: NluData;
  /** Draft revision when the api versions NLU data (optimistic concurrency), otherwise undefined. */
  revision?: number;
}

/** Reads either a bare NluData or a versioned draft `{ document, revision }`. */
export function readNluDocument(body: unknown): NluDocument {
  if (body && typeof body === 'object' && 'document' in body) {
    const { document, revision } = body as { document: unknown; revision?: number };
    return { data: nluDataSchema.parse(document ?? {}), revision: typeof revision === 'number' ? revision : undefined };
  }
  return { data: nluDataSchema.parse(body ?? {}) };
}

export function nluApi(api: ApiClient) {
  return {
    get: async (bot: string) => readNluDocument(await api.get<unknown>(`/v1/bots/${enc(bot)}/nlu`)),
    save: async (bot: string, doc: NluDocument) =>
      readNluDocument(
        await api.put<unknown>(`/v1/bots/${enc(bot)}/nlu`, doc.revision === undefined ? doc.data : { document: doc.data, revision: doc.revision }),
      ),
    /** Draft vs live: the live version and what the draft changes. */
    status: async (bot: string) => nluStatusSchema.parse(await api.get<unknown>(`/v1/bots/${enc(bot)}/nlu/status`)),
    /** Publishes the saved draft behind the held-out gate and makes it live for new conversations. */
    publish: async (bot: string, revision: number, note: string) =>
      nluPublishResultSchema.parse(await api.post<unknown>(`/v1/bots/${enc(bot)}/nlu/publish`, { note, revision })),
  };
}

/** The gate's comparison carried by a `400 tests_failed` refusal of an NLU publish, if that is what `error` is. */
export function refusedGate(error: unknown): NluGateResult | null {
  if (!(error instanceof ApiError) || error.code !== 'tests_failed' || typeof error.body !== 'object' || error.body === null) return null;
  const body = error.body as { message?: unknown; gate?: unknown };
  const parsed = nluGateResultSchema.safeParse({ passed: false, message: body.message, details: body.gate });
  return parsed.success ? parsed.data : null;
}
