import { createRng, shuffle } from './rng';

/**
 * Linear-chain CRF over hashed position features. Emission score of label j at position t is
 * Σ_k W[ids[t,k], j] (bucket 0 = padding, always zero); transitions and start scores are dense.
 */
export interface CrfWeights {
  buckets: number;
  labels: number;
  /** Feature slots per position (the ids matrix is [T × width]). */
  width: number;
  /** [buckets × labels] */
  emission: Float32Array;
  /** [labels × labels], from row label to column label. */
  transitions: Float32Array;
  /** [labels] score of starting a sentence with each label. */
  start: Float32Array;
}

export interface CrfSample {
  /** [T × width] feature ids. */
  ids: Int32Array;
  /** [T] gold label indices. */
  tags: Int32Array;
}

export interface CrfTrainOptions {
  buckets: number;
  width: number;
  epochs: number;
  learningRate: number;
  seed: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

export const DEFAULT_CRF_TRAIN: Omit<CrfTrainOptions, 'buckets' | 'width'> = { epochs: 8, learningRate: 0.1, seed: 42 };

/** Emission scores [T × labels] — exactly what the exported ONNX graph computes. */
export function crfEmissions(m: CrfWeights, ids: Int32Array): Float32Array {
  const L = m.labels;
  const T = ids.length / m.width;
  const out = new Float32Array(T * L);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < m.width; k++) {
      const id = ids[t * m.width + k]!;
      if (id === 0) continue;
      const base = id * L;
      for (let j = 0; j < L; j++) out[t * L + j]! += m.emission[base + j]!;
    }
  }
  return out;
}

/** Best label path under emissions + transitions + start scores. */
export function viterbi(emissions: Float32Array, labels: number, transitions: Float32Array, start: Float32Array): Int32Array {
  const L = labels;
  const T = emissions.length / L;
  const path = new Int32Array(T);
  if (T === 0) return path;
  let score = new Float64Array(L);
  let next = new Float64Array(L);
  const back = new Int32Array(T * L);
  for (let j = 0; j < L; j++) score[j] = start[j]! + emissions[j]!;
  for (let t = 1; t < T; t++) {
    for (let j = 0; j < L; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < L; i++) {
        const s = score[i]! + transitions[i * L + j]!;
        if (s > best) {
          best = s;
          arg = i;
        }
      }
      next[j] = best + emissions[t * L + j]!;
      back[t * L + j] = arg;
    }
    [score, next] = [next, score];
  }
  let last = 0;
  for (let j = 1; j < L; j++) if (score[j]! > score[last]!) last = j;
  path[T - 1] = last;
  for (let t = T - 1; t > 0; t--) path[t - 1] = back[t * L + path[t]!]!;
  return path;
}

export function crfDecode(m: CrfWeights, ids: Int32Array): Int32Array {
  return viterbi(crfEmissions(m, ids), m.labels, m.transitions, m.start);
}

interface Marginals {
  /** [T × L] unary marginals. */
  unary: Float64Array;
  /** [L × L] pairwise marginals summed over t. */
  pairSum: Float64Array;
  logZ: number;
}

/** Scaled forward-backward in probability space (per-position normalisers keep it finite). */
export function crfMarginals(m: CrfWeights, emissions: Float32Array): Marginals {
  const L = m.labels;
  const T = emissions.length / L;
  const expE = new Float64Array(T * L);
  let logZ = 0;
  for (let t = 0; t < T; t++) {
    let max = -Infinity;
    for (let j = 0; j < L; j++) max = Math.max(max, emissions[t * L + j]!);
    logZ += max;
    for (let j = 0; j < L; j++) expE[t * L + j] = Math.exp(emissions[t * L + j]! - max);
  }
  const expT = new Float64Array(L * L);
  for (let i = 0; i < L * L; i++) expT[i] = Math.exp(m.transitions[i]!);
  const alpha = new Float64Array(T * L);
  const beta = new Float64Array(T * L);
  const scale = new Float64Array(T);
  let c = 0;
  for (let j = 0; j < L; j++) {
    const v = Math.exp(m.start[j]!) * expE[j]!;
    alpha[j] = v;
    c += v;
  }
  scale[0] = c;
  for (let j = 0; j < L; j++) alpha[j] = alpha[j]! / c;
  for (let t = 1; t < T; t++) {
    c = 0;
    for (let j = 0; j < L; j++) {
      let s = 0;
      for (let i = 0; i < L; i++) s += alpha[(t - 1) * L + i]! * expT[i * L + j]!;
      const v = s * expE[t * L + j]!;
      alpha[t * L + j] = v;
      c += v;
    }
    scale[t] = c;
    for (let j = 0; j < L; j++) alpha[t * L + j] = alpha[t * L + j]! / c;
  }
  for (let t = 0; t < T; t++) logZ += Math.log(scale[t]!);
  for (let j = 0; j < L; j++) beta[(T - 1) * L + j] = 1;
  for (let t = T - 2; t >= 0; t--) {
    for (let i = 0; i < L; i++) {
      let s = 0;
      for (let j = 0; j < L; j++) s += expT[i * L + j]! * expE[(t + 1) * L + j]! * beta[(t + 1) * L + j]!;
      beta[t * L + i] = s / scale[t + 1]!;
    }
  }
  const unary = new Float64Array(T * L);
  for (let k = 0; k < T * L; k++) unary[k] = alpha[k]! * beta[k]!;
  const pairSum = new Float64Array(L * L);
  for (let t = 1; t < T; t++) {
    const inv = 1 / scale[t]!;
    for (let i = 0; i < L; i++) {
      const a = alpha[(t - 1) * L + i]! * inv;
      if (a === 0) continue;
      for (let j = 0; j < L; j++) pairSum[i * L + j]! += a * expT[i * L + j]! * expE[t * L + j]! * beta[t * L + j]!;
    }
  }
  return { unary, pairSum, logZ };
}

/** Negative log-likelihood of a gold path (used by tests and training logs). */
export function crfNll(m: CrfWeights, ids: Int32Array, tags: Int32Array): number {
  const emissions = crfEmissions(m, ids);
  return crfMarginals(m, emissions).logZ - pathScore(m, emissions, tags);
}

function pathScore(m: CrfWeights, emissions: Float32Array, tags: Int32Array): number {
  const L = m.labels;
  let s = tags.length ? m.start[tags[0]!]! : 0;
  for (let t = 0; t < tags.length; t++) {
    s += emissions[t * L + tags[t]!]!;
    if (t > 0) s += m.transitions[tags[t - 1]! * L + tags[t]!]!;
  }
  return s;
}

/** Maximum-likelihood training with per-sentence AdaGrad on the exact forward-backward gradient. */
export function trainCrf(samples: readonly CrfSample[], labels: number, options: CrfTrainOptions): CrfWeights {
  const { buckets, width, epochs, learningRate: lr, seed } = options;
  const L = labels;
  const m: CrfWeights = {
    buckets,
    labels: L,
    width,
    emission: new Float32Array(buckets * L),
    transitions: new Float32Array(L * L),
    start: new Float32Array(L),
  };
  const accE = new Float32Array(m.emission.length);
  const accT = new Float64Array(L * L);
  const accS = new Float64Array(L);
  const rng = createRng(seed);
  const order = samples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, rng);
    let lossSum = 0;
    for (const idx of order) {
      const { ids, tags } = samples[idx]!;
      const T = tags.length;
      if (T === 0) continue;
      const emissions = crfEmissions(m, ids);
      const { unary, pairSum, logZ } = crfMarginals(m, emissions);
      lossSum += logZ - pathScore(m, emissions, tags);
      for (let t = 0; t < T; t++) {
        const gold = tags[t]!;
        for (let k = 0; k < width; k++) {
          const id = ids[t * width + k]!;
          if (id === 0) continue;
          const base = id * L;
          for (let j = 0; j < L; j++) {
            const g = unary[t * L + j]! - (j === gold ? 1 : 0);
            if (g > -1e-7 && g < 1e-7) continue;
            const a = accE[base + j]! + g * g;
            accE[base + j] = a;
            m.emission[base + j] = m.emission[base + j]! - (lr * g) / Math.sqrt(a);
          }
        }
      }
      for (let t = 1; t < T; t++) pairSum[tags[t - 1]! * L + tags[t]!]! -= 1;
      for (let k = 0; k < L * L; k++) {
        const g = pairSum[k]!;
        if (g === 0) continue;
        accT[k]! += g * g;
        m.transitions[k] = m.transitions[k]! - (lr * g) / Math.sqrt(accT[k]!);
      }
      for (let j = 0; j < L; j++) {
        const g = unary[j]! - (j === tags[0]! ? 1 : 0);
        accS[j]! += g * g;
        if (accS[j]! > 0) m.start[j] = m.start[j]! - (lr * g) / Math.sqrt(accS[j]!);
      }
    }
    options.onEpoch?.(epoch + 1, samples.length ? lossSum / samples.length : 0);
  }
  return m;
}
