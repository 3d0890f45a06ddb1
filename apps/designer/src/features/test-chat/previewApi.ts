import type { NluResult, Reply, TraceEntry } from '@zhishou/flow-schema';
import type { ApiClient } from '../../api/client';

const enc = encodeURIComponent;

export type PreviewVersion = number | 'draft';

export interface PreviewRequest {
  messageId: string;
  text?: string;
  image?: string;
  flow: string;
  version: PreviewVersion;
}

/** What the api's preview mode answers for one turn (always with the trace). */
export interface PreviewTurn {
  replies: Reply[];
  state: { status: string; node: string | null; slots: Record<string, unknown> };
  /** Flow variables after the turn (absent from older stored answers). */
  vars?: Record<string, unknown>;
  nlu: NluResult | null;
  trace: TraceEntry[];
}

export function previewApi(api: ApiClient) {
  return {
    send: (bot: string, session: string, body: PreviewRequest) =>
      api.post<PreviewTurn>(`/v1/bots/${enc(bot)}/preview/${enc(session)}/messages`, body),
    reset: (bot: string, session: string) => api.delete<unknown>(`/v1/bots/${enc(bot)}/preview/${enc(session)}`),
  };
}

export function newId(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}
