import {
  apiKeyListSchema,
  botListSchema,
  botSchema,
  createdApiKeySchema,
  flowDraftListSchema,
  flowDraftSchema,
  flowVersionSchema,
  loginResponseSchema,
  userSchema,
  type FlowInput,
} from '@zhishou/flow-schema';
import { noBody, type ApiClient } from './client';

const enc = encodeURIComponent;

/** The routes the shell and the flow editor use; each area has its own file beside this one. */
export function endpoints(api: ApiClient) {
  return {
    login: (email: string, password: string) => api.post('/v1/auth/login', { email, password }, loginResponseSchema),
    me: () => api.get('/v1/auth/me', userSchema),
    listBots: () => api.get('/v1/bots', botListSchema),
    getBot: (bot: string) => api.get(`/v1/bots/${enc(bot)}`, botSchema),
    createBot: (body: { key: string; name: string; description?: string }) => api.post('/v1/bots', body, botSchema),
    listApiKeys: (bot: string) => api.get(`/v1/bots/${enc(bot)}/api-keys`, apiKeyListSchema),
    createApiKey: (bot: string, name: string) => api.post(`/v1/bots/${enc(bot)}/api-keys`, { name }, createdApiKeySchema),
    deleteApiKey: (bot: string, id: string) => api.delete(`/v1/bots/${enc(bot)}/api-keys/${enc(id)}`, noBody),
    listFlows: (bot: string) => api.get(`/v1/bots/${enc(bot)}/flows`, flowDraftListSchema),
    getFlow: (bot: string, flow: string) => api.get(`/v1/bots/${enc(bot)}/flows/${enc(flow)}`, flowDraftSchema),
    createFlow: (bot: string, document: FlowInput) => api.post(`/v1/bots/${enc(bot)}/flows`, { document }, flowDraftSchema),
    saveFlow: (bot: string, flow: string, document: FlowInput, revision: number) =>
      api.put(`/v1/bots/${enc(bot)}/flows/${enc(flow)}`, { document, revision }, flowDraftSchema),
    getFlowVersion: (bot: string, flow: string, version: number) => api.get(`/v1/bots/${enc(bot)}/flows/${enc(flow)}/versions/${version}`, flowVersionSchema),
  };
}
export type Endpoints = ReturnType<typeof endpoints>;
