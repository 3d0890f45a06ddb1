export * from './operators/relative-time';
export * from './operators/text';
export * from './operators/numeric';
export * from './operators/existence';
export * from './condition/path';
export * from './condition/evaluator';
