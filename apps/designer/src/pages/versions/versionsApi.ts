import type { FlowInput } from '@zhishou/flow-schema';
import type { ApiClient } from '../../api/client';
import type { ValidationIssue } from '../../api/types';

const enc = encodeURIComponent;

/** A published, immutable flow version as the api lists it. */
export interface VersionSummary {
  number: number;
  contentHash: string;
  author: string;
  note: string;
  nluModelVersion?: string | null;
  createdAt: string;
}

export interface VersionDetail extends VersionSummary {
  content: FlowInput;
}

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}

/** Lists come back either bare or wrapped (`{ items }` / `{ versions }`); accept both. */
export function unwrapList<T>(value: unknown, ...keys: string[]): T[] {
  if (Array.isArray(value)) return value as T[];
  if (value && typeof value === 'object') {
    for (const key of [...keys, 'items']) {
      const inner = (value as Record<string, unknown>)[key];
      if (Array.isArray(inner)) return inner as T[];
    }
  }
  return [];
}

export function versionsApi(api: ApiClient) {
  const flowPath = (bot: string, flow: string) => `/v1/bots/${enc(bot)}/flows/${enc(flow)}`;
  return {
    list: async (bot: string, flow: string) => unwrapList<VersionSummary>(await api.get(`${flowPath(bot, flow)}/versions`), 'versions'),
    get: (bot: string, flow: string, version: number) => api.get<VersionDetail>(`${flowPath(bot, flow)}/versions/${version}`),
    validate: (bot: string, flow: string, document: FlowInput) => api.post<ValidationResult>(`${flowPath(bot, flow)}/validate`, { document }),
    publish: (bot: string, flow: string, note: string, revision?: number) =>
      api.post<VersionSummary>(`${flowPath(bot, flow)}/publish`, revision === undefined ? { note } : { note, revision }),
    setLive: (bot: string, flow: string, version: number, reason?: string) =>
      api.put<unknown>(`${flowPath(bot, flow)}/live`, reason ? { version, reason } : { version }),
  };
}
