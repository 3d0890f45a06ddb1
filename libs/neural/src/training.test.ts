import { describe, expect, it } from 'vitest';
import { epochOrder, miniBatches, splitIndices } from './batch';
import { Dense } from './layers/dense';
import { Embedding } from './layers/embedding';
import { logisticLoss } from './loss';
import { auc, bestThreshold, binaryMetrics } from './metrics';
import { Adam } from './optim';
import { Param } from './tensor';

describe('Adam', () => {
  it('minimises a quadratic; weight decay shrinks only params marked for decay', () => {
    const w = new Param('w', [2], Float32Array.of(3, -2), { decay: true });
    const b = new Param('b', [1], Float32Array.of(0));
    const adam = new Adam([w, b], { learningRate: 0.1 });
    for (let i = 0; i < 300; i++) {
      // L = (w0 − 1)² + (w1 + 1)²
      w.grad[0] = 2 * (w.value[0]! - 1);
      w.grad[1] = 2 * (w.value[1]! + 1);
      adam.step();
    }
    expect(w.value[0]).toBeCloseTo(1, 2);
    expect(w.value[1]).toBeCloseTo(-1, 2);
    expect(Array.from(w.grad)).toEqual([0, 0]); // cleared by step
    const decayed = new Param('d', [1], Float32Array.of(1), { decay: true });
    const kept = new Param('k', [1], Float32Array.of(1));
    new Adam([decayed, kept], { learningRate: 0.1, weightDecay: 0.5 }).step();
    expect(decayed.value[0]).toBeCloseTo(0.95, 6);
    expect(kept.value[0]).toBe(1);
  });

  it('updates only the embedding rows a batch touched (lazy, sparse)', () => {
    const emb = new Embedding(5, 2, { seed: 1 });
    const before = Float32Array.from(emb.table.value);
    const s = emb.state(2);
    emb.forward(s, [3], 1);
    emb.backward(s, Float32Array.of(1, -1));
    new Adam(emb.params(), { learningRate: 0.01, weightDecay: 0.1 }).step();
    for (let row = 0; row < 5; row++) {
      const moved = emb.table.value[row * 2] !== before[row * 2];
      expect(moved).toBe(row === 3);
    }
    expect(emb.table.touchedCount).toBe(0);
  });

  it('clips the global gradient norm', () => {
    const p = new Param('p', [1], Float32Array.of(0));
    const adam = new Adam([p], { learningRate: 1, clipNorm: 1e-6 });
    p.grad[0] = 1e6;
    adam.step();
    // Adam's first step moves by ≈ lr whatever the gradient's scale; clipping keeps the sign.
    expect(p.value[0]).toBeLessThan(0);
  });

  it('trains a logistic-regression layer on a separable problem', () => {
    const dense = new Dense(2, 1, { seed: 4, name: 'lr' });
    const s = dense.state(1);
    const adam = new Adam(dense.params(), { learningRate: 0.05 });
    const x = new Float32Array(2);
    const data = Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3)] as const);
    const label = (p: readonly [number, number]): 0 | 1 => (p[0] + p[1] > 0 ? 1 : 0);
    for (let epoch = 0; epoch < 30; epoch++) {
      for (const batch of miniBatches(epochOrder(data.length, 1, epoch), 16)) {
        for (const i of batch) {
          x.set(data[i]!);
          const z = dense.forward(s, x, 1)[0]!;
          dense.backward(s, Float32Array.of(logisticLoss(z, label(data[i]!)).grad));
        }
        adam.step(1 / batch.length);
      }
    }
    const correct = data.filter((p) => {
      x.set(p);
      return (dense.forward(s, x, 1)[0]! > 0 ? 1 : 0) === label(p);
    }).length;
    expect(correct / data.length).toBeGreaterThan(0.95);
  });
});

describe('batching', () => {
  it('epoch orders are permutations that depend only on seed and epoch', () => {
    const a = epochOrder(50, 7, 0);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(epochOrder(50, 7, 0))).toEqual(Array.from(a));
    expect(Array.from(epochOrder(50, 7, 1))).not.toEqual(Array.from(a));
    expect(Array.from(epochOrder(50, 8, 0))).not.toEqual(Array.from(a));
  });

  it('mini-batches cover the order once, the last one shorter', () => {
    const sizes = [...miniBatches(epochOrder(10, 1, 0), 4)].map((b) => b.length);
    expect(sizes).toEqual([4, 4, 2]);
    expect(() => miniBatches(new Int32Array(3), 0).next()).toThrow(/at least 1/);
  });

  it('splits indices deterministically into disjoint parts', () => {
    const { train, heldOut } = splitIndices(100, 0.1, 3);
    expect(heldOut.length).toBe(10);
    expect(new Set([...train, ...heldOut]).size).toBe(100);
    expect(Array.from(splitIndices(100, 0.1, 3).heldOut)).toEqual(Array.from(heldOut));
  });
});

describe('metrics', () => {
  it('AUC by ranks, with ties', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 6);
    expect(auc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 6);
    expect(auc([0.9, 0.1], [1, 0])).toBe(1);
  });

  it('accuracy, precision, recall, F1 at a threshold; the accuracy-maximising threshold', () => {
    const m = binaryMetrics([0.9, 0.8, 0.3, 0.6], [1, 0, 1, 0], 0.5);
    expect(m.accuracy).toBe(0.25);
    expect(m.precision).toBeCloseTo(1 / 3, 6);
    expect(m.recall).toBe(0.5);
    const scores = [0.1, 0.2, 0.3, 0.7, 0.8, 0.35];
    const labels = [0, 0, 0, 1, 1, 1];
    const t = bestThreshold(scores, labels);
    expect(binaryMetrics(scores, labels, t).accuracy).toBe(1);
  });
});
