import type { Param } from './tensor';

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay (AdamW), applied to params created with `decay: true`. */
  weightDecay?: number;
  /** Clip the global gradient norm of a step to this value (0 = off). */
  clipNorm?: number;
}

/**
 * Adam with decoupled weight decay. Sparse params (embeddings) are updated lazily: only the rows touched
 * in the batch move, with the global step count in the bias correction.
 */
export class Adam {
  learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly clipNorm: number;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;

  constructor(
    readonly params: Param[],
    options: AdamOptions,
  ) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.clipNorm = options.clipNorm ?? 0;
    this.m = params.map((p) => new Float32Array(p.size));
    this.v = params.map((p) => new Float32Array(p.size));
  }

  get steps(): number {
    return this.t;
  }

  /** Applies the accumulated gradients times `scale` (1 / batch size), then clears them. */
  step(scale = 1): void {
    this.t++;
    let s = scale;
    if (this.clipNorm > 0) {
      let sq = 0;
      for (const p of this.params) forEachRange(p, (from, to) => {
        for (let i = from; i < to; i++) sq += p.grad[i]! * p.grad[i]!;
      });
      const norm = Math.sqrt(sq) * scale;
      if (norm > this.clipNorm) s = (scale * this.clipNorm) / norm;
    }
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 / (1 - Math.pow(b1, this.t));
    const c2 = 1 / (1 - Math.pow(b2, this.t));
    const lr = this.learningRate;
    const eps = this.epsilon;
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k]!;
      const m = this.m[k]!;
      const v = this.v[k]!;
      const w = p.value;
      const g = p.grad;
      const decay = p.decay ? lr * this.weightDecay : 0;
      forEachRange(p, (from, to) => {
        for (let i = from; i < to; i++) {
          const gi = g[i]! * s;
          const mi = (m[i] = b1 * m[i]! + (1 - b1) * gi);
          const vi = (v[i] = b2 * v[i]! + (1 - b2) * gi * gi);
          w[i] = w[i]! - lr * ((mi * c1) / (Math.sqrt(vi * c2) + eps)) - decay * w[i]!;
        }
      });
      p.zeroGrad();
    }
  }
}

/** Calls `fn` on the whole value range of a dense param, or on each touched row of a sparse one. */
function forEachRange(p: Param, fn: (from: number, to: number) => void): void {
  if (!p.sparseRow) {
    fn(0, p.size);
    return;
  }
  for (let k = 0; k < p.touchedCount; k++) {
    const row = p.touched[k]!;
    fn(row * p.sparseRow, (row + 1) * p.sparseRow);
  }
}
