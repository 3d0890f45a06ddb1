export * from './common';
export * from './condition';
export * from './nlu';
export * from './flow';
export * from './conversation';
export * from './auth';
