import type { ModelMetrics, ModelVersion } from '@zhishou/flow-schema';

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
