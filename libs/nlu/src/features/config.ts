/** How text becomes hashed feature ids; stored beside each model so serving builds the same ids. */
export interface ClassifierFeatureConfig {
  kind: 'classifier';
  buckets: number;
  /** Character n-gram orders to use, e.g. [1, 2, 3]. */
  charNgrams: number[];
  /** Whether word tokens (segmented by the caller, e.g. jieba) are added as features. */
  words: boolean;
  /** Word bigrams, only when words is true. */
  wordBigrams: boolean;
  /** Map every digit to 0 first, so "300包邮吗" and "250包邮吗" share n-grams (absent = false). */
  foldDigits?: boolean;
}

export interface TaggerFeatureConfig {
  kind: 'tagger';
  buckets: number;
  /** Window radius for character unigrams (±window). */
  window: number;
  /** Fixed number of feature slots per position (padded with bucket 0) — the ONNX input width. */
  width: number;
}

export const DEFAULT_CLASSIFIER_FEATURES: ClassifierFeatureConfig = {
  kind: 'classifier',
  buckets: 1 << 18,
  charNgrams: [1, 2, 3],
  words: false,
  wordBigrams: false,
};

export const DEFAULT_TAGGER_FEATURES: TaggerFeatureConfig = { kind: 'tagger', buckets: 1 << 19, window: 2, width: 16 };
