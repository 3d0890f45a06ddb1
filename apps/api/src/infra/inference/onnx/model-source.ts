import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelBundle } from './onnx-nlu-models';

/** Where a bot's active model version comes from (the model registry, or the shipped files). */
export interface ModelSource {
  /** Id of the version that should serve the bot, or null for the baseline. Called often: keep it cheap. */
  activeVersion(bot: string): Promise<string | null>;
  load(bot: string, version: string): Promise<ModelBundle>;
  /** Optional: told when a bot's active version changes in this process. */
  onChange?(listener: (bot: string) => void): void;
}

export const MODEL_SOURCE = Symbol('MODEL_SOURCE');

export const MODEL_PARTS = ['intent', 'slots', 'emotion'] as const;

/** Reads `<dir>/{intent,slots,emotion}/model.onnx` (the layout `npm run train` writes). */
export async function readBundle(dir: string): Promise<ModelBundle> {
  const [intent, slots, emotion] = await Promise.all(MODEL_PARTS.map((p) => readFile(join(dir, p, 'model.onnx'))));
  return { intent: intent!, slots: slots!, emotion: emotion! };
}
