import { classifierFeatureIds, type ClassifierFeatureConfig, DEFAULT_CLASSIFIER_FEATURES } from '../features';
import { argmax, classifierForward, type ClassifierWeights, DEFAULT_CLASSIFIER_TRAIN, fitTemperature, trainClassifier } from './classifier';
import { createRng, shuffle } from './rng';

/** A trained sentence classifier (intent or emotion) with everything serving needs. */
export interface TextClassifierModel {
  task: 'intent' | 'emotion' | 'sentiment';
  labels: string[];
  features: ClassifierFeatureConfig;
  weights: ClassifierWeights;
}

export interface LabelledText {
  text: string;
  label: string;
  /** Word tokens when features.words is on (segmentation happens outside the pure lib). */
  tokens?: readonly string[];
}

export interface TextClassifierOptions {
  task: TextClassifierModel['task'];
  features?: Partial<ClassifierFeatureConfig>;
  dim?: number;
  hidden?: number;
  epochs?: number;
  learningRate?: number;
  seed?: number;
  /**
   * Share of the training data held out to fit the softmax temperature (0 = no calibration). With
   * `refit`, the classifier is then retrained on all the data and keeps the fitted temperature.
   */
  calibrationShare?: number;
  refit?: boolean;
  /** Label order to use (e.g. the NLU data's intent list); labels seen in data are appended. */
  labels?: readonly string[];
  onProgress?: (stage: string, done: number, total: number) => void;
}

export function trainTextClassifier(data: readonly LabelledText[], options: TextClassifierOptions): TextClassifierModel {
  const features: ClassifierFeatureConfig = { ...DEFAULT_CLASSIFIER_FEATURES, ...options.features };
  const labels = [...(options.labels ?? [])];
  for (const d of data) if (!labels.includes(d.label)) labels.push(d.label);
  const index = new Map(labels.map((l, i) => [l, i]));
  const samples = data.map((d) => ({ ids: classifierFeatureIds(d.text, features, d.tokens), label: index.get(d.label)! }));
  const seed = options.seed ?? DEFAULT_CLASSIFIER_TRAIN.seed;
  const epochs = options.epochs ?? DEFAULT_CLASSIFIER_TRAIN.epochs;
  const train = (subset: typeof samples, stage: string): ClassifierWeights =>
    trainClassifier(subset, labels.length, {
      buckets: features.buckets,
      dim: options.dim ?? DEFAULT_CLASSIFIER_TRAIN.dim,
      hidden: options.hidden ?? DEFAULT_CLASSIFIER_TRAIN.hidden,
      epochs,
      learningRate: options.learningRate ?? DEFAULT_CLASSIFIER_TRAIN.learningRate,
      seed,
      onEpoch: (e) => options.onProgress?.(stage, e, epochs),
    });
  const share = options.calibrationShare ?? 0.1;
  let weights: ClassifierWeights;
  if (share > 0 && samples.length >= 20) {
    const order = shuffle(samples.map((_, i) => i), createRng(seed + 7));
    const cut = Math.max(1, Math.round(samples.length * share));
    const held = order.slice(0, cut).map((i) => samples[i]!);
    const rest = order.slice(cut).map((i) => samples[i]!);
    const first = train(rest, 'train');
    const temperature = fitTemperature(
      held.map((s) => classifierForward(first, s.ids).logits),
      held.map((s) => s.label),
    );
    weights = options.refit ? train(samples, 'refit') : first;
    weights.temperature = temperature;
  } else {
    weights = train(samples, 'train');
  }
  return { task: options.task, labels, features, weights };
}

export interface ClassifierPrediction {
  label: string;
  confidence: number;
  /** All labels, best first. */
  ranked: { label: string; confidence: number }[];
}

export function classifyText(model: TextClassifierModel, text: string, tokens?: readonly string[]): ClassifierPrediction {
  const { probs } = classifierForward(model.weights, classifierFeatureIds(text, model.features, tokens));
  return predictionFromProbs(model.labels, probs);
}

export function predictionFromProbs(labels: readonly string[], probs: ArrayLike<number>): ClassifierPrediction {
  const ranked = labels.map((label, i) => ({ label, confidence: probs[i]! })).sort((a, b) => b.confidence - a.confidence);
  const best = argmax(probs);
  return { label: labels[best]!, confidence: probs[best]!, ranked };
}
