export * from './flow-builder';
export * from './nlu-result';
export * from './ports';
