import { GraphBuilder } from '../onnx/graph';
import { axpy, dot } from '../kernels';
import { glorot, Param } from '../tensor';

export interface DenseState {
  x: Float32Array;
  len: number;
  /** [len × out] */
  out: Float32Array;
  /** [len × in] */
  dx: Float32Array;
}

/** y = x·W + b, applied to each row of a [len × in] block (len = 1 for a vector). W is [in × out]. */
export class Dense {
  readonly w: Param;
  readonly b: Param;

  constructor(
    readonly inDim: number,
    readonly outDim: number,
    options: { seed: number; name: string },
  ) {
    this.w = new Param(`${options.name}.w`, [inDim, outDim], glorot(inDim * outDim, inDim, outDim, options.seed), { decay: true });
    this.b = new Param(`${options.name}.b`, [outDim], new Float32Array(outDim));
  }

  params(): Param[] {
    return [this.w, this.b];
  }

  state(maxLen: number): DenseState {
    return { x: new Float32Array(0), len: 0, out: new Float32Array(maxLen * this.outDim), dx: new Float32Array(maxLen * this.inDim) };
  }

  forward(s: DenseState, x: Float32Array, len: number): Float32Array {
    const I = this.inDim;
    const O = this.outDim;
    const W = this.w.value;
    const b = this.b.value;
    const y = s.out;
    s.x = x;
    s.len = len;
    for (let t = 0; t < len; t++) {
      const yo = t * O;
      const xo = t * I;
      for (let o = 0; o < O; o++) y[yo + o] = b[o]!;
      for (let i = 0; i < I; i++) {
        const xv = x[xo + i]!;
        if (xv === 0) continue; // after ReLU about half the inputs are zero
        axpy(y, yo, xv, W, i * O, O);
      }
    }
    return y;
  }

  /** Accumulates dW, db; returns dx (overwritten). */
  backward(s: DenseState, dy: Float32Array): Float32Array {
    const I = this.inDim;
    const O = this.outDim;
    const W = this.w.value;
    const gW = this.w.grad;
    const gb = this.b.grad;
    const x = s.x;
    const dx = s.dx;
    for (let t = 0; t < s.len; t++) {
      const yo = t * O;
      const xo = t * I;
      for (let o = 0; o < O; o++) gb[o] = gb[o]! + dy[yo + o]!;
      for (let i = 0; i < I; i++) {
        const wo = i * O;
        dx[xo + i] = dot(W, wo, dy, yo, O);
        const xv = x[xo + i]!;
        if (xv !== 0) axpy(gW, wo, xv, dy, yo, O);
      }
    }
    return dx;
  }

  /** [L × in] or [in] → [L × out] or [out]. */
  toOnnx(g: GraphBuilder, x: string): string {
    g.float(this.w.name, [this.inDim, this.outDim], this.w.value);
    g.float(this.b.name, [this.outDim], this.b.value);
    return g.op('Add', [g.op('MatMul', [x, this.w.name]), this.b.name]);
  }
}
