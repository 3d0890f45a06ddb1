import { epochOrder, miniBatches, splitIndices } from '../batch';
import { logisticLoss, sigmoid } from '../loss';
import { binaryMetrics, type BinaryMetrics } from '../metrics';
import { Adam } from '../optim';
import { createRng } from '../rng';
import { DEFAULT_MATCHER_SHAPE, type MatcherShape, QuestionMatcher } from './model';
import { buildCharVocab, type CharVocab, encodeQuestion } from './vocab';

export interface QuestionPair {
  a: string;
  b: string;
  label: 0 | 1;
}

export interface EncodedPair {
  a: Int32Array;
  b: Int32Array;
  label: 0 | 1;
}

export interface MatcherTrainOptions extends Omit<MatcherShape, 'vocabSize'> {
  epochs: number;
  /** Stop after the batch that crosses this many seconds of training (0 = no limit). */
  timeBudgetSeconds: number;
  batchSize: number;
  learningRate: number;
  /**
   * The learning rate falls linearly to this share of itself over the run, measured by steps or by the
   * time budget, whichever is further along (annealing helps most when a budget cuts the run short).
   */
  finalLearningRateShare: number;
  weightDecay: number;
  clipNorm: number;
  /** Share of the training pairs held out to fit the temperature and report validation figures. */
  validationShare: number;
  /** Characters seen fewer times map to the unknown id. */
  minCharCount: number;
  /** Milliseconds clock, injected (the lib never reads the clock itself). */
  clock: () => number;
  onProgress?: (p: TrainProgress) => void;
}

export interface TrainProgress {
  epoch: number;
  seen: number;
  meanLoss: number;
  seconds: number;
  validation?: BinaryMetrics;
}

export const DEFAULT_MATCHER_TRAIN: Omit<MatcherTrainOptions, 'clock'> = {
  ...DEFAULT_MATCHER_SHAPE,
  epochs: 4,
  timeBudgetSeconds: 0,
  batchSize: 32,
  learningRate: 2e-3,
  finalLearningRateShare: 0.1,
  weightDecay: 1e-4,
  clipNorm: 5,
  validationShare: 0.05,
  minCharCount: 2,
};

export interface TrainedMatcher {
  model: QuestionMatcher;
  vocab: CharVocab;
  epochs: number;
  trainSeconds: number;
  samplesPerSecond: number;
  validation: BinaryMetrics & { count: number; temperature: number };
}

export function encodePairs(pairs: readonly QuestionPair[], vocab: CharVocab, maxLen: number): EncodedPair[] {
  return pairs.map((p) => ({ a: encodeQuestion(p.a, vocab, maxLen), b: encodeQuestion(p.b, vocab, maxLen), label: p.label }));
}

/** Trains the matcher with Adam on mini-batches, then fits the temperature on the held-out split. */
export function trainMatcher(pairs: readonly QuestionPair[], options: Partial<MatcherTrainOptions> & { clock: () => number }): TrainedMatcher {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<MatcherTrainOptions>;
  const o: MatcherTrainOptions = { ...DEFAULT_MATCHER_TRAIN, ...given, clock: options.clock };
  if (pairs.length < 2) throw new Error('need at least two training pairs');
  const split = splitIndices(pairs.length, o.validationShare, o.seed);
  const trainPairs = Array.from(split.train, (i) => pairs[i]!);
  const validPairs = Array.from(split.heldOut, (i) => pairs[i]!);
  const vocab = buildCharVocab(trainPairs.flatMap((p) => [p.a, p.b]), o.minCharCount);
  const train = encodePairs(trainPairs, vocab, o.maxLen);
  const valid = encodePairs(validPairs, vocab, o.maxLen);
  const model = new QuestionMatcher({ ...o, vocabSize: vocab.chars.length });
  const adam = new Adam(model.params(), { learningRate: o.learningRate, weightDecay: o.weightDecay, clipNorm: o.clipNorm });
  const rng = createRng(o.seed ^ 0x5bd1e995);
  const start = o.clock();
  let seen = 0;
  let epochsRun = 0;
  let outOfTime = false;
  const totalSteps = o.epochs * Math.ceil(train.length / o.batchSize);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs && !outOfTime; epoch++) {
    let lossSum = 0;
    let count = 0;
    for (const batch of miniBatches(epochOrder(train.length, o.seed, epoch), o.batchSize)) {
      for (let k = 0; k < batch.length; k++) {
        const p = train[batch[k]!]!;
        const logit = model.forward(p.a, p.b, rng);
        const { loss, grad } = logisticLoss(logit, p.label);
        lossSum += loss;
        count++;
        model.backward(grad);
      }
      const elapsed = (o.clock() - start) / 1000;
      const progress = Math.min(1, Math.max(step / totalSteps, o.timeBudgetSeconds > 0 ? elapsed / o.timeBudgetSeconds : 0));
      adam.learningRate = o.learningRate * (1 - (1 - o.finalLearningRateShare) * progress);
      adam.step(1 / batch.length);
      step++;
      seen += batch.length;
      if (o.timeBudgetSeconds > 0 && elapsed >= o.timeBudgetSeconds) {
        outOfTime = true;
        break;
      }
      if (o.onProgress && count % (o.batchSize * 200) < o.batchSize) o.onProgress({ epoch, seen, meanLoss: lossSum / count, seconds: (o.clock() - start) / 1000 });
    }
    epochsRun = epoch + 1;
    if (o.onProgress) o.onProgress({ epoch, seen, meanLoss: lossSum / Math.max(1, count), seconds: (o.clock() - start) / 1000, validation: valid.length ? evaluate(model, valid) : undefined });
  }
  const trainSeconds = (o.clock() - start) / 1000;
  const logits = Float32Array.from(valid, (p) => model.forward(p.a, p.b));
  const labels = Uint8Array.from(valid, (p) => p.label);
  model.temperature = valid.length ? fitTemperature(logits, labels) : 1;
  const probs = logits.map((z) => sigmoid(z / model.temperature));
  return {
    model,
    vocab,
    epochs: epochsRun,
    trainSeconds,
    samplesPerSecond: seen / Math.max(trainSeconds, 1e-9),
    validation: { ...binaryMetrics(probs, labels, 0.5), count: valid.length, temperature: model.temperature },
  };
}

/** Calibrated probabilities of encoded pairs. */
export function scorePairs(model: QuestionMatcher, pairs: readonly EncodedPair[]): Float32Array {
  return Float32Array.from(pairs, (p) => model.probability(p.a, p.b));
}

export function evaluate(model: QuestionMatcher, pairs: readonly EncodedPair[], threshold = 0.5): BinaryMetrics {
  return binaryMetrics(scorePairs(model, pairs), Uint8Array.from(pairs, (p) => p.label), threshold);
}

/** The temperature T minimising the mean log loss of sigmoid(z / T) (golden-section search on log T). */
export function fitTemperature(logits: Float32Array, labels: Uint8Array): number {
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let s = 0;
    for (let i = 0; i < logits.length; i++) s += logisticLoss(logits[i]! / t, labels[i] as 0 | 1).loss;
    return s / logits.length;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = nll(x1);
  let f2 = nll(x2);
  for (let it = 0; it < 60; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = nll(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = nll(x2);
    }
  }
  return Math.exp((lo + hi) / 2);
}
