import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BundleData, BundleMetrics } from '@zhishou/nlu';
import type { TrainWorkerMessage } from './train-worker';

export interface WorkerResult {
  onnx: { intent: Uint8Array; slots: Uint8Array; emotion: Uint8Array };
  metrics: BundleMetrics;
}

/**
 * A worker cannot load a .ts entry by itself (the --import loader flag is not applied to the entry on
 * Node 20): a tiny eval bootstrap registers tsx's ESM loader in the worker, then imports the entry.
 */
function bootstrap(): string {
  // tsx/esm/api resolves to its CommonJS build here; the worker needs the ESM build beside it.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./train-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/** Runs trainBundle in a worker thread (TypeScript through tsx's loader), reporting progress. */
export function trainInWorker(data: BundleData, onProgress: (stage: string, done: number, total: number) => void): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap(), { eval: true, workerData: data });
    let settled = false;
    worker.on('message', (msg: TrainWorkerMessage) => {
      if (msg.type === 'progress') onProgress(msg.stage, msg.done, msg.total);
      else {
        settled = true;
        resolve({ onnx: msg.onnx, metrics: msg.metrics });
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`training worker exited with code ${code} before finishing`));
    });
  });
}
