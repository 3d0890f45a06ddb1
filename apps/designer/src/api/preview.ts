import { previewTurnSchema, type PreviewRequest } from '@zhishou/flow-schema';
import { noBody, type ApiClient } from './client';

const enc = encodeURIComponent;

/** The test chat: turns of a flow draft or version in a preview session. */
export function previewApi(api: ApiClient) {
  return {
    send: (bot: string, session: string, body: PreviewRequest) => api.post(`/v1/bots/${enc(bot)}/preview/${enc(session)}/messages`, body, previewTurnSchema),
    reset: (bot: string, session: string) => api.delete(`/v1/bots/${enc(bot)}/preview/${enc(session)}`, noBody),
  };
}

export function newId(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}
