/**
 * Worker-thread entry of the nlu.train job: training is CPU-bound for seconds, so it runs off the
 * event loop that serves chat turns and jobs. Messages: progress per epoch, then the ONNX bytes + metrics.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type BundleData, trainBundle } from '@zhishou/nlu';

export type TrainWorkerMessage =
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'done'; onnx: { intent: Uint8Array; slots: Uint8Array; emotion: Uint8Array }; metrics: ReturnType<typeof trainBundle>['metrics'] };

const port = parentPort;
if (port) {
  const bundle = trainBundle(workerData as BundleData, {
    onProgress: (stage, done, total) => port.postMessage({ type: 'progress', stage, done, total } satisfies TrainWorkerMessage),
  });
  port.postMessage({ type: 'done', onnx: bundle.onnx, metrics: bundle.metrics } satisfies TrainWorkerMessage);
}
