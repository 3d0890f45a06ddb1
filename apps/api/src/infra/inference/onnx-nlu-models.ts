import * as ort from 'onnxruntime-node';
import {
  type CharHints,
  classifierFeatureIds,
  type ClassifierPrediction,
  decodeEmissions,
  importClassifierOnnx,
  importTaggerOnnx,
  predictionFromProbs,
  type SlotTaggerModel,
  spansFromTags,
  type TaggedSpan,
  taggerFeatureIds,
  type TextClassifierModel,
} from '@zhishou/nlu';

/**
 * The graphs are tiny (a gather and a few small matmuls): one thread per session avoids thread-pool
 * hand-offs that cost more than the work and keeps three concurrent sessions from oversubscribing the CPU.
 */
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };

/** The three artefacts of one model version, as stored (files or registry rows). */
export interface ModelBundle {
  intent: Uint8Array;
  slots: Uint8Array;
  emotion: Uint8Array;
}

export class ModelLoadError extends Error {
  constructor(
    readonly part: string,
    cause: unknown,
  ) {
    super(`cannot load ${part} model: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ModelLoadError';
  }
}

/** One classifier graph in onnxruntime plus the metadata needed to build its input ids. */
export class OnnxClassifier {
  private constructor(
    readonly model: TextClassifierModel,
    private readonly session: ort.InferenceSession,
  ) {}

  static async load(bytes: Uint8Array, expectedTask: TextClassifierModel['task']): Promise<OnnxClassifier> {
    const model = importClassifierOnnx(bytes);
    if (model.task !== expectedTask) throw new Error(`expected a ${expectedTask} classifier, got ${model.task}`);
    const session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
    if (!session.inputNames.includes('ids') || !session.outputNames.includes('probs')) throw new Error('graph lacks the ids input or probs output');
    return new OnnxClassifier(model, session);
  }

  /** Calibrated probabilities in label order. */
  async probs(text: string, tokens?: readonly string[]): Promise<Float32Array> {
    const ids = classifierFeatureIds(text, this.model.features, tokens);
    const feeds = { ids: new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [1, ids.length]) };
    const out = await this.session.run(feeds, ['probs']);
    return out.probs!.data as Float32Array;
  }

  async logits(text: string): Promise<Float32Array> {
    const ids = classifierFeatureIds(text, this.model.features);
    const out = await this.session.run({ ids: new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [1, ids.length]) }, ['logits']);
    return out.logits!.data as Float32Array;
  }

  async predict(text: string): Promise<ClassifierPrediction> {
    return predictionFromProbs(this.model.labels, await this.probs(text));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** The CRF emission graph in onnxruntime; Viterbi runs in JS with the exported transitions. */
export class OnnxTagger {
  private constructor(
    readonly model: SlotTaggerModel,
    private readonly session: ort.InferenceSession,
  ) {}

  static async load(bytes: Uint8Array): Promise<OnnxTagger> {
    const model = importTaggerOnnx(bytes);
    const session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
    if (!session.inputNames.includes('ids') || !session.outputNames.includes('emissions')) throw new Error('graph lacks the ids input or emissions output');
    return new OnnxTagger(model, session);
  }

  async emissions(text: string, hints?: CharHints): Promise<Float32Array> {
    const { chars, ids } = taggerFeatureIds(text, this.model.features, hints);
    if (chars.length === 0) return new Float32Array(0);
    const feeds = { ids: new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), [chars.length, this.model.features.width]) };
    const out = await this.session.run(feeds, ['emissions']);
    return out.emissions!.data as Float32Array;
  }

  async tag(text: string, hints?: CharHints): Promise<TaggedSpan[]> {
    const emissions = await this.emissions(text, hints);
    if (emissions.length === 0) return [];
    return spansFromTags(text, decodeEmissions(this.model, emissions));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

export interface ModelAnalysis {
  intents: { label: string; confidence: number }[];
  slots: TaggedSpan[];
  emotion: { label: string; confidence: number };
}

/** One loaded model version: three sessions, created once and shared by every request. */
export class OnnxNluModels {
  private constructor(
    readonly version: string,
    readonly intent: OnnxClassifier,
    readonly slots: OnnxTagger,
    readonly emotion: OnnxClassifier,
  ) {}

  /** Loads all three parts or none: a corrupt or mismatched part fails with a ModelLoadError. */
  static async load(version: string, bundle: ModelBundle): Promise<OnnxNluModels> {
    const loaded: { release(): Promise<void> }[] = [];
    const part = async <T extends { release(): Promise<void> }>(name: string, fn: () => Promise<T>): Promise<T> => {
      try {
        const value = await fn();
        loaded.push(value);
        return value;
      } catch (e) {
        await Promise.all(loaded.map((l) => l.release()));
        throw new ModelLoadError(`${version}/${name}`, e);
      }
    };
    const intent = await part('intent', () => OnnxClassifier.load(bundle.intent, 'intent'));
    const slots = await part('slots', () => OnnxTagger.load(bundle.slots));
    const emotion = await part('emotion', () => OnnxClassifier.load(bundle.emotion, 'emotion'));
    return new OnnxNluModels(version, intent, slots, emotion);
  }

  async analyze(text: string, hints?: CharHints): Promise<ModelAnalysis> {
    const [intentProbs, slots, emotionProbs] = await Promise.all([this.intent.probs(text), this.slots.tag(text, hints), this.emotion.probs(text)]);
    const intents = predictionFromProbs(this.intent.model.labels, intentProbs).ranked;
    const emotion = predictionFromProbs(this.emotion.model.labels, emotionProbs);
    return { intents, slots, emotion: { label: emotion.label, confidence: emotion.confidence } };
  }

  async release(): Promise<void> {
    await Promise.all([this.intent.release(), this.slots.release(), this.emotion.release()]);
  }
}
