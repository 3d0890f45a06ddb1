import { OUT_OF_SCOPE_INTENT, type IntentScore, type NluData, type NluResult } from '@zhishou/flow-schema';
import { createEmotionDetector } from '../emotion';
import { createEntityExtractor } from '../entities';
import { createPhraseFinder } from '../entities/list';
import { foldText, matchKey } from '../text';
import { createExampleIndex } from './example-index';
import { createTfidfIndex } from './tfidf';

export interface BaselineNlu {
  analyze(text: string): NluResult;
}

export interface BaselineOptions {
  /** How many intents `intents` lists. */
  topK?: number;
}

export const BASELINE_MODEL = 'baseline';

// Scores are cosine similarities (0..1) plus keyword boosts. They become confidences by a softmax
// that spreads mass between close intents, times a sigmoid of the best raw score that says how
// close the utterance is to anything we know. Constants were tuned on models/xianyu/corpus/intent_test.tsv.
const KEYWORD_BOOST = 0.18;
const SHORT_KEYWORD_BOOST = 0.08;
const SOFTMAX_TEMPERATURE = 0.07;
const EVIDENCE_MIDPOINT = 0.3;
const EVIDENCE_SLOPE = 12;

/** Digits become one placeholder so "300包邮吗" is as close to "200包邮吗" as it should be. */
export function fuzzyKey(text: string): string {
  return matchKey(text).replace(/\d+(?:\.\d+)?/g, '#');
}

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
 * The model-free NLU: exact example match, else TF-IDF char-n-gram cosine to each intent's best
 * example plus keyword boosts; rule entities; lexicon emotion. All indices are built here, once.
 */
export function createBaselineNlu(data: NluData, options: BaselineOptions = {}): BaselineNlu {
  const topK = options.topK ?? 5;
  const intentKeys = data.intents.map((intent) => intent.key);
  const exampleIntent: number[] = [];
  const documents: string[] = [];
  data.intents.forEach((intent, intentIndex) => {
    for (const example of intent.examples) {
      documents.push(fuzzyKey(example));
      exampleIntent.push(intentIndex);
    }
  });
  const tfidf = createTfidfIndex(documents);
  const examples = createExampleIndex(data);
  const keywords = createPhraseFinder(
    data.intents.flatMap((intent, index) => intent.keywords.map((keyword) => ({ phrase: keyword, value: String(index) }))),
  );
  const entities = createEntityExtractor(data.slotTypes);
  const emotions = createEmotionDetector();
  const threshold = data.outOfScopeThreshold;

  function intentScores(text: string): Float64Array {
    const scores = new Float64Array(intentKeys.length);
    const similarities = tfidf.similarities(fuzzyKey(text));
    similarities.forEach((similarity, doc) => {
      const intent = exampleIntent[doc] as number;
      if (similarity > (scores[intent] as number)) scores[intent] = similarity;
    });
    const boosted = new Set<number>();
    for (const span of keywords(foldText(text))) {
      const intent = Number(span.value);
      if (boosted.has(intent)) continue;
      boosted.add(intent);
      scores[intent] = (scores[intent] as number) + (span.end - span.start >= 2 ? KEYWORD_BOOST : SHORT_KEYWORD_BOOST);
    }
    return scores;
  }

  function rank(text: string): IntentScore[] {
    if (intentKeys.length === 0) return [];
    const scores = intentScores(text);
    const best = Math.max(...scores);
    const evidence = sigmoid((best - EVIDENCE_MIDPOINT) * EVIDENCE_SLOPE);
    const shares = softmax(scores, SOFTMAX_TEMPERATURE);
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
