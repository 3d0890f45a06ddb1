export * from './vocab';
export * from './model';
export * from './train';
export * from './baseline';
export * from './onnx';
