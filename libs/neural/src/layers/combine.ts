import { GraphBuilder } from '../onnx/graph';
import { intAttr } from '../onnx/proto';

export interface AlignFuseState {
  x: Float32Array;
  aligned: Float32Array;
  len: number;
  /** [len × 4·dim] */
  out: Float32Array;
  dx: Float32Array;
  dAligned: Float32Array;
}

/** ESIM's enhancement of each position with its alignment: [x; x̃; x − x̃; x ⊙ x̃]. */
export class AlignFuse {
  constructor(readonly dim: number) {}

  params(): [] {
    return [];
  }

  get outDim(): number {
    return 4 * this.dim;
  }

  state(maxLen: number): AlignFuseState {
    const d = this.dim;
    return { x: new Float32Array(0), aligned: new Float32Array(0), len: 0, out: new Float32Array(maxLen * 4 * d), dx: new Float32Array(maxLen * d), dAligned: new Float32Array(maxLen * d) };
  }

  forward(s: AlignFuseState, x: Float32Array, aligned: Float32Array, len: number): Float32Array {
    const d = this.dim;
    const out = s.out;
    s.x = x;
    s.aligned = aligned;
    s.len = len;
    for (let t = 0; t < len; t++) {
      const o = t * 4 * d;
      for (let k = 0; k < d; k++) {
        const u = x[t * d + k]!;
        const v = aligned[t * d + k]!;
        out[o + k] = u;
        out[o + d + k] = v;
        out[o + 2 * d + k] = u - v;
        out[o + 3 * d + k] = u * v;
      }
    }
    return out;
  }

  backward(s: AlignFuseState, dy: Float32Array): void {
    const d = this.dim;
    const { x, aligned, dx, dAligned } = s;
    for (let t = 0; t < s.len; t++) {
      const o = t * 4 * d;
      for (let k = 0; k < d; k++) {
        const gDiff = dy[o + 2 * d + k]!;
        const gProd = dy[o + 3 * d + k]!;
        dx[t * d + k] = dy[o + k]! + gDiff + gProd * aligned[t * d + k]!;
        dAligned[t * d + k] = dy[o + d + k]! - gDiff + gProd * x[t * d + k]!;
      }
    }
  }

  toOnnx(g: GraphBuilder, x: string, aligned: string): string {
    const diff = g.op('Sub', [x, aligned]);
    const prod = g.op('Mul', [x, aligned]);
    return g.op('Concat', [x, aligned, diff, prod], [intAttr('axis', 1)]);
  }
}

export interface PairCombineState {
  u: Float32Array;
  v: Float32Array;
  out: Float32Array;
  du: Float32Array;
  dv: Float32Array;
}

/** Two sentence vectors → [u; v; |u − v|; u ⊙ v] (the usual matching head input). */
export class PairCombine {
  constructor(readonly dim: number) {}

  params(): [] {
    return [];
  }

  get outDim(): number {
    return 4 * this.dim;
  }

  state(): PairCombineState {
    const d = this.dim;
    return { u: new Float32Array(0), v: new Float32Array(0), out: new Float32Array(4 * d), du: new Float32Array(d), dv: new Float32Array(d) };
  }

  forward(s: PairCombineState, u: Float32Array, v: Float32Array): Float32Array {
    const d = this.dim;
    const out = s.out;
    s.u = u;
    s.v = v;
    for (let k = 0; k < d; k++) {
      const a = u[k]!;
      const b = v[k]!;
      out[k] = a;
      out[d + k] = b;
      out[2 * d + k] = Math.abs(a - b);
      out[3 * d + k] = a * b;
    }
    return out;
  }

  backward(s: PairCombineState, dy: Float32Array): void {
    const d = this.dim;
    const { u, v, du, dv } = s;
    for (let k = 0; k < d; k++) {
      const diff = u[k]! - v[k]!;
      const gAbs = dy[2 * d + k]! * (diff > 0 ? 1 : diff < 0 ? -1 : 0);
      const gProd = dy[3 * d + k]!;
      du[k] = dy[k]! + gAbs + gProd * v[k]!;
      dv[k] = dy[d + k]! - gAbs + gProd * u[k]!;
    }
  }

  toOnnx(g: GraphBuilder, u: string, v: string): string {
    const diff = g.op('Abs', [g.op('Sub', [u, v])]);
    const prod = g.op('Mul', [u, v]);
    return g.op('Concat', [u, v, diff, prod], [intAttr('axis', 0)]);
  }
}
