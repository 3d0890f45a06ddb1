import { describe, expect, it } from 'vitest';
import { readModelDetail, readModelSummary } from './modelsApi';

describe('model registry reader', () => {
  it('reads a summary with nested metrics and percent progress', () => {
    const m = readModelSummary({ version: 'm3', status: 'training', progress: 40, metrics: { intent: { accuracy: 0.93, macroF1: 0.9 }, slot_f1: 0.8 } }, 'm2');
    expect(m).toMatchObject({ version: 'm3', status: 'training', progress: 0.4, active: false, metrics: { intent_accuracy: 0.93, intent_macroF1: 0.9, slot_f1: 0.8 } });
    expect(readModelSummary({ version: 'm2' }, 'm2').active).toBe(true);
  });

  it('reads per-intent rows, the confusion matrix and the worst examples', () => {
    const d = readModelDetail({
      version: 'm1',
      status: 'ready',
      report: {
        intent: {
          perClass: { greeting: { precision: 1, recall: 0.5, f1: 0.67, support: 2 } },
          confusion: { labels: ['greeting', 'thanks'], matrix: [[1, 1], [0, 3]] },
          worst: [{ text: '谢了哈', expected: 'thanks', predicted: 'greeting', confidence: 0.41 }],
        },
      },
    });
    expect(d.report.perIntent).toEqual([{ label: 'greeting', precision: 1, recall: 0.5, f1: 0.67, support: 2 }]);
    expect(d.report.confusion).toEqual({ labels: ['greeting', 'thanks'], matrix: [[1, 1], [0, 3]] });
    expect(d.report.worst[0]).toEqual({ text: '谢了哈', expected: 'thanks', predicted: 'greeting', confidence: 0.41 });
  });

  it('gives an empty report rather than inventing one', () => {
    expect(readModelDetail({ version: 'x' }).report).toEqual({ perIntent: [], confusion: null, worst: [] });
  });
});
