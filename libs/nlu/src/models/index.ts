export * from './rng';
export * from './classifier';
export * from './crf';
export * from './text-classifier';
export * from './slot-tagger';
export * from './merge';
export * from './bundle';
