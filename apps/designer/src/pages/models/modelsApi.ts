import type { ApiClient } from '../../api/client';
import { unwrapList } from '../versions/versionsApi';

const enc = encodeURIComponent;

export type ModelStatus = 'queued' | 'training' | 'ready' | 'failed';

export interface ModelSummary {
  version: string;
  status: ModelStatus;
  /** 0–1 while training. */
  progress: number | null;
  active: boolean;
  dataHash: string | null;
  createdBy: string | null;
  createdAt: string | null;
  error: string | null;
  metrics: Record<string, number>;
}

export interface ClassRow {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface WorstExample {
  text: string;
  expected: string;
  predicted: string;
  confidence: number | null;
}

export interface ModelReport {
  perIntent: ClassRow[];
  confusion: { labels: string[]; matrix: number[][] } | null;
  worst: WorstExample[];
}

export interface ModelDetail extends ModelSummary {
  report: ModelReport;
}

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function readStatus(v: unknown): ModelStatus {
  const s = str(v);
  if (s === 'queued' || s === 'pending' || s === 'waiting') return 'queued';
  if (s === 'training' || s === 'running' || s === 'active_training') return 'training';
  if (s === 'failed' || s === 'error') return 'failed';
  return 'ready';
}

/** Flat numeric metrics (accuracy, macro-F1, slot F1, …), wherever the api nests them. */
function readMetrics(m: Loose): Record<string, number> {
  const source = isObj(m.metrics) ? m.metrics : isObj(m.summary) ? m.summary : {};
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(source)) {
    if (num(value) !== null) out[key] = value as number;
    else if (isObj(value)) for (const [k, v] of Object.entries(value)) if (num(v) !== null) out[`${key}_${k}`] = v as number;
  }
  return out;
}

/**
 * The model registry's JSON, read tolerantly: the registry module lands in parallel with this page,
 * so field names are taken from the documented shape with common alternatives.
 */
export function readModelSummary(m: Loose, activeVersion: string | null = null): ModelSummary {
  const version = str(m.version) ?? str(m.id) ?? '?';
  const progress = num(m.progress);
  return {
    version,
    status: readStatus(m.status),
    progress: progress === null ? null : progress > 1 ? progress / 100 : progress,
    active: m.active === true || m.isActive === true || (activeVersion !== null && version === activeVersion),
    dataHash: str(m.dataHash),
    createdBy: str(m.createdBy) ?? str(m.author),
    createdAt: str(m.createdAt),
    error: str(m.error),
    metrics: readMetrics(m),
  };
}

function readClassRows(v: unknown): ClassRow[] {
  const row = (label: string, r: Loose): ClassRow => ({
    label,
    precision: num(r.precision) ?? num(r.p) ?? 0,
    recall: num(r.recall) ?? num(r.r) ?? 0,
    f1: num(r.f1) ?? 0,
    support: num(r.support) ?? num(r.count) ?? 0,
  });
  if (Array.isArray(v)) return v.filter(isObj).map((r) => row(str(r.label) ?? str(r.intent) ?? '?', r));
  if (isObj(v)) return Object.entries(v).filter(([, r]) => isObj(r)).map(([label, r]) => row(label, r as Loose));
  return [];
}

function readConfusion(v: unknown, labels: unknown): ModelReport['confusion'] {
  if (isObj(v) && Array.isArray(v.matrix)) return readConfusion(v.matrix, v.labels);
  if (!Array.isArray(v) || !Array.isArray(labels)) return null;
  return { labels: labels.map((l) => String(l)), matrix: v.map((row) => (Array.isArray(row) ? row.map((c) => num(c) ?? 0) : [])) };
}

function readWorst(v: unknown): WorstExample[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).map((w) => ({
    text: str(w.text) ?? '',
    expected: str(w.expected) ?? str(w.gold) ?? str(w.label) ?? '',
    predicted: str(w.predicted) ?? str(w.prediction) ?? '',
    confidence: num(w.confidence) ?? num(w.score),
  }));
}

export function readModelDetail(m: Loose): ModelDetail {
  const report = isObj(m.report) ? m.report : isObj(m.evaluation) ? m.evaluation : m;
  const intent = isObj(report.intent) ? report.intent : report;
  return {
    ...readModelSummary(m),
    report: {
      perIntent: readClassRows(intent.perClass ?? intent.perIntent ?? intent.per_class ?? intent.classes),
      confusion: readConfusion(intent.confusion ?? intent.confusionMatrix, intent.labels),
      worst: readWorst(intent.worst ?? intent.worstExamples ?? intent.errors ?? report.worst),
    },
  };
}

export function modelsApi(api: ApiClient) {
  const base = (bot: string) => `/v1/bots/${enc(bot)}/models`;
  return {
    list: async (bot: string) => {
      const body = await api.get<unknown>(base(bot));
      const active = isObj(body) ? (str(body.activeVersion) ?? str(body.active)) : null;
      return unwrapList<Loose>(body, 'models', 'versions').map((m) => readModelSummary(m, active));
    },
    get: async (bot: string, version: string) => readModelDetail(await api.get<Loose>(`${base(bot)}/${enc(version)}`)),
    train: (bot: string) => api.post<unknown>(`${base(bot)}/train`, {}),
    activate: (bot: string, version: string) => api.post<unknown>(`${base(bot)}/${enc(version)}/activate`, {}),
  };
}
