export { createBaselineNlu, fuzzyKey, BASELINE_MODEL, DEFAULT_TUNING, type BaselineNlu, type BaselineOptions, type BaselineTuning } from './baseline';
export { createExampleIndex, type ExampleIndex } from './example-index';
export { createTfidfIndex, type TfidfIndex, type TfidfOptions } from './tfidf';
