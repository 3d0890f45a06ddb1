import type { FlowInput } from '@zhishou/flow-schema';
import type { ApiClient } from './client';
import type { ApiKey, Bot, CreatedApiKey, FlowDraft, FlowSummary, LoginResponse, User, VersionRecord } from './types';

const enc = encodeURIComponent;

/** Typed wrappers for the routes the shell and the flow editor use; other pages add their own files. */
export function endpoints(api: ApiClient) {
  return {
    login: (email: string, password: string) => api.post<LoginResponse>('/v1/auth/login', { email, password }),
    me: () => api.get<User>('/v1/auth/me'),
    listBots: () => api.get<Bot[]>('/v1/bots'),
    getBot: (bot: string) => api.get<Bot>(`/v1/bots/${enc(bot)}`),
    createBot: (body: { key: string; name: string; description?: string }) => api.post<Bot>('/v1/bots', body),
    listApiKeys: (bot: string) => api.get<ApiKey[]>(`/v1/bots/${enc(bot)}/api-keys`),
    createApiKey: (bot: string, name: string) => api.post<CreatedApiKey>(`/v1/bots/${enc(bot)}/api-keys`, { name }),
    deleteApiKey: (bot: string, id: string) => api.delete<void>(`/v1/bots/${enc(bot)}/api-keys/${enc(id)}`),
    listFlows: (bot: string) => api.get<FlowSummary[]>(`/v1/bots/${enc(bot)}/flows`),
    getFlow: (bot: string, flow: string) => api.get<FlowDraft>(`/v1/bots/${enc(bot)}/flows/${enc(flow)}`),
    createFlow: (bot: string, document: FlowInput) => api.post<FlowDraft>(`/v1/bots/${enc(bot)}/flows`, { document }),
    saveFlow: (bot: string, flow: string, document: FlowInput, revision: number) =>
      api.put<FlowDraft>(`/v1/bots/${enc(bot)}/flows/${enc(flow)}`, { document, revision }),
    getFlowVersion: (bot: string, flow: string, version: number) =>
      api.get<VersionRecord>(`/v1/bots/${enc(bot)}/flows/${enc(flow)}/versions/${version}`),
  };
}
export type Endpoints = ReturnType<typeof endpoints>;
