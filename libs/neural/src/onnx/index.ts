export * from './proto';
export { GraphBuilder } from './graph';
