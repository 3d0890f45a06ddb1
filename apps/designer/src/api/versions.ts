import {
  flowVersionSchema,
  releaseAuditSchema,
  validationReportSchema,
  versionDiffSchema,
  versionSummaryListSchema,
  type FlowInput,
} from '@zhishou/flow-schema';
import type { ApiClient } from './client';

const enc = encodeURIComponent;

/** A flow's published versions, validation, publishing and the live pointer. */
export function versionsApi(api: ApiClient) {
  const flowPath = (bot: string, flow: string) => `/v1/bots/${enc(bot)}/flows/${enc(flow)}`;
  return {
    list: (bot: string, flow: string) => api.get(`${flowPath(bot, flow)}/versions`, versionSummaryListSchema),
    get: (bot: string, flow: string, version: number) => api.get(`${flowPath(bot, flow)}/versions/${version}`, flowVersionSchema),
    diff: (bot: string, flow: string, from: number, to: number) => api.get(`${flowPath(bot, flow)}/diff?from=${from}&to=${to}`, versionDiffSchema),
    validate: (bot: string, flow: string, document: FlowInput) => api.post(`${flowPath(bot, flow)}/validate`, { document }, validationReportSchema),
    publish: (bot: string, flow: string, note: string, revision?: number) =>
      api.post(`${flowPath(bot, flow)}/publish`, revision === undefined ? { note } : { note, revision }, flowVersionSchema),
    setLive: (bot: string, flow: string, version: number, reason?: string) =>
      api.put(`${flowPath(bot, flow)}/live`, reason ? { version, reason } : { version }, releaseAuditSchema),
  };
}

/** A canary share: this version answers `percent` % of new conversations while the live one takes the rest. */
export interface CanaryShare {
  version: number;
  percent: number;
}

/** Starts (or changes) a canary next to the live version; `null` clears it. */
export function setCanary(api: ApiClient, bot: string, flow: string, live: number, canary: CanaryShare | null) {
  return api.put(`/v1/bots/${enc(bot)}/flows/${enc(flow)}/live`, { version: live, reason: canary ? 'canary' : 'canary cleared', canary }, releaseAuditSchema);
}
