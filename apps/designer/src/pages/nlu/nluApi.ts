import { nluDataSchema, type NluData } from '@zhishou/flow-schema';
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
  };
}
