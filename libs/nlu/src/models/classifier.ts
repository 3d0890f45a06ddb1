import { createRng, shuffle } from './rng';

/**
 * A fastText-style sentence classifier: mean of hashed feature embeddings → optional ReLU hidden layer
 * → linear → softmax / temperature. All weights are flat Float32Arrays (row-major).
 */
export interface ClassifierWeights {
  buckets: number;
  dim: number;
  /** 0 = no hidden layer. */
  hidden: number;
  classes: number;
  /** [buckets × dim]; row 0 (padding) stays zero. */
  embedding: Float32Array;
  /** [dim × hidden] and [hidden] (empty when hidden = 0). */
  w1: Float32Array;
  b1: Float32Array;
  /** [(hidden || dim) × classes] and [classes]. */
  w2: Float32Array;
  b2: Float32Array;
  /** Softmax temperature fitted on held-out data (1 = uncalibrated). */
  temperature: number;
}

export interface ClassifierSample {
  ids: Int32Array;
  label: number;
}

export interface ClassifierTrainOptions {
  buckets: number;
  dim: number;
  hidden: number;
  epochs: number;
  learningRate: number;
  seed: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

export const DEFAULT_CLASSIFIER_TRAIN: Omit<ClassifierTrainOptions, 'buckets'> = {
  dim: 64,
  hidden: 0,
  epochs: 12,
  learningRate: 0.2,
  seed: 42,
};

export function initClassifier(buckets: number, dim: number, hidden: number, classes: number, seed: number): ClassifierWeights {
  const rng = createRng(seed);
  const uniform = (n: number, scale: number): Float32Array => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (rng() * 2 - 1) * scale;
    return a;
  };
  const embedding = uniform(buckets * dim, 1 / dim);
  embedding.fill(0, 0, dim);
  const inner = hidden || dim;
  return {
    buckets,
    dim,
    hidden,
    classes,
    embedding,
    w1: hidden ? uniform(dim * hidden, Math.sqrt(6 / (dim + hidden))) : new Float32Array(0),
    b1: new Float32Array(hidden),
    // Output starts at zero like fastText: all classes equally likely before training.
    w2: hidden ? uniform(inner * classes, Math.sqrt(6 / (inner + classes))) : new Float32Array(inner * classes),
    b2: new Float32Array(classes),
    temperature: 1,
  };
}

/** Intermediate activations of one forward pass (reused by the backward pass). */
interface Activations {
  h0: Float32Array;
  z1: Float32Array;
  a1: Float32Array;
  logits: Float32Array;
}

function forwardActivations(m: ClassifierWeights, ids: Int32Array): Activations {
  const { dim, hidden, classes } = m;
  const h0 = new Float32Array(dim);
  for (let k = 0; k < ids.length; k++) {
    const base = ids[k]! * dim;
    for (let d = 0; d < dim; d++) h0[d]! += m.embedding[base + d]!;
  }
  const inv = ids.length > 0 ? 1 / ids.length : 0;
  for (let d = 0; d < dim; d++) h0[d] = h0[d]! * inv;
  const z1 = new Float32Array(hidden);
  const a1 = new Float32Array(hidden);
  for (let j = 0; j < hidden; j++) {
    let s = m.b1[j]!;
    for (let d = 0; d < dim; d++) s += h0[d]! * m.w1[d * hidden + j]!;
    z1[j] = s;
    a1[j] = s > 0 ? s : 0;
  }
  const input = hidden ? a1 : h0;
  const logits = new Float32Array(classes);
  for (let c = 0; c < classes; c++) {
    let s = m.b2[c]!;
    for (let i = 0; i < input.length; i++) s += input[i]! * m.w2[i * classes + c]!;
    logits[c] = s;
  }
  return { h0, z1, a1, logits };
}

export function softmax(logits: ArrayLike<number>, temperature = 1): Float32Array {
  const out = new Float32Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]! / temperature);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp(logits[i]! / temperature - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}

/** Raw logits and calibrated probabilities (the same computation the ONNX graph performs). */
export function classifierForward(m: ClassifierWeights, ids: Int32Array): { logits: Float32Array; probs: Float32Array } {
  const { logits } = forwardActivations(m, ids);
  return { logits, probs: softmax(logits, m.temperature) };
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** AdaGrad step on one parameter entry; `acc` holds the squared-gradient sum. */
function adagrad(params: Float32Array, acc: Float32Array, index: number, grad: number, lr: number): void {
  const a = acc[index]! + grad * grad;
  acc[index] = a;
  params[index] = params[index]! - (lr * grad) / Math.sqrt(a + 1e-8);
}

/** Trains with per-sample AdaGrad and softmax cross-entropy; deterministic for a given seed. */
export function trainClassifier(samples: readonly ClassifierSample[], classes: number, options: ClassifierTrainOptions): ClassifierWeights {
  const { buckets, dim, hidden, epochs, learningRate: lr, seed } = options;
  const m = initClassifier(buckets, dim, hidden, classes, seed);
  const accEmb = new Float32Array(m.embedding.length);
  const accW1 = new Float32Array(m.w1.length);
  const accB1 = new Float32Array(m.b1.length);
  const accW2 = new Float32Array(m.w2.length);
  const accB2 = new Float32Array(m.b2.length);
  const rng = createRng(seed + 1);
  const order = samples.map((_, i) => i);
  const inner = hidden || dim;
  const dInput = new Float32Array(inner);
  const dH0 = new Float32Array(dim);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, rng);
    let lossSum = 0;
    for (const idx of order) {
      const sample = samples[idx]!;
      const act = forwardActivations(m, sample.ids);
      const probs = softmax(act.logits);
      lossSum -= Math.log(Math.max(probs[sample.label]!, 1e-12));
      probs[sample.label] = probs[sample.label]! - 1; // now dLoss/dLogits
      const input = hidden ? act.a1 : act.h0;
      dInput.fill(0);
      for (let i = 0; i < inner; i++) {
        const x = input[i]!;
        for (let c = 0; c < classes; c++) {
          const g = probs[c]!;
          dInput[i]! += g * m.w2[i * classes + c]!;
          if (x !== 0) adagrad(m.w2, accW2, i * classes + c, g * x, lr);
        }
      }
      for (let c = 0; c < classes; c++) adagrad(m.b2, accB2, c, probs[c]!, lr);
      if (hidden) {
        dH0.fill(0);
        for (let j = 0; j < hidden; j++) {
          if (act.z1[j]! <= 0) continue;
          const g = dInput[j]!;
          for (let d = 0; d < dim; d++) {
            dH0[d]! += g * m.w1[d * hidden + j]!;
            adagrad(m.w1, accW1, d * hidden + j, g * act.h0[d]!, lr);
          }
          adagrad(m.b1, accB1, j, g, lr);
        }
      } else {
        dH0.set(dInput);
      }
      const inv = 1 / sample.ids.length;
      for (let k = 0; k < sample.ids.length; k++) {
        const id = sample.ids[k]!;
        if (id === 0) continue;
        const base = id * dim;
        for (let d = 0; d < dim; d++) adagrad(m.embedding, accEmb, base + d, dH0[d]! * inv, lr);
      }
    }
    options.onEpoch?.(epoch + 1, samples.length ? lossSum / samples.length : 0);
  }
  return m;
}

/** Mean negative log-likelihood of held-out logits at a temperature. */
function nll(logits: readonly Float32Array[], labels: readonly number[], temperature: number): number {
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum -= Math.log(Math.max(softmax(logits[i]!, temperature)[labels[i]!]!, 1e-12));
  return sum / Math.max(1, logits.length);
}

/**
 * Temperature scaling (Guo et al. 2017): one scalar that minimises held-out NLL, found by golden-section
 * search over log T. It leaves the argmax unchanged and makes confidences usable for thresholds.
 */
export function fitTemperature(logits: readonly Float32Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = nll(logits, labels, Math.exp(x1));
  let f2 = nll(logits, labels, Math.exp(x2));
  for (let it = 0; it < 40; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = nll(logits, labels, Math.exp(x1));
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = nll(logits, labels, Math.exp(x2));
    }
  }
  return Math.exp((lo + hi) / 2);
}
