export { exportClassifierOnnx, exportTaggerOnnx, importClassifierOnnx, importTaggerOnnx } from './export';
export { decodeModel, ZHISHOU_FORMAT, OPSET } from './proto';
