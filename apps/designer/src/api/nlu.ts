import { nluDataViewSchema, type NluData } from '@zhishou/flow-schema';
import type { ApiClient } from './client';

const enc = encodeURIComponent;

/** The bot's NLU data and its draft revision (optimistic concurrency; 0 before the first save). */
export interface NluDocument {
  data: NluData;
  revision: number;
}

export function nluApi(api: ApiClient) {
  return {
    get: async (bot: string): Promise<NluDocument> => {
      const view = await api.get(`/v1/bots/${enc(bot)}/nlu`, nluDataViewSchema);
      return { data: view.document, revision: view.revision };
    },
    save: async (bot: string, doc: NluDocument): Promise<NluDocument> => {
      const view = await api.put(`/v1/bots/${enc(bot)}/nlu`, { document: doc.data, revision: doc.revision }, nluDataViewSchema);
      return { data: view.document, revision: view.revision };
    },
  };
}
