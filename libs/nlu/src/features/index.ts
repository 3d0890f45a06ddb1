export * from './hash';
export * from './normalize';
export * from './config';
export * from './classifier-features';
export * from './tagger-features';
