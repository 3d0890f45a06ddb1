import { modelVersionSchema, type ModelList, type ModelMetrics, type ModelVersion } from '@zhishou/flow-schema';
import type { ApiClient } from '../../api/client';

const enc = encodeURIComponent;

/** The bot's NLU model registry (nlu-models' `/v1/bots/:bot/models…`; shapes from flow-schema's models.ts). */
export function modelsApi(api: ApiClient) {
  const base = (bot: string) => `/v1/bots/${enc(bot)}/models`;
  return {
    list: (bot: string) => api.get<ModelList>(base(bot)),
    get: (bot: string, version: number) => api.get<ModelVersion>(`${base(bot)}/${version}`),
    train: (bot: string, note: string) => api.post<ModelVersion>(`${base(bot)}/train`, { note }),
    activate: (bot: string, version: number) => api.post<ModelVersion>(`${base(bot)}/${version}/activate`, {}),
    /** Releases a ready version to `percent` of new conversations (sticky per conversation). */
    canary: async (bot: string, version: number, percent: number) => modelVersionSchema.parse(await api.post<unknown>(`${base(bot)}/${version}/canary`, { percent })),
  };
}

export const isBusy = (v: Pick<ModelVersion, 'status'>): boolean => v.status === 'queued' || v.status === 'training';

/** Weakest intents first: where more examples help most. */
export function weakestFirst(metrics: ModelMetrics): ModelMetrics['intent']['per_class'] {
  return [...metrics.intent.per_class].sort((a, b) => a.f1 - b.f1 || b.support - a.support);
}

/** The largest off-diagonal cells of a confusion matrix: which intent is mistaken for which. */
export function topConfusions(confusion: { labels: string[]; matrix: number[][] } | undefined, k = 8): { gold: string; predicted: string; count: number }[] {
  if (!confusion) return [];
  const out: { gold: string; predicted: string; count: number }[] = [];
  confusion.matrix.forEach((row, i) =>
    row.forEach((count, j) => {
      if (i !== j && count > 0) out.push({ gold: confusion.labels[i] ?? String(i), predicted: confusion.labels[j] ?? String(j), count });
    }),
  );
  return out.sort((a, b) => b.count - a.count).slice(0, k);
}
