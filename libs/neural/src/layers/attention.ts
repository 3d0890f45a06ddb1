import { GraphBuilder } from '../onnx/graph';
import { axpy, dot } from '../kernels';
import { intAttr, intsAttr } from '../onnx/proto';

export interface CrossAttentionState {
  a: Float32Array;
  b: Float32Array;
  la: number;
  lb: number;
  /** Row-softmax of S = A·Bᵀ over b's positions, [la × lb]. */
  pa: Float32Array;
  /** Column-softmax of S over a's positions, [la × lb]. */
  pb: Float32Array;
  /** Ã = Pa·B [la × dim], B̃ = Pbᵀ·A [lb × dim]. */
  outA: Float32Array;
  outB: Float32Array;
  /** Gradients through the attention only, [la × dim], [lb × dim]. */
  dA: Float32Array;
  dB: Float32Array;
  dS: Float32Array;
  colG: Float32Array;
}

/**
 * ESIM-style soft alignment between two sequences, no parameters: each position of A is summarised by
 * the positions of B it attends to (and the other way round), with scores e_ij = a_i · b_j.
 */
export class CrossAttention {
  constructor(readonly dim: number) {}

  params(): [] {
    return [];
  }

  state(maxLen: number): CrossAttentionState {
    const d = this.dim;
    return {
      a: new Float32Array(0),
      b: new Float32Array(0),
      la: 0,
      lb: 0,
      pa: new Float32Array(maxLen * maxLen),
      pb: new Float32Array(maxLen * maxLen),
      outA: new Float32Array(maxLen * d),
      outB: new Float32Array(maxLen * d),
      dA: new Float32Array(maxLen * d),
      dB: new Float32Array(maxLen * d),
      dS: new Float32Array(maxLen * maxLen),
      colG: new Float32Array(maxLen * maxLen),
    };
  }

  forward(s: CrossAttentionState, a: Float32Array, la: number, b: Float32Array, lb: number): void {
    const d = this.dim;
    const { pa, pb, outA, outB } = s;
    s.a = a;
    s.b = b;
    s.la = la;
    s.lb = lb;
    for (let i = 0; i < la; i++) {
      for (let j = 0; j < lb; j++) {
        const e = dot(a, i * d, b, j * d, d);
        pa[i * lb + j] = e;
        pb[i * lb + j] = e;
      }
    }
    for (let i = 0; i < la; i++) {
      let max = -Infinity;
      for (let j = 0; j < lb; j++) max = Math.max(max, pa[i * lb + j]!);
      let sum = 0;
      for (let j = 0; j < lb; j++) sum += pa[i * lb + j] = Math.exp(pa[i * lb + j]! - max);
      for (let j = 0; j < lb; j++) pa[i * lb + j] = pa[i * lb + j]! / sum;
    }
    for (let j = 0; j < lb; j++) {
      let max = -Infinity;
      for (let i = 0; i < la; i++) max = Math.max(max, pb[i * lb + j]!);
      let sum = 0;
      for (let i = 0; i < la; i++) sum += pb[i * lb + j] = Math.exp(pb[i * lb + j]! - max);
      for (let i = 0; i < la; i++) pb[i * lb + j] = pb[i * lb + j]! / sum;
    }
    outA.fill(0, 0, la * d);
    outB.fill(0, 0, lb * d);
    for (let i = 0; i < la; i++) {
      for (let j = 0; j < lb; j++) {
        axpy(outA, i * d, pa[i * lb + j]!, b, j * d, d);
        axpy(outB, j * d, pb[i * lb + j]!, a, i * d, d);
      }
    }
  }

  /** From dÃ, dB̃ to dA, dB (in the state; the caller adds them to its own gradients). */
  backward(s: CrossAttentionState, dOutA: Float32Array, dOutB: Float32Array): void {
    const d = this.dim;
    const { a, b, la, lb, pa, pb, dA, dB, dS, colG } = s;
    dA.fill(0, 0, la * d);
    dB.fill(0, 0, lb * d);
    // Row softmax (Ã = Pa·B): dPa_ij = dÃ_i · b_j; dB_j += Pa_ij dÃ_i; dS_ij = Pa_ij (dPa_ij − Σ_j' Pa_ij' dPa_ij').
    for (let i = 0; i < la; i++) {
      let pdot = 0;
      for (let j = 0; j < lb; j++) {
        const p = pa[i * lb + j]!;
        const g = dot(dOutA, i * d, b, j * d, d);
        axpy(dB, j * d, p, dOutA, i * d, d);
        dS[i * lb + j] = g;
        pdot += p * g;
      }
      for (let j = 0; j < lb; j++) dS[i * lb + j] = pa[i * lb + j]! * (dS[i * lb + j]! - pdot);
    }
    // Column softmax (B̃ = Pbᵀ·A): the same with the roles of i and j swapped, added to dS.
    for (let j = 0; j < lb; j++) {
      let pdot = 0;
      for (let i = 0; i < la; i++) {
        const q = pb[i * lb + j]!;
        const g = dot(dOutB, j * d, a, i * d, d);
        axpy(dA, i * d, q, dOutB, j * d, d);
        colG[i * lb + j] = g;
        pdot += q * g;
      }
      for (let i = 0; i < la; i++) {
        const idx = i * lb + j;
        dS[idx] = dS[idx]! + pb[idx]! * (colG[idx]! - pdot);
      }
    }
    // S = A·Bᵀ.
    for (let i = 0; i < la; i++) {
      for (let j = 0; j < lb; j++) {
        const g = dS[i * lb + j]!;
        if (g === 0) continue;
        axpy(dA, i * d, g, b, j * d, d);
        axpy(dB, j * d, g, a, i * d, d);
      }
    }
  }

  /** a [La × d], b [Lb × d] → [Ã, B̃]. */
  toOnnx(g: GraphBuilder, a: string, b: string): [string, string] {
    const bt = g.op('Transpose', [b], [intsAttr('perm', [1, 0])]);
    const scores = g.op('MatMul', [a, bt]);
    const pa = g.op('Softmax', [scores], [intAttr('axis', 1)]);
    const pb = g.op('Softmax', [scores], [intAttr('axis', 0)]);
    const outA = g.op('MatMul', [pa, b]);
    const pbt = g.op('Transpose', [pb], [intsAttr('perm', [1, 0])]);
    const outB = g.op('MatMul', [pbt, a]);
    return [outA, outB];
  }
}
