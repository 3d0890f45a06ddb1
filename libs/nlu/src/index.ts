export * from './text';
export * from './entities';
// Models (nlu-models): features, trainers, ONNX export, evaluation.
export * from './features';
export * from './models';
export * from './eval';
