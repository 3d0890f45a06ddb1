export * from './classification';
export * from './spans';
