import { GraphBuilder } from '../onnx/graph';

export interface DropoutState {
  n: number;
  mask: Float32Array;
  out: Float32Array;
  dx: Float32Array;
}

/** Inverted dropout: in training keeps each value with probability 1 − p and scales by 1/(1 − p); identity at inference. */
export class Dropout {
  constructor(
    readonly rate: number,
    readonly width: number,
  ) {
    if (rate < 0 || rate >= 1) throw new Error('dropout rate must be in [0, 1)');
  }

  params(): [] {
    return [];
  }

  state(maxLen = 1): DropoutState {
    const n = maxLen * this.width;
    return { n: 0, mask: new Float32Array(n), out: new Float32Array(n), dx: new Float32Array(n) };
  }

  /** `rng` given = training (random mask); omitted = inference (copy). */
  forward(s: DropoutState, x: Float32Array, len: number, rng?: () => number): Float32Array {
    const n = len * this.width;
    s.n = n;
    const keep = 1 - this.rate;
    for (let i = 0; i < n; i++) {
      const m = rng && this.rate > 0 ? (rng() < keep ? 1 / keep : 0) : 1;
      s.mask[i] = m;
      s.out[i] = x[i]! * m;
    }
    return s.out;
  }

  backward(s: DropoutState, dy: Float32Array): Float32Array {
    for (let i = 0; i < s.n; i++) s.dx[i] = dy[i]! * s.mask[i]!;
    return s.dx;
  }

  toOnnx(_g: GraphBuilder, x: string): string {
    return x;
  }
}
