import { GraphBuilder } from '../onnx/graph';
import { intAttr, intsAttr } from '../onnx/proto';

export interface PoolState {
  len: number;
  /** [2·dim]: max over time, then mean over time. */
  out: Float32Array;
  argmax: Int32Array;
  /** [len × dim] */
  dx: Float32Array;
}

/** Max and mean pooling over the time axis of a [len × dim] sequence, concatenated. */
export class MaxMeanPool {
  constructor(readonly dim: number) {}

  params(): [] {
    return [];
  }

  get outDim(): number {
    return 2 * this.dim;
  }

  state(maxLen: number): PoolState {
    return { len: 0, out: new Float32Array(2 * this.dim), argmax: new Int32Array(this.dim), dx: new Float32Array(maxLen * this.dim) };
  }

  forward(s: PoolState, x: Float32Array, len: number): Float32Array {
    if (len < 1) throw new Error('cannot pool an empty sequence');
    const d = this.dim;
    const out = s.out;
    s.len = len;
    for (let k = 0; k < d; k++) {
      let best = x[k]!;
      let arg = 0;
      let sum = 0;
      for (let t = 0; t < len; t++) {
        const v = x[t * d + k]!;
        sum += v;
        if (v > best) {
          best = v;
          arg = t;
        }
      }
      out[k] = best;
      out[d + k] = sum / len;
      s.argmax[k] = arg;
    }
    return out;
  }

  backward(s: PoolState, dy: Float32Array): Float32Array {
    const d = this.dim;
    const dx = s.dx;
    const inv = 1 / s.len;
    for (let t = 0; t < s.len; t++) for (let k = 0; k < d; k++) dx[t * d + k] = dy[d + k]! * inv;
    for (let k = 0; k < d; k++) {
      const at = s.argmax[k]! * d + k;
      dx[at] = dx[at]! + dy[k]!;
    }
    return dx;
  }

  toOnnx(g: GraphBuilder, x: string): string {
    const max = g.op('ReduceMax', [x], [intsAttr('axes', [0]), intAttr('keepdims', 0)]);
    const mean = g.op('ReduceMean', [x], [intsAttr('axes', [0]), intAttr('keepdims', 0)]);
    return g.op('Concat', [max, mean], [intAttr('axis', 0)]);
  }
}
