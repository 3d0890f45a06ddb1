import type { NluResult } from '@zhishou/flow-schema';

/** Injection token of the bot-aware NLU: baseline matcher now, ONNX models later, same port. */
export const INFERENCE = Symbol('INFERENCE');

export interface InferencePort {
  analyze(botKey: string, text: string, opts?: { image?: string }): Promise<NluResult>;
}
