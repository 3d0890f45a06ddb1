import { describe, expect, it } from 'vitest';
import { modelMetricsSchema } from '@zhishou/flow-schema';
import { isBusy, topConfusions, weakestFirst } from './modelStats';

const metrics = modelMetricsSchema.parse({
  train_seconds: 3,
  intent: {
    accuracy: 90, macro_f1: 88, train_size: 10, test_size: 4,
    per_class: [
      { label: 'greeting', precision: 100, recall: 100, f1: 100, support: 2 },
      { label: 'thanks', precision: 50, recall: 100, f1: 66.7, support: 1 },
      { label: 'bargain', precision: 100, recall: 50, f1: 66.7, support: 3 },
    ],
    confusion: { labels: ['greeting', 'thanks', 'bargain'], matrix: [[2, 0, 0], [0, 1, 0], [0, 2, 1]] },
    worst: [],
  },
  slots: { f1: 80, precision: 80, recall: 80, train_size: 1, test_size: 1, per_type: [] },
  emotion: { accuracy: 70, macro_f1: 60, train_size: 1, test_size: 1, recall: {} },
});

describe('model report helpers', () => {
  it('puts the weakest intents first, the better supported one first among equals', () => {
    expect(weakestFirst(metrics).map((c) => c.label)).toEqual(['bargain', 'thanks', 'greeting']);
  });

  it('lists the largest confusions, off the diagonal only', () => {
    expect(topConfusions(metrics.intent.confusion)).toEqual([{ gold: 'bargain', predicted: 'thanks', count: 2 }]);
    expect(topConfusions(undefined)).toEqual([]);
  });

  it('knows when a version is still training', () => {
    expect(isBusy({ status: 'queued' })).toBe(true);
    expect(isBusy({ status: 'ready' })).toBe(false);
  });
});
