import { modelDiffSchema, modelListSchema, modelVersionSchema } from '@zhishou/flow-schema';
import type { ApiClient } from './client';

const enc = encodeURIComponent;

/** The bot's NLU model registry (`/v1/bots/:bot/models…`). */
export function modelsApi(api: ApiClient) {
  const base = (bot: string) => `/v1/bots/${enc(bot)}/models`;
  return {
    list: (bot: string) => api.get(base(bot), modelListSchema),
    get: (bot: string, version: number) => api.get(`${base(bot)}/${version}`, modelVersionSchema),
    train: (bot: string, note: string) => api.post(`${base(bot)}/train`, { note }, modelVersionSchema),
    activate: (bot: string, version: number) => api.post(`${base(bot)}/${version}/activate`, {}, modelVersionSchema),
    /** Releases a ready version to `percent` of new conversations (sticky per conversation). */
    canary: (bot: string, version: number, percent: number) => api.post(`${base(bot)}/${version}/canary`, { percent }, modelVersionSchema),
    /** Two versions side by side: data, settings and per-intent F1. */
    diff: (bot: string, from: number, to: number) => api.get(`${base(bot)}/diff?from=${from}&to=${to}`, modelDiffSchema),
  };
}
