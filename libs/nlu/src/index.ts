export * from './text';
export * from './entities';
export * from './emotion';
export * from './baseline';
