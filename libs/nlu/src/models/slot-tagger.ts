import { type CharHints, DEFAULT_TAGGER_FEATURES, normalizeChars, type TaggerFeatureConfig, taggerFeatureIdsFromChars } from '../features';
import { extractChunks } from '../eval/spans';
import { crfEmissions, type CrfWeights, DEFAULT_CRF_TRAIN, trainCrf, viterbi } from './crf';

/** A trained character-level BIO slot tagger (CRF). */
export interface SlotTaggerModel {
  /** Tag set, "O" first, then B-/I- per slot type. */
  labels: string[];
  features: TaggerFeatureConfig;
  weights: CrfWeights;
}

export interface TaggedSentence {
  /** One token per position (characters for Chinese). */
  chars: readonly string[];
  tags: readonly string[];
  hints?: CharHints;
}

export interface SlotTaggerOptions {
  features?: Partial<TaggerFeatureConfig>;
  epochs?: number;
  learningRate?: number;
  seed?: number;
  labels?: readonly string[];
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** Normalises each dataset token the way serving normalises characters. */
export function normalizeTokens(tokens: readonly string[]): string[] {
  return tokens.map((t) => normalizeChars(t).join(''));
}

export function trainSlotTagger(data: readonly TaggedSentence[], options: SlotTaggerOptions = {}): SlotTaggerModel {
  const features: TaggerFeatureConfig = { ...DEFAULT_TAGGER_FEATURES, ...options.features };
  const labels = ['O', ...(options.labels ?? []).filter((l) => l !== 'O')];
  for (const s of data) for (const t of s.tags) if (!labels.includes(t)) labels.push(t);
  const index = new Map(labels.map((l, i) => [l, i]));
  const samples = data.map((s) => ({
    ids: taggerFeatureIdsFromChars(normalizeTokens(s.chars), features, s.hints),
    tags: Int32Array.from(s.tags, (t) => index.get(t)!),
  }));
  const epochs = options.epochs ?? DEFAULT_CRF_TRAIN.epochs;
  const weights = trainCrf(samples, labels.length, {
    buckets: features.buckets,
    width: features.width,
    epochs,
    learningRate: options.learningRate ?? DEFAULT_CRF_TRAIN.learningRate,
    seed: options.seed ?? DEFAULT_CRF_TRAIN.seed,
    onEpoch: (e) => options.onProgress?.('train', e, epochs),
  });
  return { labels, features, weights };
}

/** Tags for already tokenised input (datasets). */
export function tagTokens(model: SlotTaggerModel, chars: readonly string[], hints?: CharHints): string[] {
  const ids = taggerFeatureIdsFromChars(normalizeTokens(chars), model.features, hints);
  return decodeEmissions(model, crfEmissions(model.weights, ids));
}

/** Viterbi over emissions computed elsewhere (e.g. by the ONNX graph), mapped to tag strings. */
export function decodeEmissions(model: SlotTaggerModel, emissions: Float32Array): string[] {
  const path = viterbi(emissions, model.labels.length, model.weights.transitions, model.weights.start);
  return Array.from(path, (i) => model.labels[i]!);
}

export interface TaggedSpan {
  type: string;
  text: string;
  /** Offsets in UTF-16 code units of the original text. */
  start: number;
  end: number;
}

/** Spans of a tagged sentence mapped back onto the original text's UTF-16 offsets. */
export function spansFromTags(text: string, tags: readonly string[]): TaggedSpan[] {
  const offsets: number[] = [];
  let pos = 0;
  for (const ch of text) {
    offsets.push(pos);
    pos += ch.length;
  }
  offsets.push(pos);
  return extractChunks(tags).map((c) => ({
    type: c.type,
    start: offsets[c.start]!,
    end: offsets[c.end]!,
    text: text.slice(offsets[c.start]!, offsets[c.end]!),
  }));
}

export function tagText(model: SlotTaggerModel, text: string, hints?: CharHints): TaggedSpan[] {
  return spansFromTags(text, tagTokens(model, [...text], hints));
}
