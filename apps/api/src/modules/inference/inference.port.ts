import type { NluResult } from '@zhishou/flow-schema';

/** Injection token of the bot-aware NLU (baseline matcher merged with the bot's ONNX model). */
export const INFERENCE = Symbol('INFERENCE');

/**
 * The document versions NLU runs on: NLU data (kind "nlu") and trained model (kind "model"), as pinned
 * into a conversation when it started; null = none published. Without them, the live versions serve.
 */
export interface NluVersions {
  nlu: number | null;
  model: number | null;
}

export interface InferencePort {
  analyze(botKey: string, text: string, opts?: { image?: string; versions?: NluVersions }): Promise<NluResult>;
}
