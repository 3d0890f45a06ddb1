export * from './embedding';
export * from './dense';
export * from './activation';
export * from './conv1d';
export * from './attention';
export * from './combine';
export * from './pool';
export * from './dropout';
