import {
  deliveryListSchema,
  fireLogSchema,
  releaseAuditSchema,
  ruleOverviewSchema,
  ruleSetDraftListSchema,
  ruleSetDraftSchema,
  ruleSetVersionSchema,
  versionSummaryListSchema,
  type RuleSetInput,
} from '@zhishou/flow-schema';
import type { ApiClient } from './client';

const enc = encodeURIComponent;

/** Rule sets (the same versioning as flows), the rule overview, the fire log and deliveries. */
export function rulesApi(api: ApiClient) {
  const base = (bot: string) => `/v1/bots/${enc(bot)}/rulesets`;
  return {
    list: (bot: string) => api.get(base(bot), ruleSetDraftListSchema),
    get: (bot: string, key: string) => api.get(`${base(bot)}/${enc(key)}`, ruleSetDraftSchema),
    create: (bot: string, document: RuleSetInput) => api.post(base(bot), { document }, ruleSetDraftSchema),
    save: (bot: string, key: string, document: RuleSetInput, revision: number) => api.put(`${base(bot)}/${enc(key)}`, { document, revision }, ruleSetDraftSchema),
    publish: (bot: string, key: string, note: string, revision?: number) =>
      api.post(`${base(bot)}/${enc(key)}/publish`, revision === undefined ? { note } : { note, revision }, ruleSetVersionSchema),
    versions: (bot: string, key: string) => api.get(`${base(bot)}/${enc(key)}/versions`, versionSummaryListSchema),
    setLive: (bot: string, key: string, version: number) => api.put(`${base(bot)}/${enc(key)}/live`, { version }, releaseAuditSchema),
    deliveries: async (bot: string) => (await api.get(`/v1/bots/${enc(bot)}/rules/deliveries`, deliveryListSchema)).deliveries,
    overview: (bot: string) => api.get(`/v1/bots/${enc(bot)}/rules`, ruleOverviewSchema),
    fires: async (bot: string) => (await api.get(`/v1/bots/${enc(bot)}/rules/fires`, fireLogSchema)).fires,
  };
}
