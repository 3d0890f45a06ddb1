import { OUT_OF_SCOPE_INTENT, type IntentScore, type NluData, type NluResult } from '@zhishou/flow-schema';
import { createEmotionDetector } from '../emotion';
import { createEntityExtractor } from '../entities';
import { createPhraseFinder } from '../entities/list';
import { canonicalizeSlang, foldText, matchKey } from '../text';
import { createExampleIndex } from './example-index';
import { createTfidfIndex } from './tfidf';

export interface BaselineNlu {
  analyze(text: string): NluResult;
}

/** Scoring constants; the defaults were chosen by 5-fold cross-validation on the demo examples (bench/nlu-baseline-tune.ts). */
export interface BaselineTuning {
  /** Added to an intent's score when one of its keywords (≥ 2 chars) occurs; half for 1-char keywords. */
  keywordBoost: number;
  /** Softmax temperature that spreads confidence between close intents. */
  temperature: number;
  /** Raw score at which the "known territory" factor is 0.5, and how steep it is. */
  evidenceMidpoint: number;
  evidenceSlope: number;
  /** Weight of the second-best example of an intent (several near examples beat one). */
  secondBestWeight: number;
  /** Weight, relative to the highest idf, of query n-grams never seen in any example. */
  unseenWeight: number;
  /** Weight of the cosine to the intent's profile (all its examples as one document) vs. its best example. */
  profileWeight: number;
}

export const DEFAULT_TUNING: BaselineTuning = {
  keywordBoost: 0.3,
  temperature: 0.02,
  evidenceMidpoint: 0.02,
  evidenceSlope: 16,
  secondBestWeight: 0.5,
  unseenWeight: 0.1,
  profileWeight: 0.85,
};

export interface BaselineOptions {
  /** How many intents `intents` lists. */
  topK?: number;
  tuning?: Partial<BaselineTuning>;
}

export const BASELINE_MODEL = 'baseline';

// Scores are cosine similarities (0..1) plus keyword boosts. They become confidences by a softmax
// that spreads mass between close intents, times a sigmoid of the best raw score that says how
// close the utterance is to anything we know.

/**
 * The similarity key: the match key with colloquial spellings standardised (咋 → 怎么) and digits as
 * one placeholder, so "300包邮吗" is as close to "200包邮吗" as it should be.
 */
export function fuzzyKey(text: string): string {
  return canonicalizeSlang(matchKey(text)).replace(/\d+(?:\.\d+)?/g, '#');
}

const PLACEHOLDER_ONLY = /^#*$/;

function softmax(values: Float64Array, temperature: number): Float64Array {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp((v - max) / temperature));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * The model-free NLU: exact example match, else TF-IDF char-n-gram cosine to each intent's examples
 * (best + second best) blended with its profile, plus keyword boosts; rule entities; lexicon emotion.
 * All indices are built here, once, so `analyze` costs tens of microseconds.
 */
export function createBaselineNlu(data: NluData, options: BaselineOptions = {}): BaselineNlu {
  const topK = options.topK ?? 5;
  const tuning: BaselineTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const intentKeys = data.intents.map((intent) => intent.key);
  const exampleOwners: number[] = [];
  const documents: string[] = [];
  data.intents.forEach((intent, intentIndex) => {
    for (const example of intent.examples) {
      const key = fuzzyKey(example);
      // "88" (bye) must not make every bare number look like a goodbye: placeholder-only examples
      // still match exactly, but carry no lexical evidence for the fuzzy path.
      if (PLACEHOLDER_ONLY.test(key)) continue;
      documents.push(key);
      exampleOwners.push(intentIndex);
    }
  });
  const exampleIntent = Int32Array.from(exampleOwners);
  const tfidf = createTfidfIndex(documents, { unseenWeight: tuning.unseenWeight });
  const profiles = createTfidfIndex(
    data.intents.map((intent) => intent.examples.map(fuzzyKey).join(' ')),
    { unseenWeight: tuning.unseenWeight },
  );
  const examples = createExampleIndex(data);
  const keywords = createPhraseFinder(
    data.intents.flatMap((intent, index) => intent.keywords.map((keyword) => ({ phrase: keyword, value: String(index) }))),
  );
  const entities = createEntityExtractor(data.slotTypes);
  const emotions = createEmotionDetector();
  const threshold = data.outOfScopeThreshold;

  function intentScores(text: string): Float64Array {
    const best = new Float64Array(intentKeys.length);
    const second = new Float64Array(intentKeys.length);
    const key = fuzzyKey(text);
    const similarities = tfidf.similarities(key);
    for (let doc = 0; doc < similarities.length; doc++) {
      const similarity = similarities[doc] as number;
      if (similarity === 0) continue;
      const intent = exampleIntent[doc] as number;
      if (similarity > (best[intent] as number)) {
        second[intent] = best[intent] as number;
        best[intent] = similarity;
      } else if (similarity > (second[intent] as number)) second[intent] = similarity;
    }
    const profile = tuning.profileWeight > 0 ? profiles.similarities(key) : new Float64Array(intentKeys.length);
    const scores = best.map((b, i) => {
      const example = (b + tuning.secondBestWeight * (second[i] as number)) / (1 + tuning.secondBestWeight);
      return (1 - tuning.profileWeight) * example + tuning.profileWeight * (profile[i] as number);
    });
    const boosted = new Set<number>();
    for (const span of keywords(foldText(text))) {
      const intent = Number(span.value);
      if (boosted.has(intent)) continue;
      boosted.add(intent);
      scores[intent] = (scores[intent] as number) + (span.end - span.start >= 2 ? tuning.keywordBoost : tuning.keywordBoost / 2);
    }
    return scores;
  }

  function rank(text: string): IntentScore[] {
    if (intentKeys.length === 0) return [];
    const scores = intentScores(text);
    const best = Math.max(...scores);
    const evidence = sigmoid((best - tuning.evidenceMidpoint) * tuning.evidenceSlope);
    const shares = softmax(scores, tuning.temperature);
    return intentKeys
      .map((intent, i) => ({ intent, confidence: round((shares[i] as number) * evidence), source: 'similarity' as const }))
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, topK);
  }

  function decide(text: string): { intent: IntentScore; intents: IntentScore[] } {
    const ranked = rank(text);
    const exact = examples.lookup(text);
    if (exact) {
      const intent: IntentScore = { intent: exact, confidence: 1, source: 'example' };
      return { intent, intents: [intent, ...ranked.filter((r) => r.intent !== exact)].slice(0, topK) };
    }
    const top = ranked[0];
    if (!top || top.confidence < threshold) {
      return { intent: { intent: OUT_OF_SCOPE_INTENT, confidence: round(1 - (top?.confidence ?? 0)), source: 'threshold' }, intents: ranked };
    }
    return { intent: top, intents: ranked };
  }

  return {
    analyze(text) {
      const { intent, intents } = decide(text);
      return { text, intent, intents, slots: entities.extract(text), emotion: emotions.detect(text), model: BASELINE_MODEL };
    },
  };
}
