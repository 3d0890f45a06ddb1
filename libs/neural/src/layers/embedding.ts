import { GraphBuilder } from '../onnx/graph';
import { normal, Param } from '../tensor';

export interface EmbeddingState {
  ids: Int32Array;
  len: number;
  /** [len × dim] */
  out: Float32Array;
}

/** Lookup table; gradients go only to the rows a sequence used (sparse updates). */
export class Embedding {
  readonly table: Param;

  constructor(
    readonly rows: number,
    readonly dim: number,
    options: { seed: number; std?: number; name?: string; decay?: boolean },
  ) {
    this.table = new Param(options.name ?? 'embedding', [rows, dim], normal(rows * dim, options.std ?? 0.1, options.seed), { sparseRow: dim, decay: options.decay ?? false });
  }

  params(): Param[] {
    return [this.table];
  }

  state(maxLen: number): EmbeddingState {
    return { ids: new Int32Array(maxLen), len: 0, out: new Float32Array(maxLen * this.dim) };
  }

  forward(s: EmbeddingState, ids: ArrayLike<number>, len: number): Float32Array {
    const d = this.dim;
    const table = this.table.value;
    const out = s.out;
    s.len = len;
    for (let t = 0; t < len; t++) {
      const id = ids[t]!;
      if (id < 0 || id >= this.rows) throw new Error(`embedding ${this.table.name}: id ${id} outside 0..${this.rows - 1}`);
      s.ids[t] = id;
      const src = id * d;
      const dst = t * d;
      for (let k = 0; k < d; k++) out[dst + k] = table[src + k]!;
    }
    return out;
  }

  backward(s: EmbeddingState, dOut: Float32Array): void {
    const d = this.dim;
    const g = this.table.grad;
    for (let t = 0; t < s.len; t++) {
      const row = s.ids[t]!;
      this.table.touch(row);
      const dst = row * d;
      const src = t * d;
      for (let k = 0; k < d; k++) g[dst + k] = g[dst + k]! + dOut[src + k]!;
    }
  }

  /** ids int64 [L] → [L × dim]. */
  toOnnx(g: GraphBuilder, ids: string): string {
    g.float(this.table.name, [this.rows, this.dim], this.table.value);
    return g.op('Gather', [this.table.name, ids]);
  }
}
