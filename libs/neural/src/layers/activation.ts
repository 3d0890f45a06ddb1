import { GraphBuilder } from '../onnx/graph';

export type ActivationKind = 'relu' | 'tanh';

export interface ActivationState {
  n: number;
  out: Float32Array;
  dx: Float32Array;
}

/** Element-wise ReLU or tanh over the first n values. */
export class Activation {
  constructor(
    readonly kind: ActivationKind,
    readonly width: number,
  ) {}

  params(): [] {
    return [];
  }

  state(maxLen: number): ActivationState {
    return { n: 0, out: new Float32Array(maxLen * this.width), dx: new Float32Array(maxLen * this.width) };
  }

  forward(s: ActivationState, x: Float32Array, len: number): Float32Array {
    const n = len * this.width;
    const y = s.out;
    s.n = n;
    if (this.kind === 'relu') for (let i = 0; i < n; i++) y[i] = x[i]! > 0 ? x[i]! : 0;
    else for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]!);
    return y;
  }

  backward(s: ActivationState, dy: Float32Array): Float32Array {
    const y = s.out;
    const dx = s.dx;
    if (this.kind === 'relu') for (let i = 0; i < s.n; i++) dx[i] = y[i]! > 0 ? dy[i]! : 0;
    else for (let i = 0; i < s.n; i++) dx[i] = dy[i]! * (1 - y[i]! * y[i]!);
    return dx;
  }

  toOnnx(g: GraphBuilder, x: string): string {
    return g.op(this.kind === 'relu' ? 'Relu' : 'Tanh', [x]);
  }
}
