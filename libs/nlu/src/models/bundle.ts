import { EMOTIONS, type ModelMetrics, type NluData, OUT_OF_SCOPE_INTENT } from '@zhishou/flow-schema';
import { createEmotionDetector } from '../emotion';
import { classificationReport, type ClassificationReport } from '../eval/classification';
import { spanReport, type SpanReport } from '../eval/spans';
import { exportClassifierOnnx, exportTaggerOnnx } from '../onnx/export';
import { type SlotTaggerModel, tagTokens, type TaggedSentence, trainSlotTagger } from './slot-tagger';
import { classifyText, type LabelledText, type TextClassifierModel, trainTextClassifier } from './text-classifier';

/** Everything one bot's model version is trained from. */
export interface BundleData {
  intents: { train: LabelledText[]; test: LabelledText[] };
  slots: { train: TaggedSentence[]; test: TaggedSentence[] };
  emotions: { train: LabelledText[]; test: LabelledText[] };
  /** Intent label order (the NLU data's intent keys). */
  intentLabels: readonly string[];
}

export interface BundleMetrics {
  intent: { accuracy: number; macroF1: number; testSize: number; trainSize: number; seconds: number; report: ClassificationReport };
  slots: { f1: number; precision: number; recall: number; testSize: number; trainSize: number; seconds: number; report: SpanReport };
  emotion: { accuracy: number; macroF1: number; testSize: number; trainSize: number; seconds: number; report: ClassificationReport };
  /** Worst intent test examples (wrong, most confident first) for the designer's report. */
  worstIntentExamples: { text: string; gold: string; predicted: string; confidence: number }[];
}

export interface TrainedBundle {
  intent: TextClassifierModel;
  slots: SlotTaggerModel;
  emotion: TextClassifierModel;
  onnx: { intent: Uint8Array; slots: Uint8Array; emotion: Uint8Array };
  metrics: BundleMetrics;
}

/** Hyper-parameters of the shipped demo models (small: the corpus is small and serving must be fast). */
export const BUNDLE_HYPERPARAMS = {
  intent: { features: { buckets: 1 << 14, charNgrams: [1, 2] }, dim: 32, epochs: 25, learningRate: 0.2, calibrationShare: 0.15, refit: true },
  emotion: { features: { buckets: 1 << 14, charNgrams: [1, 2] }, dim: 32, epochs: 25, learningRate: 0.2, calibrationShare: 0.15, refit: true },
  slots: { features: { buckets: 1 << 14 }, epochs: 10, learningRate: 0.1 },
} as const;

export type ProgressFn = (stage: 'intent' | 'slots' | 'emotion' | 'evaluate', done: number, total: number) => void;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

type Stage = 'intent' | 'slots' | 'emotion' | 'evaluate';

/**
 * The training pipeline as a generator: it yields after each stage so an async caller (the queue job)
 * can report progress and let its event loop breathe; trainBundle runs it straight through.
 */
export function* bundleStages(data: BundleData, options: { seed?: number; onProgress?: ProgressFn } = {}): Generator<Stage, TrainedBundle> {
  const seed = options.seed ?? 42;
  const hp = BUNDLE_HYPERPARAMS;
  let t = now();
  const intent = trainTextClassifier(data.intents.train, {
    task: 'intent',
    ...hp.intent,
    features: { ...hp.intent.features, charNgrams: [...hp.intent.features.charNgrams] },
    seed,
    labels: data.intentLabels,
    onProgress: (_s, d, n) => options.onProgress?.('intent', d, n),
  });
  const intentSeconds = (now() - t) / 1000;
  yield 'intent';
  t = now();
  const slots = trainSlotTagger(data.slots.train, { ...hp.slots, seed, onProgress: (_s, d, n) => options.onProgress?.('slots', d, n) });
  const slotSeconds = (now() - t) / 1000;
  yield 'slots';
  t = now();
  const emotion = trainTextClassifier(data.emotions.train, {
    task: 'emotion',
    ...hp.emotion,
    features: { ...hp.emotion.features, charNgrams: [...hp.emotion.features.charNgrams] },
    seed,
    labels: EMOTIONS,
    onProgress: (_s, d, n) => options.onProgress?.('emotion', d, n),
  });
  const emotionSeconds = (now() - t) / 1000;
  yield 'emotion';
  options.onProgress?.('evaluate', 0, 1);

  const intentPreds = data.intents.test.map((d) => ({ d, p: classifyText(intent, d.text) }));
  const intentReport = classificationReport(
    intentPreds.map((x) => x.d.label),
    intentPreds.map((x) => x.p.label),
    intent.labels,
  );
  const worstIntentExamples = intentPreds
    .filter((x) => x.p.label !== x.d.label)
    .sort((a, b) => b.p.confidence - a.p.confidence)
    .slice(0, 20)
    .map((x) => ({ text: x.d.text, gold: x.d.label, predicted: x.p.label, confidence: Math.round(x.p.confidence * 1e4) / 1e4 }));
  const slotReport = spanReport(
    data.slots.test.map((s) => s.tags),
    data.slots.test.map((s) => tagTokens(slots, s.chars, s.hints)),
  );
  const emotionReport = classificationReport(
    data.emotions.test.map((d) => d.label),
    data.emotions.test.map((d) => classifyText(emotion, d.text).label),
    emotion.labels,
  );
  options.onProgress?.('evaluate', 1, 1);
  yield 'evaluate';
  return {
    intent,
    slots,
    emotion,
    onnx: { intent: exportClassifierOnnx(intent), slots: exportTaggerOnnx(slots), emotion: exportClassifierOnnx(emotion) },
    metrics: {
      intent: { accuracy: intentReport.accuracy, macroF1: intentReport.macroF1, testSize: data.intents.test.length, trainSize: data.intents.train.length, seconds: intentSeconds, report: intentReport },
      slots: { f1: slotReport.f1, precision: slotReport.precision, recall: slotReport.recall, testSize: data.slots.test.length, trainSize: data.slots.train.length, seconds: slotSeconds, report: slotReport },
      emotion: { accuracy: emotionReport.accuracy, macroF1: emotionReport.macroF1, testSize: data.emotions.test.length, trainSize: data.emotions.train.length, seconds: emotionSeconds, report: emotionReport },
      worstIntentExamples,
    },
  };
}

/** Trains intent, slots and emotion, evaluates them on their held-out sets, and exports ONNX. */
export function trainBundle(data: BundleData, options: { seed?: number; onProgress?: ProgressFn } = {}): TrainedBundle {
  const run = bundleStages(data, options);
  for (let step = run.next(); ; step = run.next()) if (step.done) return step.value;
}

/** Deterministic holdout of labelled texts (every k-th item per label), for bots without a test file. */
export function holdoutSplit<T extends { label: string }>(items: readonly T[], share = 0.15): { train: T[]; test: T[] } {
  const every = Math.max(2, Math.round(1 / share));
  const seen = new Map<string, number>();
  const train: T[] = [];
  const test: T[] = [];
  for (const item of items) {
    const n = (seen.get(item.label) ?? 0) + 1;
    seen.set(item.label, n);
    (n % every === 0 ? test : train).push(item);
  }
  return { train, test };
}

/** A stable fingerprint of the training data (sha-free: FNV over the canonical JSON, hex). */
export function bundleDataHash(data: BundleData): string {
  const json = JSON.stringify([data.intentLabels, data.intents, data.slots.train.map((s) => [s.chars.join(''), s.tags]), data.slots.test.map((s) => [s.chars.join(''), s.tags]), data.emotions]);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}-${json.length}`;
}

/** Intent training texts from the bot's NLU data: every example of every intent. */
export function intentExamplesOf(data: NluData): LabelledText[] {
  return data.intents.flatMap((i) => i.examples.map((text) => ({ text, label: i.key })));
}

/** Intents whose examples carry emotion by design; never used as neutral emotion examples. */
const EMOTIONAL_INTENTS = new Set(['complaint', 'request_human']);

/**
 * Everyday customer-service utterances as `neutral` emotion examples: the bot's intent examples in which
 * the emotion lexicon finds no cue. Without them the emotion model only sees emotional sentences and calls
 * "我要退款" or "120呢" angry; with them it learns what a plain request looks like in this domain.
 */
export function neutralEmotionExamples(data: NluData): LabelledText[] {
  const lexicon = createEmotionDetector();
  return data.intents
    .filter((i) => !EMOTIONAL_INTENTS.has(i.key))
    .flatMap((i) => i.examples)
    .filter((text) => lexicon.detect(text).label === 'neutral')
    .map((text) => ({ text, label: 'neutral' }));
}

/**
 * The emotion training set: the emotion corpus plus every lexicon-neutral domain utterance. Real traffic
 * is mostly neutral and a false "angry" hands a calm buyer to an urgent human queue, so the model gets the
 * realistic prior (it costs accuracy on the emotion-heavy test file; the served merge gets that back by
 * letting lexicon cues win).
 */
export function emotionTrainingSet(corpus: readonly LabelledText[], data: NluData): LabelledText[] {
  return [...corpus, ...neutralEmotionExamples(data)];
}

/** Intent label order: the NLU data's keys, with out_of_scope always present. */
export function intentLabelsOf(data: NluData): string[] {
  const keys = data.intents.map((i) => i.key);
  return keys.includes(OUT_OF_SCOPE_INTENT) ? keys : [...keys, OUT_OF_SCOPE_INTENT];
}

const pct = (x: number): number => Math.round(x * 10_000) / 100;

/** A version's evaluation as stored by the registry and metrics.json (scores 0–100; the designer's report). */
export function metricsReport(m: BundleMetrics, seconds: number): ModelMetrics {
  return {
    train_seconds: Math.round(seconds * 100) / 100,
    intent: {
      accuracy: pct(m.intent.accuracy),
      macro_f1: pct(m.intent.macroF1),
      train_size: m.intent.trainSize,
      test_size: m.intent.testSize,
      per_class: m.intent.report.perClass.filter((c) => c.support > 0).map((c) => ({ label: c.label, precision: pct(c.precision), recall: pct(c.recall), f1: pct(c.f1), support: c.support })),
      confusion: m.intent.report.confusion,
      worst: m.worstIntentExamples,
    },
    slots: {
      f1: pct(m.slots.f1),
      precision: pct(m.slots.precision),
      recall: pct(m.slots.recall),
      train_size: m.slots.trainSize,
      test_size: m.slots.testSize,
      per_type: m.slots.report.perType.map((t) => ({ type: t.type, precision: pct(t.precision), recall: pct(t.recall), f1: pct(t.f1), support: t.support })),
    },
    emotion: {
      accuracy: pct(m.emotion.accuracy),
      macro_f1: pct(m.emotion.macroF1),
      train_size: m.emotion.trainSize,
      test_size: m.emotion.testSize,
      recall: Object.fromEntries(m.emotion.report.perClass.filter((c) => c.support > 0).map((c) => [c.label, pct(c.recall)])),
      confusion: m.emotion.report.confusion,
    },
  };
}
