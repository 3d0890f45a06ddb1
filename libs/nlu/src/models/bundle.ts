import { EMOTIONS, type NluData, OUT_OF_SCOPE_INTENT } from '@zhishou/flow-schema';
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

/** Trains intent, slots and emotion, evaluates them on their held-out sets, and exports ONNX. */
export function trainBundle(data: BundleData, options: { seed?: number; onProgress?: ProgressFn } = {}): TrainedBundle {
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
  t = now();
  const slots = trainSlotTagger(data.slots.train, { ...hp.slots, seed, onProgress: (_s, d, n) => options.onProgress?.('slots', d, n) });
  const slotSeconds = (now() - t) / 1000;
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

/** Intent training texts from the bot's NLU data: every example of every intent. */
export function intentExamplesOf(data: NluData): LabelledText[] {
  return data.intents.flatMap((i) => i.examples.map((text) => ({ text, label: i.key })));
}

/** Intent label order: the NLU data's keys, with out_of_scope always present. */
export function intentLabelsOf(data: NluData): string[] {
  const keys = data.intents.map((i) => i.key);
  return keys.includes(OUT_OF_SCOPE_INTENT) ? keys : [...keys, OUT_OF_SCOPE_INTENT];
}
