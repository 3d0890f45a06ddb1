import { GraphBuilder } from '../onnx/graph';
import { intAttr, intsAttr } from '../onnx/proto';
import { axpy, dot } from '../kernels';
import { glorot, Param } from '../tensor';

export interface Conv1dState {
  x: Float32Array;
  len: number;
  /** [len × out] */
  out: Float32Array;
  /** [len × in] */
  dx: Float32Array;
}

/**
 * 1-D convolution over a [len × in] sequence, odd kernel k, zero "same" padding, so the output keeps
 * the length. W is [(k·in) × out]: row (j·in + i) holds tap j of input channel i.
 */
export class Conv1d {
  readonly w: Param;
  readonly b: Param;
  readonly pad: number;

  constructor(
    readonly inDim: number,
    readonly outDim: number,
    readonly kernel: number,
    options: { seed: number; name: string },
  ) {
    if (kernel % 2 !== 1) throw new Error('Conv1d kernel must be odd (same padding)');
    this.pad = (kernel - 1) / 2;
    this.w = new Param(`${options.name}.w`, [kernel * inDim, outDim], glorot(kernel * inDim * outDim, kernel * inDim, outDim, options.seed), { decay: true });
    this.b = new Param(`${options.name}.b`, [outDim], new Float32Array(outDim));
  }

  params(): Param[] {
    return [this.w, this.b];
  }

  state(maxLen: number): Conv1dState {
    return { x: new Float32Array(0), len: 0, out: new Float32Array(maxLen * this.outDim), dx: new Float32Array(maxLen * this.inDim) };
  }

  forward(s: Conv1dState, x: Float32Array, len: number): Float32Array {
    const I = this.inDim;
    const O = this.outDim;
    const W = this.w.value;
    const b = this.b.value;
    const y = s.out;
    s.x = x;
    s.len = len;
    for (let t = 0; t < len; t++) {
      const yo = t * O;
      for (let o = 0; o < O; o++) y[yo + o] = b[o]!;
      for (let j = 0; j < this.kernel; j++) {
        const src = t + j - this.pad;
        if (src < 0 || src >= len) continue;
        const xo = src * I;
        const wj = j * I;
        for (let i = 0; i < I; i++) {
          const xv = x[xo + i]!;
          if (xv === 0) continue;
          axpy(y, yo, xv, W, (wj + i) * O, O);
        }
      }
    }
    return y;
  }

  backward(s: Conv1dState, dy: Float32Array): Float32Array {
    const I = this.inDim;
    const O = this.outDim;
    const W = this.w.value;
    const gW = this.w.grad;
    const gb = this.b.grad;
    const x = s.x;
    const dx = s.dx;
    dx.fill(0, 0, s.len * I);
    for (let t = 0; t < s.len; t++) {
      const yo = t * O;
      for (let o = 0; o < O; o++) gb[o] = gb[o]! + dy[yo + o]!;
      for (let j = 0; j < this.kernel; j++) {
        const src = t + j - this.pad;
        if (src < 0 || src >= s.len) continue;
        const xo = src * I;
        const wj = j * I;
        for (let i = 0; i < I; i++) {
          const wo = (wj + i) * O;
          dx[xo + i] = dx[xo + i]! + dot(W, wo, dy, yo, O);
          const xv = x[xo + i]!;
          if (xv !== 0) axpy(gW, wo, xv, dy, yo, O);
        }
      }
    }
    return dx;
  }

  /** [L × in] → Transpose/Unsqueeze → Conv [1 × out × L] → Squeeze/Transpose → [L × out]. */
  toOnnx(g: GraphBuilder, x: string): string {
    const I = this.inDim;
    const O = this.outDim;
    const k = this.kernel;
    const wName = `${this.w.name}.oik`;
    const w = new Float32Array(O * I * k);
    for (let o = 0; o < O; o++) for (let i = 0; i < I; i++) for (let j = 0; j < k; j++) w[(o * I + i) * k + j] = this.w.value[(j * I + i) * O + o]!;
    g.float(wName, [O, I, k], w);
    g.float(this.b.name, [O], this.b.value);
    const cl = g.op('Transpose', [x], [intsAttr('perm', [1, 0])]);
    const ncl = g.op('Unsqueeze', [cl, g.ints([0])]);
    const conv = g.op('Conv', [ncl, wName, this.b.name], [intsAttr('kernel_shape', [k]), intsAttr('pads', [this.pad, this.pad]), intAttr('group', 1)]);
    const ol = g.op('Squeeze', [conv, g.ints([0])]);
    return g.op('Transpose', [ol], [intsAttr('perm', [1, 0])]);
  }
}
