import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { normal, type Param } from '../tensor';
import { logisticLoss, softmaxCrossEntropy } from '../loss';
import { QuestionMatcher } from '../matcher/model';
import { Activation } from './activation';
import { CrossAttention } from './attention';
import { AlignFuse, PairCombine } from './combine';
import { Conv1d } from './conv1d';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Embedding } from './embedding';
import { MaxMeanPool } from './pool';

/**
 * Finite-difference gradient checks. Each layer's output is reduced to L = Σ r_k · y_k with fixed random
 * r, so dL/dy = r goes into backward; every input value and every parameter value that L depends on is
 * perturbed by ±ε and the central difference compared with the analytic gradient.
 */
interface Target {
  label: string;
  values: Float32Array;
  /** Analytic gradient after backward (same indexing as values). */
  grad: () => Float32Array;
  count?: number;
}

const EPS = 1e-3;

function check(forward: () => { y: Float32Array; n: number }, backward: (dy: Float32Array) => void, targets: Target[], params: Param[] = []): number {
  const { y, n } = forward();
  const r = normal(n, 1, 99);
  const loss = (): number => {
    const out = forward();
    let s = 0;
    for (let k = 0; k < out.n; k++) s += r[k]! * out.y[k]!;
    return s;
  };
  expect(y.length).toBeGreaterThanOrEqual(n);
  for (const p of params) p.zeroGrad();
  forward();
  backward(r);
  // Copy analytic gradients before the perturbed forwards reuse the buffers.
  const analytic = targets.map((t) => Float32Array.from(t.grad().subarray(0, t.count ?? t.values.length)));
  let checked = 0;
  targets.forEach((t, ti) => {
    const count = t.count ?? t.values.length;
    for (let i = 0; i < count; i++) {
      const keep = t.values[i]!;
      t.values[i] = keep + EPS;
      const up = loss();
      t.values[i] = keep - EPS;
      const down = loss();
      t.values[i] = keep;
      const numeric = (up - down) / (2 * EPS);
      const a = analytic[ti]![i]!;
      if (Math.abs(numeric - a) > 2e-3 + 2e-2 * Math.abs(a)) throw new Error(`${t.label}[${i}]: analytic ${a} vs numeric ${numeric}`);
      checked++;
    }
  });
  return checked;
}

/** Values away from 0 so ReLU kinks and |·| are not crossed by ±ε. */
function awayFromZero(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng() < 0.5 ? -1 : 1) * (0.1 + rng()));
}

describe('gradient checks (finite differences) on every layer', () => {
  it('Embedding: sparse row gradients, only on the rows used', () => {
    const emb = new Embedding(6, 4, { seed: 1 });
    const s = emb.state(5);
    const ids = Int32Array.of(2, 5, 2, 0);
    const n = check(() => ({ y: emb.forward(s, ids, 4), n: 16 }), (dy) => emb.backward(s, dy), [{ label: 'table', values: emb.table.value, grad: () => emb.table.grad }], emb.params());
    expect(n).toBe(24);
    expect([...emb.table.touched.subarray(0, emb.table.touchedCount)].sort()).toEqual([0, 2, 5]);
    expect(Array.from(emb.table.grad.subarray(4, 8))).toEqual([0, 0, 0, 0]); // row 1 unused
    expect(() => emb.forward(s, [6], 1)).toThrow(/outside/);
  });

  it('Dense over a sequence and over a vector', () => {
    for (const len of [3, 1]) {
      const dense = new Dense(5, 3, { seed: 2, name: 'd' });
      const s = dense.state(len);
      const x = awayFromZero(len * 5, 3);
      check(() => ({ y: dense.forward(s, x, len), n: len * 3 }), (dy) => dense.backward(s, dy), [
        { label: 'x', values: x, grad: () => s.dx },
        { label: 'w', values: dense.w.value, grad: () => dense.w.grad },
        { label: 'b', values: dense.b.value, grad: () => dense.b.grad },
      ], dense.params());
    }
  });

  it('ReLU and tanh', () => {
    for (const kind of ['relu', 'tanh'] as const) {
      const act = new Activation(kind, 4);
      const s = act.state(3);
      const x = awayFromZero(12, 4);
      check(() => ({ y: act.forward(s, x, 3), n: 12 }), (dy) => act.backward(s, dy), [{ label: `${kind} x`, values: x, grad: () => s.dx }]);
    }
  });

  it('Conv1d with kernels 3 and 1, including sequences shorter than the kernel', () => {
    for (const [kernel, len] of [[3, 5], [3, 1], [1, 4], [5, 3]] as const) {
      const conv = new Conv1d(3, 4, kernel, { seed: 5, name: 'c' });
      const s = conv.state(6);
      const x = awayFromZero(len * 3, 6);
      check(() => ({ y: conv.forward(s, x, len), n: len * 4 }), (dy) => conv.backward(s, dy), [
        { label: `k${kernel} x`, values: x, grad: () => s.dx },
        { label: `k${kernel} w`, values: conv.w.value, grad: () => conv.w.grad },
        { label: `k${kernel} b`, values: conv.b.value, grad: () => conv.b.grad },
      ], conv.params());
    }
    expect(() => new Conv1d(2, 2, 2, { seed: 1, name: 'even' })).toThrow(/odd/);
  });

  it('CrossAttention: both aligned outputs with respect to both sequences', () => {
    const attn = new CrossAttention(3);
    const s = attn.state(5);
    const a = awayFromZero(4 * 3, 7);
    const b = awayFromZero(2 * 3, 8);
    const y = new Float32Array(6 * 3);
    const forward = (): { y: Float32Array; n: number } => {
      attn.forward(s, a, 4, b, 2);
      y.set(s.outA.subarray(0, 12), 0);
      y.set(s.outB.subarray(0, 6), 12);
      return { y, n: 18 };
    };
    check(forward, (dy) => attn.backward(s, dy.subarray(0, 12), dy.subarray(12)), [
      { label: 'a', values: a, grad: () => s.dA },
      { label: 'b', values: b, grad: () => s.dB },
    ]);
  });

  it('AlignFuse and PairCombine', () => {
    const fuse = new AlignFuse(3);
    const fs = fuse.state(2);
    const x = awayFromZero(6, 9);
    const al = awayFromZero(6, 10);
    check(() => ({ y: fuse.forward(fs, x, al, 2), n: 24 }), (dy) => fuse.backward(fs, dy), [
      { label: 'x', values: x, grad: () => fs.dx },
      { label: 'aligned', values: al, grad: () => fs.dAligned },
    ]);
    const comb = new PairCombine(4);
    const cs = comb.state();
    const u = awayFromZero(4, 11);
    const v = Float32Array.from(u, (z, i) => z + (i % 2 ? 0.3 : -0.4)); // |u − v| away from its kink
    check(() => ({ y: comb.forward(cs, u, v), n: 16 }), (dy) => comb.backward(cs, dy), [
      { label: 'u', values: u, grad: () => cs.du },
      { label: 'v', values: v, grad: () => cs.dv },
    ]);
  });

  it('MaxMeanPool', () => {
    const pool = new MaxMeanPool(3);
    const s = pool.state(4);
    const x = Float32Array.of(0.1, 0.9, -0.5, 0.7, 0.2, 0.4, -0.3, -0.6, 1.2, 0.5, 0.0, 0.8);
    check(() => ({ y: pool.forward(s, x, 4), n: 6 }), (dy) => pool.backward(s, dy), [{ label: 'x', values: x, grad: () => s.dx }]);
    expect(() => pool.forward(s, x, 0)).toThrow(/empty/);
  });

  it('Dropout with a fixed mask; identity without an rng', () => {
    const drop = new Dropout(0.5, 8);
    const s = drop.state();
    const x = awayFromZero(8, 12);
    check(() => ({ y: drop.forward(s, x, 1, createRng(3)), n: 8 }), (dy) => drop.backward(s, dy), [{ label: 'x', values: x, grad: () => s.dx }]);
    const kept = Array.from(s.mask).filter((m) => m > 0);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((m) => m === 2)).toBe(true);
    expect(Array.from(drop.forward(s, x, 1))).toEqual(Array.from(x));
  });

  it('logistic and softmax cross-entropy losses', () => {
    for (const [z, y] of [[0.3, 1], [-2, 0], [40, 0], [-40, 1]] as const) {
      const numeric = (logisticLoss(z + 1e-4, y).loss - logisticLoss(z - 1e-4, y).loss) / 2e-4;
      expect(logisticLoss(z, y).grad).toBeCloseTo(numeric, 4);
      expect(Number.isFinite(logisticLoss(z, y).loss)).toBe(true);
    }
    const logits = Float32Array.of(0.5, -1, 2);
    const grad = new Float32Array(3);
    const base = softmaxCrossEntropy(logits, 3, 1, grad);
    expect(base).toBeGreaterThan(0);
    const g = Float64Array.from(grad);
    for (let i = 0; i < 3; i++) {
      const keep = logits[i]!;
      logits[i] = keep + EPS;
      const up = softmaxCrossEntropy(logits, 3, 1, new Float32Array(3));
      logits[i] = keep - EPS;
      const down = softmaxCrossEntropy(logits, 3, 1, new Float32Array(3));
      logits[i] = keep;
      expect(g[i]!).toBeCloseTo((up - down) / (2 * EPS), 3);
    }
  });

  it('the whole question matcher, end to end through every parameter', () => {
    const model = new QuestionMatcher({ vocabSize: 7, dim: 4, hidden: 4, kernel: 3, composeKernel: 3, maxLen: 6, dropout: 0, seed: 3 });
    const a = Int32Array.of(1, 2, 3, 2);
    const b = Int32Array.of(3, 4, 5);
    // Larger embeddings than the init so every path carries a gradient well above the tolerance.
    for (const t of [model.chars.table.value, model.match.table.value]) t.set(t.map((v) => v * 10));
    const y = new Float32Array(1);
    const params = model.params();
    const targets = params.map((p) => ({ label: p.name, values: p.value, grad: () => p.grad }));
    const n = check(() => {
      y[0] = model.forward(a, b);
      return { y, n: 1 };
    }, (dy) => model.backward(dy[0]!), targets, params);
    expect(n).toBe(params.reduce((s, p) => s + p.size, 0));
  });
});
