import type { RuleSetInput } from '@zhishou/flow-schema';
import type { RenderedAction } from '@zhishou/rules';
import type { ApiClient } from '../../api/client';
import { unwrapList, type VersionSummary } from '../versions/versionsApi';

const enc = encodeURIComponent;

/** A rule set draft as the api returns it (the same versioning as flows). */
export interface RuleSetDraft {
  key: string;
  document: RuleSetInput;
  revision: number;
  updatedBy?: string | null;
  updatedAt?: string;
  liveVersion?: number | null;
}

export type FireOutcome = 'scheduled' | 'fired' | 'skipped' | 'cancelled' | 'failed' | 'dead' | 'pending' | string;

export interface FireRecord {
  id: string;
  jobId: string | null;
  /** What the fire rendered: message texts, flows started, webhook URLs. */
  actions: RenderedAction[];
  ruleSet: string | null;
  ruleId: string;
  outcome: FireOutcome;
  at: string;
  eventId: string | null;
  reason: string | null;
  error: string | null;
  attempts: number | null;
  version: number | null;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Fire-log rows, read tolerantly: the triggers module lands in parallel with this page. */
export function readFire(f: Loose, index: number): FireRecord {
  return {
    id: str(f.id) ?? str(f.jobId) ?? String(index),
    jobId: str(f.jobId),
    actions: Array.isArray(f.actions) ? (f.actions as RenderedAction[]) : [],
    ruleSet: str(f.ruleSetKey) ?? str(f.ruleSet) ?? null,
    ruleId: str(f.ruleId) ?? str(f.rule) ?? '?',
    outcome: str(f.outcome) ?? str(f.status) ?? 'unknown',
    at: str(f.firedAt) ?? str(f.at) ?? str(f.updatedAt) ?? str(f.createdAt) ?? '',
    eventId: str(f.eventId) ?? str(f.triggerEventId),
    reason: str(f.reason),
    error: str(f.error) ?? str(f.lastError),
    attempts: num(f.attempts),
    version: num(f.firedVersion) ?? num(f.scheduledVersion) ?? num(f.ruleSetVersion) ?? num(f.version),
  };
}

/** The most recent fire of each rule, for the list's "last fired" column. */
export function lastFireByRule(fires: readonly FireRecord[]): Map<string, FireRecord> {
  const last = new Map<string, FireRecord>();
  for (const f of fires) {
    const seen = last.get(f.ruleId);
    if (!seen || f.at > seen.at) last.set(f.ruleId, f);
  }
  return last;
}

/** An action on its way out (message to the chat service, webhook): delivered, retrying or dead. */
export interface Delivery {
  id: string;
  jobId: string;
  status: 'pending' | 'delivered' | 'dead' | string;
  attempts: number;
  lastError: string | null;
}

export function readDeliveries(body: unknown): Delivery[] {
  return unwrapList<Loose>(body, 'deliveries').map((d, i) => ({
    id: str(d.id) ?? String(i),
    jobId: str(d.jobId) ?? '',
    status: str(d.status) ?? 'pending',
    attempts: num(d.attempts) ?? 0,
    lastError: str(d.lastError),
  }));
}

/** Per-rule status the api derives from the draft, the live version and the fire log. */
export interface RuleStatus {
  status: 'live' | 'disabled' | 'draft_only' | string;
  pending: number;
  lastFireAt: string | null;
  outcomes: Record<string, number>;
}

export function readRuleStatuses(body: unknown): Map<string, RuleStatus> {
  const out = new Map<string, RuleStatus>();
  for (const set of unwrapList<Loose>(body, 'ruleSets')) {
    for (const rule of unwrapList<Loose>(set.rules)) {
      out.set(`${str(set.key)}/${str(rule.id)}`, {
        status: str(rule.status) ?? 'draft_only',
        pending: num(rule.pending) ?? 0,
        lastFireAt: str(rule.lastFireAt),
        outcomes: (rule.outcomes && typeof rule.outcomes === 'object' ? rule.outcomes : {}) as Record<string, number>,
      });
    }
  }
  return out;
}

export function rulesApi(api: ApiClient) {
  const base = (bot: string) => `/v1/bots/${enc(bot)}/rulesets`;
  return {
    list: async (bot: string) => unwrapList<RuleSetDraft>(await api.get(base(bot)), 'rulesets', 'ruleSets'),
    get: (bot: string, key: string) => api.get<RuleSetDraft>(`${base(bot)}/${enc(key)}`),
    create: (bot: string, document: RuleSetInput) => api.post<RuleSetDraft>(base(bot), { document }),
    save: (bot: string, key: string, document: RuleSetInput, revision: number) => api.put<RuleSetDraft>(`${base(bot)}/${enc(key)}`, { document, revision }),
    publish: (bot: string, key: string, note: string, revision?: number) =>
      api.post<VersionSummary>(`${base(bot)}/${enc(key)}/publish`, revision === undefined ? { note } : { note, revision }),
    versions: async (bot: string, key: string) => unwrapList<VersionSummary>(await api.get(`${base(bot)}/${enc(key)}/versions`), 'versions'),
    setLive: (bot: string, key: string, version: number) => api.put<unknown>(`${base(bot)}/${enc(key)}/live`, { version }),
    deliveries: async (bot: string) => readDeliveries(await api.get(`/v1/bots/${enc(bot)}/rules/deliveries`)),
    statuses: async (bot: string) => readRuleStatuses(await api.get(`/v1/bots/${enc(bot)}/rules`)),
    fires: async (bot: string) => unwrapList<Loose>(await api.get(`/v1/bots/${enc(bot)}/rules/fires`), 'fires').map(readFire),
  };
}
