export { createBaselineNlu, fuzzyKey, BASELINE_MODEL, type BaselineNlu, type BaselineOptions } from './baseline';
export { createExampleIndex, type ExampleIndex } from './example-index';
export { createTfidfIndex, type TfidfIndex } from './tfidf';
