export * from './text';
export * from './entities';
export * from './emotion';
export * from './baseline';
// nlu-models: features, trainers, ONNX export/import, evaluation (keep these lines when editing).
export * from './features';
export * from './models';
export * from './eval';
export * from './onnx';
