import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification';

describe('classificationReport', () => {
  it('computes accuracy, per-class P/R/F1, macro-F1 and the confusion matrix — hand-checked', () => {
    const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
    const pred = ['a', 'a', 'b', 'b', 'c', 'c'];
    const r = classificationReport(gold, pred, ['a', 'b', 'c']);
    expect(r.accuracy).toBeCloseTo(4 / 6, 10);
    // a: P 2/2, R 2/3, F1 0.8 · b: P 1/2, R 1/2, F1 0.5 · c: P 1/2, R 1/1, F1 2/3
    const [a, b, c] = r.perClass;
    expect(a).toMatchObject({ label: 'a', precision: 1, support: 3 });
    expect(a!.recall).toBeCloseTo(2 / 3, 10);
    expect(a!.f1).toBeCloseTo(0.8, 10);
    expect(b).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(c!.f1).toBeCloseTo(2 / 3, 10);
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
    expect(r.confusion.matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('leaves labels seen in neither gold nor predictions out of the macro average', () => {
    const r = classificationReport(['x', 'y'], ['x', 'x'], ['x', 'y', 'unused']);
    // x: P 1/2, R 1, F1 2/3 · y: 0
    expect(r.macroF1).toBeCloseTo(1 / 3, 10);
  });
});
