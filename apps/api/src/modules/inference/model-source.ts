import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelBundle } from '../../infra/inference/onnx-nlu-models';

/** Where a bot's model versions come from; the model cache asks it. */
export interface ModelSource {
  /** Id of the version that should serve the bot, or null for the baseline. Called often: keep it cheap. */
  activeVersion(bot: string): Promise<string | null>;
  load(bot: string, version: string): Promise<ModelBundle>;
  /** Optional: told when a bot's active version changes in this process. */
  onChange?(listener: (bot: string) => void): void;
}

export const MODEL_SOURCE = Symbol('MODEL_SOURCE');

export const MODEL_PARTS = ['intent', 'slots', 'emotion'] as const;

/** Trained models in the one versioning: kind "model", one document per bot (key "nlu"); its content names the artefact. */
export const MODEL_KIND = 'model';
export const MODEL_KEY = 'nlu';

/** Cache id of a stored artefact (a registry version number): `<bot>@v<n>`, immutable. */
export const modelIdOf = (bot: string, artefact: number): string => `${bot}@v${artefact}`;
export const artefactOf = (modelId: string): number => Number(modelId.slice(modelId.lastIndexOf('@v') + 2));

/** The store of trained artefacts (the model registry registers itself here, so inference imports no registry). */
export interface ModelArtefactStore {
  load(bot: string, artefact: number): Promise<ModelBundle>;
  /** Makes sure the bot's shipped models (models/<bot>/) are registered and released when it has none yet. */
  ensureReleased(bot: string): Promise<void>;
}

/** Holder of the artefact store; empty (baseline only) until the models module registers. */
export class ModelArtefacts {
  private store: ModelArtefactStore | null = null;
  register(store: ModelArtefactStore): void {
    this.store = store;
  }
  get(): ModelArtefactStore | null {
    return this.store;
  }
}

/** Reads `<dir>/{intent,slots,emotion}/model.onnx` (the layout `npm run train` writes). */
export async function readBundle(dir: string): Promise<ModelBundle> {
  const [intent, slots, emotion] = await Promise.all(MODEL_PARTS.map((p) => readFile(join(dir, p, 'model.onnx'))));
  return { intent: intent!, slots: slots!, emotion: emotion! };
}
